import type { IDataObject } from 'n8n-workflow';

import { collectPages, cursorHasMore, jsonApiCursor, pageNumber } from '../../core/paginate';
import type { ApiRequest } from '../../core/types';

/** A fake API of `total` items, served by the given page reader. */
function fakeJsonApi(total: number) {
	const items = Array.from({ length: total }, (_, i) => ({ id: `case_${String(i).padStart(4, '0')}` }));
	const calls: ApiRequest[] = [];
	const fetch = async (request: ApiRequest) => {
		calls.push(request);
		const size = Number(request.qs?.['page[size]']);
		const after = request.qs?.['page[after]'] as string | undefined;
		const start = after ? items.findIndex((i) => i.id === after) + 1 : 0;
		const data = items.slice(start, start + size);
		const more = start + size < total;
		return {
			data,
			links: { prev: null, next: more ? `/api/v1/cases?page%5Bafter%5D=${data[data.length - 1].id}&page%5Bsize%5D=${size}` : null },
		};
	};
	return { fetch, calls, items };
}

describe('JSON:API cursor pagination', () => {
	const first: ApiRequest = { method: 'GET', path: '/cases', qs: { 'filter[status]': 'Open' } };

	it('walks every page with the cursor of links.next, on the original path', async () => {
		const api = fakeJsonApi(250);
		const all = await collectPages(api.fetch, jsonApiCursor, first, {});
		expect(all).toHaveLength(250);
		expect(new Set(all.map((i) => i.id)).size).toBe(250);
		expect(api.calls).toHaveLength(3);
		expect(api.calls[1]).toEqual({ method: 'GET', path: '/cases', qs: { 'filter[status]': 'Open', 'page[size]': 100, 'page[after]': 'case_0099' } });
	});

	it('stops as soon as the limit is reached, asking for no more than needed', async () => {
		const api = fakeJsonApi(250);
		const some = await collectPages(api.fetch, jsonApiCursor, first, { limit: 30 });
		expect(some).toHaveLength(30);
		expect(api.calls).toHaveLength(1);
		expect(api.calls[0].qs?.['page[size]']).toBe(30);

		const api2 = fakeJsonApi(250);
		const more = await collectPages(api2.fetch, jsonApiCursor, first, { limit: 150 });
		expect(more).toHaveLength(150);
		expect(api2.calls).toHaveLength(2);
	});

	it('keeps the search body when following links of a POST search', async () => {
		const api = fakeJsonApi(15);
		const search: ApiRequest = { method: 'POST', path: '/cases/search', body: { query: { attribute: 'status', operator: 'eq', value: 'Open' } } };
		await collectPages(api.fetch, jsonApiCursor, search, { pageSize: 10 });
		expect(api.calls).toHaveLength(2);
		expect(api.calls[1].method).toBe('POST');
		expect(api.calls[1].body).toEqual(search.body);
	});

	it('refuses a repeated cursor', async () => {
		const stuck = async () => ({ data: [{ id: 'case_1' }], links: { next: '/api/v1/cases?page%5Bafter%5D=case_1' } });
		await expect(collectPages(stuck, jsonApiCursor, first, {})).rejects.toThrow(/same page cursor twice/);
	});

	it('caps the number of pages', async () => {
		let n = 0;
		const endless = async () => {
			n++;
			return { data: [{ id: `case_${n}` }], links: { next: `/api/v1/cases?page%5Bafter%5D=case_${n}` } };
		};
		await expect(collectPages(endless, jsonApiCursor, first, { maxPages: 5 })).rejects.toThrow(/Stopped after 5 pages/);
		expect(n).toBe(5);
	});

	it('uses a caller-supplied failure', async () => {
		const stuck = async () => ({ data: [{ id: 'case_1' }], links: { next: '/x?page%5Bafter%5D=1' } });
		await expect(
			collectPages(stuck, jsonApiCursor, first, {
				fail: (m) => {
					throw new TypeError(`custom: ${m}`);
				},
			}),
		).rejects.toThrow(TypeError);
	});
});

