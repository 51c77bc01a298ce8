'use strict';

const { createSimulatorServer } = require('./lib/server');
const { SimError } = require('./lib/errors');
const { clone } = require('./lib/util');
const { createPenboxState, addCase, setStatus, addAttachment } = require('./penbox/state');
const { registerCaseRoutes, serialize, findCase, completeCase } = require('./penbox/cases');
const { registerResourceRoutes, pdf } = require('./penbox/resources');
const { createSigner } = require('./penbox/signing');

/**
 * Penbox Connect (connect.penbox.io/v1) simulator, after /work/shared/vendors/penbox.md:
 * bearer `pnbx_` tokens, `page[number]`/`page[size]` with `{meta, data}`, bracketed simple
 * filters, the advanced `filter` (documented operators $eq $ne $gt $lt $ge, and $le) that makes
 * Penbox ignore the simple ones, sort, count with group-by, templates with steps / schema /
 * contact roles, cases (create answers 200; data; contacts; start step, 409 the second time),
 * attachments (bytes, merged PDF, upload), form responses (JSON or PDF), `{errors:[…]}` bodies,
 * the two documented rate limits (100/min per token, 1,000/h per client) answered 429 without
 * any rate-limit header, and signed webhook calls (Digest + x-pnbx-signature JWT) with a key
 * pair it generates.
 *
 * Variants (`settings`, also `POST /__control/penbox/settings`): `pageSizeCap` (short pages),
 * `omitMeta` (meta fields left out, e.g. ['total_pages']), `omitOptional` (optional case fields
 * left out).
 */

const DEFAULT_API_TOKEN = 'pnbx_0123456789abcdef0123456789abcdef0123456789abcdef';

const DEFAULT_SETTINGS = { pageSizeCap: null, omitMeta: [], omitOptional: false };

