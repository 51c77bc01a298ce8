import type { IDataObject } from 'n8n-workflow';

import type { FaultSim, FaultVendor } from './vendor';

/** What a Get Many › Return All must end with under a fault. */
export type ListExpectation =
	/** Every case the vendor held at the start, none twice (cases added meanwhile may come too). */
	| { exact: true }
	/** A clear error (matching `message`) after a bounded time, and no output. */
	| { error: RegExp };

export interface ListScenario {
	name: string;
	/** Faults pushed on the simulator before the run (all on the list route, GET). */
	faults(v: FaultVendor, sim: FaultSim): IDataObject[];
	expect: ListExpectation;
	/** Real request timeout for this scenario (the node's is 60 s). */
	requestTimeoutMs?: number;
	/** The longest the run may take on the virtual clock (rate-limit waits included). */
	maxVirtualSeconds: number;
}

const on = (v: FaultVendor, fault: IDataObject): IDataObject => ({ method: 'GET', path: v.listPath, ...fault });

export const LIST_SCENARIOS: ListScenario[] = [
	{ name: 'no fault', faults: () => [], expect: { exact: true }, maxVirtualSeconds: 300 },
	{
		name: '429 storm, no Retry-After / RateLimit-Reset (1 page in 3, 12×)',
		faults: (v) => [on(v, { type: 429, bare: true, count: 12, every: 3 })],
		expect: { exact: true },
		maxVirtualSeconds: 600,
	},
	{
		name: '429 storm with Retry-After: 20 (1 page in 2, 10×)',
		faults: (v) => [on(v, { type: 429, retryAfterSeconds: 20, resetSeconds: 20, count: 10, every: 2 })],
		expect: { exact: true },
		maxVirtualSeconds: 900,
	},
	{
		name: '429 storm with RateLimit-Reset: 30 only (3 in a row, twice)',
		faults: (v) => [on(v, { type: 429, resetSeconds: 30, count: 3 }), on(v, { type: 429, resetSeconds: 30, count: 3, every: 5 })],
		expect: { exact: true },
		maxVirtualSeconds: 900,
	},
	{
		name: '429 with Retry-After: 86400',
		faults: (v) => [on(v, { type: 429, retryAfterSeconds: 86400, resetSeconds: 86400, count: 3, every: 4 })],
		expect: { error: /asked to wait 86400 s before the next request/ },
		maxVirtualSeconds: 300,
	},
	{
		name: '429 that never ends (no headers)',
		faults: (v) => [on(v, { type: 429, bare: true, count: 1000 })],
		expect: { error: /failed \(HTTP 429\)/ },
		// 8 tries per request with backoff up to 8 s; the virtual clock adds up the waits of pages
		// waiting at the same time, so this is an upper bound of the real time.
		maxVirtualSeconds: 600,
	},
	{
		name: '500 / 502 / 503 (1 page in 4 each)',
		faults: (v) => [on(v, { type: 500, count: 3, every: 4 }), on(v, { type: 502, count: 3, every: 4 }), on(v, { type: 503, count: 3, every: 4 })],
		expect: { exact: true },
		maxVirtualSeconds: 600,
	},
	{
		name: '503 that never ends',
		faults: (v) => [on(v, { type: 503, count: 1000 })],
		expect: { error: /failed \(HTTP 503\)/ },
		maxVirtualSeconds: 120,
	},
	{
		name: 'dropped connections (1 page in 5, 6×)',
		faults: (v) => [on(v, { type: 'reset', count: 6, every: 5 })],
		expect: { exact: true },
		maxVirtualSeconds: 600,
	},
	{
		name: 'slow answers past the timeout (3 pages)',
		// 2.5 s instead of the node's 60 s, so the run stays short; a busy simulator still answers well within it.
		faults: (v) => [on(v, { type: 'slow', delayMs: 6000, count: 3, every: 7 })],
		requestTimeoutMs: 2500,
		expect: { exact: true },
		maxVirtualSeconds: 600,
	},
	{
		name: 'truncated JSON (cut and short body, 6×)',
		faults: (v) => [on(v, { type: 'truncated', mode: 'cut', count: 3, every: 6 }), on(v, { type: 'truncated', count: 3, every: 6 })],
		expect: { exact: true },
		maxVirtualSeconds: 600,
	},
	{
		name: 'HTML error page with status 200 (3 pages)',
		faults: (v) => [on(v, { type: 'html', count: 3, every: 5 })],
		expect: { exact: true },
		maxVirtualSeconds: 600,
	},
	{
		name: 'HTML page with status 200 that never ends',
		faults: (v) => [on(v, { type: 'html', count: 1000 })],
		expect: { error: /HTML page/ },
		maxVirtualSeconds: 120,
	},
	{
		name: 'cursor / page that repeats (an earlier page sent again for the 6th request)',
		faults: (v) => [on(v, { type: 'repeat', count: 1, every: 6 })],
		expect: { error: /same page cursor twice|page it had already sent/ },
		maxVirtualSeconds: 300,
	},
	{
		name: 'list grows while read (7 new cases before every page)',
		faults: (v, sim) => [
			on(v, {
				type: 'hook',
				count: 1000,
				run: () => {
					for (let i = 0; i < 7; i++) v.grow(sim);
				},
			}),
		],
		expect: { exact: true },
		maxVirtualSeconds: 600,
	},
];
