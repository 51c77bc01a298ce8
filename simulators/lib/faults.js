'use strict';

const { compilePattern, matchPattern } = require('./router');

/**
 * Fault injection. A queue of faults, each applied to the next `count` matching requests, in the
 * order they were pushed. A fault without `method`/`path` matches every vendor API request
 * (never the `/__control/` API).
 *
 * Types:
 * - `429`                 rate-limited answer (`resetSeconds`, default 1; `retryAfterSeconds`
 *                         or `retryAfter: true` to add `Retry-After`)
 * - `500` `502` `503` `504` vendor-shaped server error (any 5xx accepted)
 * - `slow`                wait `delayMs` (default 1000) and then answer normally
 * - `truncated`           run the request, then send a broken response: `mode: 'content-length'`
 *                         (default) announces more bytes than it sends; `mode: 'cut'` sends half of
 *                         the JSON (chunked); either way the socket is destroyed afterwards
 * - `reset`               destroy the socket without answering; `after: true` runs the request
 *                         first (the side effect happens, the client never learns about it)
 *
 * Faults 429/5xx/reset (without `after`) fire before authentication and before the vendor
 * logic, like an overloaded gateway in front of the API would.
 */

const NAMED_TYPES = new Set(['429', 'slow', 'truncated', 'reset']);

/**
 * @typedef {Object} FaultInput
 * @property {string | number} type
 * @property {number} [count] how many matching requests it affects (default 1)
 * @property {string} [method] e.g. `GET`
 * @property {string} [path] route pattern (`/api/v1/cases/:id`, `/api/v1/*`) or exact path
 * @property {number} [resetSeconds] 429: `RateLimit-Reset` value (default 1)
 * @property {number | boolean} [retryAfterSeconds] 429: `Retry-After` seconds (true = resetSeconds)
 * @property {boolean} [retryAfter] alias of `retryAfterSeconds: true`
 * @property {number} [delayMs] slow: delay before answering (default 1000)
 * @property {'content-length' | 'cut'} [mode] truncated
 * @property {boolean} [after] reset: run the request first
 * @property {string} [body] 5xx: raw body to send instead of the vendor error (e.g. an HTML page)
 * @property {string} [contentType] with `body`
 */

/**
 * @typedef {Required<Pick<FaultInput, 'count'>> & FaultInput & { id: string, type: string, remaining: number }} Fault
 */

class FaultQueue {
	constructor() {
		/** @type {Array<Fault & { compiled?: ReturnType<typeof compilePattern> }>} */
		this.queue = [];
		this.seq = 0;
	}

	/**
	 * @param {FaultInput | FaultInput[]} input
	 * @returns {Fault[]} the normalised faults added
	 */
	push(input) {
		const list = Array.isArray(input) ? input : [input];
		const added = list.map((f) => this.normalize(f));
		this.queue.push(...added);
		return added.map(publicFault);
	}

	/** @param {FaultInput} input */
	normalize(input) {
		if (!input || typeof input !== 'object') throw new TypeError('fault must be an object');
		const type = String(input.type);
		if (!NAMED_TYPES.has(type) && !/^5\d\d$/.test(type)) {
			throw new TypeError(`unknown fault type ${type}; use 429, 5xx, slow, truncated or reset`);
		}
		const count = input.count === undefined ? 1 : Number(input.count);
		if (!Number.isInteger(count) || count < 1) throw new TypeError('fault count must be a positive integer');
		if (input.mode !== undefined && input.mode !== 'content-length' && input.mode !== 'cut') {
			throw new TypeError('truncated mode must be content-length or cut');
		}
		return {
			...input,
			id: `flt_${++this.seq}`,
			type,
			count,
			remaining: count,
			method: input.method ? String(input.method).toUpperCase() : undefined,
			compiled: input.path ? compilePattern(String(input.path)) : undefined,
		};
	}

	/**
	 * Takes one use of the first queued fault matching this request.
	 * @param {string} method
	 * @param {string} path
	 * @returns {Fault | null}
	 */
	take(method, path) {
		const index = this.queue.findIndex(
			(f) => (!f.method || f.method === method) && (!f.compiled || matchPattern(f.compiled, path) !== null),
		);
		if (index === -1) return null;
		const fault = this.queue[index];
		fault.remaining--;
		if (fault.remaining <= 0) this.queue.splice(index, 1);
		return publicFault(fault);
	}

	list() {
		return this.queue.map(publicFault);
	}

	clear() {
		this.queue = [];
	}
}

/** Fault without internal fields, safe to serialise. */
function publicFault(fault) {
	const { compiled, ...rest } = fault;
	void compiled;
	return { ...rest };
}

module.exports = { FaultQueue };
