'use strict';

const crypto = require('node:crypto');
const { SimError } = require('../lib/errors');
const { clone } = require('../lib/util');

/**
 * Certn's account directory: groups, packages and users (/work/shared/vendors/certn.md §4, §5.8).
 * `GET /groups/` is documented by Certn [H]; `/packages/` [M] and `/users/` [L] follow public
 * integrations, as do the filters: groups `id`, `is_active`, `name`, `parent_id`; packages
 * `is_active`, `permissible_purposes`; users `email`, `full_name`, `group`, `id`, `is_active`, `role`.
 * Text filters match case-insensitively on a part of the value (simulator choice: django-filter's
 * `icontains`; Certn does not say). Packages have no documented name filter: clients search locally.
 *
 * Variants (options / `configure`):
 * - `directoryPageSize: n` — pages hold at most n items whatever `page_size` asked (a server cap).
 * - `directorySearch: 'ignored'` — the text filters are ignored (an account where they do not exist).
 * - `directoryDenied: ['groups' | 'packages' | 'users']` — 403 for a key without that permission.
 * - `directoryExtra: n` — n more groups ("Branch 01"…) and users, so pickers have pages to walk
 *   (seeded with the rest by seed.js, so orders and filters know them too).
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const asList = (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const first = (v) => (v === undefined ? undefined : String(asList(v)[0]));

function invalid(attr, detail, code = 'invalid') {
	return new SimError(400, 'Validation error', detail, { code, attr });
}

/** `true` / `false` as DRF's BooleanFilter reads them; anything else is a 400 naming the filter. */
function readBoolean(query, attr) {
	const raw = first(query[attr]);
	if (raw === undefined) return undefined;
	if (['true', 'True', '1'].includes(raw)) return true;
	if (['false', 'False', '0'].includes(raw)) return false;
	throw invalid(attr, 'Enter a valid boolean.');
}

function readUuid(query, attr) {
	const raw = first(query[attr]);
	if (raw === undefined) return undefined;
	if (!UUID.test(raw)) throw invalid(attr, `“${raw}” is not a valid UUID.`);
	return raw.toLowerCase();
}

const contains = (value, needle) => needle === undefined || String(value ?? '').toLowerCase().includes(needle.toLowerCase());

/**
 * Registers the directory endpoints.
 * @param {{ api: Function, paged: Function, getState: () => any, config: Record<string, any> }} o
 */
function registerDirectory({ api, paged, getState, config }) {
	const KNOWN = {
		groups: ['id', 'is_active', 'name', 'parent_id'],
		packages: ['is_active', 'permissible_purposes'],
		users: ['email', 'full_name', 'group', 'id', 'is_active', 'role'],
	};

	/** The permission check, the server's own page-size cap, then the page as usual. */
	function list(kind, ctx, items) {
		deny(kind);
		for (const key of Object.keys(ctx.query)) if (!['page', 'page_size', ...KNOWN[kind]].includes(key)) ctx.warn(`unknown query parameter ${key} ignored`);
		const cap = config.directoryPageSize;
		if (cap && ctx.query.page_size !== undefined && Number(first(ctx.query.page_size)) > cap) ctx.query.page_size = String(cap);
		else if (cap && ctx.query.page_size === undefined) ctx.query.page_size = String(Math.min(cap, 10));
		return { status: 200, body: paged(ctx, items, clone) };
	}

	function deny(kind) {
		if ((config.directoryDenied || []).includes(kind))
			throw new SimError(403, 'Forbidden', 'You do not have permission to perform this action.', { code: 'permission_denied' });
	}

	const searching = () => config.directorySearch !== 'ignored';

	function getOne(kind, collection, id) {
		deny(kind);
		const item = UUID.test(id) ? collection.find((x) => x.id === id.toLowerCase()) : undefined;
		if (!item) throw new SimError(404, 'Not Found', 'Not found.', { code: 'not_found' });
		return { status: 200, body: clone(item) };
	}

	api('GET', '/groups', (ctx) => {
		const q = ctx.query;
		const id = readUuid(q, 'id');
		const parent = readUuid(q, 'parent_id');
		const active = readBoolean(q, 'is_active');
		const name = searching() ? first(q.name) : undefined;
		const items = getState().groups.filter(
			(g) => (id === undefined || g.id === id) && (parent === undefined || g.parent_id === parent) && (active === undefined || g.is_active === active) && contains(g.name, name),
		);
		return list('groups', ctx, items);
	});
	api('GET', '/groups/:groupId', (ctx) => getOne('groups', getState().groups, ctx.params.groupId));

	api('GET', '/packages', (ctx) => {
		const active = readBoolean(ctx.query, 'is_active');
		const purposes = asList(ctx.query.permissible_purposes).map(String);
		const items = getState().packages.filter(
			(p) => (active === undefined || p.is_active === active) && (!purposes.length || p.permissible_purposes.some((x) => purposes.includes(x))),
		);
		return list('packages', ctx, items);
	});
	api('GET', '/packages/:packageId', (ctx) => getOne('packages', getState().packages, ctx.params.packageId));

	api('GET', '/users', (ctx) => {
		const q = ctx.query;
		const id = readUuid(q, 'id');
		const group = readUuid(q, 'group');
		const active = readBoolean(q, 'is_active');
		const email = searching() ? first(q.email) : undefined;
		const fullName = searching() ? first(q.full_name) : undefined;
		const role = first(q.role);
		const items = getState().users.filter(
			(u) =>
				(id === undefined || u.id === id) &&
				(group === undefined || (u.groups || []).includes(group)) &&
				(active === undefined || u.is_active === active) &&
				(role === undefined || u.role === role) &&
				contains(u.email, email) &&
				contains(u.full_name, fullName),
		);
		return list('users', ctx, items);
	});
	api('GET', '/users/:userId', (ctx) => getOne('users', getState().users, ctx.params.userId));
}

/** Reproducible ids for the extra entries (the same after every reset of one seed). */
const extraUuid = (state, kind, n) => {
	const h = crypto.createHash('sha256').update(`certn:${state.seed}:${kind}:${n}`).digest('hex');
	return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
};

/** `extra` more groups and users named in order ("Branch 07"), after the seeded ones. */
function growDirectory(state, extra) {
	for (let n = 1; n <= extra; n++) {
		const label = String(n).padStart(2, '0');
		state.groups.push({ id: extraUuid(state, 'group', n), short_id: `CG_CA_BRANCH${label}XXXX`, parent_id: state.groups[0].id, name: `Branch ${label}`, is_active: true });
		state.users.push({ id: extraUuid(state, 'user', n), email: `branch.${label}@example.com`, full_name: `Branch User ${label}`, is_active: true, role: 'USER', groups: [] });
	}
}

module.exports = { registerDirectory, growDirectory };
