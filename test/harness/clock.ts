import { timing } from '../../core/timing';

/**
 * A virtual clock for the node's waits (rate limiter, Retry-After, report polling): nothing
 * sleeps for real, every wait asked for is recorded, and the wall and monotonic clocks move
 * together. `restore()` puts the real clocks back.
 */
export function useVirtualClock(start = 1_000_000) {
	const real = { ...timing };
	const clock = {
		now: start,
		sleeps: [] as number[],
		advance(ms: number) {
			clock.now += ms;
		},
		restore() {
			Object.assign(timing, real);
		},
	};
	timing.now = () => clock.now;
	timing.monotonic = () => clock.now;
	timing.sleep = async (ms: number) => {
		clock.sleeps.push(ms);
		clock.now += ms;
	};
	return clock;
}
