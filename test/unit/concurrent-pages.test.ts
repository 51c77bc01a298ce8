import type { IDataObject } from 'n8n-workflow';

import { collectPages, pageNumber } from '../../core/paginate';
import { SlidingWindowLimiter, type RateLimitReport } from '../../core/rateLimit';
import type { ApiRequest } from '../../core/types';
import { useVirtualClock } from '../harness/clock';

const strategy = pageNumber();
const first: ApiRequest = { method: 'GET', path: '/cases/', qs: { status: 'OPEN' } };

/** A page-number list API whose answers come back out of order (later pages sometimes first). */
function listApi(total: number, o: { envelope?: 'pagination' | 'count' | 'next'; maxSize?: number; grow?: number } = {}) {
	const data = Array.from({ length: total }, (_, i) => ({ id: `c${i}` }));
	const api = { asked: [] as number[], inFlight: 0, maxInFlight: 0, queries: [] as IDataObject[] };
	const fetch = async (request: ApiRequest): Promise<unknown> => {
		const page = Number(request.qs?.page);
		const size = Math.min(Number(request.qs?.page_size), o.maxSize ?? Infinity);
		api.asked.push(page);
		api.queries.push({ ...request.qs });
		api.inFlight++;
		api.maxInFlight = Math.max(api.maxInFlight, api.inFlight);
		for (let i = 0; i < ((page * 7) % 5) + 1; i++) await Promise.resolve();
		api.inFlight--;
		// `grow`: cases added after the first page was read (the count moves on).
		const count = page > 1 && o.grow ? total + o.grow : total;
		if (page > 1 && o.grow && data.length < count) data.push(...Array.from({ length: count - data.length }, (_, i) => ({ id: `c${total + i}` })));
		const results = data.slice((page - 1) * size, page * size);
		const pageCount = Math.ceil(count / size);
		if (o.envelope === 'count') return { count, next: page < pageCount ? `https://x/?page=${page + 1}` : null, previous: null, results };
		if (o.envelope === 'next') return { next: page < pageCount ? `https://x/?page=${page + 1}` : null, results };
		return { pagination: { result_count: count, page_count: pageCount, page_size: size, current_page: page, next_page: page < pageCount ? page + 1 : null }, results };
	};
	return { api, fetch, data };
}

const ids = (items: IDataObject[]) => items.map((i) => i.id);

