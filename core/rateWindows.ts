import { limiterFor, type Permit, type SlidingWindowLimiter } from './rateLimit';
import { timing } from './timing';

/** One documented budget: at most `limit` requests per `intervalMs`. */
export interface RateWindow {
	limit: number;
	intervalMs: number;
}

/** A vendor's budgets as a list (a vendor may document several, e.g. per minute and per hour). */
export function rateWindowsOf(rateLimit: RateWindow | RateWindow[]): RateWindow[] {
	return Array.isArray(rateLimit) ? rateLimit : [rateLimit];
}

/** The most pages of one list in flight at once: beyond it the vendor, not the round trips, sets the pace. */
export const MAX_PAGE_CONCURRENCY = 8;

/**
 * Pages of a page-number list fetched at the same time once the first page gave the count: as
 * many as the tightest documented window lets through at once, at most MAX_PAGE_CONCURRENCY
 * (every vendor here: 8). The rate limiter still decides when each page is sent; this bounds
 * what is in flight, so the core sets it for every vendor from its documented budget.
 */
export function pageConcurrencyFor(rateLimit: RateWindow | RateWindow[]): number {
	const tightest = Math.min(...rateWindowsOf(rateLimit).map((w) => w.limit));
	return Math.max(1, Math.min(MAX_PAGE_CONCURRENCY, Math.floor(tightest)));
}

/** "100 requests per 60 s and 1000 requests per 3600 s". */
export function describeRateWindows(rateLimit: RateWindow | RateWindow[]): string {
	return rateWindowsOf(rateLimit)
		.map((w) => `${w.limit} requests per ${w.intervalMs / 1000} s`)
		.join(' and ');
}

/**
 * Every window's limiter, seen as one: a request is let through once each window has room, and
 * its answer (or a 429) counts in all of them. The first window keeps the key a single-window
 * vendor always had; the others are keyed by their length.
 */
export function windowsLimiter(key: string, rateLimit: RateWindow | RateWindow[]) {
	const limiters: SlidingWindowLimiter[] = rateWindowsOf(rateLimit).map((w, i) =>
		limiterFor(i === 0 ? key : `${key}|${w.intervalMs}`, w.limit, w.intervalMs),
	);
	const [first, ...others] = limiters;
	return {
		/**
		 * Waits until every window has room, then lets the first window decide (it also waits
		 * for what the vendor reports) and records the request in the others at the same moment.
		 * Recording a window before another one has room would date the request too early.
		 */
		async take(maxWaitMs: number, elapsed: () => number): Promise<Permit | null> {
			for (;;) {
				const wait = Math.max(0, ...others.map((l) => l.waitMs()));
				if (wait > 0) {
					if (elapsed() + wait > maxWaitMs) return null;
					await timing.sleep(wait);
					continue;
				}
				const permit = await first.take(Math.max(0, maxWaitMs - elapsed()));
				if (!permit) return null;
				if (others.every((l) => l.waitMs() <= 0)) {
					for (const l of others) await l.acquire(0);
					return permit;
				}
				// Another window filled up meanwhile: counted as sent in the first (on the safe side), tried again.
				permit.done();
			}
		},
		blockFor(ms: number): void {
			for (const limiter of limiters) limiter.blockFor(ms);
		},
	};
}
