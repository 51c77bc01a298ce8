import { headerValue, serverRequestedDelayMs } from './retry';
import { timing } from './timing';

/** What a response said about the budget (`RateLimit-Limit`, `-Remaining`, `-Reset`). */
export interface RateLimitReport {
	limit?: number;
	remaining?: number;
	/** Until the window resets, in ms from when the response was read. */
	resetMs?: number;
}

/** The budget a response reports; undefined when it carries no `RateLimit-Remaining`. */
export function rateLimitReport(
	headers: Record<string, string | string[] | undefined> | undefined,
	nowMs: number,
): RateLimitReport | undefined {
	const number = (name: string): number | undefined => {
		const raw = headerValue(headers, name) ?? headerValue(headers, `x-${name}`);
		// `100` or a structured `100;w=60`: the leading number.
		const value = raw === undefined ? NaN : parseInt(raw, 10);
		return Number.isFinite(value) && value >= 0 ? value : undefined;
	};
	const remaining = number('ratelimit-remaining');
	if (remaining === undefined) return undefined;
	const reset = serverRequestedDelayMs(
		{ 'ratelimit-reset': headerValue(headers, 'ratelimit-reset') ?? headerValue(headers, 'x-ratelimit-reset') },
		nowMs,
	);
	return { limit: number('ratelimit-limit'), remaining, resetMs: reset };
}

/** One request let through by `take()`; `done()` must be called once its answer (or failure) is in. */
export interface Permit {
	done(report?: RateLimitReport): void;
}

/**
 * Keeps requests under a vendor's budget, shared by every execution in this n8n process that
 * uses the same API key on the same API root. It measures time on the monotonic clock: a
 * system clock stepped back does not stall callers.
 *
 * Two things bound what may be sent:
 * - a sliding window of at most `limit` requests per `intervalMs`: the vendor's documented
 *   budget, or the one its `RateLimit-Limit` header reports once it has reported one. A request
 *   still on its way counts as in the window, and from its answer on for `intervalMs`: the vendor
 *   counted it somewhere between sending and answering, so the window can never end early;
 * - what the vendor says is left (`RateLimit-Remaining` until `RateLimit-Reset`), minus the
 *   requests still in flight. Another workflow or another app spending the same key's budget
 *   shows up there. While nothing is known about the current window (the first request, or the
 *   reported window has ended), one request goes first and the others wait for its answer,
 *   unless the vendor is known not to send these headers.
 *
 * So concurrent callers (items of a Get, pages of a list) get as many requests in flight as
 * the budget allows at that moment, and no more. One timer serves every waiting caller.
 */
/** Answers in a row without RateLimit headers after which the vendor is taken not to report. */
const UNREPORTED_ANSWERS_TO_STOP_PROBING = 3;

export class SlidingWindowLimiter {
	/** When each request in the window was answered (or sent, for `acquire()`), oldest first. */
	private readonly sent: number[] = [];

	private blockedUntil = 0;

	/** The budget per window in force: the documented one until the vendor reports its own. */
	limit: number;

	private inFlight = 0;

	/** Lowest `RateLimit-Remaining` reported in the current window, and when that window ends. */
	private server: { remaining: number; resetAt: number } | undefined;

	/** Whether the vendor sends RateLimit headers: unknown until the first answer. */
	private reports: boolean | undefined;

	/** Answers without RateLimit headers since the last one that had them. */
	private unreported = 0;

	private wake: Array<() => void> = [];

	private sleeping = false;

	constructor(
		readonly documentedLimit: number,
		readonly intervalMs: number,
	) {
		this.limit = documentedLimit;
	}

	/**
	 * How long a caller would have to wait now before one more request fits, as far as time
	 * tells (0 also while only an answer in flight can make room: see `waitsForAnswer`).
	 */
	waitMs(): number {
		const now = timing.monotonic();
		while (this.sent.length && this.sent[0] <= now - this.intervalMs) this.sent.shift();
		const waitForBlock = this.blockedUntil - now;
		// The oldest entries that must leave the window before one more fits.
		const over = this.sent.length + this.inFlight - this.limit;
		const waitForWindow = over >= 0 && over < this.sent.length ? this.sent[over] + this.intervalMs - now : 0;
		// The vendor said nothing is left and nothing of ours is on its way: wait for its reset.
		const known = this.server && now < this.server.resetAt ? this.server : undefined;
		const waitForServer = known && known.remaining <= 0 && this.inFlight === 0 ? known.resetAt - now : 0;
		return Math.max(0, waitForBlock, waitForWindow, waitForServer);
	}

