'use strict';

const http = require('node:http');
const https = require('node:https');
const { clone } = require('./util');

/**
 * Outgoing webhook delivery: a one-shot POST helper and a dispatcher that retries failed
 * deliveries in the background and lets tests await them.
 */

/**
 * @typedef {Object} PostResult
 * @property {number} status HTTP status, 0 when no response arrived
 * @property {boolean} ok 2xx
 * @property {Record<string, string | string[] | undefined>} headers response headers
 * @property {string} body response body text
 * @property {string} [error] network error / timeout message
 * @property {number} durationMs
 */

/**
 * POSTs `body` to `url`. Never rejects: network errors and timeouts come back as status 0.
 * @param {string} url
 * @param {string | Buffer | object} body objects are JSON-serialised
 * @param {Record<string, string>} [headers]
 * @param {{ timeoutMs?: number }} [options]
 * @returns {Promise<PostResult>}
 */
function postJson(url, body, headers = {}, options = {}) {
	const timeoutMs = options.timeoutMs ?? 5000;
	const payload = Buffer.isBuffer(body) ? body : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
	const started = Date.now();
	return new Promise((resolve) => {
		let settled = false;
		const finish = (/** @type {Omit<PostResult, 'durationMs' | 'ok'>} */ result) => {
			if (settled) return;
			settled = true;
			resolve({ ...result, ok: result.status >= 200 && result.status < 300, durationMs: Date.now() - started });
		};
		let target;
		try {
			target = new URL(url);
		} catch {
			finish({ status: 0, headers: {}, body: '', error: `invalid URL ${url}` });
			return;
		}
		const transport = target.protocol === 'https:' ? https : http;
		const req = transport.request(
			target,
			{
				method: 'POST',
				headers: { 'Content-Type': 'application/json', ...headers, 'Content-Length': String(payload.length) },
				// Webhook endpoints are often self-signed dev servers; this is a test tool.
				rejectUnauthorized: false,
			},
			(res) => {
				const chunks = [];
				res.on('data', (c) => chunks.push(c));
				res.on('end', () =>
					finish({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
				);
				res.on('error', (err) => finish({ status: 0, headers: {}, body: '', error: err.message }));
			},
		);
		req.setTimeout(timeoutMs, () => req.destroy(new Error(`timeout after ${timeoutMs} ms`)));
		req.on('error', (err) => finish({ status: 0, headers: {}, body: '', error: err.message }));
		req.end(payload);
	});
}

/**
 * @typedef {Object} DeliveryLogEntry
 * @property {number} seq
 * @property {string} time ISO time the attempt started
 * @property {string} url
 * @property {number} attempt 1-based
 * @property {number} status 0 = no response
 * @property {boolean} ok
 * @property {string} [error]
 * @property {number} durationMs
 * @property {Record<string, string>} requestHeaders
 * @property {string} requestBody exact bytes sent (as text)
 * @property {string} responseBody
 * @property {Record<string, any>} meta vendor data, e.g. `{ webhookId, eventId, eventName }`
 */

/**
 * @typedef {PostResult & { attempt: number, requestHeaders: Record<string, string>, requestBody: string }} DeliveryResult
 */

/**
 * @typedef {Object} DeliveryJob
 * @property {string} url
 * @property {(attempt: { attempt: number, maxAttempts: number, attemptsLeft: number, firstAttemptedAt: number }) => { body: string, headers: Record<string, string> }} build
 *   builds each attempt (so signatures and attempt headers are fresh)
 * @property {Record<string, any>} [meta]
 * @property {boolean} [retry] false = a single attempt
 * @property {() => boolean} [isLive] checked before each retry (e.g. webhook still enabled)
 */

class WebhookDispatcher {
	/**
	 * @param {{ maxAttempts?: number, retryDelaysMs?: number[], timeoutMs?: number }} [options]
	 */
	constructor(options = {}) {
		this.configure({ maxAttempts: 4, retryDelaysMs: [100, 300, 900], timeoutMs: 5000, ...options });
		/** @type {DeliveryLogEntry[]} */
		this.entries = [];
		this.seq = 0;
		/** @type {Set<Promise<any>>} */
		this.pending = new Set();
		/** @type {Set<{ timer: NodeJS.Timeout, resolve: () => void }>} */
		this.sleepers = new Set();
		this.closed = false;
	}

	/** @param {{ maxAttempts?: number, retryDelaysMs?: number[], timeoutMs?: number }} options */
	configure(options) {
		if (options.maxAttempts !== undefined) this.maxAttempts = options.maxAttempts;
		if (options.retryDelaysMs !== undefined) this.retryDelaysMs = options.retryDelaysMs;
		if (options.timeoutMs !== undefined) this.timeoutMs = options.timeoutMs;
	}

	/**
	 * One logged POST, no retries.
	 * @param {string} url
	 * @param {string} body
	 * @param {Record<string, string>} headers
	 * @param {Record<string, any>} [meta]
	 * @returns {Promise<DeliveryResult>}
	 */
	async send(url, body, headers, meta = {}) {
		const time = new Date().toISOString();
		const result = await postJson(url, body, headers, { timeoutMs: this.timeoutMs });
		const attempt = meta.attempt ?? 1;
		this.entries.push({
			seq: ++this.seq,
			time,
			url,
			attempt,
			status: result.status,
			ok: result.ok,
			...(result.error ? { error: result.error } : {}),
			durationMs: result.durationMs,
			requestHeaders: headers,
			requestBody: body,
			responseBody: result.body,
			meta,
		});
		return { ...result, attempt, requestHeaders: headers, requestBody: body };
	}

	/**
	 * Delivers in the background, retrying non-2xx answers and network errors.
	 * @param {DeliveryJob} job
	 * @returns {Promise<DeliveryResult>} the last attempt
	 */
	enqueue(job) {
		const promise = this.run(job);
		this.pending.add(promise);
		promise.finally(() => this.pending.delete(promise)).catch(() => {});
		return promise;
	}

	/** @param {DeliveryJob} job */
	async run(job) {
		const maxAttempts = job.retry === false ? 1 : this.maxAttempts;
		const firstAttemptedAt = Math.floor(Date.now() / 1000);
		/** @type {DeliveryResult} */
		let last = { status: 0, ok: false, headers: {}, body: '', durationMs: 0, attempt: 0, error: 'not attempted', requestHeaders: {}, requestBody: '' };
		for (let attempt = 1; attempt <= maxAttempts; attempt++) {
			if (this.closed) break;
			if (attempt > 1 && job.isLive && !job.isLive()) break;
			const { body, headers } = job.build({ attempt, maxAttempts, attemptsLeft: maxAttempts - attempt, firstAttemptedAt });
			last = await this.send(job.url, body, headers, { ...job.meta, attempt });
			if (last.ok || attempt === maxAttempts) break;
			const delays = this.retryDelaysMs;
			await this.sleep(delays.length ? delays[Math.min(attempt - 1, delays.length - 1)] : 0);
		}
		return last;
	}

	/** Cancellable sleep, so stop() does not wait for backoff timers. */
	sleep(ms) {
		return new Promise((resolve) => {
			const entry = {
				timer: setTimeout(() => {
					this.sleepers.delete(entry);
					resolve(undefined);
				}, ms),
				resolve: () => resolve(undefined),
			};
			this.sleepers.add(entry);
		});
	}

	/** Resolves once every queued delivery (including its retries) has finished. */
	async flush() {
		while (this.pending.size) await Promise.allSettled([...this.pending]);
		return this.list();
	}

	/** @returns {DeliveryLogEntry[]} */
	list() {
		return clone(this.entries);
	}

	clearLog() {
		this.entries = [];
	}

	/** Stops retrying; in-flight HTTP attempts finish on their own timeout. */
	close() {
		this.closed = true;
		for (const s of this.sleepers) {
			clearTimeout(s.timer);
			s.resolve();
		}
		this.sleepers.clear();
	}
}

module.exports = { postJson, WebhookDispatcher };
