'use strict';
/**
 * Node-runtime side of the workflow test harness (CommonJS on purpose).
 *
 * The repository lint forbids node built-ins (fs, os, path, http, stream),
 * `process`, timers etc. in .ts files, so everything needing them lives here
 * and is imported by ./index.ts through ./runtime.d.ts.
 *
 * Responsibilities:
 *  - prepare the @n8n/di container for n8n-core (InstanceSettings without
 *    touching ~/.n8n, temp folder for filesystem binary data)
 *  - build express-like request objects for WebhookContext
 *  - a tiny loopback HTTP server for simulators / fixtures
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const http = require('http');
const { Readable } = require('stream');

const coreDir = path.dirname(require.resolve('n8n-core/package.json'));

/**
 * n8n-core ships nested copies of some @n8n/* packages (config, backend-common…).
 * The DI container is keyed by class identity, so those must be resolved the way
 * n8n-core resolves them, not from the project root.
 */
function requireFromCore(id) {
	return require(require.resolve(id, { paths: [coreDir] }));
}

let state;

function cleanup() {
	if (!state) return;
	try {
		fs.rmSync(state.tmpRoot, { recursive: true, force: true });
	} catch {
		// best effort: a leftover temp dir is harmless
	}
}

// Register cleanup when loaded from a jest test file (module load time is the only
// moment hooks may be registered; lazily calling afterAll inside a test throws).
if (typeof afterAll === 'function') {
	try {
		afterAll(cleanup);
	} catch {
		// loaded outside of a collectable context — rely on the OS temp cleaner
	}
}

/**
 * Idempotent per module registry (i.e. per jest test file).
 * Must run before anything asks the container for InstanceSettings.
 */
function ensureRuntime() {
	if (state) return state;
	const { Container } = require('@n8n/di');
	const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-harness-'));
	const n8nFolder = path.join(tmpRoot, '.n8n');
	const binaryDataPath = path.join(tmpRoot, 'binary-data');
	fs.mkdirSync(n8nFolder, { recursive: true });
	fs.mkdirSync(binaryDataPath, { recursive: true });

	// InstanceSettings reads its folder + encryption key from InstanceSettingsConfig
	// (env N8N_USER_FOLDER / N8N_ENCRYPTION_KEY). Override the config instance in the
	// container instead of mutating process.env, so nothing leaks into the user's ~/.n8n.
	const { InstanceSettingsConfig } = requireFromCore('@n8n/config');
	const config = Container.get(InstanceSettingsConfig);
	config.n8nFolder = n8nFolder;
	config.userHome = tmpRoot;
	config.enforceSettingsFilePermissions = false;
	if (!config.encryptionKey) config.encryptionKey = 'n8n-test-harness-encryption-key';

	// n8n's logger defaults to level 'info' on the console; keep test output readable
	// unless the developer asked for something else via N8N_LOG_LEVEL.
	if (!process.env.N8N_LOG_LEVEL) {
		const { GlobalConfig } = requireFromCore('@n8n/config');
		Container.get(GlobalConfig).logging.level = 'warn';
	}

	// WorkflowExecute reports every node failure to the ErrorReporter, whose default
	// (Sentry not initialised) prints the error and its cause chain to the console.
	// Collect instead; print only with N8N_HARNESS_PRINT_REPORTED_ERRORS=true.
	const reportedErrors = [];
	const { ErrorReporter } = require('n8n-core');
	const reporter = Container.get(ErrorReporter);
	const defaultReport = reporter.report;
	reporter.report = function (error, options) {
		reportedErrors.push({ error, options });
		if (process.env.N8N_HARNESS_PRINT_REPORTED_ERRORS === 'true') {
			return defaultReport.call(this, error, options);
		}
	};

	state = { tmpRoot, n8nFolder, binaryDataPath, reportedErrors };
	return state;
}

function lowerCaseHeaders(headers) {
	const out = {};
	for (const [key, value] of Object.entries(headers || {})) {
		if (value === undefined) continue;
		out[key.toLowerCase()] = Array.isArray(value) ? value.map(String) : String(value);
	}
	return out;
}

function toBuffer(value) {
	if (value === undefined || value === null) return undefined;
	if (Buffer.isBuffer(value)) return value;
	if (value instanceof Uint8Array) return Buffer.from(value);
	if (typeof value === 'string') return Buffer.from(value, 'utf8');
	return Buffer.from(JSON.stringify(value), 'utf8');
}

/**
 * An express-like request as n8n's webhook server hands it to WebhookContext:
 * a readable stream (nodes may pipe it) carrying method/headers/query/params/body
 * and `rawBody` (Buffer), plus `readRawBody()` and `get()/header()`.
 */
