'use strict';

const { SimError } = require('../lib/errors');
const { bracketGroup } = require('../lib/query');
const S = require('./serialize');

/**
 * Persona's Events API (`GET /events`, `GET /events/:id`): every event the simulator emits
 * (case changes, `sendEvent`, anything registered through `emit`), newest first, cursor pages,
 * `filter[name]` (comma list), `filter[object-id]`, `filter[id]`.
 *
 * Variants (start option `eventsOptions`, `control.setEventsOptions`, HTTP
 * `GET|POST /__control/persona/events-options`; `reset()` restores the start-up ones):
 * - `permission: false` — the API key lacks the permission to read events: 403 (Persona's keys
 *   carry per-object permissions; the exact name for events is a simulator choice: `event.read`).
 * - `unknownNames: 'refuse'` (default) — a `filter[name]` entry that is no Persona event name is
 *   a 400 pointing at `filter[name]` (simulator choice: Persona's answer is not documented);
 *   `'ignore'` — such names simply match nothing.
 * - `nameFilter: 'ignored'` — `filter[name]` is accepted and not applied: every event is listed
 *   (a Persona that does not filter by name; clients must filter themselves). Default `'applied'`.
 */

/** Event names the simulator accepts in `filter[name]` (Persona's documented ones; it adds more over time). */
const KNOWN_EVENT_NAMES = [
	...['assigned', 'created', 'exported', 'queue-updated', 'redacted', 'reopened', 'resolved', 'sla-expired', 'status-updated', 'updated', 'updated-fields', 'updated-tags', 'print-initiated'].map((a) => `case.${a}`),
	'case-comment.created',
	'case-message.received',
	'case-message.sent',
	'case-template.deleted-field',
	...['approved', 'completed', 'created', 'declined', 'expired', 'failed', 'marked-for-review', 'started', 'transitioned', 'redacted'].map((a) => `inquiry.${a}`),
	...['archived', 'consolidated', 'created', 'redacted', 'restored', 'status-updated', 'tag-added', 'tag-removed', 'updated-fields', 'updated-tags'].map((a) => `account.${a}`),
	...['adverse-media', 'politically-exposed-person', 'watchlist', 'address-lookup', 'phone-number', 'email-address'].flatMap((t) => ['ready', 'matched', 'errored'].map((a) => `report/${t}.${a}`)),
];

const DEFAULT_EVENTS_OPTIONS = { permission: true, unknownNames: 'refuse', nameFilter: 'applied' };

/** Validates events-API variants on top of `base`; throws TypeError (a 400 on the control API). */
function eventsOptionsFrom(input = {}, base = DEFAULT_EVENTS_OPTIONS) {
	if (!input || typeof input !== 'object' || Array.isArray(input)) throw new TypeError('events options must be an object');
	const out = { ...base };
	for (const [key, value] of Object.entries(input)) {
		if (key === 'permission') {
			if (typeof value !== 'boolean') throw new TypeError('permission must be a boolean');
			out.permission = value;
		} else if (key === 'unknownNames') {
			if (!['refuse', 'ignore'].includes(value)) throw new TypeError('unknownNames must be refuse or ignore');
			out.unknownNames = value;
		} else if (key === 'nameFilter') {
			if (!['applied', 'ignored'].includes(value)) throw new TypeError('nameFilter must be applied or ignored');
			out.nameFilter = value;
		} else throw new TypeError(`unknown events option ${key}`);
	}
	return out;
}

/**
 * Registers the routes on a Persona simulator.
 * @param {{ api: Function, sim: any, getState: () => any, paginate: Function, pageLinks: Function, readPage: Function, options?: object }} o
 */
function registerEventRoutes(o) {
	const { api, sim, getState, paginate, pageLinks, readPage } = o;
	const startOptions = eventsOptionsFrom(o.options || {});
	let options = startOptions;
	const badParameter = (details, parameter) => new SimError(400, 'Bad Request', details, { parameter });
	const forbidden = () => new SimError(403, 'Forbidden', 'API key does not have the required permission: event.read');
	const notFound = (details) => new SimError(404, 'Record not found', details);

	api('GET', '/events', (ctx) => {
		if (!options.permission) throw forbidden();
		const state = getState();
		const page = readPage(ctx.query);
		const filters = bracketGroup(ctx.query, 'filter');
		for (const key of Object.keys(filters)) {
			if (!['name', 'object-id', 'id'].includes(key)) throw badParameter(`filter[${key}] is not a permitted filter`, `filter[${key}]`);
		}
		const list = (v) => (v === undefined ? null : String(v).split(',').map((s) => s.trim()).filter(Boolean));
		const requested = list(filters.name);
		const names = options.nameFilter === 'ignored' ? null : requested;
		const unknown = (requested || []).filter((n) => !KNOWN_EVENT_NAMES.includes(n));
		if (unknown.length && options.unknownNames === 'refuse') {
			throw badParameter(`filter[name] contains an unknown event name: ${unknown.join(', ')}`, 'filter[name]');
		}
		const objectIds = list(filters['object-id']);
		const ids = list(filters.id);
		const compare = (a, b) => (a.createdAt !== b.createdAt ? (a.createdAt < b.createdAt ? 1 : -1) : a.id === b.id ? 0 : a.id < b.id ? 1 : -1);
		const items = [...state.events]
			.filter((e) => (!names || names.includes(e.name)) && (!objectIds || objectIds.includes(e.objectId)) && (!ids || ids.includes(e.id)))
			.sort(compare);
		const result = paginate(items, compare, page, (id) => state.events.find((e) => e.id === id));
		return { doc: { data: result.slice.map(S.eventResource), links: pageLinks(ctx, '/events', page, result) } };
	});

	api('GET', '/events/:eventId', (ctx) => {
		if (!options.permission) throw forbidden();
		const e = getState().events.find((x) => x.id === ctx.params.eventId);
		if (!e) throw notFound(`Could not find event with id ${ctx.params.eventId}`);
		return { doc: { data: S.eventResource(e) } };
	});

	const setEventsOptions = (input) => {
		options = eventsOptionsFrom(input || {}, options);
		return { ...options };
	};
	sim.controlRoute('GET', '/persona/events-options', () => ({ ...options }));
	sim.controlRoute('POST', '/persona/events-options', ({ body }) => setEventsOptions(body || {}));
	return {
		eventsOptions: () => ({ ...options }),
		/** e.g. `{ permission: false }`, `{ unknownNames: 'ignore' }`, `{ nameFilter: 'ignored' }` */
		setEventsOptions,
		/** Back to the start-up variant (on `reset()`). */
		resetEventsOptions: () => {
			options = startOptions;
		},
	};
}

module.exports = { registerEventRoutes, KNOWN_EVENT_NAMES, eventsOptionsFrom };
