'use strict';

const http = require('node:http');
const { Router } = require('./router');
const { parseQuery } = require('./query');
const { RequestLog } = require('./request-log');
const { FaultQueue } = require('./faults');
const { htmlPage, AnswerMemory } = require('./fault-answers');
const { FixedWindowRateLimiter } = require('./rate-limit');
const { WebhookDispatcher } = require('./webhooks');
const { SimError } = require('./errors');
const { delay, randomId } = require('./util');

/**
 * The generic part of every vendor simulator: an HTTP server on loopback with a router,
 * authentication hook, request log, fixed-window rate limiter, fault injection, webhook
 * dispatcher and an unauthenticated control API under `/__control/`.
 *
 * Request pipeline for vendor API routes (in this order, because that is where a real SaaS
 * answers each of these): fault injection (gateway) → authentication → rate limit → JSON body
 * parsing → route handler. The control API skips all of it and is not logged.
 */

const CONTROL_PREFIX = '/__control';

/**
 * @typedef {import('./request-log').RequestLogEntry} RequestLogEntry
 * @typedef {import('./faults').FaultInput} FaultInput
 */

/**
 * @typedef {Object} RequestContext
 * @property {string} method upper-case
 * @property {string} path path without query (still percent-encoded), trailing slash removed
 * @property {string} rawPath path as received (trailing slash kept), for vendors that insist on it
 * @property {Record<string, string>} params route parameters (decoded)
 * @property {Record<string, string | string[]>} query decoded flat map (`page[size]` keys)
 * @property {string} search raw query string including '?', or ''
 * @property {import('node:http').IncomingHttpHeaders} headers lower-case names
 * @property {Buffer} rawBody
 * @property {any} body parsed JSON body; undefined when empty or not JSON
 * @property {any} principal what `authenticate` returned for valid credentials
 * @property {string} requestId
 * @property {RequestLogEntry} logEntry this request's log entry (handlers may annotate it)
 * @property {(message: string) => void} warn records a tolerated oddity in the log entry
 * @property {string} origin simulator origin, e.g. `http://127.0.0.1:41234`
 */

/**
 * @typedef {Object} SimResponse
 * @property {number} status
 * @property {any} [body] object → JSON; string or Buffer → sent verbatim
 * @property {Record<string, string>} [headers]
 */

/**
 * @typedef {(ctx: RequestContext) => SimResponse | Promise<SimResponse>} RouteHandler
 * @typedef {(ctx: { method: string, path: string, params: Record<string, string>, query: Record<string, string | string[]>, body: any, headers: import('node:http').IncomingHttpHeaders }) => any} ControlHandler
 */

/**
 * @typedef {Object} RateLimitOptions
 * @property {number} [limit] requests per window (default 300)
 * @property {number} [windowMs] window length (default 60000)
 * @property {boolean} [retryAfterHeader] also send `Retry-After` on 429 (default false)
 * @property {{ limit: string, remaining: string, reset: string }} [headerNames]
 * @property {(info: { limit: number, windowMs: number }) => { title: string, details?: string }} [error]
 */

/**
 * @typedef {Object} SimulatorServerOptions
 * @property {string} vendor
 * @property {string} [host] default 127.0.0.1
 * @property {number} [port] default 0 (any free port)
 * @property {(status: number, title: string, details: string | undefined, extra: Record<string, any>) => any} errorBody
 *   vendor-shaped error document
 * @property {(ctx: RequestContext) => { ok: true, principal?: any } | { ok: false, error?: SimError }} [authenticate]
 * @property {(headers: import('node:http').IncomingHttpHeaders) => boolean} [credentialPresent]
 *   for the log: did the request carry credentials at all (default: an Authorization header)
 * @property {string} [requestIdHeader] response header carrying the request id (default Request-Id)
 * @property {() => string} [newRequestId]
 * @property {RateLimitOptions | false} [rateLimit] false = no limiter
 * @property {string[]} [logHeaders] request headers copied into the log (case-insensitive)
 * @property {{ maxAttempts?: number, retryDelaysMs?: number[], timeoutMs?: number }} [webhooks]
 * @property {(options: any) => void} [onReset] re-seed vendor state (`POST /__control/reset` body)
 */

/**
 * @param {SimulatorServerOptions} options
 */
