'use strict';

const crypto = require('node:crypto');
const { createSimulatorServer } = require('./lib/server');
const { SimError } = require('./lib/errors');
const { bracketGroup } = require('./lib/query');
const { inflectKey } = require('./lib/inflect');
const { canonicalJson, randomId, clone } = require('./lib/util');
const { createPersonaState, compareCasesNewestFirst } = require('./persona/seed');
const S = require('./persona/serialize');
const { compileQuery, compileSort, isEndStatus, searchSettings } = require('./persona/search');
const P = require('./persona/paging');
const { registerPersonaObjects } = require('./persona/routes');
const { registerEventRoutes } = require('./persona/events');

/**
 * Persona (withpersona.com) Cases + Webhooks API simulator, following
 * /work/shared/vendors/persona.md. Behaviour the vendor does not document is marked
 * "simulator choice" in comments; it errs on the strict side so client bugs surface in tests.
 */

const BASE_PATH = '/api/v1';
const DEFAULT_API_KEY = 'persona_sandbox_simulator_key';
const DEFAULT_VERSION = '2025-12-08';
const CASE_FILTERS = ['status', 'case-template-id', 'account-id', 'reference-id', 'inquiry-id', 'report-id'];
const CREATE_ATTRIBUTES = ['case-template-id', 'creator-email-address', 'case-queue-id', 'fields'];
const UPDATE_ATTRIBUTES = ['fields', 'case-queue-id', 'attachments'];
/** Attributes that have their own action endpoint; PATCHing them is a client bug worth a 400. */
const ACTION_ATTRIBUTES = {
	status: 'POST /cases/{case-id}/set-status',
	'assignee-id': 'POST /cases/{case-id}/assign',
	tags: 'POST /cases/{case-id}/add-tag, remove-tag or set-tags',
	'case-template-id': 'nothing (the template of a case is fixed)',
	name: 'nothing (case names are generated)',
	resolution: 'POST /cases/{case-id}/set-status',
};
const WEBHOOK_ATTRIBUTES = [
	'name',
	'description',
	'url',
	'enabled-events',
	'api-version',
	'api-key-inflection',
	'api-attributes-blocklist',
	'file-access-token-expires-in',
	'payload-filter',
	'included-allowlist',
	'relationship-allowlist',
	'custom-http-headers',
];
const MAX_SLA_SECONDS = 90 * 24 * 3600;
const MAX_TAGS = 1000;
const DAY_MS = 24 * 3600 * 1000;

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const badRequest = (details, pointer) => new SimError(400, 'Bad Request', details, pointer ? { pointer } : {});
const badParameter = (details, parameter) => new SimError(400, 'Bad Request', details, { parameter });
const notFound = (details) => new SimError(404, 'Record not found', details);
const unprocessable = (details, pointer) => new SimError(422, 'Unprocessable entity', details, pointer ? { pointer } : {});

/**
 * @typedef {Object} PersonaSimulatorOptions
 * @property {number} [port] default 0 (any free port)
 * @property {string} [host] default 127.0.0.1
 * @property {number | string} [seed] default 1
 * @property {number} [caseCount] seeded cases, default 300
 * @property {string | number | Date} [anchor] seeded timestamps count back from here (default today 00:00 UTC)
 * @property {string[]} [apiKeys] valid bearer keys, default ['persona_sandbox_simulator_key']
 * @property {string[]} [users] extra dashboard users (emails) that cases can be assigned to
 * @property {{ limit?: number, windowMs?: number }} [rateLimit] default 300 per 60000 ms
 * @property {() => number} [clock] time source of the rate-limit window (default Date.now)
 * @property {boolean} [retryAfterHeader] send Retry-After on 429 (Persona does not document it)
 * @property {string} [defaultVersion] Persona-Version used when the header is absent (2025-12-08)
 * @property {'kebab' | 'camel' | 'snake'} [defaultKeyInflection] when Key-Inflection is absent (kebab)
 * @property {number} [idempotencyTtlMs] default 24 h
 * @property {{ maxAttempts?: number, retryDelaysMs?: number[], timeoutMs?: number }} [webhookDelivery]
 *   default 4 attempts, backoff 100/300/900 ms, 5 s timeout
 * @property {Partial<import('./persona/paging').PersonaPagingSettings>} [paging] list-page variants:
 *   `{ nextLinks: 'full' | 'cursor-only', shortPages: boolean | number, linkOrigin: null | 'self' | origin }`
 *   (default full relative links, full pages); change later with `control.setPaging`
 * @property {any} [search] search variants `{ rejectRanges, beforeSearch }` (see ./persona/search);
 *   change later with `control.setSearch`
 * @property {{ permission?: boolean, unknownNames?: 'refuse' | 'ignore' }} [eventsOptions] Events API variants
 *   (see ./persona/events); change later with `control.setEventsOptions`
 * @property {Partial<PersonaWebhookOptions>} [webhookOptions] webhook API variants (see below);
 *   change later with `control.setWebhookOptions`
 * @property {Partial<import('./persona/routes').PersonaObjectOptions>} [objectOptions] inquiry/account/report
 *   variants (`{ printUnavailable: 'error' | 'empty' }`); change later with `control.setObjectOptions`
 */

/**
 * Webhook API variants for client robustness tests (`reset()` restores the start-up ones).
 * @typedef {Object} PersonaWebhookOptions
 * @property {boolean} enableAnswerWithoutSecrets `POST /webhooks/{id}/enable` answers the webhook
 *   without `secret`/`secrets` (the plain webhook resource, as `GET /webhooks` items are); the
 *   webhook keeps its secrets and the single read still returns them. Default false.
 * @property {boolean} readAnswerWithoutSecrets `GET /webhooks/{id}` answers without secrets too
 *   (a read that does not expose them). Default false.
 * @property {string[]} refusedEvents event names `POST`/`PATCH /webhooks` refuse with a 422 whose
 *   `source.pointer` is `/data/attributes/enabled-events/<index>` (e.g. events the account or API
 *   version does not offer). Default none.
 */

/**
 * @typedef {Object} SendEventOptions
 * @property {string} caseId
 * @property {string} [objectId] an inquiry, account or report (`inq_`, `act_`, `rep_`) to send the
 *   event about instead of a case
 * @property {string} name event name, e.g. `case.status-updated`
 * @property {boolean} [forged] sign with a wrong secret
 * @property {string} [webhookId] deliver to this webhook only (whatever its status/events)
 * @property {string} [url] deliver to this URL instead of a registered webhook (signed with
 *   `secretOverride`, unsigned without)
 * @property {string} [secretOverride] sign with this secret instead of the webhook's secrets
 * @property {number} [timestampOffsetSeconds] shift the signature's `t` (e.g. -3600 = stale)
 * @property {number} [duplicateTimes] deliver the same event (same `evt_` id) this many times
 * @property {Record<string, any>} [context] event `context`
 * @property {'kebab' | 'camel' | 'snake'} [inflection] with `url`: payload key casing
 */

/**
 * Starts a Persona simulator.
 * @param {PersonaSimulatorOptions} [options]
 */
