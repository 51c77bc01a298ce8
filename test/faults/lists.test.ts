import { timing } from '../../core/timing';
import { useVirtualClock } from '../harness/clock';
import { LIST_SCENARIOS } from './scenarios';
import { realNow, writeTable, type FaultRow } from './table';
import type { FaultSim } from './vendor';
import { FAULT_VENDORS } from './vendors';

/**
 * Get Many › Return All of every vendor over several thousand cases (dozens of pages) under each
 * fault of issue 13: exactly the cases (0 missing, 0 duplicates), or a clear error after a
 * bounded time — never a silent partial list. Waits run on the virtual clock; the table of
 * scenario × vendor goes to test-artifacts/faults-lists.md (printed by `npm run test:faults`).
 */
const CASES = 3000;
const rows: FaultRow[] = [];
let clock: ReturnType<typeof useVirtualClock>;

beforeAll(() => {
	clock = useVirtualClock(Date.now());
});
afterAll(() => {
	clock.restore();
	writeTable('lists', rows);
});

describe.each(FAULT_VENDORS)('$name › Get Many › Return All over 3,000 cases', (vendor) => {
	let sim: FaultSim;
	beforeAll(async () => {
		sim = await vendor.start(() => clock.now, CASES);
	}, 60_000);
	afterAll(async () => await sim.stop());
	beforeEach(() => {
		// An hour passes between scenarios: every rate-limit window from before is spent.
		clock.advance(3_601_000);
		sim.control.clearFaults();
		sim.control.clearRequests();
	});

	it.each(LIST_SCENARIOS.map((s) => [s.name, s] as const))('%s', async (_name, scenario) => {
		const before = new Set(vendor.caseIds(sim));
		sim.control.pushFaults(scenario.faults(vendor, sim));
		const startedVirtual = clock.now;
		const startedReal = realNow();
		if (scenario.requestTimeoutMs) timing.requestTimeoutMs = scenario.requestTimeoutMs;
		let result;
		try {
			result = await vendor.getAll(sim);
		} finally {
			timing.requestTimeoutMs = 60_000;
			sim.control.clearFaults();
		}
		const ids = result.items.map((i) => vendor.itemId(i.json));
		const unique = new Set(ids);
		const missing = [...before].filter((id) => !unique.has(id)).length;
		const virtualSeconds = (clock.now - startedVirtual) / 1000;
		const requests = (sim.control.requests() as Array<{ path: string }>).filter((r) => r.path === vendor.listPath).length;
		const outcome = result.error ? `error: ${result.error.message}` : 'all cases';
		rows.push({
			scenario: scenario.name,
			vendor: vendor.name,
			expected: before.size,
			returned: ids.length,
			missing: result.error ? '-' : missing,
			duplicates: ids.length - unique.size,
			requests,
			virtualSeconds,
			realSeconds: (realNow() - startedReal) / 1000,
			outcome,
		});

		expect(virtualSeconds).toBeLessThanOrEqual(scenario.maxVirtualSeconds);
		if ('exact' in scenario.expect) {
			expect(result.error?.message).toBeUndefined();
			expect({ missing, duplicates: ids.length - unique.size }).toEqual({ missing: 0, duplicates: 0 });
		} else {
			// A clear error, and no partial list passed on as if it were the whole.
			expect(result.error?.message).toMatch(scenario.expect.error);
			expect(result.items).toHaveLength(0);
			// Bounded: not many more requests than the pages the list has, plus retries.
			expect(requests).toBeLessThanOrEqual(Math.ceil(before.size / 100) * 6 + 10);
		}
	});
});
