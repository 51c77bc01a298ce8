import type { IDataObject } from 'n8n-workflow';

import { timing } from '../../core/timing';
import { useVirtualClock } from '../harness/clock';
import { realNow, writeTable, type FaultRow } from './table';
import type { FaultSim, FaultVendor } from './vendor';
import { FAULT_VENDORS } from './vendors';

/**
 * Creates / orders under ambiguous failures (the vendor processed the request, the node never
 * learnt it): 0 duplicate cases where the vendor takes idempotency keys (the retry carries the
 * same key) or the node can look the case up by a key of the user's (External ID, reference);
 * otherwise no repeat at all, and an error that says where to look. Table:
 * test-artifacts/faults-creates.md.
 */
interface CreateScenario {
	name: string;
	fault(v: FaultVendor): IDataObject;
	requestTimeoutMs?: number;
}

const SCENARIOS: CreateScenario[] = [
	{
		name: 'timeout after the vendor processed the create',
		fault: (v) => ({ type: 'slow', after: true, delayMs: 1500, method: 'POST', path: v.createPath }),
		requestTimeoutMs: 500,
	},
	{ name: '503 after the vendor processed the create', fault: (v) => ({ type: 503, after: true, method: 'POST', path: v.createPath }) },
	{ name: 'connection reset after the create was sent', fault: (v) => ({ type: 'reset', after: true, method: 'POST', path: v.createPath }) },
];

const rows: FaultRow[] = [];
let clock: ReturnType<typeof useVirtualClock>;
let run = 0;

beforeAll(() => {
	clock = useVirtualClock(Date.now());
});
afterAll(() => {
	clock.restore();
	writeTable('creates', rows);
});

describe.each(FAULT_VENDORS)('$name › create under ambiguous failures', (vendor) => {
	let sim: FaultSim;
	beforeAll(async () => {
		sim = await vendor.start(() => clock.now, 50);
	}, 60_000);
	afterAll(async () => await sim.stop());
	beforeEach(() => {
		clock.advance(3_601_000);
		sim.control.clearFaults();
		sim.control.clearRequests();
	});

	it.each(SCENARIOS.map((s) => [s.name, s] as const))(`%s: ${vendor.createSafety}`, async (_name, scenario) => {
		const tag = `flt-${vendor.name.toLowerCase()}-${++run}`;
		const before = vendor.caseCount(sim);
		sim.control.pushFaults(scenario.fault(vendor));
		const startedVirtual = clock.now;
		const startedReal = realNow();
		if (scenario.requestTimeoutMs) timing.requestTimeoutMs = scenario.requestTimeoutMs;
		let result;
		try {
			result = await vendor.create(sim, tag);
		} finally {
			timing.requestTimeoutMs = 60_000;
			sim.control.clearFaults();
		}
		const created = vendor.created(sim, tag, before);
		const posts = (sim.control.requests() as Array<{ method: string; path: string; headers: IDataObject }>).filter(
			(r) => r.method === 'POST' && r.path === vendor.createPath,
		);
		rows.push({
			scenario: scenario.name,
			vendor: `${vendor.name} (${vendor.createSafety})`,
			expected: 1,
			returned: created,
			missing: created === 0 ? 1 : 0,
			duplicates: Math.max(0, created - 1),
			requests: posts.length,
			virtualSeconds: (clock.now - startedVirtual) / 1000,
			realSeconds: (realNow() - startedReal) / 1000,
			outcome: result.error ? `error: ${result.error.message} — ${String(result.error.description ?? '').split('\n')[0]}` : `1 item${result.items[0]?.json.id ? '' : ' (no id)'}`,
		});

		// Never a duplicate case.
		expect(created).toBe(1);
		if (vendor.createSafety === 'idempotency key') {
			expect(result.error?.message).toBeUndefined();
			expect(result.items).toHaveLength(1);
			expect(posts.length).toBe(2);
			expect(new Set(posts.map((p) => p.headers['idempotency-key'])).size).toBe(1);
		} else if (vendor.createSafety === 'lookup by key') {
			// The create is not repeated blindly: the lookup finds the case it made.
			expect(result.error?.message).toBeUndefined();
			expect(result.items).toHaveLength(1);
			expect(posts.length).toBe(1);
		} else {
			expect(posts.length).toBe(1);
			expect(`${result.error?.message}\n${result.error?.description}`).toMatch(new RegExp(`Check in ${vendor.name} whether it was created`));
		}
	});
});