	/**
	 * Why the next request must wait for an answer still in flight (see the class comment):
	 * `probe` while nothing is known about the current window, `budget` while what is left (or
	 * the window's room) is already on its way; false when it need not wait.
	 */
	private waitsForAnswer(): 'probe' | 'budget' | false {
		if (this.inFlight === 0) return false;
		if (this.sent.length + this.inFlight >= this.limit) return 'budget';
		if (this.reports === false) return false;
		const now = timing.monotonic();
		const known = this.server && now < this.server.resetAt ? this.server : undefined;
		if (!known) return 'probe';
		return known.remaining - this.inFlight <= 0 ? 'budget' : false;
	}

	/** Waits `ms`; while one caller sleeps, the others wait for it (or for an answer) instead. */
	private async pause(ms: number): Promise<void> {
		if (this.sleeping) return await this.nextWake();
		this.sleeping = true;
		try {
			await timing.sleep(ms);
		} finally {
			this.sleeping = false;
			this.wakeAll();
		}
	}

	private async nextWake(): Promise<void> {
		await new Promise<void>((resolve) => this.wake.push(resolve));
	}

	private wakeAll(): void {
		const waiting = this.wake;
		this.wake = [];
		for (const resolve of waiting) resolve();
	}

	/**
	 * Waits until one more request fits in the window, then records it. With `maxWaitMs`, gives
	 * up (records nothing, returns false) as soon as the wait would take longer than that.
	 */
	async acquire(maxWaitMs = Infinity): Promise<boolean> {
		const started = timing.monotonic();
		for (;;) {
			const wait = this.waitMs();
			if (wait <= 0 && this.sent.length + this.inFlight < this.limit) {
				this.sent.push(timing.monotonic());
				return true;
			}
			if (timing.monotonic() - started + wait > maxWaitMs) return false;
			if (wait > 0) await this.pause(wait);
			else await this.nextWake();
		}
	}

	/**
	 * Like `acquire`, and also within what the vendor reports is left; the request counts as in
	 * flight until `done()` is called with what its answer said. Null when it would wait longer
	 * than `maxWaitMs`.
	 */
	async take(maxWaitMs = Infinity): Promise<Permit | null> {
		const started = timing.monotonic();
		for (;;) {
			const wait = this.waitMs();
			const elapsed = timing.monotonic() - started;
			if (wait > 0) {
				if (elapsed + wait > maxWaitMs) return null;
				await this.pause(wait);
				continue;
			}
			const reason = this.waitsForAnswer();
			// A caller that must answer fast (maxWaitMs) does not wait to learn the budget: it
			// risks the request; it only holds back when what is left is known to be on its way.
			if (!reason || (reason === 'probe' && maxWaitMs !== Infinity)) break;
			if (elapsed >= maxWaitMs) return null;
			// Woken by the next answer; an answer that never comes ends with its request's timeout.
			await (maxWaitMs === Infinity ? this.nextWake() : Promise.race([this.nextWake(), timing.sleep(maxWaitMs - elapsed)]));
		}
		this.inFlight++;
		let open = true;
		return {
			done: (report?: RateLimitReport) => {
				if (!open) return;
				open = false;
				this.inFlight--;
				this.sent.push(timing.monotonic());
				this.observe(report);
				this.wakeAll();
			},
		};
	}

	private observe(report: RateLimitReport | undefined): void {
		const now = timing.monotonic();
		if (!report || report.remaining === undefined) {
			// No headers on the very first answer, or on several answers in a row since the last
			// that had them (a vendor that reports only on some answers, e.g. its 429s): count on
			// the window alone, instead of sending one request at a time to learn the budget.
			this.unreported++;
			if (this.reports === undefined || this.unreported >= UNREPORTED_ANSWERS_TO_STOP_PROBING) this.reports = false;
			// A request without an answer may still have been counted by the vendor.
			if (this.server) this.server.remaining--;
			return;
		}
		this.reports = true;
		this.unreported = 0;
		if (report.limit !== undefined && report.limit > 0) this.limit = report.limit;
		// Reset is in whole seconds: the window can end up to a second before this, never after.
		const resetAt = now + (report.resetMs ?? this.intervalMs);
		const current = this.server;
		// Answers about the same window name the same reset, give or take the rounding to seconds;
		// a reset elsewhere is a new window (or the vendor changed its mind): the latest word counts.
		const sameWindow = current && now < current.resetAt && Math.abs(resetAt - current.resetAt) <= 1500;
		if (!sameWindow || !current) this.server = { remaining: report.remaining, resetAt };
		else {
			// Answers arrive out of order: the lowest count is the latest the vendor knows of.
			current.remaining = Math.min(current.remaining, report.remaining);
			current.resetAt = Math.max(current.resetAt, resetAt);
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
	if (!limiter || limiter.documentedLimit !== limit || limiter.intervalMs !== intervalMs) {
		limiter = new SlidingWindowLimiter(limit, intervalMs);
		limiters.set(key, limiter);
	}
	return limiter;
}
