'use strict';

const crypto = require('node:crypto');
const { createSimulatorServer } = require('./lib/server');
const { SimError } = require('./lib/errors');
const { randomId, clone } = require('./lib/util');
const { seedState, USERS } = require('./zenoo/seed');
const m = require('./zenoo/model');
const { createAssessment, approveAssessment } = require('./zenoo/assessments');
const { CODE_BY_STATUS } = require('./zenoo/http');
const { caseOut, alertOut } = require('./zenoo/serialize');
const { registerCases } = require('./zenoo/cases');
const { registerAlerts } = require('./zenoo/alerts');
const { registerEntities } = require('./zenoo/entities');
const { registerWebhooks, EVENT_TYPES, sign } = require('./zenoo/webhooks');

/**
 * Zenoo case-management (CLM) API simulator, following /work/shared/vendors/zenoo.md: `X-API-KEY`,
 * `/v1/` paths, the `{data, meta}` envelope with cursor pages, `{error, message, request_id}`
 * errors, Idempotency-Key replay for 24 h, 429 with Retry-After, the case / alert / risk-assessment
 * lifecycle, webhook registration with a verification challenge and signed deliveries.
 * Settings (`configure`) play variants where the real API may differ from its docs.
 */

const DEFAULT_API_KEY = 'zenoo_staging_simulator_key_0001';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY_MS = 24 * 3600 * 1000;

const DEFAULT_SETTINGS = {
	/** paging variants: `maxPageSize` (short pages), `hasMore: 'omit'` (a cursor without has_more), `cursorOnLastPage`, `total` */
	paging: { maxPageSize: 0, hasMore: 'send', cursorOnLastPage: false, total: false },
	/** leave out optional fields that are null (and cases' updated_at) */
	omitOptionalFields: false,
	/** HTTP status of a refused close [A: 409 CONFLICT] */
	closeRefusalStatus: 409,
	/** the compliance-reports guide: no report while an alert is open */
	reportNeedsResolvedAlerts: true,
	/** answer `Accept: application/pdf` with a PDF [A]; false = always JSON */
	reportPdf: true,
	/** per-token errors in bulk answers: 'documented' (resolve only), 'all', 'none' */
	bulkErrors: 'documented',
	/** event data: 'objects' (the resource) or 'tokens' (ids only) */
	eventPayload: 'objects',
	/** the registration challenge: 'async' (after answering), 'sync' (before answering), 'none' */
	challenge: 'async',
	/** where the one-time secret is in the registration answer */
	secretField: 'data.secret',
	/** false: GET/DELETE /v1/webhooks are not there (405) */
	webhookListing: true,
	requireHttps: false,
	/** 'uuid' (documented format) or 'any' */
	idempotencyKeyFormat: 'uuid',
	idempotencyTtlMs: DAY_MS,
};
const ALLOWED = {
	bulkErrors: ['documented', 'all', 'none'],
	eventPayload: ['objects', 'tokens'],
	challenge: ['async', 'sync', 'none'],
	secretField: ['data.secret', 'meta.secret', 'data.signing_secret'],
	idempotencyKeyFormat: ['uuid', 'any'],
};

/**
 * @param {{ port?: number, host?: string, seed?: number | string, caseCount?: number, anchor?: any, apiKeys?: string[],
 *   rateLimit?: { limit?: number, windowMs?: number }, retryAfterHeader?: boolean, clock?: () => number,
 *   settings?: Partial<typeof DEFAULT_SETTINGS>, webhookDelivery?: { maxAttempts?: number, retryDelaysMs?: number[], timeoutMs?: number } }} [options]
 */