function createSimulatorServer(options) {
	const vendor = options.vendor;
	const host = options.host || '127.0.0.1';
	const requestIdHeader = options.requestIdHeader || 'Request-Id';
	const newRequestId = options.newRequestId || (() => randomId('req_'));
	const credentialPresent = options.credentialPresent || ((headers) => Boolean(headers.authorization));
	const logHeaders = (options.logHeaders || []).map((h) => h.toLowerCase());
	const rateLimitOptions = options.rateLimit === false ? null : { ...(options.rateLimit || {}) };
	const headerNames = (rateLimitOptions && rateLimitOptions.headerNames) || {
		limit: 'RateLimit-Limit',
		remaining: 'RateLimit-Remaining',
		reset: 'RateLimit-Reset',
	};

	/** @type {Router<RouteHandler>} */
	const api = new Router();
	/** @type {Router<ControlHandler>} */
	const controlRouter = new Router();
	const log = new RequestLog();
	const faults = new FaultQueue();
	const answers = new AnswerMemory();
	const limiter = rateLimitOptions ? new FixedWindowRateLimiter(rateLimitOptions) : null;
	const initialRateLimit = {
		limit: limiter ? limiter.limit : 0,
		windowMs: limiter ? limiter.windowMs : 0,
		retryAfterHeader: Boolean(rateLimitOptions && rateLimitOptions.retryAfterHeader),
	};
	// Variant: the vendor echoes the request's credential headers in its error answers (a careless
	// API, or a proxy's debug page). Start option `echoCredentials`, JS `setEchoCredentials(on)`,
	// HTTP `POST /__control/echo-credentials {on}`; reset() restores the start-up setting.
	let echoCredentials = Boolean(options.echoCredentials);
	const dispatcherOptions = { ...(options.webhooks || {}) };
	let dispatcher = new WebhookDispatcher(dispatcherOptions);
	/** @type {Set<import('node:net').Socket>} */
	const sockets = new Set();
	let origin = '';

	/** @param {SimError} err */
	function errorResponse(err) {
		const { headers, ...extra } = err.extra || {};
		return { status: err.status, body: options.errorBody(err.status, err.title, err.details, extra), headers: headers || {} };
	}

	function rateLimitedError(limit, windowMs) {
		const text = rateLimitOptions && rateLimitOptions.error
			? rateLimitOptions.error({ limit, windowMs })
			: { title: 'Rate limit exceeded', details: `You have hit your rate limit of ${limit} requests.` };
		return new SimError(429, text.title, text.details);
	}

	/** @param {{ limit: number, remaining: number, resetSeconds: number }} info */
	function rateLimitHeaders(info) {
		return {
			[headerNames.limit]: String(info.limit),
			[headerNames.remaining]: String(info.remaining),
			[headerNames.reset]: String(info.resetSeconds),
		};
	}

	/** Answer for an injected 429 fault. */
	function faultRateLimited(fault) {
		const resetSeconds = fault.resetSeconds ?? 1;
		const limit = limiter ? limiter.limit : 300;
		const err = rateLimitedError(limit, limiter ? limiter.windowMs : 60_000);
		const response = errorResponse(err);
		response.headers = { ...rateLimitHeaders({ limit, remaining: 0, resetSeconds }) };
		let retryAfter = fault.retryAfterSeconds;
		if (retryAfter === undefined && (fault.retryAfter || (rateLimitOptions && rateLimitOptions.retryAfterHeader))) retryAfter = true;
		if (retryAfter === true) retryAfter = resetSeconds;
		if (typeof retryAfter === 'number') response.headers['Retry-After'] = String(retryAfter);
		// `bare: true`: a 429 that says nothing about when to come back.
		if (fault.bare) response.headers = {};
		return response;
	}

	/** Answer for an injected 5xx fault. */
	function faultServerError(fault) {
		const status = Number(fault.type);
		if (typeof fault.body === 'string') {
			return { status, body: fault.body, headers: { 'Content-Type': fault.contentType || 'text/html; charset=utf-8' } };
		}
		const titles = { 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout' };
		return errorResponse(new SimError(status, titles[status] || 'Server Error', 'Injected fault from the simulator'));
	}

	/**
	 * Authentication, rate limit, body parsing and routing for one vendor API request.
	 * @param {RequestContext} ctx
	 * @returns {Promise<SimResponse>}
	 */
	async function processApiRequest(ctx) {
		const match = api.match(ctx.method, ctx.path);
		const needsAuth = !match || match.route.options.auth !== false;
		/** @type {Record<string, string>} */
		let extraHeaders = {};

		if (needsAuth && options.authenticate) {
			const result = options.authenticate(ctx);
			ctx.logEntry.auth = { present: credentialPresent(ctx.headers), valid: result.ok };
			if (!result.ok) {
				return errorResponse(result.error || new SimError(401, 'Unauthorized', 'Must be authenticated'));
			}
			ctx.principal = result.principal;
		}

		if (limiter && match?.route.options.rateLimited !== false) {
			const info = limiter.hit();
			extraHeaders = rateLimitHeaders(info);
			if (!info.allowed) {
				const response = errorResponse(rateLimitedError(info.limit, limiter.windowMs));
				if (rateLimitOptions && rateLimitOptions.retryAfterHeader) extraHeaders['Retry-After'] = String(info.resetSeconds);
				return { ...response, headers: { ...extraHeaders, ...response.headers } };
			}
		}

		const withHeaders = (/** @type {SimResponse} */ r) => ({ ...r, headers: { ...extraHeaders, ...(r.headers || {}) } });

		if (ctx.rawBody.length) {
			const contentType = String(ctx.headers['content-type'] || '');
			if (!contentType || /json/i.test(contentType)) {
				try {
					ctx.body = JSON.parse(ctx.rawBody.toString('utf8'));
				} catch {
					return withHeaders(errorResponse(new SimError(400, 'Bad Request', 'Request body is not valid JSON')));
				}
			}
		}

		if (!match) {
			return withHeaders(errorResponse(new SimError(404, 'Not Found', `No route matches ${ctx.method} ${ctx.path}`)));
		}
		ctx.params = match.params;
		try {
			return withHeaders(await match.route.handler(ctx));
		} catch (err) {
			if (err instanceof SimError) return withHeaders(errorResponse(err));
			ctx.logEntry.error = err && err.stack ? err.stack : String(err);
			return withHeaders(errorResponse(new SimError(500, 'Internal Server Error', 'Unexpected simulator error')));
		}
	}

	/**
	 * Writes the answer, or breaks it on purpose for `truncated` / `reset` (after) faults.
	 * @param {import('node:http').IncomingMessage} req
	 * @param {import('node:http').ServerResponse} res
	 * @param {SimResponse} response
	 * @param {import('./faults').Fault | null} fault
	 * @param {RequestLogEntry} [entry]
	 */
	function writeResponse(req, res, response, fault, entry) {
		const body = response.body;
		const payload = Buffer.isBuffer(body)
			? body
			: Buffer.from(typeof body === 'string' ? body : body === undefined ? '' : JSON.stringify(body));
		/** @type {Record<string, string>} */
		const headers = { 'Content-Type': 'application/json; charset=utf-8', ...(response.headers || {}) };
		if (entry) entry.status = response.status;

		if (fault && fault.type === 'reset' && fault.after) {
			if (entry) entry.status = null;
			req.socket.destroy();
			return;
		}
		if (fault && fault.type === 'truncated') {
			if (fault.mode === 'cut') {
				// Chunked, half of the JSON, then the connection dies mid-body.
				res.writeHead(response.status, headers);
				res.write(payload.subarray(0, Math.floor(payload.length / 2)), () => res.socket?.destroy());
			} else {
				// The body is complete but the announced length is not: the client waits for bytes
				// that never come and then sees the connection close.
				res.writeHead(response.status, { ...headers, 'Content-Length': String(payload.length + 1024) });
				res.write(payload, () => res.socket?.destroy());
			}
			return;
		}
		res.writeHead(response.status, { ...headers, 'Content-Length': String(payload.length) });
		res.end(payload);
	}

	/** Parsed JSON when possible (so tests can assert on it), else the text, else null. */
	function bodyForLog(rawBody) {
		if (!rawBody.length) return null;
		const text = rawBody.toString('utf8');
		try {
			return JSON.parse(text);
		} catch {
			return text;
		}
	}

	function readBody(req) {
		return new Promise((resolve, reject) => {
			const chunks = [];
			req.on('data', (c) => chunks.push(c));
			req.on('end', () => resolve(Buffer.concat(chunks)));
			req.on('error', reject);
		});
	}

	/**
	 * @param {import('node:http').IncomingMessage} req
	 * @param {import('node:http').ServerResponse} res
	 */
	async function handle(req, res) {
		const started = Date.now();
		const method = (req.method || 'GET').toUpperCase();
		const rawUrl = req.url || '/';
		const q = rawUrl.indexOf('?');
		const rawPath = q === -1 ? rawUrl : rawUrl.slice(0, q);
		let path = rawPath;
		if (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
		const search = q === -1 ? '' : rawUrl.slice(q);
		const query = parseQuery(search);
		const rawBody = await readBody(req);

		if (path === CONTROL_PREFIX || path.startsWith(CONTROL_PREFIX + '/')) {
			await handleControl(req, res, method, path.slice(CONTROL_PREFIX.length) || '/', query, rawBody);
			return;
		}

		const requestId = newRequestId();
		/** @type {Record<string, string>} */
		const loggedHeaders = {};
		for (const name of logHeaders) {
			const value = req.headers[name];
			if (value !== undefined) loggedHeaders[name] = Array.isArray(value) ? value.join(', ') : value;
		}
		const entry = log.add({
			time: new Date(started).toISOString(),
			requestId,
			method,
			path,
			query,
			headers: loggedHeaders,
			auth: { present: credentialPresent(req.headers), valid: null },
			body: bodyForLog(rawBody),
			status: null,
			fault: null,
			warnings: [],
		});
		/** @type {RequestContext} */
		const ctx = {
			method,
			path,
			rawPath,
			params: {},
			query,
			search,
			headers: req.headers,
			rawBody,
			body: undefined,
			principal: undefined,
			requestId,
			logEntry: entry,
			warn: (message) => entry.warnings.push(message),
			origin,
		};
		const idHeader = { [requestIdHeader]: requestId };
		const finish = (/** @type {SimResponse} */ response, fault = null) => {
			entry.durationMs = Date.now() - started;
			if (echoCredentials && response.status >= 400) response = withEchoedCredentials(response, req.headers);
			writeResponse(req, res, { ...response, headers: { ...idHeader, ...(response.headers || {}) } }, fault, entry);
		};

		try {
			const fault = faults.take(method, path);
			if (fault) {
				entry.fault = fault.type;
				if (fault.type === 'reset' && !fault.after) {
					entry.durationMs = Date.now() - started;
					req.socket.destroy();
					return;
				}
				if (fault.type === '429') return finish(faultRateLimited(fault));
				if (/^5\d\d$/.test(fault.type) && !fault.after) return finish(faultServerError(fault));
				if (fault.type === 'html') return finish(htmlPage(fault));
				const earlier = fault.type === 'repeat' ? answers.recall(method, path) : undefined;
				if (earlier) return finish(earlier);
				if (fault.type === 'hook' && typeof fault.run === 'function') await fault.run(ctx);
				if (fault.type === 'slow' && !fault.after) await delay(fault.delayMs ?? 1000);
			}
			const response = await processApiRequest(ctx);
			answers.remember(method, path, response);
			if (fault && /^5\d\d$/.test(fault.type)) return finish(faultServerError(fault));
			if (fault && fault.type === 'slow') await delay(fault.delayMs ?? 1000);
			finish(response, fault);
		} catch (err) {
			entry.error = err && err.stack ? err.stack : String(err);
			if (!res.headersSent) finish(errorResponse(new SimError(500, 'Internal Server Error', 'Unexpected simulator error')));
		}
	}

	/**
	 * Control API: plain JSON, unauthenticated, never faulted, rate-limited or logged.
	 */
	async function handleControl(req, res, method, subPath, query, rawBody) {
		const send = (status, value) => {
			const payload = Buffer.from(JSON.stringify(value === undefined ? { ok: true } : value));
			res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': String(payload.length) });
			res.end(payload);
		};
		let body;
		if (rawBody.length) {
			try {
				body = JSON.parse(rawBody.toString('utf8'));
			} catch {
				return send(400, { error: 'control body is not valid JSON' });
			}
		}
		const match = controlRouter.match(method, subPath);
		if (!match) return send(404, { error: `unknown control endpoint ${method} ${CONTROL_PREFIX}${subPath}` });
		try {
			const result = await match.route.handler({ method, path: subPath, params: match.params, query, body, headers: req.headers });
			send(200, result);
		} catch (err) {
			const status = err instanceof SimError ? err.status : err instanceof TypeError || err instanceof RangeError ? 400 : 500;
			send(status, { error: err && err.message ? err.message : String(err) });
		}
	}

	const server = http.createServer((req, res) => {
		handle(req, res).catch(() => {
			if (!res.headersSent) {
				res.writeHead(500);
				res.end();
			}
		});
	});
	// Connections opened since the request log was last cleared: a client that reuses its
	// connections opens one for many requests (the bench shows who does).
	let connectionsOpened = 0;
	server.on('connection', (socket) => {
		connectionsOpened++;
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});

	/** JS control API; vendor simulators extend it with their own functions. */
	const control = {
		health: () => ({ ok: true, vendor, url: origin }),
		/** Re-seeds vendor state and clears log, faults, rate-limit window and deliveries. */
		reset(resetOptions = {}) {
			dispatcher.close();
			dispatcher = new WebhookDispatcher(dispatcherOptions);
			log.clear();
			connectionsOpened = 0;
			faults.clear();
			answers.clear();
			if (limiter && rateLimitOptions) {
				// A reset means "fresh simulator": the start-up rate-limit settings come back too.
				rateLimitOptions.retryAfterHeader = initialRateLimit.retryAfterHeader;
				limiter.configure({ limit: initialRateLimit.limit, windowMs: initialRateLimit.windowMs });
			}
			echoCredentials = Boolean(options.echoCredentials);
			if (options.onReset) options.onReset(resetOptions || {});
			return { ok: true };
		},
		/** The echo variant: error answers repeat the request's credential headers (see withEchoedCredentials). */
		setEchoCredentials(on = true) {
			echoCredentials = Boolean(on);
			return { echoCredentials };
		},
		/** @param {FaultInput | FaultInput[]} input */
		pushFaults: (input) => faults.push(input),
		faults: () => faults.list(),
		clearFaults: () => faults.clear(),
		/**
		 * @param {{ method?: string, path?: string }} [filter] exact method / path prefix
		 * @returns {RequestLogEntry[]}
		 */
		requests(filter = {}) {
			return log
				.list()
				.filter((e) => (!filter.method || e.method === filter.method.toUpperCase()) && (!filter.path || e.path.startsWith(filter.path)));
		},
		clearRequests: () => {
			log.clear();
			connectionsOpened = 0;
		},
		/** TCP connections opened since the request log was last cleared. */
		connectionsOpened: () => connectionsOpened,
		deliveries: () => dispatcher.list(),
		clearDeliveries: () => dispatcher.clearLog(),
		/**
		 * The webhook helper: one logged POST of `body` (object → JSON) to `url`, no retries.
		 * @param {{ url: string, body: any, headers?: Record<string, string>, meta?: Record<string, any> }} d
		 */
		deliver: (d) =>
			dispatcher.send(d.url, typeof d.body === 'string' ? d.body : JSON.stringify(d.body ?? {}), d.headers || {}, d.meta || {}),
		/** Waits for every queued webhook delivery, retries included; returns the delivery log. */
		flushDeliveries: () => dispatcher.flush(),
		/** @param {{ limit?: number, windowMs?: number, retryAfterHeader?: boolean }} rl */
		setRateLimit(rl) {
			if (!limiter || !rateLimitOptions) throw new TypeError(`${vendor} simulator has no rate limiter`);
			if (rl.retryAfterHeader !== undefined) rateLimitOptions.retryAfterHeader = Boolean(rl.retryAfterHeader);
			limiter.configure({ limit: rl.limit, windowMs: rl.windowMs });
			return control.rateLimit();
		},
		rateLimit: () =>
			limiter && rateLimitOptions
				? { limit: limiter.limit, windowMs: limiter.windowMs, retryAfterHeader: Boolean(rateLimitOptions.retryAfterHeader), used: limiter.count }
				: null,
		/** Sleeps inside the simulator's JS (TypeScript tests may not touch timers). */
		wait: (/** @type {number} */ ms) => delay(ms),
	};

	const addControl = (method, pattern, handler) => controlRouter.add(method, pattern, handler);
	addControl('GET', '/health', () => control.health());
	addControl('POST', '/reset', ({ body }) => control.reset(body || {}));
	addControl('GET', '/faults', () => control.faults());
	addControl('POST', '/faults', ({ body }) => control.pushFaults(body && Array.isArray(body.faults) ? body.faults : body));
	addControl('DELETE', '/faults', () => control.clearFaults());
	addControl('GET', '/requests', ({ query }) => control.requests({ method: /** @type {string} */ (query.method), path: /** @type {string} */ (query.path) }));
	addControl('DELETE', '/requests', () => control.clearRequests());
	addControl('GET', '/deliveries', () => control.deliveries());
	addControl('DELETE', '/deliveries', () => control.clearDeliveries());
	addControl('POST', '/deliveries/flush', () => control.flushDeliveries());
	addControl('POST', '/deliveries', ({ body }) => {
		if (!body || typeof body.url !== 'string') throw new TypeError('url is required');
		return control.deliver(body);
	});
	addControl('POST', '/echo-credentials', ({ body }) => control.setEchoCredentials(!body || body.on !== false));
	addControl('GET', '/rate-limit', () => control.rateLimit());
	addControl('POST', '/rate-limit', ({ body }) => control.setRateLimit(body || {}));

	return {
		vendor,
		control,
		log,
		faults,
		limiter,
		/** The current dispatcher (replaced on reset, so read it at use time). */
		get dispatcher() {
			return dispatcher;
		},
		get url() {
			return origin;
		},
		/**
		 * @param {string} method
		 * @param {string} pattern
		 * @param {RouteHandler} handler
		 * @param {{ auth?: boolean, rateLimited?: boolean }} [routeOptions]
		 */
		route(method, pattern, handler, routeOptions = {}) {
			api.add(method, pattern, handler, routeOptions);
		},
		/**
		 * Adds `METHOD /__control<pattern>`. The handler's return value is sent as JSON (200);
		 * throw SimError/TypeError for 4xx.
		 * @param {string} method
		 * @param {string} pattern
		 * @param {ControlHandler} handler
		 */
		controlRoute(method, pattern, handler) {
			addControl(method, pattern, handler);
		},
		errorResponse,
		/** @returns {Promise<{ url: string }>} */
		start() {
			return new Promise((resolve, reject) => {
				server.once('error', reject);
				server.listen(options.port ?? 0, host, () => {
					server.off('error', reject);
					const address = /** @type {import('node:net').AddressInfo} */ (server.address());
					origin = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
					resolve({ url: origin });
				});
			});
		},
		/** Closes the server, every open (keep-alive) socket and pending webhook retries. */
		stop() {
			dispatcher.close();
			return new Promise((resolve) => {
				if (!server.listening) return resolve(undefined);
				server.close(() => resolve(undefined));
				for (const socket of sockets) socket.destroy();
			});
		},
	};
}

/** Request headers that carry credentials: Authorization, API-key and token headers. */
const CREDENTIAL_HEADER = /^(authorization|proxy-authorization|x-api-key|api-key|apikey|x-auth-token|x-access-token)$|key|token|secret/i;

/**
 * The echo variant's error answer: every string in the vendor's error document gets
 * ` (request had Authorization: Bearer …; X-API-KEY: …)` appended — so whichever field a client
 * reads (title, detail, message, error_description…) carries the credentials — and an object
 * document also gets `request_headers` with them.
 * @param {SimResponse} response
 * @param {import('node:http').IncomingHttpHeaders} headers
 * @returns {SimResponse}
 */
function withEchoedCredentials(response, headers) {
	const echoed = Object.entries(headers).filter(([name]) => CREDENTIAL_HEADER.test(name));
	if (!echoed.length) return response;
	const text = ` (request had ${echoed.map(([n, v]) => `${n}: ${Array.isArray(v) ? v.join(', ') : v}`).join('; ')})`;
	const append = (v) =>
		typeof v === 'string' ? v + text : Array.isArray(v) ? v.map(append) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, append(x)])) : v;
	let body = response.body;
	if (typeof body === 'string' || Buffer.isBuffer(body)) {
		try {
			body = JSON.parse(body.toString());
		} catch {}
	}
	if (Buffer.isBuffer(body)) return { ...response, body: Buffer.concat([body, Buffer.from(text)]) };
	if (typeof body === 'string') return { ...response, body: body + text };
	if (body && typeof body === 'object' && !Array.isArray(body)) return { ...response, body: { ...append(body), request_headers: Object.fromEntries(echoed) } };
	return { ...response, body: append(body) };
}

module.exports = { createSimulatorServer, CONTROL_PREFIX };