function startPenboxSimulator(options = {}) {
	const clock = options.clock ?? Date.now;
	const apiToken = options.apiToken ?? options.apiKey ?? DEFAULT_API_TOKEN;
	const limits = { perMinute: options.rateLimit?.perMinute ?? 100, perHour: options.rateLimit?.perHour ?? 1000 };
	const windows = { minute: { start: null, count: 0 }, hour: { start: null, count: 0 } };
	let state = newState(options.seed, options.caseCount);
	const signer = createSigner(options.keyType ?? 'RS256');

	function newState(seed, caseCount) {
		const s = createPenboxState({ seed: seed ?? 1, caseCount: caseCount ?? 30 }, clock);
		Object.assign(s.settings, DEFAULT_SETTINGS, options.settings || {});
		return s;
	}

	/** Fixed windows from the first request; rejected requests do not count. */
	function hit() {
		const now = clock();
		for (const [name, ms] of [['minute', 60_000], ['hour', 3_600_000]]) {
			const w = windows[name];
			if (w.start === null || now >= w.start + ms) Object.assign(w, { start: now, count: 0 });
		}
		if (windows.minute.count >= limits.perMinute || windows.hour.count >= limits.perHour) return false;
		windows.minute.count++;
		windows.hour.count++;
		return true;
	}

	const sim = createSimulatorServer({
		vendor: 'penbox',
		host: options.host,
		port: options.port,
		requestIdHeader: 'X-Request-Id',
		errorBody: (status, title, detail, extra) => {
			const error = { status: String(status), title };
			if (detail) error.detail = detail;
			if (extra.pointer) error.source = { pointer: extra.pointer };
			else if (extra.parameter) error.source = { parameter: extra.parameter };
			return { errors: [error] };
		},
		authenticate: (ctx) => {
			const header = String(ctx.headers.authorization || '');
			if (header !== `Bearer ${apiToken}`) return { ok: false, error: new SimError(401, 'Unauthorized', header ? 'Invalid or expired token' : 'Missing Authorization header') };
			// The gateway's 429: no RateLimit or Retry-After header (none is documented).
			if (!hit()) return { ok: false, error: new SimError(429, 'Too Many Requests', 'Rate limit exceeded') };
			return { ok: true, principal: { token: apiToken } };
		},
		rateLimit: false,
		logHeaders: ['authorization', 'content-type', 'accept'],
		webhooks: { maxAttempts: 3, retryDelaysMs: [200, 600] },
		onReset: (o) => {
			state = newState(o.seed ?? options.seed, o.caseCount ?? options.caseCount);
			if (o.settings) Object.assign(state.settings, o.settings);
			windows.minute = { start: null, count: 0 };
			windows.hour = { start: null, count: 0 };
		},
	});

	const live = new Proxy({}, { get: (_t, key) => state[key], set: (_t, key, value) => ((state[key] = value), true) });
	registerCaseRoutes(sim, live);
	registerResourceRoutes(sim, live);

	/** A signed call as a case-template HTTP automation would make it. */
	function sendSigned(url, body, o = {}) {
		const raw = JSON.stringify(body);
		const headers = signer.sign({ url, method: 'POST', body: raw, issuer: o.issuer, expiresIn: o.expiresIn, now: clock(), tamper: o.tamper });
		return sim.control.deliver({ url, body: raw, headers: { 'Content-Type': 'application/json', 'User-Agent': 'Penbox-Automation/sim', ...headers } });
	}

	const control = Object.assign(sim.control, {
		settings: () => clone(state.settings),
		configure(s = {}) {
			Object.assign(state.settings, s);
			return clone(state.settings);
		},
		/** New limits open fresh windows (as the other simulators' setRateLimit does). */
		setRateLimit(l = {}) {
			Object.assign(limits, l);
			windows.minute = { start: null, count: 0 };
			windows.hour = { start: null, count: 0 };
			return { ...limits };
		},
		rateLimitUsage: () => ({ minute: windows.minute.count, hour: windows.hour.count, ...limits }),
		templates: () => clone(state.templates),
		workspaces: () => clone(state.workspaces),
		getCase: (id) => serialize(findCase(state, id), state, true),
		/** Adds a case without an API request: `{ templateIndex, title, reference, email }`. */
		addCase(o = {}) {
			const t = state.templates[o.templateIndex ?? 0];
			const c = addCase(state, { title: o.title ?? 'Added case', reference: o.reference, template: { id: t.id }, workspace: { id: state.workspaces[0].id }, contacts: [{ key: t.contacts[0].key, email: o.email ?? 'client@example.com', given_name: 'Client' }] });
			return serialize(c, state, true);
		},
		setStatus(id, key) {
			setStatus(state, findCase(state, id), key);
			return serialize(findCase(state, id), state, true);
		},
		/** The client fills in the form: files uploaded into the file fields, response recorded, case closed. */
		completeCase(id, o = {}) {
			// `latest`: the newest case that is not closed yet (what the demo's curl line completes).
			const open = [...state.cases.values()].filter((x) => x.parent_status !== 'closed').sort((a, b) => (a.created_at < b.created_at ? 1 : -1));
			const c = id === 'latest' ? open[0] : findCase(state, id);
			if (!c) throw new SimError(404, 'Not Found', 'no open case');
			const response = completeCase(state, c, { addAttachment, closeAs: o.status, attachments: (f) => pdf(`${f.name} of ${c.title}`) });
			return { case: serialize(c, state, true), responseId: response.id };
		},
		/** Moves the clock-independent `updated_at` of a case forward (a change made in the Penbox app). */
		touchCase(id, o = {}) {
			const c = findCase(state, id);
			if (o.title) c.title = o.title;
			if (o.waitingFor) c.waiting_for = o.waitingFor;
			c.updated_at = new Date(clock()).toISOString();
			return serialize(c, state, true);
		},
		/** The headers Penbox would send with `body` (a string) to `url`; `tamper` breaks one part. */
		signHeaders: (o) => signer.sign({ ...o, now: o.now ?? clock() }),
		publicKeyPem: () => signer.publicKeyPem,
		jwks: () => signer.jwks(),
		sendSigned,
		summary: () => ({ cases: state.cases.size, attachments: state.attachments.size, responses: state.responses.size }),
	});
	sim.controlRoute('GET', '/penbox/settings', () => control.settings());
	sim.controlRoute('POST', '/penbox/settings', ({ body }) => control.configure(body || {}));
	sim.controlRoute('POST', '/penbox/rate-limit', ({ body }) => control.setRateLimit(body || {}));
	sim.controlRoute('GET', '/penbox/cases/:id', ({ params }) => control.getCase(params.id));
	sim.controlRoute('POST', '/penbox/cases', ({ body }) => control.addCase(body || {}));
	sim.controlRoute('POST', '/penbox/cases/:id/complete', ({ params, body }) => control.completeCase(params.id, body || {}));
	sim.controlRoute('POST', '/penbox/cases/:id/status', ({ params, body }) => control.setStatus(params.id, body && body.status));
	sim.controlRoute('POST', '/penbox/cases/:id/touch', ({ params, body }) => control.touchCase(params.id, body || {}));
	sim.controlRoute('GET', '/penbox/public-key', () => ({ pem: control.publicKeyPem() }));
	sim.controlRoute('GET', '/penbox/jwks.json', () => control.jwks());
	sim.controlRoute('POST', '/penbox/send', ({ body }) => sendSigned(body.url, body.body ?? {}, body));
	sim.controlRoute('GET', '/penbox/state', () => control.summary());

	return sim.start().then(({ url }) => ({
		vendor: 'penbox',
		url,
		baseUrl: `${url}/v1`,
		apiKey: apiToken,
		jwksUrl: `${url}/__control/penbox/jwks.json`,
		control,
		get state() {
			return state;
		},
		stop: sim.stop,
	}));
}

module.exports = { startPenboxSimulator, DEFAULT_API_TOKEN };
