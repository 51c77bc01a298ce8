import { describeRateWindows, windowsLimiter } from '../../core/rateWindows';
import { useVirtualClock } from '../harness/clock';

/** The most requests in any span of `ms` among sorted times. */
function busiest(times: number[], ms: number): number {
	let most = 0;
	for (let i = 0, j = 0; i < times.length; i++) {
		while (times[i] - times[j] >= ms) j++;
		most = Math.max(most, i - j + 1);
	}
	return most;
}

describe('core/rateWindows: several documented windows (Penbox: 100/min and 1,000/h)', () => {
	const windows = [
		{ limit: 100, intervalMs: 60_000 },
		{ limit: 1000, intervalMs: 3_600_000 },
	];

	it('keeps every window: 1,200 concurrent requests, at most 100 a minute and 1,000 an hour', async () => {
		const clock = useVirtualClock();
		try {
			const limiter = windowsLimiter('test-two-windows', windows);
			const times: number[] = [];
			await Promise.all(
				Array.from({ length: 1200 }, async () => {
					const permit = await limiter.take(Infinity, () => 0);
					times.push(clock.now);
					await Promise.resolve();
					permit?.done();
				}),
			);
			times.sort((a, b) => a - b);
			expect(times).toHaveLength(1200);
			expect(busiest(times, 60_000)).toBeLessThanOrEqual(100);
			expect(busiest(times, 3_600_000)).toBeLessThanOrEqual(1000);
			// The 1,001st waits for the hour, not only for the minute.
			expect(times[1000] - times[0]).toBeGreaterThanOrEqual(3_600_000);
		} finally {
			clock.restore();
		}
	});

	it('gives up within maxWaitMs without recording anything, and describes its windows', async () => {
		const clock = useVirtualClock();
		try {
			const limiter = windowsLimiter('test-two-windows-wait', [{ limit: 2, intervalMs: 60_000 }, { limit: 3, intervalMs: 3_600_000 }]);
			for (let n = 0; n < 2; n++) (await limiter.take(Infinity, () => 0))?.done();
			expect(await limiter.take(1000, () => 0)).toBeNull();
			expect(clock.sleeps).toEqual([]);
			expect(describeRateWindows(windows)).toBe('100 requests per 60 s and 1000 requests per 3600 s');
			expect(describeRateWindows({ limit: 5, intervalMs: 1000 })).toBe('5 requests per 1 s');
		} finally {
			clock.restore();
		}
	});
});
