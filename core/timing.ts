import { sleep } from 'n8n-workflow';

/**
 * The clock and the sleep used by retries, rate limiting and report polling.
 * Tests replace these to run backoff schedules instantly; nodes never use timers directly.
 */
export const timing = {
	sleep: (ms: number): Promise<void> => sleep(ms),
	now: (): number => Date.now(),
};
