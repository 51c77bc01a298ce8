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
 * - `html`                an HTML page (a proxy's or maintenance page) with `status` (default 200)
 * - `repeat`              the answer last given to a request with the same method and path (any
 *                         query): a page sent again, so the cursor or page number repeats
 * - `hook`                in-process only: `run(ctx)` is awaited first (e.g. to add cases while a
 *                         list is read), then the request is answered normally
 *
 * Faults 429/5xx/reset (without `after`) fire before authentication and before the vendor
 * logic, like an overloaded gateway in front of the API would. With `after: true`, 5xx and
 * `slow` run the request first (the side effect happens), then answer the error / wait.
 * `every: n` applies the fault to one matching request in n (the nth, the 2nth, …) until
 * its count is used up, so a storm can be spread over a whole listing.
 * See ./fault-answers.js for the answers of `html` and `repeat`.
 */

const NAMED_TYPES = new Set(['429', 'slow', 'truncated', 'reset', 'html', 'repeat', 'hook']);

/**
 * @typedef {Object} FaultInput
 * @property {string | number} type
 * @property {number} [count] how many matching requests it affects (default 1)
 * @property {string} [method] e.g. `GET`
 * @property {string} [path] route pattern (`/api/v1/cases/:id`, `/api/v1/*`) or exact path
 * @property {number} [resetSeconds] 429: `RateLimit-Reset` value (default 1)
 * @property {number | boolean} [retryAfterSeconds] 429: `Retry-After` seconds (true = resetSeconds)
 * @property {boolean} [retryAfter] alias of `retryAfterSeconds: true`
 * @property {boolean} [bare] 429: no `RateLimit-*` and no `Retry-After` header at all
 * @property {number} [delayMs] slow: delay before answering (default 1000)
 * @property {'content-length' | 'cut'} [mode] truncated
 * @property {boolean} [after] reset: run the request first
 * @property {string} [body] 5xx: raw body to send instead of the vendor error (e.g. an HTML page)
 * @property {string} [contentType] with `body`
 * @property {number} [every] apply to one matching request in `every` (default 1: each)
 * @property {number} [status] html: the status sent with the page (default 200)
 * @property {(ctx: any) => unknown} [run] hook: awaited before the request is answered
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
			throw new TypeError(`unknown fault type ${type}; use 429, 5xx, slow, truncated, reset, html, repeat or hook`);
		}
		const count = input.count === undefined ? 1 : Number(input.count);
		if (!Number.isInteger(count) || count < 1) throw new TypeError('fault count must be a positive integer');
		if (input.mode !== undefined && input.mode !== 'content-length' && input.mode !== 'cut') {
			throw new TypeError('truncated mode must be content-length or cut');
		}
		const every = input.every === undefined ? 1 : Number(input.every);
		if (!Number.isInteger(every) || every < 1) throw new TypeError('fault every must be a positive integer');
		return {
			...input,
			every,
			seen: 0,
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
		const index = this.queue.findIndex((f) => {
			if ((f.method && f.method !== method) || (f.compiled && matchPattern(f.compiled, path) === null)) return false;
			// Spread faults skip the matching requests in between.
			return f.every <= 1 || ++f.seen % f.every === 0;
		});
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