function buildRequest(input) {
	const method = String(input.method || 'POST').toUpperCase();
	const headers = lowerCaseHeaders(input.headers);
	const query = input.query || {};
	let rawBody = toBuffer(input.rawBody);
	let body = input.body;
	const contentType = String(headers['content-type'] || '');

	if (rawBody === undefined && body !== undefined) {
		rawBody = toBuffer(body);
		if (!headers['content-type'] && typeof body === 'object' && !Buffer.isBuffer(body)) {
			headers['content-type'] = 'application/json';
		}
	}
	if (body === undefined && rawBody !== undefined && rawBody.length > 0) {
		const text = rawBody.toString('utf8');
		if (contentType.includes('json')) {
			try {
				body = JSON.parse(text);
			} catch {
				body = {};
			}
		} else if (contentType.includes('application/x-www-form-urlencoded')) {
			body = Object.fromEntries(new URLSearchParams(text));
		} else if (contentType.startsWith('text/')) {
			body = text;
		} else {
			body = {};
		}
	}
	if (body === undefined) body = {};
	if (rawBody === undefined) rawBody = Buffer.alloc(0);
	if (headers['content-length'] === undefined && rawBody.length > 0) {
		headers['content-length'] = String(rawBody.length);
	}

	const reqPath = input.path || '/webhook';
	const search = new URLSearchParams();
	for (const [key, value] of Object.entries(query)) {
		if (Array.isArray(value)) value.forEach((v) => search.append(key, String(v)));
		else if (value !== undefined) search.append(key, String(value));
	}
	const url = search.toString() ? `${reqPath}?${search.toString()}` : reqPath;

	const req = Readable.from(rawBody.length ? [rawBody] : []);
	Object.assign(req, {
		method,
		url,
		originalUrl: url,
		baseUrl: '',
		path: reqPath,
		headers,
		rawHeaders: Object.entries(headers).flatMap(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : v]),
		query,
		params: input.params || {},
		body,
		rawBody,
		cookies: input.cookies || {},
		signedCookies: {},
		ip: input.ip || '127.0.0.1',
		ips: [],
		hostname: 'localhost',
		protocol: 'http',
		secure: false,
		httpVersion: '1.1',
		socket: { remoteAddress: input.ip || '127.0.0.1' },
		contentType: headers['content-type'],
		get(name) {
			return headers[String(name).toLowerCase()];
		},
		header(name) {
			return headers[String(name).toLowerCase()];
		},
		is(type) {
			return contentType.includes(type) ? type : false;
		},
		async readRawBody() {
			// n8n reads the raw body lazily; here it is always already present.
		},
	});
	return req;
}

function parseIncoming(req, rawBody) {
	const url = new URL(req.url || '/', 'http://127.0.0.1');
	const text = rawBody.toString('utf8');
	let json;
	if (text.length) {
		try {
			json = JSON.parse(text);
		} catch {
			json = undefined;
		}
	}
	return {
		method: req.method || 'GET',
		url: req.url || '/',
		path: url.pathname,
		query: Object.fromEntries(url.searchParams),
		headers: { ...req.headers },
		rawBody,
		text,
		json,
	};
}

/**
 * Start a loopback HTTP server. `handler(request)` receives a recorded request
 * ({ method, url, path, query, headers, rawBody, text, json }) and returns
 * { status?, headers?, body? } (object bodies are JSON encoded; Buffers/strings
 * sent as-is). Every request is appended to `server.requests`.
 */
async function startTestServer(handler) {
	const requests = [];
	const sockets = new Set();
	const server = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (chunk) => chunks.push(chunk));
		req.on('end', async () => {
			const recorded = parseIncoming(req, Buffer.concat(chunks));
			requests.push(recorded);
			let reply;
			try {
				reply = (await handler(recorded)) || {};
			} catch (error) {
				reply = { status: 500, body: { message: String((error && error.message) || error) } };
			}
			const status = reply.status || 200;
			const headers = lowerCaseHeaders(reply.headers);
			let payload = reply.body;
			if (payload === undefined || payload === null) {
				payload = '';
			} else if (!Buffer.isBuffer(payload) && typeof payload !== 'string') {
				payload = JSON.stringify(payload);
				if (!headers['content-type']) headers['content-type'] = 'application/json';
			}
			if (!headers['content-type'] && typeof payload === 'string' && payload.length) {
				headers['content-type'] = 'text/plain; charset=utf-8';
			}
			res.writeHead(status, headers);
			res.end(payload);
		});
	});
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', resolve);
	});
	const { port } = server.address();
	return {
		url: `http://127.0.0.1:${port}`,
		port,
		requests,
		async close() {
			for (const socket of sockets) socket.destroy();
			await new Promise((resolve) => server.close(() => resolve()));
		},
	};
}

module.exports = { ensureRuntime, buildRequest, startTestServer, requireFromCore };
