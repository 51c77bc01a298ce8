'use strict';

const { createSimulatorServer } = require('./lib/server');
const { SimError } = require('./lib/errors');
const { clone } = require('./lib/util');
const { createAuth } = require('./sphinx/auth');
const { registerCaseRoutes } = require('./sphinx/cases');
const { registerResourceRoutes } = require('./sphinx/resources');
const { serializeCase, phaseOf, CHECK_TYPES, CASE_CONFIGS } = require('./sphinx/model');
const { createSphinxState, addCase, addCheck, addCustomer, startCase, decideCase, tick } = require('./sphinx/state');

/**
 * Sphinx (app.sphinxhq.com) compliance-agent API simulator, after /work/shared/vendors/sphinx.md:
 * Django REST Framework conventions (trailing slashes, `{detail}` and field errors, 429 with
 * Retry-After, `{count, next, previous, results}` pages), both token styles, the case lifecycle
 * with start/rerun, and unsigned webhook calls to a case's `webhook_url` when it completes.
 *
 * Variants where the real API may differ from its docs (`settings`, also via
 * `POST /__control/sphinx/settings`): `generation` ('new' | 'old' | 'both' field sets),
 * `pageSizeCap` (short pages), `nextDropsFilters`, `omitOptional` (optional fields left out),
 * `reasoning` ('docs' = string on GET check, array inside cases | 'string' | 'array'),
 * `externalIdFilter` (list filter by external_id honoured, default true), `webhookPayload`
 * ('case' | 'thin'), `allowDelete` (DELETE /api/cases/{id}/), `decisionDelayMs`.
 */

const DEFAULT_ACCESS_TOKEN = 'sphinx_dashboard_simulator_token';
const DEFAULT_CLIENT_ID = '3f1c2b9e-5a41-4d8e-9c47-0b6a2f8e1d53';
const DEFAULT_CLIENT_SECRET = 'sphinx_client_secret_simulator';

const DEFAULT_SETTINGS = {
	generation: 'new',
	pageSizeCap: null,
	nextDropsFilters: false,
	omitOptional: false,
	reasoning: 'docs',
	externalIdFilter: true,
	webhookPayload: 'case',
	allowDelete: false,
	decisionDelayMs: 3000,
	defaultPageSize: 20,
	maxPageSize: 100,
};

/**
 * @param {{ port?: number, host?: string, seed?: number | string, caseCount?: number, clock?: () => number,
 *   accessToken?: string, clientId?: string, clientSecret?: string, tokenLifetimeSeconds?: number,
 *   rateLimit?: { limit?: number, windowMs?: number }, settings?: Partial<typeof DEFAULT_SETTINGS> }} [options]
 */
