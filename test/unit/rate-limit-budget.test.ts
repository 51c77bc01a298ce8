import { SlidingWindowLimiter, limiterFor, rateLimitReport, type Permit } from '../../core/rateLimit';
import { useVirtualClock } from '../harness/clock';

const flush = async () => {
	for (let i = 0; i < 20; i++) await Promise.resolve();
};

/** take() that records whether it has resolved yet. */
function pending(limiter: SlidingWindowLimiter) {
	const state = { permit: undefined as Permit | null | undefined };
	const promise = limiter.take().then((p) => (state.permit = p));
	return { state, promise };
}

describe('rate limiter: the budget the vendor reports', () => {
	let clock: ReturnType<typeof useVirtualClock>;
	beforeEach(() => (clock = useVirtualClock()));
	afterEach(() => clock.restore());

	it('sends the first request alone until its answer says what is left', async () => {
		const limiter = new SlidingWindowLimiter(300, 60_000);
		const first = await limiter.take();
		const second = pending(limiter);
		await flush();
		expect(second.state.permit).toBeUndefined();
		first!.done({ limit: 300, remaining: 299, resetMs: 60_000 });
		await second.promise;
		expect(second.state.permit).toBeTruthy();
		expect(clock.sleeps).toEqual([]);
	});

	it('stops probing one request at a time when the vendor reported once and then no more', async () => {
		const limiter = new SlidingWindowLimiter(300, 60_000);
		// One answer with headers (e.g. a 429), then answers without them.
		(await limiter.take())!.done({ limit: 300, remaining: 0, resetMs: 1000 });
		clock.advance(120_000);
		for (let i = 0; i < 3; i++) (await limiter.take())!.done(undefined);
		const held = await limiter.take();
		const more = [pending(limiter), pending(limiter), pending(limiter)];
		await flush();
		expect(more.map((m) => !!m.state.permit)).toEqual([true, true, true]);
		held!.done(undefined);
	});

	it('keeps no more requests in flight than the vendor says are left', async () => {
		const limiter = new SlidingWindowLimiter(300, 60_000);
		(await limiter.take())!.done({ limit: 300, remaining: 3, resetMs: 30_000 });
		const permits = [await limiter.take(), await limiter.take(), await limiter.take()];
		const fourth = pending(limiter);
		await flush();
		expect(fourth.state.permit).toBeUndefined();
		permits[0]!.done({ limit: 300, remaining: 2, resetMs: 30_000 });
		await flush();
		// 2 left, 2 still in flight: nothing more yet
		expect(fourth.state.permit).toBeUndefined();
		permits[1]!.done({ limit: 300, remaining: 1, resetMs: 30_000 });
		permits[2]!.done({ limit: 300, remaining: 0, resetMs: 30_000 });
		// nothing left: the fourth waits for the reset the vendor announced
		await fourth.promise;
		expect(clock.sleeps.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(30_000);
	});

	it('lets a burst the budget allows go out at once', async () => {
		const limiter = new SlidingWindowLimiter(300, 60_000);
		(await limiter.take())!.done({ limit: 300, remaining: 299, resetMs: 60_000 });
		const burst = await Promise.all(Array.from({ length: 200 }, () => limiter.take()));
		expect(burst.every(Boolean)).toBe(true);
		expect(clock.sleeps).toEqual([]);
	});

	it('adopts the budget the vendor reports over the documented one', async () => {
		const limiter = new SlidingWindowLimiter(5, 60_000);
		(await limiter.take())!.done({ limit: 1000, remaining: 999, resetMs: 60_000 });
		expect(limiter.limit).toBe(1000);
		const burst = await Promise.all(Array.from({ length: 50 }, () => limiter.take()));
		expect(burst.every(Boolean)).toBe(true);
		expect(clock.sleeps).toEqual([]);
		// limiterFor keeps that limiter (it is keyed by the documented budget)
		const shared = limiterFor('reported-budget-test', 5, 60_000);
		(await shared.take())!.done({ limit: 1000, remaining: 999, resetMs: 60_000 });
		expect(limiterFor('reported-budget-test', 5, 60_000)).toBe(shared);
	});

	it('keeps to the window alone for a vendor that sends no RateLimit headers', async () => {
		const limiter = new SlidingWindowLimiter(4, 1000);
		(await limiter.take())!.done(undefined);
		const three = await Promise.all([limiter.take(), limiter.take(), limiter.take()]);
		expect(three.every(Boolean)).toBe(true);
		expect(clock.sleeps).toEqual([]);
		await limiter.take();
		expect(clock.sleeps).toEqual([1000]);
	});

	it('counts a request on its way in the window, and from its answer on for a whole window', async () => {
		const limiter = new SlidingWindowLimiter(1, 1000);
		const first = await limiter.take();
		clock.advance(500);
		first!.done(undefined);
		const start = clock.now;
		await limiter.take();
		// the vendor may have counted it as late as its answer: the window ends a second after that
		expect(clock.now - start).toBe(1000);
	});

	it('waiting callers share one timer', async () => {
		const limiter = new SlidingWindowLimiter(5, 1000);
		for (let i = 0; i < 5; i++) (await limiter.take())!.done(undefined);
		const next = await Promise.all(Array.from({ length: 5 }, () => limiter.take()));
		expect(next.every(Boolean)).toBe(true);
		expect(clock.sleeps).toEqual([1000]);
	});

	it('gives up instead of waiting longer than maxWaitMs', async () => {
		const limiter = new SlidingWindowLimiter(300, 60_000);
		(await limiter.take())!.done({ limit: 300, remaining: 0, resetMs: 45_000 });
		expect(await limiter.take(5_000)).toBeNull();
	});

	it('maxWaitMs 0 (a trigger answering its vendor): no waiting to learn the budget, none for one known spent', async () => {
		const limiter = new SlidingWindowLimiter(300, 60_000);
		const probe = await limiter.take();
		expect(await limiter.take(0)).toBeTruthy();
		probe!.done({ limit: 300, remaining: 1, resetMs: 30_000 });
		// one left, and the request above is still on its way
		expect(await limiter.take(0)).toBeNull();
	});

	it('reads RateLimit-* headers (also X-RateLimit-* and structured values)', () => {
		expect(rateLimitReport({ 'RateLimit-Limit': '300', 'RateLimit-Remaining': '12', 'RateLimit-Reset': '30' }, 0)).toEqual({ limit: 300, remaining: 12, resetMs: 30_000 });
		expect(rateLimitReport({ 'x-ratelimit-limit': '60;w=60', 'x-ratelimit-remaining': '0' }, 0)).toEqual({ limit: 60, remaining: 0, resetMs: undefined });
		expect(rateLimitReport({ 'content-type': 'application/json' }, 0)).toBeUndefined();
	});
});
