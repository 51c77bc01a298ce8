import { timing } from './timing';

/**
 * A sliding-window limiter that keeps requests under a vendor's documented budget,
 * shared by every execution in this n8n process that talks to the same API root.
 */
export class SlidingWindowLimiter {
	private readonly sent: number[] = [];

	private blockedUntil = 0;

	constructor(
		readonly limit: number,
		readonly intervalMs: number,
	) {}

	/** Waits until one more request fits in the window, then records it. */
	async acquire(): Promise<void> {
		for (;;) {
			const now = timing.now();
			while (this.sent.length && this.sent[0] <= now - this.intervalMs) this.sent.shift();
			const waitForBlock = this.blockedUntil - now;
			const waitForWindow =
				this.sent.length >= this.limit ? this.sent[0] + this.intervalMs - now : 0;
			const wait = Math.max(waitForBlock, waitForWindow);
			if (wait <= 0) {
				this.sent.push(now);
				return;
			}
			await timing.sleep(wait);
		}
	}

	/** The server said the budget is spent until `ms` from now: hold every caller until then. */
	blockFor(ms: number): void {
		this.blockedUntil = Math.max(this.blockedUntil, timing.now() + ms);
	}
}

const limiters = new Map<string, SlidingWindowLimiter>();

export function limiterFor(key: string, limit: number, intervalMs: number): SlidingWindowLimiter {
	let limiter = limiters.get(key);
	if (!limiter || limiter.limit !== limit || limiter.intervalMs !== intervalMs) {
		limiter = new SlidingWindowLimiter(limit, intervalMs);
		limiters.set(key, limiter);
	}
	return limiter;
}
