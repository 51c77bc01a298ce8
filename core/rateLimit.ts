import { timing } from './timing';

/**
 * A sliding-window limiter that keeps requests under a vendor's documented budget, shared by
 * every execution in this n8n process that uses the same API key on the same API root.
 * It measures time on the monotonic clock: a system clock stepped back does not stall callers.
 */
export class SlidingWindowLimiter {
	private readonly sent: number[] = [];

	private blockedUntil = 0;

	constructor(
		readonly limit: number,
		readonly intervalMs: number,
	) {}

	/** How long a caller would have to wait now before one more request fits. */
	waitMs(): number {
		const now = timing.monotonic();
		while (this.sent.length && this.sent[0] <= now - this.intervalMs) this.sent.shift();
		const waitForBlock = this.blockedUntil - now;
		const waitForWindow = this.sent.length >= this.limit ? this.sent[0] + this.intervalMs - now : 0;
		return Math.max(0, waitForBlock, waitForWindow);
	}

	/**
	 * Waits until one more request fits in the window, then records it. With `maxWaitMs`, gives
	 * up (records nothing, returns false) as soon as the wait would take longer than that.
	 */
	async acquire(maxWaitMs = Infinity): Promise<boolean> {
		const started = timing.monotonic();
		for (;;) {
			const wait = this.waitMs();
			if (wait <= 0) {
				this.sent.push(timing.monotonic());
				return true;
			}
			if (timing.monotonic() - started + wait > maxWaitMs) return false;
			await timing.sleep(wait);
		}
	}

	/** The server said the budget is spent until `ms` from now: hold every caller until then. */
	blockFor(ms: number): void {
		this.blockedUntil = Math.max(this.blockedUntil, timing.monotonic() + ms);
	}
}

const limiters = new Map<string, SlidingWindowLimiter>();

/**
 * The limiter for one budget. `key` names the budget (vendor, API root and a digest of the
 * credential's key, never the key itself): two organisations' keys do not share a budget.
 */
export function limiterFor(key: string, limit: number, intervalMs: number): SlidingWindowLimiter {
	let limiter = limiters.get(key);
	if (!limiter || limiter.limit !== limit || limiter.intervalMs !== intervalMs) {
		limiter = new SlidingWindowLimiter(limit, intervalMs);
		limiters.set(key, limiter);
	}
	return limiter;
}
