'use strict';

/**
 * Fixed-window request limiter. The window opens at the first request and closes `windowMs`
 * later (Persona: "starts at first request and resets at the next minute"); the next request
 * after that opens a new window.
 */
class FixedWindowRateLimiter {
	/**
	 * @param {{ limit?: number, windowMs?: number, now?: () => number }} [options]
	 */
	constructor(options = {}) {
		this.now = options.now || Date.now;
		this.configure(options);
	}

	/** @param {{ limit?: number, windowMs?: number }} options */
	configure(options) {
		if (options.limit !== undefined) this.limit = options.limit;
		if (options.windowMs !== undefined) this.windowMs = options.windowMs;
		this.limit = this.limit ?? 300;
		this.windowMs = this.windowMs ?? 60_000;
		this.reset();
	}

	reset() {
		/** @type {number | null} */
		this.windowStart = null;
		this.count = 0;
	}

	/**
	 * Counts one request. Rejected requests do not consume quota.
	 * @returns {{ allowed: boolean, limit: number, remaining: number, resetSeconds: number }}
	 */
	hit() {
		const now = this.now();
		if (this.windowStart === null || now >= this.windowStart + this.windowMs) {
			this.windowStart = now;
			this.count = 0;
		}
		const allowed = this.count < this.limit;
		if (allowed) this.count++;
		const resetMs = this.windowStart + this.windowMs - now;
		return {
			allowed,
			limit: this.limit,
			remaining: Math.max(0, this.limit - this.count),
			// Whole seconds, never 0 while the window is open, so clients that sleep
			// `RateLimit-Reset` seconds always land in the next window.
			resetSeconds: Math.max(1, Math.ceil(resetMs / 1000)),
		};
	}
}

module.exports = { FixedWindowRateLimiter };
