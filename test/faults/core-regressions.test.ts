import type { IDataObject } from 'n8n-workflow';

import { collectPages, pageNumber } from '../../core/paginate';
import type { ApiRequest } from '../../core/types';
import { ZenooApi } from '../../credentials/ZenooApi.credentials';
import { Zenoo } from '../../nodes/Zenoo/Zenoo.node';
import { runNode } from '../harness';
import { useVirtualClock } from '../harness/clock';
import type { FaultSim } from './vendor';
import { zenoo } from './vendors/zenoo';

/**
 * Regressions for what the fault suite found in the core (core/paginate.ts, core/request.ts),
 * pinned down on their own so a change that brings one back fails here by name.
 */
describe('core/paginate: a list that shifts or repeats pages', () => {
	/** A newest-first page-number API over `cases`, with a hook run before each page is served. */
	function pagedApi(cases: string[], before: (page: number) => void = () => {}) {
		const served: number[] = [];
		return {
			served,
			fetch: async (request: ApiRequest) => {
				const page = Number(request.qs?.page);
				before(page);
				served.push(page);
				const size = Number(request.qs?.page_size);
				const results = cases.slice((page - 1) * size, page * size).map((id) => ({ id }));
				return { pagination: { current_page: page, page_count: Math.ceil(cases.length / size) }, results };
			},
		};
	}
	const ids = (n: number, prefix = 'c') => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

	it('drops the items a grown list pushes onto the next page: every case once (was: duplicates)', async () => {
		const cases = ids(50);
		let added = 0;
		// 3 new cases at the top before every page after the first.
		const api = pagedApi(cases, (page) => {
			if (page > 1) for (let i = 0; i < 3; i++) cases.unshift(`new${added++}`);
		});
		const items = await collectPages(api.fetch, pageNumber(), { method: 'GET', path: '/cases' }, { pageSize: 10, concurrency: 1 });
		const got = items.map((i) => String(i.id));
		expect(new Set(got).size).toBe(got.length);
		for (const id of ids(50)) expect(got).toContain(id);
	});

	it('reads again one page at a time when pages read at once were served out of order while the list grew (was: cases missing)', async () => {
		const cases = ids(80);
		let added = 0;
		let served = 0;
		const fetch = async (request: ApiRequest) => {
			const page = Number(request.qs?.page);
			// The pages read at once are served last first (a busy API answers in any order),
			// and 3 cases are created before each is served.
			for (let i = 0; i < (20 - page) * 5; i++) await Promise.resolve();
			if (served++ > 0) for (let i = 0; i < 3; i++) cases.unshift(`new${added++}`);
			const size = Number(request.qs?.page_size);
			const results = cases.slice((page - 1) * size, page * size).map((id) => ({ id }));
			return { pagination: { current_page: page, page_count: Math.ceil(cases.length / size) }, results };
		};
		const items = await collectPages(fetch, pageNumber(), { method: 'GET', path: '/cases' }, { pageSize: 10, concurrency: 4 });
		const got = items.map((i) => String(i.id));
		expect(ids(80).filter((id) => !got.includes(id))).toEqual([]);
		expect(new Set(got).size).toBe(got.length);
	});

	it('stops with a clear error when a page is sent twice (was: its items returned twice, or a loop)', async () => {
		const cases = ids(50);
		const api = pagedApi(cases);
		// Page 3 answered with page 2 again, under the page number asked for.
		const fetch = async (request: ApiRequest) => {
			const page = Number(request.qs?.page);
			const body = (await api.fetch(page === 3 ? { ...request, qs: { ...request.qs, page: 2 } } : request)) as IDataObject;
			return { ...body, pagination: { current_page: page, page_count: 5 } };
		};
		await expect(collectPages(fetch, pageNumber(), { method: 'GET', path: '/cases' }, { pageSize: 10, concurrency: 1 })).rejects.toThrow(
			/sent a page it had already sent/,
		);
		await expect(collectPages(fetch, pageNumber(), { method: 'GET', path: '/cases' }, { pageSize: 10, concurrency: 4 })).rejects.toThrow(
			/sent a page it had already sent/,
		);
	});
});

describe('core/request against the Zenoo simulator', () => {
	let sim: FaultSim;
	let clock: ReturnType<typeof useVirtualClock>;
	beforeAll(async () => {
		clock = useVirtualClock(Date.now());
		sim = await zenoo.start(() => clock.now, 20);
	});
	afterAll(async () => {
		clock.restore();
		await sim.stop();
	});
	beforeEach(() => {
		clock.advance(3_601_000);
		sim.control.clearFaults();
		sim.control.clearRequests();
	});
	const list = () => sim.control.requests() as Array<{ path: string; status: number | null }>;
	const run = async () =>
		await runNode({
			nodeType: Zenoo,
			credentialType: ZenooApi,
			credentials: { zenooApi: { apiKey: sim.apiKey, environment: 'custom', baseUrl: sim.baseUrl } },
			parameters: { resource: 'case', operation: 'getAll', returnAll: false, limit: 5 },
		});

	it('waits out 6 429s in a row that say when to come back (was: failed after 4 retries)', async () => {
		sim.control.pushFaults({ type: 429, retryAfterSeconds: 10, count: 6, method: 'GET', path: '/v1/cases' });
		const { items, error } = await run();
		expect(error?.message).toBeUndefined();
		expect(items).toHaveLength(5);
		expect(list()).toHaveLength(7);
	});

	it('stops at a Retry-After of a day: names the wait, until when, and how to resume; nothing more sent', async () => {
		sim.control.pushFaults({ type: 429, retryAfterSeconds: 86400, resetSeconds: 86400, method: 'GET', path: '/v1/cases' });
		const started = clock.now;
		const { items, error } = await run();
		expect(items).toHaveLength(0);
		expect(error?.message).toMatch(/^Zenoo asked to wait 86400 s before the next request, longer than the node waits \(65 s\), so it stopped/);
		expect(error?.description).toContain(`Run the workflow again after ${new Date(started + 86_400_000).toISOString().slice(0, 16)}`);
		expect(error?.description).toContain('starts again from the first page');
		expect(list()).toHaveLength(1);
		expect(clock.now - started).toBeLessThan(1000);
	});

	it('says an HTML page came with a 200, after retrying it (was: "the response was cut off")', async () => {
		sim.control.pushFaults({ type: 'html', count: 10, method: 'GET', path: '/v1/cases' });
		const { error } = await run();
		expect(error?.message).toBe('Could not complete the request to Zenoo: the answer was an HTML page (or other text), not the JSON the API sends');
		expect(error?.description).toContain('HTTP 200 with an HTML page instead of JSON');
		expect(list()).toHaveLength(5);
	});
});
