'use strict';

const http = require('node:http');
const { delay } = require('./util');

/**
 * A local HTTP endpoint that records what it receives: stands in for "the customer's webhook
 * URL" in tests (TypeScript tests may not import node:http themselves).
 *
 * @typedef {Object} SinkRequest
 * @property {string} method
 * @property {string} path path + query as received
 * @property {Record<string, string | string[] | undefined>} headers lower-case names
 * @property {string} rawBody exact bytes received (utf-8), for signature checks
 * @property {any} body parsed JSON, or null
 * @property {number} status what the sink answered
 * @property {string} time
 */

/**
 * @param {{ host?: string, port?: number, status?: number, responses?: number[], delayMs?: number }} [options]
 *   `responses`: statuses for the next requests, in order (then `status`, default 200);
 *   `delayMs`: wait before answering (to provoke sender timeouts)
 */
async function startWebhookSink(options = {}) {
	const host = options.host || '127.0.0.1';
	/** @type {SinkRequest[]} */
	const requests = [];
	let queue = [...(options.responses || [])];
	let defaultStatus = options.status ?? 200;
	let delayMs = options.delayMs ?? 0;
	/** @type {Array<{ n: number, resolve: () => void }>} */
	let waiters = [];
	const sockets = new Set();

	const server = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', async () => {
			const rawBody = Buffer.concat(chunks).toString('utf8');
			let body = null;
			try {
				body = rawBody ? JSON.parse(rawBody) : null;
			} catch {
				body = null;
			}
			const status = queue.length ? /** @type {number} */ (queue.shift()) : defaultStatus;
			if (delayMs) await delay(delayMs);
			requests.push({
				method: req.method || '',
				path: req.url || '',
				headers: req.headers,
				rawBody,
				body,
				status,
				time: new Date().toISOString(),
			});
			res.writeHead(status, { 'Content-Type': 'application/json' });
			res.end(JSON.stringify({ received: status >= 200 && status < 300 }));
			waiters = waiters.filter((w) => {
				if (requests.length < w.n) return true;
				w.resolve();
				return false;
			});
		});
	});
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise((resolve) => server.listen(options.port ?? 0, host, () => resolve(undefined)));
	const address = /** @type {import('node:net').AddressInfo} */ (server.address());
	const url = `http://${host}:${address.port}`;

	return {
		url,
		/** Everything received so far (live array). */
		requests,
		/** Statuses for the next requests, in order. */
		respondWith(/** @type {number[]} */ ...statuses) {
			queue = statuses;
		},
		setDefaultStatus(/** @type {number} */ status) {
			defaultStatus = status;
		},
		setDelay(/** @type {number} */ ms) {
			delayMs = ms;
		},
		clear() {
			requests.length = 0;
		},
		/**
		 * Resolves when at least `n` requests have arrived in total; rejects after `timeoutMs`.
		 * @param {number} n
		 * @param {number} [timeoutMs]
		 */
		waitForRequests(n, timeoutMs = 5000) {
			if (requests.length >= n) return Promise.resolve(requests);
			return new Promise((resolve, reject) => {
				const timer = setTimeout(() => reject(new Error(`sink got ${requests.length} of ${n} requests`)), timeoutMs);
				waiters.push({
					n,
					resolve: () => {
						clearTimeout(timer);
						resolve(requests);
					},
				});
			});
		},
		stop() {
			return new Promise((resolve) => {
				server.close(() => resolve(undefined));
				for (const s of sockets) s.destroy();
			});
		},
	};
}

module.exports = { startWebhookSink };