async function startZenooSimulator(options = {}) {
	const clock = options.clock || Date.now;
	const seedOptions = { seed: options.seed ?? 1, caseCount: options.caseCount ?? 120, anchor: options.anchor, clock };
	const apiKeys = options.apiKeys && options.apiKeys.length ? [...options.apiKeys] : [DEFAULT_API_KEY];
	const keyIds = new Map(apiKeys.map((k) => [k, `key_${crypto.createHash('sha256').update(k).digest('hex').slice(0, 12)}`]));
	const initialSettings = () => ({ ...clone(DEFAULT_SETTINGS), ...clone(options.settings || {}), paging: { ...DEFAULT_SETTINGS.paging, ...((options.settings && options.settings.paging) || {}) } });
	const settings = initialSettings();
	/** @type {Map<string, { status: number, body: any, headers: Record<string, string>, at: number }>} */
	let idempotency = new Map();
	let lastRequestId = '';
	let webhooks = null;
	let state = null;

	const sim = createSimulatorServer({
		vendor: 'zenoo',
		host: options.host,
		port: options.port,
		requestIdHeader: 'X-Request-Id',
		newRequestId: () => (lastRequestId = `req_${randomId('', 10).toLowerCase()}`),
		// Server-level errors (auth, rate limit, bad JSON, no route) are answered synchronously
		// after the id was made, so lastRequestId is this request's.
		errorBody: (status, title, details, extra) => ({ error: extra.code || CODE_BY_STATUS[status] || 'ERROR', message: details ?? title, request_id: lastRequestId }),
		credentialPresent: (headers) => Boolean(headers['x-api-key']),
		authenticate: (ctx) => {
			const key = ctx.headers['x-api-key'];
			if (!key) return { ok: false, error: new SimError(401, 'UNAUTHORIZED', 'Missing X-API-KEY header', { code: 'UNAUTHORIZED' }) };
			const keyId = keyIds.get(String(key));
			if (!keyId) return { ok: false, error: new SimError(401, 'UNAUTHORIZED', 'Invalid API key', { code: 'UNAUTHORIZED' }) };
			return { ok: true, principal: { keyId } };
		},
		rateLimit: {
			limit: options.rateLimit?.limit ?? 60,
			windowMs: options.rateLimit?.windowMs ?? 60_000,
			retryAfterHeader: options.retryAfterHeader ?? true,
			error: () => ({ title: 'RATE_LIMITED', details: 'Too many requests; retry after the time in Retry-After' }),
			...(options.clock ? { now: options.clock } : {}),
		},
		logHeaders: ['content-type', 'accept', 'idempotency-key', 'user-agent', 'x-zenoo-signature'],
		webhooks: { maxAttempts: 4, retryDelaysMs: [100, 300, 900], timeoutMs: 10_000, ...(options.webhookDelivery || {}) },
		onReset: (o) => {
			Object.assign(settings, initialSettings());
			idempotency = new Map();
			reseed(o);
		},
	});

	function reseed(o = {}) {
		state = seedState({ ...seedOptions, ...(o.seed !== undefined ? { seed: o.seed } : {}), ...(o.caseCount !== undefined ? { caseCount: o.caseCount } : {}), ...(o.anchor !== undefined ? { anchor: o.anchor } : {}) });
		state.emit = (type, payload) => webhooks && webhooks.emit(type, payload);
	}

	const errorFor = (ctx, err) => ({ status: err.status, body: { error: (err.extra && err.extra.code) || CODE_BY_STATUS[err.status] || 'ERROR', message: err.details ?? err.title, request_id: ctx.requestId }, headers: (err.extra && err.extra.headers) || {} });

	/** A `/v1` route: Zenoo's error body with this request's id; POST/PATCH replayed by Idempotency-Key for 24 h. */
	function route(method, pattern, handler) {
		const mutation = method === 'POST' || method === 'PATCH';
		sim.route(method, pattern, async (ctx) => {
			const given = ctx.headers['idempotency-key'];
			let key = null;
			if (mutation && given !== undefined) {
				const value = String(given);
				if (settings.idempotencyKeyFormat === 'uuid' && !UUID.test(value)) return errorFor(ctx, new SimError(400, 'VALIDATION_ERROR', 'Idempotency-Key must be a UUID', { code: 'VALIDATION_ERROR' }));
				key = `${ctx.principal.keyId}|${value}`;
				const stored = idempotency.get(key);
				if (stored && clock() - stored.at < settings.idempotencyTtlMs) {
					ctx.logEntry.idempotentReplay = true;
					return { status: stored.status, body: clone(stored.body), headers: { ...stored.headers, 'Idempotent-Replayed': 'true' } };
				}
			} else if (mutation) ctx.warn('no Idempotency-Key');
			let response;
			try {
				response = await handler(ctx);
			} catch (err) {
				if (err instanceof SimError) return errorFor(ctx, err);
				throw err;
			}
			// Only successes are kept: a refused request may succeed once the case has changed.
			if (key && response.status >= 200 && response.status < 300) idempotency.set(key, { status: response.status, body: clone(response.body), headers: { ...(response.headers || {}) }, at: clock() });
			return response;
		});
	}

	const api = { route, controlRoute: sim.controlRoute, sim, state: () => state, settings };
	registerCases(api);
	registerAlerts(api);
	registerEntities(api);
	webhooks = registerWebhooks(api);
	reseed();

	// ---------------------------------------------------------------- control
	function configure(o = {}) {
		for (const [key, value] of Object.entries(o)) {
			if (!(key in DEFAULT_SETTINGS)) throw new TypeError(`unknown setting ${key}`);
			if (ALLOWED[key] && !ALLOWED[key].includes(value)) throw new TypeError(`${key} must be one of ${ALLOWED[key].join(', ')}`);
			settings[key] = key === 'paging' ? { ...settings.paging, ...value } : value;
		}
		return clone(settings);
	}

	const caseOf = (token) => m.getCase(state, token);
	/** A case in the given shape, for tests: `{status, openAlerts: true|false, assessment: 'Approved'|'Active'|'none'}`. */
	function findCase(o = {}) {
		const matches = (c) => {
			if (o.status && c.status !== o.status) return false;
			if (o.notStatus && c.status === o.notStatus) return false;
			const open = m.openAlerts(state, c.token).length;
			if (o.openAlerts === true && !open) return false;
			if (o.openAlerts === false && open) return false;
			const current = m.currentAssessment(state, c.token);
			if (o.assessment === 'none' && current) return false;
			if (o.assessment && o.assessment !== 'none' && (!current || current.status !== o.assessment)) return false;
			return !o.exclude || !o.exclude.includes(c.token);
		};
		const c = [...state.cases.values()].reverse().find(matches);
		return c ? caseOut(state, c, {}) : null;
	}

	function summary() {
		const byStatus = {};
		for (const c of state.cases.values()) (byStatus[c.status] ||= []).push(c.token);
		return {
			seed: state.seed,
			anchor: state.anchor,
			caseCount: state.cases.size,
			alertCount: state.alerts.size,
			caseTokensByStatus: byStatus,
			users: clone(state.users),
			settings: clone(settings),
			webhooks: webhooks.webhooks().map(({ secret, ...h }) => (void secret, h)),
		};
	}

	const control = {
		...sim.control,
		state: summary,
		settings: () => clone(settings),
		configure,
		getCase: (token) => (state.cases.has(token) ? caseOut(state, state.cases.get(token), {}) : null),
		getAlert: (token) => (state.alerts.has(token) ? alertOut(state, state.alerts.get(token), {}) : null),
		caseAlerts: (token) => m.caseAlerts(state, token).map((a) => alertOut(state, a, {})),
		currentAssessment: (token) => clone(m.currentAssessment(state, token) ?? null),
		comments: (token) => clone(state.comments.get(token) || []),
		reviewers: (token) => clone(state.reviewers.get(token) || []),
		audit: (token) => clone(state.audit.get(token) || []),
		findCase,
		/** A new open alert on a case (emits alert.created). */
		createAlert: (o) => alertOut(state, m.createAlert(state, { case_token: o.caseToken, entity_token: o.entityToken ?? m.caseLinks(state, o.caseToken)[0]?.entity_token, category: o.category, priority: o.priority, title: o.title }), {}),
		completeCheck: (token, result = 'Pass') => {
			const k = state.checks.get(token);
			if (!k) throw new SimError(404, 'NOT_FOUND', `No check ${token}`);
			m.completeCheck(state, k, result);
			return clone(k);
		},
		setCaseStatus: (token, status) => caseOut(state, m.updateCase(state, caseOf(token), { status }), {}),
		approveAssessment: (token) => clone(approveAssessment(state, m.getAssessment(state, token))),
		/** Resolves every unresolved alert of the case and gives it an approved assessment: it may close. */
		prepareForClose(token) {
			const c = caseOf(token);
			for (const a of m.openAlerts(state, c.token)) m.resolveAlert(state, a, { action: 'Approve', rationale: 'Cleared by the simulator', is_false_positive: false });
			let r = m.currentAssessment(state, c.token) || createAssessment(state, c);
			if (r.status !== 'Approved') r = approveAssessment(state, r);
			return caseOut(state, c, {});
		},
		sla: (token, level = 'breached') => {
			const c = caseOf(token);
			c.sla_status = level === 'breached' ? 'Breached' : 'Warning';
			state.emit(level === 'breached' ? 'sla.breached' : 'sla.warning', { data: { case_token: c.token, sla_deadline: c.sla_deadline, sla_status: c.sla_status, hours_remaining: level === 'breached' ? 0 : 12 } });
			return caseOut(state, c, {});
		},
		webhooks: () => webhooks.webhooks(),
		liveWebhooks: () => webhooks.liveWebhooks(),
		sendEvent: (o) => webhooks.sendEvent(o),
		events: () => clone(state.events),
		flushChallenges: () => webhooks.flushChallenges(),
		idempotencyKeys: () => [...idempotency.keys()].map((k) => k.split('|')[1]),
		sign,
		users: () => clone(USERS),
	};

	sim.controlRoute('GET', '/zenoo/state', () => summary());
	sim.controlRoute('GET', '/zenoo/settings', () => clone(settings));
	sim.controlRoute('POST', '/zenoo/settings', ({ body }) => configure(body || {}));
	sim.controlRoute('GET', '/zenoo/cases/:caseToken', ({ params }) => caseOut(state, caseOf(params.caseToken), {}));
	sim.controlRoute('POST', '/zenoo/cases/:caseToken/alerts', ({ params, body }) => control.createAlert({ ...(body || {}), caseToken: caseOf(params.caseToken).token }));
	sim.controlRoute('POST', '/zenoo/cases/:caseToken/status', ({ params, body }) => control.setCaseStatus(params.caseToken, body && body.status));
	sim.controlRoute('POST', '/zenoo/cases/:caseToken/prepare-close', ({ params }) => control.prepareForClose(params.caseToken));
	sim.controlRoute('POST', '/zenoo/cases/:caseToken/sla', ({ params, body }) => control.sla(params.caseToken, body && body.level));
	sim.controlRoute('POST', '/zenoo/checks/:checkToken/complete', ({ params, body }) => control.completeCheck(params.checkToken, body && body.result));
	sim.controlRoute('POST', '/zenoo/risk-assessments/:token/approve', ({ params }) => control.approveAssessment(params.token));

	const { url } = await sim.start();
	return {
		vendor: 'zenoo',
		url,
		// The credential's custom base URL is the host; every path starts with /v1/.
		baseUrl: url,
		apiKey: apiKeys[0],
		get state() {
			return state;
		},
		control,
		stop: () => {
			webhooks.close();
			return sim.stop();
		},
	};
}

module.exports = { startZenooSimulator, DEFAULT_API_KEY, EVENT_TYPES, DEFAULT_SETTINGS };
