import { sleep } from 'n8n-workflow';

/**
 * The clocks and the sleep used by retries, rate limiting and report polling.
 * Tests replace these to run backoff schedules instantly; nodes never use timers directly.
 * `now` is the wall clock (signature timestamps, HTTP dates); `monotonic` measures waits and
 * never jumps when the system clock is stepped.
 */
export const timing = {
	sleep: async (ms: number): Promise<void> => await sleep(ms),
	now: (): number => Date.now(),
	monotonic: (): number => performance.now(),
	/** How long one HTTP request may take before it counts as failed (a request may set its own). */
	requestTimeoutMs: 60_000,
};