describe('JSON:API cursor pagination: only the cursor is taken from links.next', () => {
	const original: ApiRequest = {
		method: 'GET',
		path: '/cases',
		qs: { 'filter[status]': 'Open', include: 'accounts', sort: '-created-at', 'fields[case]': 'status,name' },
	};
	type Served = { data: IDataObject[]; links?: { prev: string | null; next: string | null } };

	/** Serves the given pages in order and records every request it was asked for. */
	function scripted(pages: Served[]) {
		const calls: ApiRequest[] = [];
		const fetch = async (request: ApiRequest) => {
			calls.push(request);
			return pages[calls.length - 1];
		};
		return { fetch, calls };
	}
	const ids = (...names: string[]) => names.map((id) => ({ id }));

	it('keeps filters, page size, include, sort and fields when the next link carries only the cursor', async () => {
		const api = scripted([
			{ data: ids('case_1', 'case_2'), links: { prev: null, next: '/api/v1/cases?page%5Bafter%5D=case_2' } },
			{ data: ids('case_3', 'case_4'), links: { prev: null, next: '/api/v1/cases?page[after]=case_4' } },
			{ data: ids('case_5'), links: { prev: null, next: null } },
		]);
		const all = await collectPages(api.fetch, jsonApiCursor, original, { pageSize: 2 });
		expect(all.map((i) => i.id)).toEqual(['case_1', 'case_2', 'case_3', 'case_4', 'case_5']);
		expect(api.calls).toHaveLength(3);
		expect(api.calls[1]).toEqual({ ...original, qs: { ...original.qs, 'page[size]': 2, 'page[after]': 'case_2' } });
		expect(api.calls[2]).toEqual({ ...original, qs: { ...original.qs, 'page[size]': 2, 'page[after]': 'case_4' } });
	});

	it('takes every page[...] cursor of the link (not its size, path or other parameters) and drops the previous one', async () => {
		const api = scripted([
			{ data: ids('case_1'), links: { prev: null, next: '/api/v1/other?page%5Bbefore%5D=case_0&page%5Bsize%5D=99&filter%5Bstatus%5D=X' } },
			{ data: ids('case_2'), links: { prev: null, next: '/api/v1/cases?page%5Bafter%5D=case_2&page%5Bcursor%5D=abc' } },
			{ data: [], links: { prev: null, next: null } },
		]);
		await collectPages(api.fetch, jsonApiCursor, original, { pageSize: 5 });
		expect(api.calls[1].path).toBe('/cases');
		expect(api.calls[1].qs).toEqual({ ...original.qs, 'page[size]': 5, 'page[before]': 'case_0' });
		expect(api.calls[2].qs).toEqual({ ...original.qs, 'page[size]': 5, 'page[after]': 'case_2', 'page[cursor]': 'abc' });
	});

	it('re-sends a search body unchanged with the cursor of a bare link', async () => {
		const search: ApiRequest = {
			method: 'POST',
			path: '/cases/search',
			sideEffect: 'read',
			body: { query: { attribute: 'status', operator: 'eq', value: 'Open' }, sort: { attribute: 'created_at', direction: 'asc' } },
		};
		const api = scripted([
			{ data: ids('case_1'), links: { prev: null, next: '/api/v1/cases/search?page%5Bafter%5D=case_1' } },
			{ data: ids('case_2'), links: { prev: null, next: '/api/v1/cases/search?page%5Bafter%5D=case_2' } },
			{ data: ids('case_3'), links: { prev: null, next: null } },
		]);
		expect(await collectPages(api.fetch, jsonApiCursor, search, { pageSize: 10 })).toHaveLength(3);
		for (const call of api.calls.slice(1)) {
			expect(call).toMatchObject({ method: 'POST', path: '/cases/search', sideEffect: 'read', body: search.body });
			expect(call.url).toBeUndefined();
		}
		expect(api.calls[2].qs).toEqual({ 'page[size]': 10, 'page[after]': 'case_2' });
	});

	it('treats a short page as more to come while links.next is set, and a null links.next as the end', async () => {
		const api = scripted([
			{ data: ids('case_1'), links: { prev: null, next: '/api/v1/cases?page%5Bafter%5D=case_1' } },
			{ data: ids('case_2', 'case_3'), links: { prev: null, next: '/api/v1/cases?page%5Bafter%5D=case_3' } },
			{ data: ids('case_4', 'case_5', 'case_6'), links: { prev: '/api/v1/cases?page%5Bbefore%5D=case_4', next: null } },
			{ data: ids('never') },
		]);
		const all = await collectPages(api.fetch, jsonApiCursor, original, { pageSize: 3 });
		expect(all.map((i) => i.id)).toEqual(['case_1', 'case_2', 'case_3', 'case_4', 'case_5', 'case_6']);
		expect(api.calls).toHaveLength(3);
	});

	it('falls back to page[after] = last id only when the response has no links at all', async () => {
		const api = scripted([{ data: ids('case_1', 'case_2') }, { data: ids('case_3') }]);
		const all = await collectPages(api.fetch, jsonApiCursor, original, { pageSize: 2 });
		expect(all.map((i) => i.id)).toEqual(['case_1', 'case_2', 'case_3']);
		expect(api.calls[1].qs).toEqual({ ...original.qs, 'page[size]': 2, 'page[after]': 'case_2' });

		const withLinks = scripted([{ data: ids('case_1', 'case_2'), links: { prev: null, next: null } }]);
		expect(await collectPages(withLinks.fetch, jsonApiCursor, original, { pageSize: 2 })).toHaveLength(2);
		expect(withLinks.calls).toHaveLength(1);
	});

	it('takes the last id as page[after] when a next link carries no cursor at all', async () => {
		const api = scripted([
			{ data: ids('case_1', 'case_2'), links: { prev: null, next: '/api/v1/cases?filter%5Bstatus%5D=Open' } },
			{ data: ids('case_3'), links: { prev: null, next: null } },
		]);
		expect(await collectPages(api.fetch, jsonApiCursor, original, { pageSize: 2 })).toHaveLength(3);
		expect(api.calls[1].qs).toEqual({ ...original.qs, 'page[size]': 2, 'page[after]': 'case_2' });
	});

	it('never follows an absolute next link to its host: the original path on the base URL gets the cursor', async () => {
		const api = scripted([
			{ data: ids('case_1'), links: { prev: null, next: 'https://evil.example/api/v1/cases?page%5Bafter%5D=case_1' } },
			{ data: ids('case_2'), links: { prev: null, next: 'https://api.withpersona.com/api/v1/cases?page%5Bafter%5D=case_2&page%5Bsize%5D=1' } },
			{ data: ids('case_3'), links: { prev: null, next: null } },
		]);
		await collectPages(api.fetch, jsonApiCursor, original, { pageSize: 1 });
		for (const call of api.calls) {
			expect(call.url).toBeUndefined();
			expect(call.path).toBe('/cases');
		}
		expect(api.calls.map((c) => c.qs?.['page[after]'])).toEqual([undefined, 'case_1', 'case_2']);
	});
});