async function startPersonaSimulator(options = {}) {
	const config = {
		seed: options.seed ?? 1,
		caseCount: options.caseCount ?? 300,
		anchor: options.anchor,
		users: options.users,
		apiKeys: options.apiKeys && options.apiKeys.length ? [...options.apiKeys] : [DEFAULT_API_KEY],
		version: options.defaultVersion ?? DEFAULT_VERSION,
		keyInflection: options.defaultKeyInflection ?? 'kebab',
		idempotencyTtlMs: options.idempotencyTtlMs ?? DAY_MS,
	};
	/** API-key ids stand in for the key in records (`creator-id`, idempotency scope); never the key. */
	const keyIds = new Map(config.apiKeys.map((k) => [k, `api_${crypto.createHash('sha256').update(k).digest('hex').slice(0, 16)}`]));

	let state = createPersonaState(config);
	const startPaging = P.pagingSettings(options.paging || {});
	let paging = startPaging;
	const startSearch = searchSettings(options.search || {});
	let search = startSearch;
	/** @returns {PersonaWebhookOptions} */
	const webhookOptionsFrom = (/** @type {any} */ o = {}, /** @type {PersonaWebhookOptions} */ base = { enableAnswerWithoutSecrets: false, readAnswerWithoutSecrets: false, refusedEvents: [] }) => {
		const next = { ...base, refusedEvents: [...base.refusedEvents] };
		for (const [key, value] of Object.entries(o || {})) {
			if (key === 'enableAnswerWithoutSecrets' || key === 'readAnswerWithoutSecrets') {
				if (typeof value !== 'boolean') throw new TypeError(`${key} must be a boolean`);
				next[key] = value;
			} else if (key === 'refusedEvents') {
				if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) throw new TypeError('refusedEvents must be an array of event names');
				next.refusedEvents = [...value];
			} else {
				throw new TypeError(`unknown webhook option ${key}`);
			}
		}
		return next;
	};
	const startWebhookOptions = webhookOptionsFrom(options.webhookOptions);
	let webhookOptions = startWebhookOptions;
	let lastNow = 0;
	/** Monotonic clock, so cases created in the same millisecond still order newest first. */
	const nowMs = () => (lastNow = Math.max(Date.now(), lastNow + 1));
	const nowIso = () => new Date(nowMs()).toISOString();

	const sim = createSimulatorServer({
		vendor: 'persona',
		host: options.host,
		port: options.port,
		requestIdHeader: 'Request-Id',
		errorBody: (status, title, details, extra) => {
			/** @type {Record<string, any>} */
			const error = { title, details: details ?? title };
			if (extra.pointer) error.source = { pointer: extra.pointer };
			else if (extra.parameter) error.source = { parameter: extra.parameter };
			return { errors: [error] };
		},
		authenticate: (ctx) => {
			const match = /^Bearer\s+(.+)$/i.exec(String(ctx.headers.authorization || ''));
			const keyId = match ? keyIds.get(match[1].trim()) : undefined;
			if (!keyId) return { ok: false, error: new SimError(401, 'Unauthorized', 'Must be authenticated to access this endpoint') };
			return { ok: true, principal: { keyId } };
		},
		rateLimit: {
			limit: options.rateLimit?.limit ?? 300,
			windowMs: options.rateLimit?.windowMs ?? 60_000,
			retryAfterHeader: options.retryAfterHeader ?? false,
			// Tests that run the client on a virtual clock pass it here so both windows agree.
			...(options.clock ? { now: options.clock } : {}),
			error: ({ limit, windowMs }) => ({
				title: 'Rate limit exceeded',
				details: `You have hit your rate limit of ${limit} requests / ${windowMs === 60_000 ? 'min' : `${windowMs} ms`}. Please slow down.`,
			}),
		},
		logHeaders: ['idempotency-key', 'persona-version', 'key-inflection', 'content-type', 'accept', 'user-agent'],
		webhooks: { maxAttempts: 4, retryDelaysMs: [100, 300, 900], timeoutMs: 5000, ...(options.webhookDelivery || {}) },
		onReset: (o) => {
			paging = startPaging;
			search = startSearch;
			webhookOptions = startWebhookOptions;
			if (eventsApi) eventsApi.resetEventsOptions();
			state = createPersonaState({
				...config,
				...(o.seed !== undefined ? { seed: o.seed } : {}),
				...(o.caseCount !== undefined ? { caseCount: o.caseCount } : {}),
				...(o.anchor !== undefined ? { anchor: o.anchor } : {}),
			});
		},
	});

	// ---------------------------------------------------------------- request plumbing

	/**
	 * Per-request Persona settings from headers, plus the body normalised to kebab-case.
	 * @param {import('./lib/server').RequestContext} ctx
	 */
	function personaRequest(ctx) {
		const inflectionHeader = header(ctx, 'key-inflection');
		const inflection = inflectionHeader === undefined ? config.keyInflection : inflectionHeader.trim().toLowerCase();
		// Simulator choice: Persona's enum is camel/kebab/snake; reject anything else loudly
		// (a community client sends `snake_case`, which is not valid).
		if (!S.INFLECTIONS.includes(inflection)) throw badRequest(`Key-Inflection must be one of ${S.INFLECTIONS.join(', ')}`);
		const versionHeader = header(ctx, 'persona-version');
		const version = versionHeader === undefined ? config.version : versionHeader.trim();
		if (!S.API_VERSIONS.includes(version)) throw badRequest(`Persona-Version must be one of ${S.API_VERSIONS.join(', ')}`);
		return {
			inflection,
			version,
			modern: S.isModern(version),
			body: ctx.body === undefined ? undefined : S.normalizeInput(ctx.body),
			actor: { id: /** @type {string} */ (ctx.principal.keyId), type: 'api-key' },
		};
	}

	function header(ctx, name) {
		const v = ctx.headers[name];
		return Array.isArray(v) ? v[0] : v;
	}

	/**
	 * @typedef {ReturnType<typeof personaRequest>} PersonaRequest
	 * @typedef {(ctx: import('./lib/server').RequestContext, p: PersonaRequest) => { status?: number, doc: any }} PersonaHandler
	 */

	/**
	 * Registers a Persona endpoint under /api/v1. Handlers return a kebab-case document; it is
	 * inflected here. POSTs honour Idempotency-Key.
	 * @param {string} method
	 * @param {string} pattern
	 * @param {PersonaHandler} handler
	 */
	function api(method, pattern, handler) {
		sim.route(method, BASE_PATH + pattern, (ctx) => {
			const p = personaRequest(ctx);
			if (method === 'POST' && header(ctx, 'idempotency-key') !== undefined) return withIdempotency(ctx, p, handler);
			return execute(ctx, p, handler);
		});
	}

	/** Runs a handler and serialises its result or its error (errors must be storable for replay). */
	function execute(ctx, p, handler) {
		try {
			const { status = 200, doc } = handler(ctx, p);
			return { status, body: JSON.stringify(S.render(doc, p)), headers: {} };
		} catch (err) {
			let error = err;
			if (!(err instanceof SimError)) {
				ctx.logEntry.error = err && err.stack ? err.stack : String(err);
				error = new SimError(500, 'Internal Server Error', 'Unexpected simulator error');
			}
			const r = sim.errorResponse(error);
			return { status: r.status, body: JSON.stringify(r.body), headers: r.headers };
		}
	}

	/**
	 * Persona stores the first response per key (errors and 500s included) and replays it; the
	 * same key with different parameters is an error. 401/429/faults happen before this layer,
	 * so retrying after those really runs the request.
	 */
	function withIdempotency(ctx, p, handler) {
		const key = String(header(ctx, 'idempotency-key'));
		const scope = `${p.actor.id}:${key}`;
		const fingerprint = `${ctx.method} ${ctx.path}${ctx.search} ${canonicalJson(ctx.body ?? null)}`;
		const stored = state.idempotency.get(scope);
		if (stored && Date.now() - stored.createdAt < config.idempotencyTtlMs) {
			if (stored.fingerprint !== fingerprint) {
				// Simulator choice: Persona documents "an error"; 409 Conflict is the natural one.
				throw new SimError(409, 'Conflict', `Idempotency-Key ${key} was already used with different request parameters`);
			}
			ctx.logEntry.idempotentReplay = true;
			return { status: stored.status, body: stored.body, headers: stored.headers };
		}
		const response = execute(ctx, p, handler);
		state.idempotency.set(scope, { fingerprint, ...response, createdAt: Date.now() });
		return response;
	}

	// ---------------------------------------------------------------- shared helpers

	function getCase(id) {
		const c = state.cases.get(id);
		if (!c) throw notFound(`Could not find case with id ${id}`);
		return c;
	}

	function assertNotRedacted(c) {
		if (c.attributes['redacted-at']) throw unprocessable(`Case ${c.id} has been redacted`);
	}

	const templateOf = (c) => /** @type {import('./persona/seed').PersonaTemplate} */ (state.templates.get(c.templateId));
	const userIdOf = (email) => (email && state.users.get(String(email).toLowerCase()) ? state.users.get(String(email).toLowerCase()).id : null);

	function touch(c, actor) {
		c.attributes['updated-at'] = nowIso();
		c.attributes['updater-id'] = actor.id;
		c.attributes['updater-type'] = actor.type;
	}

	/** @type {{ state: any, size: number, list: any[] } | null} */
	let sortedCache = null;
	/**
	 * Cases newest first (read-only). Cached until a case is added or the state is re-seeded:
	 * `created-at` and `id` never change, so the order cannot change otherwise (large seeded lists
	 * for benchmarks would otherwise be re-sorted on every page).
	 */
	function sortedCases() {
		if (!sortedCache || sortedCache.state !== state || sortedCache.size !== state.cases.size) {
			sortedCache = { state, size: state.cases.size, list: [...state.cases.values()].sort(compareCasesNewestFirst) };
		}
		return sortedCache.list;
	}

	/** Cursor pagination with the current paging variant (see ./persona/paging). */
	const paginate = (items, compare, page, find) => P.paginate(items, compare, page, find, paging);
	const pageLinks = (ctx, resourcePath, page, result) =>
		P.pageLinks({ basePath: BASE_PATH, origin: ctx.origin, settings: paging }, resourcePath, ctx.query, page, result);

	/** `include=` for single-case responses; before 2025-10-27 related objects came by default. */
	function readInclude(ctx, p) {
		const raw = ctx.query.include;
		if (raw === undefined) return p.modern ? null : ['accounts', 'inquiries', 'reports'];
		const list = (Array.isArray(raw) ? raw.join(',') : raw)
			.split(',')
			.map((s) => s.trim())
			.filter(Boolean)
			.map((s) => inflectKey(s, 'kebab'));
		for (const path of list) {
			if (!S.CASE_INCLUDES.includes(path)) throw badParameter(`${path} is not an includable relationship of case`, 'include');
		}
		return list;
	}

	function caseDocument(c, includes, ctx) {
		const doc = { data: S.caseResource(c), ...(includes ? { included: dedupe(S.includedFor(state, c, includes)) } : {}) };
		return S.applySparseFieldsets(doc, bracketGroup(ctx.query, 'fields'));
	}

	function dedupe(resources) {
		const seen = new Set();
		return resources.filter((r) => {
			const key = `${r.type}:${r.id}`;
			if (seen.has(key)) return false;
			seen.add(key);
			return true;
		});
	}

	/**
	 * Validates custom field values against the template's field schemas.
	 * @param {import('./persona/seed').PersonaTemplate} template
	 * @param {Record<string, any>} input
	 * @param {string} pointerBase
	 * @param {boolean} legacy before 2025-10-27 keys may arrive inflected
	 */
	function buildFields(template, input, pointerBase, legacy) {
		/** @type {Record<string, { type: string, value: any }>} */
		const out = {};
		for (const [key, given] of Object.entries(input)) {
			const schema =
				template.fieldSchemas.find((f) => f.key === key) ||
				(legacy ? template.fieldSchemas.find((f) => inflectKey(f.key, 'kebab') === inflectKey(key, 'kebab')) : undefined);
			const pointer = `${pointerBase}/${key}`;
			if (!schema) {
				throw badRequest(`${key} is not a field of case template ${template.id} (known: ${template.fieldSchemas.map((f) => f.key).join(', ')})`, pointer);
			}
			// Accept the response shape `{type, value}` too, so read-modify-write round-trips work.
			let value = isObject(given) && 'value' in given ? given.value : given;
			if (value !== null) {
				if (schema.type === 'number') {
					value = typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value)) ? Number(value) : value;
					if (typeof value !== 'number' || !Number.isFinite(value)) throw badRequest(`fields.${key} must be a number`, pointer);
				} else if (schema.type === 'boolean') {
					value = value === 'true' ? true : value === 'false' ? false : value;
					if (typeof value !== 'boolean') throw badRequest(`fields.${key} must be a boolean`, pointer);
				} else if (schema.type === 'choices') {
					if (!schema.config.choices.includes(value)) throw badRequest(`fields.${key} must be one of ${schema.config.choices.join(', ')}`, pointer);
				} else {
					if (typeof value === 'number' || typeof value === 'boolean') value = String(value);
					if (typeof value !== 'string') throw badRequest(`fields.${key} must be a string`, pointer);
				}
			}
			out[schema.key] = { type: schema.type, value };
		}
		return out;
	}

	/** `meta.object-ids`: ids of accounts, inquiries and reports the simulator knows. */
	function readObjectIds(value, pointer) {
		if (value === undefined || value === null) return [];
		if (!Array.isArray(value)) throw badRequest('meta.object-ids must be an array', pointer);
		return value.map((id, i) => {
			if (typeof id !== 'string') throw badRequest('meta.object-ids must contain strings', `${pointer}/${i}`);
			if (!objectKind(id)) throw unprocessable(`Could not find an attachable object with id ${id}`, `${pointer}/${i}`);
			return id;
		});
	}

	function objectKind(id) {
		if (state.accounts.has(id)) return 'account';
		if (state.inquiries.has(id)) return 'inquiry';
		if (state.reports.has(id)) return 'report';
		return null;
	}

	function linkObjects(c, ids) {
		for (const id of ids) {
			const kind = objectKind(id);
			if (kind === 'account' && !c.accountIds.includes(id)) c.accountIds.push(id);
			if (kind === 'inquiry' && !c.inquiryIds.includes(id)) c.inquiryIds.push(id);
			if (kind === 'report' && !c.reports.some((r) => r.id === id)) c.reports.push({ type: state.reports.get(id).type, id });
		}
	}

	function unlinkObjects(c, ids) {
		c.accountIds = c.accountIds.filter((id) => !ids.includes(id));
		c.inquiryIds = c.inquiryIds.filter((id) => !ids.includes(id));
		c.reports = c.reports.filter((r) => !ids.includes(r.id));
	}

	/** `meta.sla-expires-in-seconds`: undefined = unchanged, null = clear, else seconds (≤ 90 days). */
	function readSla(value, pointer) {
		if (value === undefined) return undefined;
		if (value === null) return null;
		if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) throw badRequest('meta.sla-expires-in-seconds must be a non-negative integer or null', pointer);
		if (value > MAX_SLA_SECONDS) throw badRequest('meta.sla-expires-in-seconds must be at most 90 days', pointer);
		return new Date(Date.now() + value * 1000).toISOString();
	}

	function readAttachments(ctx, value, pointer) {
		if (!Array.isArray(value)) throw badRequest('data.attributes.attachments must be an array', pointer);
		return value.map((a, i) => {
			if (!isObject(a) || typeof a.filename !== 'string' || !a.filename) throw badRequest('attachments need a filename', `${pointer}/${i}/filename`);
			if (typeof a.data !== 'string' || !/^[A-Za-z0-9+/=\s]*$/.test(a.data)) throw badRequest('attachments need base64 data', `${pointer}/${i}/data`);
			const content = Buffer.from(a.data, 'base64');
			const fileId = randomId('file_');
			state.files.set(fileId, { filename: a.filename, content });
			return {
				filename: a.filename,
				url: `${ctx.origin}/files/${fileId}/${encodeURIComponent(a.filename)}?access_token=${randomId('', 32)}`,
				'byte-size': content.length,
			};
		});
	}

	/**
	 * Moves a case to a status of its template, with the resolution bookkeeping and events.
	 * @returns {boolean} whether anything changed
	 */
	function applyStatus(c, statusName, actor, pointer) {
		const template = templateOf(c);
		const target = template.statuses.find((s) => s.name === statusName);
		if (!target) {
			throw unprocessable(`${statusName} is not a status of case template ${template.name} (valid: ${template.statuses.map((s) => s.name).join(', ')})`, pointer);
		}
		const previous = c.attributes.status;
		if (previous === statusName) return false;
		const wasEnd = isEndStatus(template, previous);
		c.attributes.status = statusName;
		if (target.type === 'end') {
			c.attributes['resolved-at'] = nowIso();
			c.attributes.resolution = statusName;
			c.attributes['resolver-id'] = actor.id;
			c.attributes['resolver-type'] = actor.type;
		} else if (wasEnd) {
			c.attributes['resolved-at'] = null;
			c.attributes.resolution = null;
			c.attributes['resolver-id'] = null;
			c.attributes['resolver-type'] = null;
		}
		touch(c, actor);
		emit('case.status-updated', c, { 'previous-status': previous, status: statusName });
		if (target.type === 'end') emit('case.resolved', c);
		else if (wasEnd) emit('case.reopened', c);
		return true;
	}

	function resolveTag(meta, { create }) {
		if (meta['tag-id'] !== undefined) {
			if (typeof meta['tag-id'] !== 'string') throw badRequest('meta.tag-id must be a string', '/meta/tag-id');
			const tag = [...state.tags.values()].find((t) => t.id === meta['tag-id']);
			if (!tag) throw notFound(`Could not find tag with id ${meta['tag-id']}`);
			return tag.name;
		}
		const name = meta['tag-name'];
		if (typeof name !== 'string' || !name.trim()) throw badRequest('meta.tag-name or meta.tag-id is required', '/meta/tag-name');
		if (create && !state.tags.has(name)) {
			if (state.tags.size >= MAX_TAGS) throw unprocessable(`An organization can have at most ${MAX_TAGS} active tags`, '/meta/tag-name');
			state.tags.set(name, { id: state.newId('tag_'), name });
		}
		return name;
	}

	function setCaseTags(c, next, actor) {
		const previous = c.attributes.tags;
		const added = next.filter((t) => !previous.includes(t));
		const removed = previous.filter((t) => !next.includes(t));
		if (!added.length && !removed.length) return;
		c.attributes.tags = next;
		touch(c, actor);
		emit('case.updated-tags', c, { 'added-tags': added, 'removed-tags': removed });
	}

	function requireMeta(p) {
		const meta = p.body ? p.body.meta : undefined;
		if (!isObject(meta)) throw badRequest('meta is missing', '/meta');
		return meta;
	}

	// ---------------------------------------------------------------- events & webhooks

	/**
	 * Records an event and queues it for every enabled webhook subscribed to it (or to `*`).
	 * @param {string} name
	 * @param {any} c case record (or `payloadData` for non-case events)
	 * @param {Record<string, any>} [context]
	 * @param {any} [payloadData] defaults to the case resource at this moment
	 */
	function emit(name, c, context = {}, payloadData = undefined) {
		const event = {
			id: randomId('evt_'),
			name,
			createdAt: nowIso(),
			context,
			objectId: c.id,
			payloadData: payloadData || S.caseResource(c),
		};
		state.events.push(event);
		for (const w of state.webhooks.values()) {
			if (w.attributes.status === 'enabled' && subscribed(w, name)) deliverEvent(w, event, {});
		}
		return event;
	}

	const subscribed = (w, name) => w.attributes['enabled-events'].includes('*') || w.attributes['enabled-events'].includes(name);

	/**
	 * `Persona-Signature`: one `t=<unix>,v1=<hex hmac>` group per secret, space-separated (two
	 * during a rotation overlap). HMAC-SHA256 over `<t>.<raw body>`.
	 */
	function signatureHeader(secrets, body, t) {
		return secrets.map((s) => `t=${t},v1=${crypto.createHmac('sha256', s).update(`${t}.${body}`).digest('hex')}`).join(' ');
	}

	/**
	 * @param {any} target webhook record (or an ad-hoc `{ id, attributes, secrets }` for control deliveries)
	 * @param {any} event
	 * @param {{ retry?: boolean, forged?: boolean, secretOverride?: string, timestampOffsetSeconds?: number }} opts
	 */
	function deliverEvent(target, event, opts) {
		const envelope = S.eventResource(event);
		const body = JSON.stringify(
			S.render({ data: envelope }, { inflection: target.attributes['api-key-inflection'] || 'kebab', version: target.attributes['api-version'] || config.version }),
		);
		return sim.dispatcher.enqueue({
			url: target.attributes.url,
			retry: opts.retry !== false,
			// A webhook disabled or archived meanwhile gets no more retries.
			isLive: () => target.attributes.status === 'enabled',
			meta: { webhookId: target.id, eventId: event.id, eventName: event.name, ...(opts.forged ? { forged: true } : {}) },
			build: ({ attempt, attemptsLeft, firstAttemptedAt }) => {
				const t = Math.floor(Date.now() / 1000) + (opts.timestampOffsetSeconds || 0);
				const secrets = opts.forged
					? [randomId('wbhsec_', 32)]
					: opts.secretOverride
						? [opts.secretOverride]
						: S.liveSecrets(target).map((s) => s.value);
				/** @type {Record<string, string>} */
				const headers = {
					'Content-Type': 'application/json',
					'User-Agent': 'Persona-Webhooks-Simulator/1.0',
					...(target.attributes['custom-http-headers'] || {}),
					'Persona-Webhook-Attempts-Made': String(attempt),
					'Persona-Webhook-Attempts-Left': String(attemptsLeft),
					'Persona-Webhook-First-Attempted-At': String(firstAttemptedAt),
				};
				if (secrets.length) headers['Persona-Signature'] = signatureHeader(secrets, body, t);
				return { body, headers };
			},
		});
	}

	/** Validates webhook attributes; returns the ones to store. */
	function readWebhookAttributes(ctx, attrs, creating, p) {
		if (!isObject(attrs)) throw badRequest('data.attributes is missing', '/data/attributes');
		const ptr = (k) => `/data/attributes/${k}`;
		const out = {};
		for (const [key, value] of Object.entries(attrs)) {
			if (!WEBHOOK_ATTRIBUTES.includes(key)) {
				ctx.warn(`ignored data.attributes.${key}${key === 'status' ? ' (use /enable, /disable or /archive)' : ''}`);
				continue;
			}
			out[key] = value;
		}
		if (creating) {
			for (const required of ['name', 'url', 'enabled-events']) {
				if (out[required] === undefined || out[required] === null) throw badRequest(`data.attributes.${required} is missing`, ptr(required));
			}
		}
		if (out.name !== undefined && (typeof out.name !== 'string' || !out.name.trim())) throw badRequest('data.attributes.name must be a non-empty string', ptr('name'));
		if (out.url !== undefined) {
			let ok = false;
			try {
				ok = ['http:', 'https:'].includes(new URL(out.url).protocol);
			} catch {
				ok = false;
			}
			if (!ok) throw badRequest('data.attributes.url must be an http(s) URL', ptr('url'));
		}
		if (out['enabled-events'] !== undefined) {
			const events = out['enabled-events'];
			if (!Array.isArray(events) || !events.length) throw badRequest('data.attributes.enabled-events must be a non-empty array', ptr('enabled-events'));
			events.forEach((e, i) => {
				if (typeof e !== 'string' || !(e === '*' || /^[a-z0-9_-]+(\/[a-z0-9_-]+)?(\.[a-z0-9_-]+)+$/.test(e))) {
					throw badRequest(`${JSON.stringify(e)} is not a valid event name`, `${ptr('enabled-events')}/${i}`);
				}
			});
			// Simulator choice (variant): Persona's exact refusal of an event it does not offer is not documented.
			const refused = events.findIndex((e) => webhookOptions.refusedEvents.includes(e));
			if (refused >= 0) throw unprocessable('Enabled events contains an unsupported event', `${ptr('enabled-events')}/${refused}`);
		}
		if (out['api-version'] !== undefined && !S.API_VERSIONS.includes(out['api-version'])) {
			throw badRequest(`data.attributes.api-version must be one of ${S.API_VERSIONS.join(', ')}`, ptr('api-version'));
		}
		if (out['api-key-inflection'] !== undefined && !S.INFLECTIONS.includes(out['api-key-inflection'])) {
			throw badRequest(`data.attributes.api-key-inflection must be one of ${S.INFLECTIONS.join(', ')}`, ptr('api-key-inflection'));
		}
		if (out['custom-http-headers'] !== undefined && out['custom-http-headers'] !== null) {
			const h = out['custom-http-headers'];
			if (!isObject(h) || Object.values(h).some((v) => typeof v !== 'string')) throw badRequest('data.attributes.custom-http-headers must map names to strings', ptr('custom-http-headers'));
		}
		if (creating) {
			out['api-version'] = out['api-version'] ?? p.version;
			out['api-key-inflection'] = out['api-key-inflection'] ?? 'kebab';
		}
		return out;
	}

	function getWebhook(id) {
		const w = state.webhooks.get(id);
		if (!w) throw notFound(`Could not find webhook with id ${id}`);
		return w;
	}

	function assertNotArchived(w) {
		if (w.attributes.status === 'archived') throw unprocessable(`Webhook ${w.id} is archived`);
	}

	const compareByCreatedDesc = (a, b) => {
		const ca = a.attributes['created-at'];
		const cb = b.attributes['created-at'];
		if (ca !== cb) return ca < cb ? 1 : -1;
		return a.id === b.id ? 0 : a.id < b.id ? 1 : -1;
	};

	// ---------------------------------------------------------------- cases

	api('GET', '/cases', (ctx) => {
		const page = P.readPage(ctx.query);
		const filters = bracketGroup(ctx.query, 'filter');
		for (const [key, value] of Object.entries(filters)) {
			if (!CASE_FILTERS.includes(key)) throw badParameter(`filter[${key}] is not a permitted filter (permitted: ${CASE_FILTERS.join(', ')})`, `filter[${key}]`);
			if (typeof value !== 'string') throw badParameter(`filter[${key}] must be a single string`, `filter[${key}]`);
		}
		if (ctx.query.include !== undefined) ctx.warn('ignored include: List all Cases does not support include');
		const items = sortedCases().filter((c) => matchesFilters(c, /** @type {Record<string, string>} */ (filters)));
		const result = paginate(items, compareCasesNewestFirst, page, (id) => state.cases.get(id));
		const doc = { data: result.slice.map((c) => S.caseResource(c)), links: pageLinks(ctx, '/cases', page, result) };
		return { doc: S.applySparseFieldsets(doc, bracketGroup(ctx.query, 'fields')) };
	});

	function matchesFilters(c, filters) {
		for (const [key, v] of Object.entries(filters)) {
			if (key === 'status' && c.attributes.status !== v) return false;
			if (key === 'case-template-id' && c.templateId !== v) return false;
			if (key === 'account-id' && !c.accountIds.includes(v)) return false;
			if (key === 'inquiry-id' && !c.inquiryIds.includes(v)) return false;
			if (key === 'report-id' && !c.reports.some((r) => r.id === v)) return false;
			if (key === 'reference-id') {
				// Reference ids live on accounts and inquiries; a case matches through either.
				const viaAccount = c.accountIds.some((id) => state.accounts.get(id)?.referenceId === v);
				const viaInquiry = c.inquiryIds.some((id) => state.inquiries.get(id)?.referenceId === v);
				if (!viaAccount && !viaInquiry) return false;
			}
		}
		return true;
	}

	api('POST', '/cases', (ctx, p) => {
		const includes = readInclude(ctx, p);
		const body = p.body;
		if (!isObject(body) || !isObject(body.data)) throw badRequest('data is missing', '/data');
		const attrs = body.data.attributes;
		if (!isObject(attrs)) throw badRequest('data.attributes is missing', '/data/attributes');
		const meta = body.meta === undefined || body.meta === null ? {} : body.meta;
		if (!isObject(meta)) throw badRequest('meta must be an object', '/meta');

		const templateId = attrs['case-template-id'];
		if (templateId === undefined || templateId === null || templateId === '') {
			throw badRequest('data.attributes.case-template-id is missing', '/data/attributes/case-template-id');
		}
		const template = state.templates.get(templateId);
		if (!template) throw unprocessable(`case-template-id ${templateId} does not exist`, '/data/attributes/case-template-id');

		let queueId = null;
		if (attrs['case-queue-id'] !== undefined && attrs['case-queue-id'] !== null) {
			if (!state.queues.has(attrs['case-queue-id'])) throw unprocessable(`case-queue-id ${attrs['case-queue-id']} does not exist`, '/data/attributes/case-queue-id');
			queueId = attrs['case-queue-id'];
		}
		const creatorEmail = attrs['creator-email-address'];
		if (creatorEmail !== undefined && creatorEmail !== null && (typeof creatorEmail !== 'string' || !creatorEmail.includes('@'))) {
			throw badRequest('data.attributes.creator-email-address must be an email address', '/data/attributes/creator-email-address');
		}
		if (attrs.fields !== undefined && attrs.fields !== null && !isObject(attrs.fields)) throw badRequest('data.attributes.fields must be an object', '/data/attributes/fields');

		// Since 2025-10-27 custom fields at the top level of attributes are silently ignored;
		// before that they counted as fields.
		const rawFields = { ...(attrs.fields || {}) };
		for (const key of Object.keys(attrs).filter((k) => !CREATE_ATTRIBUTES.includes(k))) {
			if (p.modern) ctx.warn(`ignored data.attributes.${key}: custom fields belong under data.attributes.fields since 2025-10-27`);
			else rawFields[key] = attrs[key];
		}
		const given = buildFields(template, rawFields, '/data/attributes/fields', !p.modern);
		const objectIds = readObjectIds(meta['object-ids'], '/meta/object-ids');
		const sla = readSla(meta['sla-expires-in-seconds'], '/meta/sla-expires-in-seconds');

		const createdAt = nowIso();
		const n = /** @type {number} */ (state.counters.get(template.id)) + 1;
		state.counters.set(template.id, n);
		/** @type {Record<string, { type: string, value: any }>} */
		const fields = {};
		for (const schema of template.fieldSchemas) fields[schema.key] = given[schema.key] || { type: schema.type, value: null };
		const initial = template.statuses.find((s) => s.type === 'initial') || template.statuses[0];
		const c = {
			id: state.newId('case_'),
			templateId: template.id,
			queueId,
			accountIds: [],
			inquiryIds: [],
			reports: [],
			commentIds: [],
			attributes: {
				status: initial.name,
				name: `${template.prefix}-${n}`,
				resolution: null,
				'created-at': createdAt,
				'updated-at': createdAt,
				'assigned-at': null,
				'resolved-at': null,
				'redacted-at': null,
				'sla-expires-at': sla ?? null,
				'creator-id': creatorEmail || p.actor.id,
				'creator-type': creatorEmail ? 'user' : 'api-key',
				'assignee-id': null,
				'assigner-id': null,
				'assigner-type': null,
				'resolver-id': null,
				'resolver-type': null,
				'updater-id': null,
				'updater-type': null,
				tags: [],
				fields,
				attachments: [],
			},
		};
		linkObjects(c, objectIds);
		state.cases.set(c.id, c);
		emit('case.created', c);
		return { status: 201, doc: caseDocument(c, includes, ctx) };
	});

	api('POST', '/cases/search', (ctx, p) => {
		const body = p.body === undefined || p.body === null ? {} : p.body;
		if (!isObject(body)) throw badRequest('body must be an object');
		for (const key of Object.keys(body)) if (!['query', 'sort', 'page'].includes(key)) ctx.warn(`ignored ${key} in search body`);
		if (search.beforeSearch) search.beforeSearch({ body: ctx.body, query: ctx.query });
		const schema = {
			rejectRanges: search.rejectRanges,
			searchableFields: new Set([...state.templates.values()].flatMap((t) => t.fieldSchemas.filter((f) => f.searchable).map((f) => f.key))),
		};
		// The query language uses snake_case values, so the raw (non-normalised) body is used.
		const raw = isObject(ctx.body) ? ctx.body : {};
		const matches = compileQuery(raw.query, schema);
		const compare = compileSort(raw.sort, schema);
		const page = P.readPage(ctx.query, body.page);
		const lookup = { templateOf, userIdOf };
		// By created_at (also the default): the cached newest-first order (same ties), not a sort per page.
		const byCreated = !isObject(raw.sort) || raw.sort.attribute === undefined || raw.sort.attribute === 'created_at';
		const ordered = byCreated ? (isObject(raw.sort) && raw.sort.direction === 'asc' ? [...sortedCases()].reverse() : sortedCases()) : null;
		const items = ordered ? ordered.filter((c) => matches(c, lookup)) : compare.sortAll([...state.cases.values()].filter((c) => matches(c, lookup)));
		const result = paginate(items, compare, page, (id) => state.cases.get(id));
		return { doc: { data: result.slice.map((c) => S.caseResource(c)), links: pageLinks(ctx, '/cases/search', page, result) } };
	});

	api('GET', '/cases/:caseId', (ctx, p) => {
		const includes = readInclude(ctx, p);
		return { doc: caseDocument(getCase(ctx.params.caseId), includes, ctx) };
	});

	api('PATCH', '/cases/:caseId', (ctx, p) => {
		const includes = readInclude(ctx, p);
		const c = getCase(ctx.params.caseId);
		assertNotRedacted(c);
		const body = p.body;
		if (!isObject(body) || (body.data === undefined && body.meta === undefined)) throw badRequest('data is missing', '/data');
		const attrs = body.data === undefined || body.data === null ? {} : body.data.attributes;
		if (!isObject(attrs)) throw badRequest('data.attributes must be an object', '/data/attributes');
		const meta = body.meta === undefined || body.meta === null ? {} : body.meta;
		if (!isObject(meta)) throw badRequest('meta must be an object', '/meta');

		for (const key of Object.keys(attrs)) {
			if (ACTION_ATTRIBUTES[key]) throw badRequest(`data.attributes.${key} cannot be updated with PATCH; use ${ACTION_ATTRIBUTES[key]}`, `/data/attributes/${key}`);
		}
		const template = templateOf(c);
		const rawFields = attrs.fields === undefined || attrs.fields === null ? {} : attrs.fields;
		if (!isObject(rawFields)) throw badRequest('data.attributes.fields must be an object', '/data/attributes/fields');
		const fieldInput = { ...rawFields };
		for (const key of Object.keys(attrs).filter((k) => !UPDATE_ATTRIBUTES.includes(k))) {
			if (p.modern) ctx.warn(`ignored data.attributes.${key}: custom fields belong under data.attributes.fields since 2025-10-27`);
			else fieldInput[key] = attrs[key];
		}
		const fields = buildFields(template, fieldInput, '/data/attributes/fields', !p.modern);
		let queueId = c.queueId;
		if (attrs['case-queue-id'] !== undefined) {
			if (attrs['case-queue-id'] !== null && !state.queues.has(attrs['case-queue-id'])) {
				throw unprocessable(`case-queue-id ${attrs['case-queue-id']} does not exist`, '/data/attributes/case-queue-id');
			}
			queueId = attrs['case-queue-id'];
		}
		const sla = readSla(meta['sla-expires-in-seconds'], '/meta/sla-expires-in-seconds');
		const attachments = attrs.attachments === undefined ? [] : readAttachments(ctx, attrs.attachments, '/data/attributes/attachments');

		const changedFields = Object.keys(fields).filter((k) => canonicalJson(c.attributes.fields[k]) !== canonicalJson(fields[k]));
		Object.assign(c.attributes.fields, fields);
		const queueChanged = queueId !== c.queueId;
		c.queueId = queueId;
		if (sla !== undefined) c.attributes['sla-expires-at'] = sla;
		c.attributes.attachments.push(...attachments); // attachments are appended, never replaced
		touch(c, p.actor);
		if (changedFields.length) emit('case.updated-fields', c, { 'updated-fields': changedFields });
		if (queueChanged) emit('case.queue-updated', c, { 'case-queue-id': queueId });
		return { doc: caseDocument(c, includes, ctx) };
	});

	api('DELETE', '/cases/:caseId', (ctx, p) => {
		const includes = readInclude(ctx, p);
		const c = getCase(ctx.params.caseId);
		if (!c.attributes['redacted-at']) {
			for (const a of c.attributes.attachments) {
				const m = /\/files\/([^/]+)\//.exec(a.url);
				if (m) state.files.delete(m[1]);
			}
			c.attributes['redacted-at'] = nowIso();
			// The case's own data goes; links to inquiries/accounts stay (no cascade either way).
			for (const key of Object.keys(c.attributes.fields)) delete c.attributes.fields[key];
			c.attributes.attachments = [];
			touch(c, p.actor);
			emit('case.redacted', c);
		}
		return { doc: caseDocument(c, includes, ctx) };
	});

	api('POST', '/cases/:caseId/add-objects', (ctx, p) => {
		const includes = readInclude(ctx, p);
		const c = getCase(ctx.params.caseId);
		assertNotRedacted(c);
		const meta = requireMeta(p);
		const ids = readObjectIds(meta['object-ids'], '/meta/object-ids');
		linkObjects(c, ids);
		if (ids.length) touch(c, p.actor);
		return { doc: caseDocument(c, includes, ctx) };
	});

	api('POST', '/cases/:caseId/remove-objects', (ctx, p) => {
		const includes = readInclude(ctx, p);
		const c = getCase(ctx.params.caseId);
		assertNotRedacted(c);
		// Body shape is not documented; `meta.object-ids` like add-objects. Idempotent: ids that
		// are not attached (or unknown) are ignored.
		const meta = p.body && isObject(p.body.meta) ? p.body.meta : {};
		const value = meta['object-ids'];
		if (value !== undefined && value !== null && !Array.isArray(value)) throw badRequest('meta.object-ids must be an array', '/meta/object-ids');
		const ids = (value || []).filter((id) => typeof id === 'string');
		if (ids.length) {
			unlinkObjects(c, ids);
			touch(c, p.actor);
		}
		return { doc: caseDocument(c, includes, ctx) };
	});

	api('POST', '/cases/:caseId/assign', (ctx, p) => {
		const includes = readInclude(ctx, p);
		const c = getCase(ctx.params.caseId);
		assertNotRedacted(c);
		const meta = requireMeta(p);
		const email = meta['user-email-address'];
		if (email === undefined || email === null || email === '') throw badRequest('meta.user-email-address is missing', '/meta/user-email-address');
		if (typeof email !== 'string') throw badRequest('meta.user-email-address must be a string', '/meta/user-email-address');
		const user = state.users.get(email.toLowerCase());
		if (!user) throw unprocessable(`${email} is not a user of this organization`, '/meta/user-email-address');
		if (c.attributes['assignee-id'] !== user.email) {
			const previous = c.attributes['assignee-id'];
			c.attributes['assignee-id'] = user.email;
			c.attributes['assigned-at'] = nowIso();
			c.attributes['assigner-id'] = p.actor.id;
			c.attributes['assigner-type'] = p.actor.type;
			touch(c, p.actor);
			emit('case.assigned', c, { 'previous-assignee-id': previous, 'assignee-id': user.email });
		}
		return { doc: caseDocument(c, includes, ctx) };
	});

	api('POST', '/cases/:caseId/set-status', (ctx, p) => {
		const includes = readInclude(ctx, p);
		const c = getCase(ctx.params.caseId);
		const attrs = p.body && isObject(p.body.data) && isObject(p.body.data.attributes) ? p.body.data.attributes : {};
		if (p.modern && attrs.status !== undefined) {
			throw badRequest('data.attributes.status is not supported since API version 2025-10-27; send meta.status', '/data/attributes/status');
		}
		const meta = p.body && isObject(p.body.meta) ? p.body.meta : {};
		const status = meta.status !== undefined ? meta.status : p.modern ? undefined : attrs.status;
		if (status === undefined || status === null || status === '') throw badRequest('meta.status is missing', '/meta/status');
		if (typeof status !== 'string') throw badRequest('meta.status must be a string', '/meta/status');
		assertNotRedacted(c);
		applyStatus(c, status, p.actor, '/meta/status');
		return { doc: caseDocument(c, includes, ctx) };
	});

	api('POST', '/cases/:caseId/add-tag', (ctx, p) => {
		const includes = readInclude(ctx, p);
		const c = getCase(ctx.params.caseId);
		assertNotRedacted(c);
		const name = resolveTag(requireMeta(p), { create: true });
		if (!c.attributes.tags.includes(name)) setCaseTags(c, [...c.attributes.tags, name], p.actor);
		return { doc: caseDocument(c, includes, ctx) };
	});

	api('POST', '/cases/:caseId/remove-tag', (ctx, p) => {
		const includes = readInclude(ctx, p);
		const c = getCase(ctx.params.caseId);
		assertNotRedacted(c);
		const name = resolveTag(requireMeta(p), { create: false });
		setCaseTags(c, c.attributes.tags.filter((t) => t !== name), p.actor);
		return { doc: caseDocument(c, includes, ctx) };
	});

	api('POST', '/cases/:caseId/set-tags', (ctx, p) => {
		const includes = readInclude(ctx, p);
		const c = getCase(ctx.params.caseId);
		assertNotRedacted(c);
		const meta = requireMeta(p);
		let names;
		if (meta['tag-id'] !== undefined) {
			if (!Array.isArray(meta['tag-id'])) throw badRequest('meta.tag-id must be an array', '/meta/tag-id');
			names = meta['tag-id'].map((id) => resolveTag({ 'tag-id': id }, { create: false }));
		} else {
			if (!Array.isArray(meta['tag-name'])) throw badRequest('meta.tag-name must be an array', '/meta/tag-name');
			names = meta['tag-name'].map((name) => resolveTag({ 'tag-name': name }, { create: true }));
		}
		setCaseTags(c, [...new Set(names)], p.actor);
		return { doc: caseDocument(c, includes, ctx) };
	});

	api('POST', '/cases/:caseId/add-comment', (ctx, p) => {
		const includes = readInclude(ctx, p);
		const c = getCase(ctx.params.caseId);
		assertNotRedacted(c);
		// The `meta` key is not documented; `message` mirrors the case-comment attribute.
		const message = requireMeta(p).message;
		if (typeof message !== 'string' || !message.trim()) throw badRequest('meta.message is missing', '/meta/message');
		const comment = { id: state.newId('cscm_'), caseId: c.id, message, commenterId: p.actor.id, commenterType: p.actor.type, createdAt: nowIso() };
		state.comments.set(comment.id, comment);
		c.commentIds.push(comment.id);
		touch(c, p.actor);
		emit('case-comment.created', c, {}, {
			type: 'case-comment',
			id: comment.id,
			attributes: { message, 'created-at': comment.createdAt, 'updated-at': comment.createdAt, 'commenter-id': comment.commenterId, 'commenter-type': comment.commenterType },
			relationships: { case: { data: { type: 'case', id: c.id } } },
		});
		return { doc: caseDocument(c, includes, ctx) };
	});

	api('GET', '/case-templates/:templateId', (ctx) => {
		const t = state.templates.get(ctx.params.templateId);
		if (!t) throw notFound(`Could not find case template with id ${ctx.params.templateId}`);
		return { doc: S.applySparseFieldsets({ data: S.templateResource(t) }, bracketGroup(ctx.query, 'fields')) };
	});

	// Attachment downloads (Persona serves them from files.withpersona.com with an access token).
	sim.route(
		'GET',
		'/files/:fileId/:filename',
		(ctx) => {
			const file = state.files.get(ctx.params.fileId);
			if (!file) return sim.errorResponse(notFound('File not found'));
			return { status: 200, body: file.content, headers: { 'Content-Type': 'application/octet-stream' } };
		},
		{ auth: false, rateLimited: false },
	);

	// ---------------------------------------------------------------- events (polling fallback)

	// GET /events, GET /events/:id and their variants: ./persona/events.js
	const eventsApi = registerEventRoutes({ api, sim, getState: () => state, paginate, pageLinks, readPage: P.readPage, options: options.eventsOptions });

	// ---------------------------------------------------------------- webhooks API

	api('GET', '/webhooks', (ctx) => {
		const page = P.readPage(ctx.query);
		const items = [...state.webhooks.values()].sort(compareByCreatedDesc);
		const result = paginate(items, compareByCreatedDesc, page, (id) => state.webhooks.get(id));
		return { doc: { data: result.slice.map((w) => S.webhookResource(w, false)), links: pageLinks(ctx, '/webhooks', page, result) } };
	});

	api('POST', '/webhooks', (ctx, p) => {
		const body = p.body;
		if (!isObject(body) || !isObject(body.data)) throw badRequest('data is missing', '/data');
		const attrs = readWebhookAttributes(ctx, body.data.attributes, true, p);
		const createdAt = nowIso();
		const w = {
			id: state.newId('wbh_'),
			// Persona's own create example comes back disabled; callers must /enable.
			attributes: {
				status: 'disabled',
				name: attrs.name,
				description: attrs.description ?? null,
				url: attrs.url,
				'api-version': attrs['api-version'],
				'api-key-inflection': attrs['api-key-inflection'],
				'api-attributes-blocklist': attrs['api-attributes-blocklist'] ?? [],
				'file-access-token-expires-in': attrs['file-access-token-expires-in'] ?? 21600,
				'enabled-events': attrs['enabled-events'],
				'payload-filter': attrs['payload-filter'] ?? null,
				'custom-http-headers': attrs['custom-http-headers'] ?? null,
				'created-at': createdAt,
				'updated-at': createdAt,
			},
			secrets: [{ value: randomId('wbhsec_', 32), expiresAt: null }],
		};
		for (const key of ['included-allowlist', 'relationship-allowlist']) if (attrs[key] !== undefined) w.attributes[key] = attrs[key];
		state.webhooks.set(w.id, w);
		return { status: 201, doc: { data: S.webhookResource(w, true) } };
	});

	api('GET', '/webhooks/:webhookId', (ctx) => ({
		doc: { data: S.webhookResource(getWebhook(ctx.params.webhookId), !webhookOptions.readAnswerWithoutSecrets) },
	}));

	api('PATCH', '/webhooks/:webhookId', (ctx, p) => {
		const w = getWebhook(ctx.params.webhookId);
		assertNotArchived(w);
		if (!isObject(p.body) || !isObject(p.body.data)) throw badRequest('data is missing', '/data');
		Object.assign(w.attributes, readWebhookAttributes(ctx, p.body.data.attributes, false, p), { 'updated-at': nowIso() });
		return { doc: { data: S.webhookResource(w, true) } };
	});

	const webhookAction = (action, apply, withSecrets = () => true) =>
		api('POST', `/webhooks/:webhookId/${action}`, (ctx, p) => {
			const w = getWebhook(ctx.params.webhookId);
			apply(w, p);
			w.attributes['updated-at'] = nowIso();
			return { doc: { data: S.webhookResource(w, withSecrets()) } };
		});

	webhookAction('archive', (w) => {
		w.attributes.status = 'archived';
	});
	webhookAction(
		'enable',
		(w) => {
			assertNotArchived(w);
			w.attributes.status = 'enabled';
		},
		() => !webhookOptions.enableAnswerWithoutSecrets,
	);
	webhookAction('disable', (w) => {
		assertNotArchived(w);
		w.attributes.status = 'disabled';
	});
	webhookAction('rotate-secret', (w, p) => {
		assertNotArchived(w);
		const meta = p.body && isObject(p.body.meta) ? p.body.meta : {};
		// Simulator choice when omitted: the current secret stays valid for one more hour.
		const seconds = meta['expires-in-seconds'] ?? 3600;
		if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < 0) {
			throw badRequest('meta.expires-in-seconds must be a non-negative integer', '/meta/expires-in-seconds');
		}
		const expiresAt = Date.now() + seconds * 1000;
		for (const s of w.secrets) if (s.expiresAt === null || s.expiresAt > expiresAt) s.expiresAt = expiresAt;
		w.secrets = [{ value: randomId('wbhsec_', 32), expiresAt: null }, ...S.liveSecrets(w)];
	});

	// ---------------------------------------------------------------- inquiries, accounts, reports

	const objects = registerPersonaObjects({
		sim,
		basePath: BASE_PATH,
		api,
		state: () => state,
		paginate,
		pageLinks,
		emit,
		nowIso,
		readPage: P.readPage,
		bracketGroup,
		resolveTag,
		requireMeta,
		E: { badRequest, badParameter, notFound, unprocessable },
		startOptions: options.objectOptions,
	});

	// ---------------------------------------------------------------- control API

	const summary = () => ({
		seed: state.seed,
		anchor: state.anchor,
		caseCount: state.cases.size,
		apiKeys: [...config.apiKeys],
		defaultVersion: config.version,
		templates: [...state.templates.values()].map((t) => ({
			id: t.id,
			name: t.name,
			prefix: t.prefix,
			statuses: clone(t.statuses),
			resolutions: [...t.resolutions],
			fieldSchemas: clone(t.fieldSchemas),
		})),
		queues: [...state.queues.values()].map((q) => ({ id: q.id, name: q.name })),
		users: [...state.users.values()].map((u) => ({ id: u.id, email: u.email })),
		tags: [...state.tags.values()].map((t) => ({ id: t.id, name: t.name })),
		accounts: [...state.accounts.values()].map((a) => ({ id: a.id, referenceId: a.referenceId })),
		inquiries: [...state.inquiries.values()].map((q) => ({ id: q.id, accountId: q.accountId, referenceId: q.referenceId, status: q.status })),
		reports: [...state.reports.values()].map((r) => ({ id: r.id, type: r.type })),
	});

	/**
	 * Delivers an event right now (single attempt per delivery, no retries) and reports the results.
	 * @param {SendEventOptions} o
	 */
	async function sendEvent(o) {
		if (!o || typeof o.name !== 'string') throw new TypeError('name is required');
		const object = o.objectId ? objects.eventObject(o.objectId) : null;
		if (o.objectId && !object) throw new SimError(404, 'Record not found', `Could not find an inquiry, account or report with id ${o.objectId}`);
		const c = object ? null : state.cases.get(o.caseId);
		if (!object && !c) throw new SimError(404, 'Record not found', `Could not find case with id ${o.caseId}`);
		const event = {
			id: randomId('evt_'),
			name: o.name,
			createdAt: nowIso(),
			context: o.context || {},
			objectId: object ? object.id : c.id,
			payloadData: object ? object.resource : S.caseResource(c),
		};
		state.events.push(event);
		let targets;
		if (o.url) {
			targets = [
				{
					id: null,
					attributes: { url: o.url, status: 'enabled', 'api-key-inflection': o.inflection || 'kebab', 'api-version': config.version },
					secrets: o.secretOverride ? [{ value: o.secretOverride, expiresAt: null }] : [],
				},
			];
		} else if (o.webhookId) {
			const w = state.webhooks.get(o.webhookId);
			if (!w) throw new SimError(404, 'Record not found', `Could not find webhook with id ${o.webhookId}`);
			targets = [w];
		} else {
			targets = [...state.webhooks.values()].filter((w) => w.attributes.status === 'enabled' && subscribed(w, o.name));
		}
		const times = Math.max(1, o.duplicateTimes ?? 1);
		const deliveries = [];
		for (let i = 0; i < times; i++) {
			for (const target of targets) {
				const r = await deliverEvent(target, event, {
					retry: false,
					forged: o.forged,
					secretOverride: o.url ? undefined : o.secretOverride,
					timestampOffsetSeconds: o.timestampOffsetSeconds,
				});
				deliveries.push({
					webhookId: target.id,
					url: target.attributes.url,
					status: r.status,
					ok: r.ok,
					responseBody: r.body,
					...(r.error ? { error: r.error } : {}),
					signature: r.requestHeaders['Persona-Signature'] ?? null,
					requestBody: r.requestBody,
				});
			}
		}
		return { event: { id: event.id, name: event.name }, deliveries };
	}

	/**
	 * Changes a case's status as an analyst in the dashboard would (emits the same events).
	 * @param {string} caseId
	 * @param {string} status
	 * @param {{ userEmail?: string }} [opts]
	 */
	function setCaseStatus(caseId, status, opts = {}) {
		const c = state.cases.get(caseId);
		if (!c) throw new SimError(404, 'Record not found', `Could not find case with id ${caseId}`);
		if (typeof status !== 'string') throw new TypeError('status is required');
		const email = opts.userEmail || [...state.users.values()][0].email;
		applyStatus(c, status, { id: email, type: 'user' }, '/status');
		return S.caseResource(c);
	}

	const allWebhooks = () => [...state.webhooks.values()].sort(compareByCreatedDesc).map((w) => S.webhookResource(w, true));

	/** @param {Partial<import('./persona/paging').PersonaPagingSettings>} o merged into the current settings */
	function setPaging(o) {
		paging = P.pagingSettings(o || {}, paging);
		return { ...paging };
	}

	sim.controlRoute('GET', '/persona/state', () => summary());
	sim.controlRoute('GET', '/persona/paging', () => ({ ...paging }));
	sim.controlRoute('POST', '/persona/search', ({ body }) => {
		search = searchSettings({ rejectRanges: Boolean(body && body.rejectRanges) }, search);
		return { rejectRanges: search.rejectRanges };
	});
	sim.controlRoute('POST', '/persona/paging', ({ body }) => setPaging(body || {}));
	/** @param {Partial<PersonaWebhookOptions>} o merged into the current webhook API variant */
	function setWebhookOptions(o) {
		webhookOptions = webhookOptionsFrom(o || {}, webhookOptions);
		return { ...webhookOptions };
	}

	sim.controlRoute('GET', '/persona/webhooks', () => allWebhooks());
	sim.controlRoute('GET', '/persona/webhook-options', () => ({ ...webhookOptions }));
	sim.controlRoute('POST', '/persona/webhook-options', ({ body }) => setWebhookOptions(body || {}));
	sim.controlRoute('GET', '/persona/events', () => state.events.map(S.eventResource));
	sim.controlRoute('POST', '/persona/events', ({ body }) => sendEvent(body || {}));
	sim.controlRoute('GET', '/persona/cases/:caseId', ({ params }) => {
		const c = state.cases.get(params.caseId);
		if (!c) throw new SimError(404, 'Record not found', `Could not find case with id ${params.caseId}`);
		return S.caseResource(c);
	});
	sim.controlRoute('POST', '/persona/cases/:caseId/status', ({ params, body }) =>
		setCaseStatus(params.caseId, body && body.status, { userEmail: body && body.userEmail }),
	);

	const control = {
		...sim.control,
		/** Summary of seeded ids: templates (with statuses), queues, users, tags, accounts, inquiries, reports. */
		state: summary,
		/** All webhooks, archived ones included, with their live secrets (kebab-case resources). */
		webhooks: allWebhooks,
		/** Every event emitted so far, oldest first. */
		events: () => state.events.map(S.eventResource),
		/** Events API variant (see ./persona/events): `{ permission: false }`, `{ unknownNames: 'ignore' }`. */
		eventsOptions: () => eventsApi.eventsOptions(),
		setEventsOptions: (/** @type {any} */ o) => eventsApi.setEventsOptions(o),
		/** The case resource (kebab-case), or null. */
		getCase: (/** @type {string} */ id) => (state.cases.has(id) ? S.caseResource(/** @type {any} */ (state.cases.get(id))) : null),
		sendEvent,
		setCaseStatus,
		...objects.control,
		/** Current list-page variant (see ./persona/paging); `reset()` restores the start-up one. */
		paging: () => ({ ...paging }),
		/** e.g. `{ nextLinks: 'cursor-only' }`, `{ shortPages: true }`, `{ linkOrigin: 'self' | 'http://other:1' | null }` */
		setPaging,
		/** Search variant (see ./persona/search): `{ rejectRanges: true }`, `{ beforeSearch: ({ body }) => … }`. */
		setSearch: (/** @type {any} */ o) => {
			search = searchSettings(o || {}, search);
		},
		/** Current webhook API variant; `reset()` restores the start-up one. */
		webhookOptions: () => ({ ...webhookOptions }),
		/** e.g. `{ enableAnswerWithoutSecrets: true }`, `{ refusedEvents: ['case.print-initiated'] }` */
		setWebhookOptions,
	};

	const { url } = await sim.start();
	return {
		vendor: 'persona',
		url,
		baseUrl: url + BASE_PATH,
		apiKey: config.apiKeys[0],
		/** Live simulator state (replaced on reset, so read it through this getter). */
		get state() {
			return state;
		},
		control,
		stop: () => sim.stop(),
	};
}

module.exports = { startPersonaSimulator, DEFAULT_API_KEY, BASE_PATH };