describe('page-number lists: pages after the first fetched concurrently', () => {
	it('asks for every page once, at most `concurrency` at a time, and keeps the API\'s order', async () => {
		const { api, fetch, data } = listApi(950);
		const items = await collectPages(fetch, strategy, first, { concurrency: 4 });
		expect(ids(items)).toEqual(ids(data));
		expect(api.asked[0]).toBe(1);
		expect([...api.asked].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
		expect(api.maxInFlight).toBe(4);
		// every page is the original request (filters kept) with its page number
		for (const q of api.queries) expect(q).toMatchObject({ status: 'OPEN', page_size: 100 });
	});

	it('asks only for the pages the limit needs', async () => {
		const { api, fetch, data } = listApi(950);
		const items = await collectPages(fetch, strategy, first, { concurrency: 8, limit: 250 });
		expect(ids(items)).toEqual(ids(data.slice(0, 250)));
		expect([...api.asked].sort()).toEqual([1, 2, 3]);
	});

	it('needs no second page when the first holds the limit', async () => {
		const { api, fetch } = listApi(950);
		expect(await collectPages(fetch, strategy, first, { concurrency: 8, limit: 30 })).toHaveLength(30);
		expect(api.asked).toEqual([1]);
		expect(api.queries[0].page_size).toBe(30);
	});

	it('reads the page count from the {count, next, results} envelope too', async () => {
		const { api, fetch, data } = listApi(420, { envelope: 'count' });
		expect(ids(await collectPages(fetch, strategy, first, { concurrency: 3 }))).toEqual(ids(data));
		expect(api.maxInFlight).toBe(3);
	});

	it('goes page by page when the first page does not say how many there are', async () => {
		const { api, fetch, data } = listApi(420, { envelope: 'next' });
		expect(ids(await collectPages(fetch, strategy, first, { concurrency: 8 }))).toEqual(ids(data));
		expect(api.asked).toEqual([1, 2, 3, 4, 5]);
		expect(api.maxInFlight).toBe(1);
	});

	it('goes page by page when the API serves smaller pages than asked for', async () => {
		const { api, fetch, data } = listApi(230, { maxSize: 50 });
		expect(ids(await collectPages(fetch, strategy, first, { concurrency: 8 }))).toEqual(ids(data));
		expect(api.asked).toEqual([1, 2, 3, 4, 5]);
	});

	it('follows on page by page when the list grew while it was read', async () => {
		const { api, fetch } = listApi(300, { grow: 40 });
		const items = await collectPages(fetch, strategy, first, { concurrency: 8 });
		expect(items).toHaveLength(340);
		expect([...api.asked].sort()).toEqual([1, 2, 3, 4]);
	});

	it('refuses a list longer than maxPages before fetching it', async () => {
		const { api, fetch } = listApi(5000);
		await expect(collectPages(fetch, strategy, first, { concurrency: 8, maxPages: 20, fail: (m) => { throw new Error(m); } })).rejects.toThrow(/Stopped after 20 pages/);
		expect(api.asked).toEqual([1]);
	});

	it('maps each item as its page arrives (Simplify), in the API\'s order, one page at a time or concurrently', async () => {
		const { fetch, data } = listApi(250);
		const map = (item: IDataObject) => ({ simplified: item.id });
		expect(await collectPages(fetch, strategy, first, { concurrency: 4, map })).toEqual(data.map((d) => ({ simplified: d.id })));
		expect(await collectPages(fetch, strategy, first, { concurrency: 1, map, limit: 120 })).toEqual(data.slice(0, 120).map((d) => ({ simplified: d.id })));
	});

	it('stops starting pages once one has failed', async () => {
		const { api, fetch } = listApi(2000);
		const failing = async (request: ApiRequest) => {
			if (Number(request.qs?.page) === 3) throw new Error('HTTP 500 on page 3');
			return await fetch(request);
		};
		await expect(collectPages(failing, strategy, first, { concurrency: 2 })).rejects.toThrow(/page 3/);
		expect(api.asked.length).toBeLessThan(20);
	});
});

describe('concurrent pages under the rate limiter', () => {
	let clock: ReturnType<typeof useVirtualClock>;
	beforeEach(() => (clock = useVirtualClock()));
	afterEach(() => clock.restore());

	it('never sends more than the vendor allows in a window, and the vendor refuses nothing', async () => {
		// The vendor: 10 requests per fixed 1 s window opening at the first request, reported in headers.
		const server = { windowStart: -Infinity, used: 0, refused: 0, sent: [] as number[] };
		const { fetch, data } = listApi(3500);
		const limiter = new SlidingWindowLimiter(10, 1000);
		const viaLimiter = async (request: ApiRequest): Promise<unknown> => {
			for (;;) {
				const permit = await limiter.take();
				if (!permit) throw new Error('no permit');
				const now = clock.now;
				if (now >= server.windowStart + 1000) Object.assign(server, { windowStart: now, used: 0 });
				const report: RateLimitReport = { limit: 10, remaining: 0, resetMs: Math.ceil((server.windowStart + 1000 - now) / 1000) * 1000 };
				if (server.used >= 10) {
					server.refused++;
					permit.done(report);
					continue;
				}
				server.used++;
				server.sent.push(now);
				const body = await fetch(request);
				permit.done({ ...report, remaining: 10 - server.used });
				return body;
			}
		};
		const items = await collectPages(viaLimiter, strategy, first, { concurrency: 8 });
		expect(ids(items)).toEqual(ids(data));
		expect(server.refused).toBe(0);
		expect(server.sent).toHaveLength(35);
		for (let i = 10; i < server.sent.length; i++) expect(server.sent[i] - server.sent[i - 10]).toBeGreaterThanOrEqual(1000);
	});
});