describe('page-number pagination', () => {
	const strategy = pageNumber();
	const first: ApiRequest = { method: 'GET', path: '/cases/' };
	const data = Array.from({ length: 23 }, (_, i) => ({ id: `${i}` }));
	const slice = (request: ApiRequest) => {
		const page = Number(request.qs?.page);
		const size = Number(request.qs?.page_size);
		return { page, size, results: data.slice((page - 1) * size, page * size) };
	};

	it('reads the {pagination:{current_page,page_count}} envelope', async () => {
		const calls: number[] = [];
		const fetch = async (request: ApiRequest) => {
			const { page, size, results } = slice(request);
			calls.push(page);
			return { pagination: { result_count: 23, page_count: Math.ceil(23 / size), page_size: size, current_page: page }, results };
		};
		const all = await collectPages(fetch, strategy, first, { pageSize: 10 });
		expect(all.map((i) => i.id)).toEqual(data.map((i) => i.id));
		expect(calls).toEqual([1, 2, 3]);
	});

	it('reads the {count,next,previous,results} envelope', async () => {
		const fetch = async (request: ApiRequest) => {
			const { page, size, results } = slice(request);
			return { count: 23, next: page * size < 23 ? `https://x/?page=${page + 1}` : null, previous: null, results };
		};
		expect(await collectPages(fetch, strategy, first, { pageSize: 10 })).toHaveLength(23);
	});

	it('stops at the limit mid-page and refuses a page counter that never advances', async () => {
		const fetch = async (request: ApiRequest) => ({ pagination: { current_page: 1, page_count: 9 }, results: slice(request).results });
		expect(await collectPages(fetch, strategy, first, { limit: 7 })).toHaveLength(7);
		await expect(collectPages(fetch, strategy, first, { pageSize: 5 })).rejects.toThrow(/same page cursor/);
	});
});

describe('opaque cursor with has_more', () => {
	it('follows next_cursor while has_more is true, falling back to the last id', async () => {
		const strategy = cursorHasMore({ cursorParam: 'cursor', sizeParam: 'limit' });
		const pages: Record<string, IDataObject> = {
			start: { data: [{ id: 'a' }, { id: 'b' }], has_more: true, next_cursor: 'c1' },
			c1: { data: [{ id: 'c' }, { id: 'd' }], has_more: true },
			d: { data: [{ id: 'e' }], has_more: false },
		};
		const seen: string[] = [];
		const fetch = async (request: ApiRequest) => {
			const key = (request.qs?.cursor as string) ?? 'start';
			seen.push(key);
			return pages[key];
		};
		const all = await collectPages(fetch, strategy, { method: 'GET', path: '/x' }, { pageSize: 2 });
		expect(all.map((i) => i.id)).toEqual(['a', 'b', 'c', 'd', 'e']);
		expect(seen).toEqual(['start', 'c1', 'd']);
	});
});