async function startSphinxSimulator(options = {}) {
	const clock = options.clock ?? Date.now;
	const authOptions = {
		accessToken: options.accessToken ?? DEFAULT_ACCESS_TOKEN,
		clientId: options.clientId ?? DEFAULT_CLIENT_ID,
		clientSecret: options.clientSecret ?? DEFAULT_CLIENT_SECRET,
		tokenLifetimeSeconds: options.tokenLifetimeSeconds,
	};
	const auth = createAuth(authOptions, clock);
	let state = newState(options.seed, options.caseCount);

	function newState(seed, caseCount) {
		const s = createSphinxState({ seed: seed ?? 1, caseCount: caseCount ?? 60 }, clock);
		Object.assign(s.settings, DEFAULT_SETTINGS, options.settings || {});
		s.onComplete = (c) => notify(c);
		return s;
	}

	const sim = createSimulatorServer({
		vendor: 'sphinx',
		host: options.host,
		port: options.port,
		requestIdHeader: 'X-Request-Id',
		errorBody: (status, title, details, extra) => {
			if (extra.oauth) return extra.oauth;
			if (extra.fields) return extra.fields;
			return { detail: details || title };
		},
		authenticate: (ctx) => auth.authenticate(ctx),
		rateLimit: {
			limit: options.rateLimit?.limit ?? 120,
			windowMs: options.rateLimit?.windowMs ?? 60_000,
			retryAfterHeader: true,
			...(options.clock ? { now: options.clock } : {}),
			headerNames: { limit: 'X-RateLimit-Limit', remaining: 'X-RateLimit-Remaining', reset: 'X-RateLimit-Reset' },
			error: ({ windowMs }) => ({ title: 'Throttled', details: `Request was throttled. Expected available in ${Math.ceil(windowMs / 1000)} seconds.` }),
		},
		logHeaders: ['authorization', 'content-type', 'user-agent'],
		webhooks: { maxAttempts: 4, retryDelaysMs: [200, 600, 1800] },
		onReset: (o) => {
			auth.reset();
			state = newState(o.seed ?? options.seed, o.caseCount ?? options.caseCount);
			if (o.settings) Object.assign(state.settings, o.settings);
		},
	});

	/** DRF routes end in a slash; a path without one is not found (no redirect for a POST). */
	const api = {
		route(method, pattern, handler, routeOptions) {
			sim.route(method, pattern, (ctx) => {
				if (!ctx.rawPath.endsWith('/')) {
					ctx.warn('path without trailing slash');
					throw new SimError(404, 'Not Found', 'Not found.');
				}
				return handler(ctx);
			}, routeOptions);
		},
	};
	// Every handler reads the current state (it is replaced on reset).
	const live = new Proxy({}, { get: (_t, key) => state[key], set: (_t, key, value) => ((state[key] = value), true) });

	api.route('POST', '/api/oauth/token', (ctx) => auth.issueToken(ctx), { auth: false, rateLimited: false });
	registerCaseRoutes(api, live);
	registerResourceRoutes(api, live);

	/** The unsigned completion call to the case's webhook_url. */
	function notify(c) {
		if (!c.webhook_url) return;
		const body = () => (state.settings.webhookPayload === 'thin' ? { id: c.id, external_id: c.external_id } : serializeCase(c, state));
		sim.dispatcher.enqueue({
			url: c.webhook_url,
			build: () => ({ body: JSON.stringify(body()), headers: { 'User-Agent': 'Sphinx-Webhook/sim', 'X-Sphinx-Simulator-Event': 'case.completed' } }),
			meta: { caseId: c.id, externalId: c.external_id },
		});
	}

	const timer = setInterval(() => tick(state), 100);
	timer.unref();

	const findCase = (id) => {
		const c = state.cases.get(Number(id));
		if (!c) throw new SimError(404, 'Not Found', `no case ${id}`);
		return c;
	};
	const control = Object.assign(sim.control, {
		settings: () => clone(state.settings),
		configure(s = {}) {
			Object.assign(state.settings, s);
			return clone(state.settings);
		},
		/** Decides a processing (or not started) case now; `{ outcome, fail }` force the result. */
		completeCase(id, o = {}) {
			const c = findCase(id);
			if (phaseOf(c) === 'pending') startCase(state, c);
			decideCase(state, c, { force: true, outcome: o.outcome, fail: o.fail });
			return serializeCase(c, state);
		},
		getCase: (id) => serializeCase(findCase(id), state),
		/** Adds a case directly (no API request, no rate limit): `{ fullName, checks, started, webhookUrl, externalId }`. */
		addCase(o = {}) {
			const cu = addCustomer(state, { full_name: o.fullName ?? 'Test Person', customer_type: 'INDIVIDUAL' });
			const c = addCase(state, { customer_id: cu.id, external_id: o.externalId, webhook_url: o.webhookUrl ?? null });
			for (const t of o.checks ?? ['PEP']) addCheck(state, c, { check_type: t });
			if (o.started !== false) startCase(state, c);
			if (o.started !== false && o.stuck) c.decideAt = Number.MAX_SAFE_INTEGER;
			return serializeCase(c, state);
		},
		findCase(filter = {}) {
			for (const c of [...state.cases.values()].reverse()) if (!c.archived && (!filter.phase || phaseOf(c) === filter.phase)) return serializeCase(c, state);
			return null;
		},
		expireTokens: () => auth.expireAll(),
		/** Every issued OAuth2 token stops working after `n` more API requests made with one. */
		expireTokensAfter(n) {
			auth.expireAfter = n;
			return { expireAfter: n };
		},
		setTokenLifetime(seconds) {
			auth.lifetimeSeconds = seconds;
			return { tokenLifetimeSeconds: seconds };
		},
		tokenRequests: () => clone(auth.tokenRequests),
		tick: () => tick(state),
		summary: () => ({ cases: state.cases.size, customers: state.customers.size, checks: state.checks.size, documents: state.documents.size }),
	});
	sim.controlRoute('GET', '/sphinx/settings', () => control.settings());
	sim.controlRoute('POST', '/sphinx/settings', ({ body }) => control.configure(body || {}));
	sim.controlRoute('GET', '/sphinx/cases/:id', ({ params }) => control.getCase(params.id));
	sim.controlRoute('POST', '/sphinx/cases', ({ body }) => control.addCase(body || {}));
	sim.controlRoute('POST', '/sphinx/cases/:id/complete', ({ params, body }) => control.completeCase(params.id, body || {}));
	sim.controlRoute('POST', '/sphinx/tokens/expire', ({ body }) => (body && body.afterRequests !== undefined ? control.expireTokensAfter(body.afterRequests) : control.expireTokens()));
	sim.controlRoute('POST', '/sphinx/tokens/lifetime', ({ body }) => control.setTokenLifetime(Number(body && body.seconds)));
	sim.controlRoute('GET', '/sphinx/tokens/requests', () => control.tokenRequests());
	sim.controlRoute('GET', '/sphinx/state', () => control.summary());

	const { url } = await sim.start();
	const stop = sim.stop;
	return {
		vendor: 'sphinx',
		url,
		baseUrl: url,
		apiKey: authOptions.accessToken,
		accessToken: authOptions.accessToken,
		clientId: authOptions.clientId,
		clientSecret: authOptions.clientSecret,
		tokenUrl: `${url}/api/oauth/token/`,
		control,
		get state() {
			return state;
		},
		stop: async () => {
			clearInterval(timer);
			await stop();
		},
	};
}

module.exports = { startSphinxSimulator, DEFAULT_ACCESS_TOKEN, DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, CHECK_TYPES, CASE_CONFIGS };
