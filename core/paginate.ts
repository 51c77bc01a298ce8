import type { IDataObject } from 'n8n-workflow';

import { mapWithConcurrency } from './execute';
import { defaultItemId, PageLedger, REPEATED_CURSOR, reportedTotals } from './pageLedger';
import type { ApiRequest } from './types';

/** What one page yielded: its items, and the request for the next page if there is one. */
export interface Page {
	items: IDataObject[];
	next?: ApiRequest;
}

/** A vendor's way of paging: how to ask for a page of a given size, and how to read one. */
export interface PaginationStrategy {
	name: string;
	maxPageSize: number;
	/** The first request, with the page size applied. */
	first(request: ApiRequest, pageSize: number): ApiRequest;
	/** Items and next request from a page's body; `request` is the request that produced it. */
	read(body: unknown, request: ApiRequest, pageSize: number): Page;
	/**
	 * Page-number APIs: once the first page says how many pages there are, any page can be asked
	 * for directly, so the others can be fetched concurrently.
	 */
	numbered?: {
		/** How many pages the list has, from the first page's body; undefined when it does not say. */
		pageCount(body: unknown, pageSize: number): number | undefined;
		/** The request for page `index` (0 = the first request's page). */
		pageRequest(first: ApiRequest, index: number): ApiRequest;
	};
}

export interface CollectOptions {
	/** Called instead of fetching when paging must stop abnormally; must throw. */
	fail?: (message: string) => never;
	/** Stop as soon as this many items are collected; undefined = all. */
	limit?: number;
	/** Refuse to fetch more pages than this (a runaway API would otherwise loop forever). */
	maxPages?: number;
	/** Preferred page size; capped by the strategy's maximum and by the limit. */
	pageSize?: number;
	/**
	 * Pages fetched at the same time where the strategy allows it (page numbers, once the first
	 * page gave the count); 1 = one after the other. Each page still goes through the caller's
	 * `fetchPage` (and so its rate limiter). Items keep the API's order.
	 */
	concurrency?: number;
	/**
	 * Applied to each item as its page arrives (e.g. Simplify), so a page's raw objects can be
	 * freed at once instead of all pages being held until the end.
	 */
	map?: (item: IDataObject) => IDataObject;
	/**
	 * An item's identity, to drop an item a later page repeats (a list that grew while it was
	 * read shifts items onto the next page) and to notice a page the API sends twice.
	 * Default: `id`, else `token`, else `uuid`; items without one are never dropped.
	 */
	idOf?: (item: IDataObject) => string | undefined;
}

/**
 * Walks pages until the limit is reached or the API says there are no more.
 * Stops before fetching a page it does not need, refuses a repeated cursor or page, drops items
 * a page repeats, and caps the page count.
 */
export async function collectPages(
	fetchPage: (request: ApiRequest) => Promise<unknown>,
	strategy: PaginationStrategy,
	firstRequest: ApiRequest,
	options: CollectOptions = {},
): Promise<IDataObject[]> {
	const { limit, maxPages = 1000, map } = options;
	const fail =
		options.fail ??
		((message: string): never => {
			throw new Error(message);
		});
	const wanted = limit === undefined ? Infinity : Math.max(0, limit);
	const pageSize = Math.max(
		1,
		Math.min(strategy.maxPageSize, options.pageSize ?? strategy.maxPageSize, wanted === Infinity ? Infinity : wanted),
	);
	const items: IDataObject[] = [];
	if (wanted === 0) return items;

	const seen = new Set<string>();
	const ledger = new PageLedger(options.idOf ?? defaultItemId, fail);
	let request: ApiRequest | undefined = strategy.first(firstRequest, pageSize);
	let pages = 0;
	if (strategy.numbered && (options.concurrency ?? 1) > 1) {
		const done = await collectNumberedPages(fetchPage, strategy, request, items, {
			pageSize,
			wanted,
			maxPages,
			concurrency: options.concurrency ?? 1,
			fail,
			map,
			ledger,
		});
		if (items.length >= wanted) return items;
		pages = done.pages;
		if (done.changed) {
			// The list changed while its pages were read at once: a page served before the one
			// above it may have missed items that moved between them. It is read again one page at
			// a time (items only move down then); items already collected are dropped by id.
			ledger.forgetPages();
			request = strategy.first(firstRequest, pageSize);
		} else {
			if (!done.next) return items;
			// The list grew at its end while it was read, or the count was missing: on one page at a time.
			for (const r of done.fetched) seen.add(requestKey(r));
			request = done.next;
		}
	}
	for (; request; pages++) {
		if (pages >= maxPages)
			fail(`Stopped after ${maxPages} pages: the API kept returning more. Use a Limit or narrower filters.`);
		const key = requestKey(request);
		if (seen.has(key)) fail(REPEATED_CURSOR);
		seen.add(key);

		const page = strategy.read(await fetchPage(request), request, pageSize);
		// An empty page ends the list whatever cursor it carries: an API that sends no `has_more`
		// may hand the same cursor back on its last, empty page, which is no loop.
		if (page.items.length === 0) break;
		if (page.next && seen.has(requestKey(page.next))) fail(REPEATED_CURSOR);
		for (const item of ledger.fresh(page.items)) {
			items.push(map ? map(item) : item);
			if (items.length >= wanted) return items;
		}
		request = page.next;
	}
	return items;
}

/**
 * The first page, then every other page of a page-number list at once (at most `concurrency`
 * in flight), into `items` in the API's order. Only pages up to the limit are asked for.
 * Returns the request for a further page when the last one still announced more (a list that
 * grew meanwhile), or when the first page did not tell the page count.
 */
async function collectNumberedPages(
	fetchPage: (request: ApiRequest) => Promise<unknown>,
	strategy: PaginationStrategy,
	first: ApiRequest,
	items: IDataObject[],
	o: {
		pageSize: number;
		wanted: number;
		maxPages: number;
		concurrency: number;
		fail: (message: string) => never;
		map?: (item: IDataObject) => IDataObject;
		ledger: PageLedger;
	},
): Promise<{ next?: ApiRequest; pages: number; fetched: ApiRequest[]; changed?: boolean }> {
	const numbered = strategy.numbered as NonNullable<PaginationStrategy['numbered']>;
	const body = await fetchPage(first);
	const page = strategy.read(body, first, o.pageSize);
	for (const item of o.ledger.fresh(page.items)) {
		if (items.length >= o.wanted) break;
		items.push(o.map ? o.map(item) : item);
	}
	if (page.items.length === 0) return { pages: 1, fetched: [] };
	const count = numbered.pageCount(body, o.pageSize);
	// A short first page means the API pages differently than asked: follow it page by page.
	if (!page.next || items.length >= o.wanted || count === undefined || page.items.length !== o.pageSize)
		return { next: page.next, pages: 1, fetched: [first] };

	const needed = o.wanted === Infinity ? count : Math.min(count, Math.ceil(o.wanted / o.pageSize));
	if (needed > o.maxPages)
		o.fail(`Stopped after ${o.maxPages} pages: the API kept returning more. Use a Limit or narrower filters.`);
	const requests = Array.from({ length: Math.max(0, needed - 1) }, (_, i) => numbered.pageRequest(first, i + 1));
	const pages = await mapWithConcurrency(requests.length, o.concurrency, async (i) => {
		const p = strategy.read(await fetchPage(requests[i]), requests[i], o.pageSize);
		// Mapped as it arrives: the page's raw objects are not kept while the others come in
		// (their ids are, to drop an item a later page repeats).
		const map = o.map;
		const ids = p.items.map((item) => o.ledger.idOf(item));
		return { page: map ? { ...p, items: p.items.map((item) => map(item)) } : p, ids, totals: reportedTotals(body) };
	});
	// The list changed during the read when a page reports other totals than the first, or
	// repeats an item of another page (items moved down while the pages were served).
	const totals = reportedTotals(body);
	let changed = pages.some((p) => p.totals !== totals);
	let last: Page = page;
	for (const { page: p, ids } of pages) {
		last = p;
		const keep = o.ledger.keep(ids);
		if (keep.includes(false)) changed = true;
		for (let k = 0; k < p.items.length; k++) {
			if (!keep[k]) continue;
			if (items.length >= o.wanted) return { pages: needed, fetched: [] };
			items.push(p.items[k]);
		}
		if (p.items.length === 0) return { pages: needed, fetched: [], changed };
	}
	return { next: last.next, pages: needed, fetched: [first, ...requests], changed };
}

function requestKey(request: ApiRequest): string {
	return JSON.stringify([request.method, request.url ?? request.path, request.qs ?? {}, request.body ?? null]);
}

function asObject(value: unknown): IDataObject {
	return value && typeof value === 'object' && !Array.isArray(value) ? (value as IDataObject) : {};
}

/** JSON:API paging parameters: `page[size]` is the size, every other `page[...]` a cursor. */
function isCursorParam(key: string): boolean {
	return /^page\[[^\]]+\]$/.test(key) && key !== 'page[size]';
}

/** The cursor parameters of a `links.next` (relative or absolute); nothing else of it is used. */
function cursorFromLink(link: string): IDataObject {
	const cursor: IDataObject = {};
	let url: URL;
	try {
		url = new URL(link, 'http://host.invalid');
	} catch {
		return cursor;
	}
	for (const [key, value] of url.searchParams) if (isCursorParam(key)) cursor[key] = value;
	return cursor;
}

/** The same request (path, query, body) with the previous cursor replaced by `cursor`. */
function withCursor(request: ApiRequest, pageSize: number, cursor: IDataObject): ApiRequest {
	const qs: IDataObject = {};
	for (const [key, value] of Object.entries(request.qs ?? {})) if (!isCursorParam(key)) qs[key] = value;
	return { ...request, qs: { ...qs, 'page[size]': pageSize, ...cursor } };
}

/**
 * JSON:API cursor paging (Persona): `page[size]`, and `links.next` until it is missing or null.
 * Persona does not promise that its links repeat the filters, the size or the host, so only the
 * link's cursor (`page[after]`, `page[before]`, any `page[...]` but size) is taken: the original
 * request (path on the credential's base URL, filters, include, sort, fields, a search's POST
 * body) is re-sent with it. A link to another host is therefore never followed. A short page is
 * not the end while a next link exists. Without any `links`, `page[after]` = the last item's id,
 * until a short page.
 */
export const jsonApiCursor: PaginationStrategy = {
	name: 'jsonApiCursor',
	maxPageSize: 100,
	first(request, pageSize) {
		return { ...request, qs: { ...request.qs, 'page[size]': pageSize } };
	},
	read(body, request, pageSize) {
		const doc = asObject(body);
		const items = Array.isArray(doc.data) ? (doc.data as IDataObject[]) : [];
		const lastId = items[items.length - 1]?.id;
		const afterLast =
			(typeof lastId === 'string' && lastId !== '') || typeof lastId === 'number'
				? withCursor(request, pageSize, { 'page[after]': String(lastId) })
				: undefined;
		if (!('links' in doc)) return { items, next: items.length < pageSize ? undefined : afterLast };
		const links = asObject(doc.links);
		if (typeof links.next !== 'string' || links.next === '') return { items };
		const cursor = cursorFromLink(links.next);
		// A next link without a cursor parameter: Persona's cursor is the last object's id.
		return { items, next: Object.keys(cursor).length ? withCursor(request, pageSize, cursor) : afterLast };
	},
};

/**
 * Page-number paging (Certn, Zenoo): `page` + `page_size`. Reads either
 * `{pagination:{current_page,page_count}, results}` or `{count, next, results}` envelopes.
 */
export function pageNumber(options: {
	pageParam?: string;
	sizeParam?: string;
	maxPageSize?: number;
	itemsKeys?: string[];
	firstPage?: number;
} = {}): PaginationStrategy {
	const pageParam = options.pageParam ?? 'page';
	const sizeParam = options.sizeParam ?? 'page_size';
	const itemsKeys = options.itemsKeys ?? ['results', 'data', 'items'];
	const firstPage = options.firstPage ?? 1;
	return {
		name: 'pageNumber',
		maxPageSize: options.maxPageSize ?? 100,
		first(request, pageSize) {
			return { ...request, qs: { ...request.qs, [pageParam]: firstPage, [sizeParam]: pageSize } };
		},
		numbered: {
			pageCount(body, pageSize) {
				const doc = asObject(body);
				const meta = asObject(doc.pagination ?? doc.meta);
				const pageCount = Number(meta.page_count ?? meta.total_pages ?? meta.pageCount ?? doc.total_pages);
				// A page count for another page size than the one asked for would skip items.
				const reportedSize = Number(meta.page_size ?? meta.per_page ?? pageSize);
				if (Number.isInteger(pageCount) && pageCount >= 0 && reportedSize === pageSize) return pageCount;
				const count = Number(meta.result_count ?? meta.total ?? doc.count ?? doc.total);
				if (Number.isInteger(count) && count >= 0) return Math.ceil(count / pageSize);
				return undefined;
			},
			pageRequest(first, index) {
				return { ...first, qs: { ...first.qs, [pageParam]: Number(first.qs?.[pageParam] ?? firstPage) + index } };
			},
		},
		read(body, request, pageSize) {
			const doc = asObject(body);
			const key = itemsKeys.find((k) => Array.isArray(doc[k]));
			const items = Array.isArray(body)
				? (body as IDataObject[])
				: key
					? (doc[key] as IDataObject[])
					: [];
			const current = Number(request.qs?.[pageParam] ?? firstPage);
			const meta = asObject(doc.pagination ?? doc.meta);
			let hasNext: boolean;
			const pageCount = Number(meta.page_count ?? meta.total_pages ?? meta.pageCount ?? doc.total_pages);
			const count = Number(meta.result_count ?? meta.total ?? doc.count ?? doc.total);
			const currentReported = Number(meta.current_page ?? meta.page ?? current);
			if (Number.isFinite(pageCount) && pageCount >= 0) hasNext = currentReported < pageCount;
			else if ('next' in doc || 'next_page' in meta) hasNext = !!(doc.next ?? meta.next_page);
			else if (Number.isFinite(count)) hasNext = (current - firstPage + 1) * pageSize < count;
			else hasNext = items.length >= pageSize;
			return {
				items,
				next: hasNext ? { ...request, qs: { ...request.qs, [pageParam]: currentReported + 1 } } : undefined,
			};
		},
	};
}

/**
 * Opaque cursor paging with a `has_more` flag (Sphinx, Penbox): the cursor comes from a body
 * field or, failing that, the last item's id.
 */
export function cursorHasMore(options: {
	cursorParam: string;
	sizeParam: string;
	itemsKeys?: string[];
	cursorKeys?: string[];
	hasMoreKeys?: string[];
	maxPageSize?: number;
}): PaginationStrategy {
	const itemsKeys = options.itemsKeys ?? ['data', 'results', 'items'];
	const cursorKeys = options.cursorKeys ?? ['next_cursor', 'cursor', 'next'];
	const hasMoreKeys = options.hasMoreKeys ?? ['has_more', 'hasMore'];
	return {
		name: 'cursorHasMore',
		maxPageSize: options.maxPageSize ?? 100,
		first(request, pageSize) {
			return { ...request, qs: { ...request.qs, [options.sizeParam]: pageSize } };
		},
		read(body, request) {
			const doc = asObject(body);
			const key = itemsKeys.find((k) => Array.isArray(doc[k]));
			const items = key ? (doc[key] as IDataObject[]) : Array.isArray(body) ? (body as IDataObject[]) : [];
			const flag = hasMoreKeys.map((k) => doc[k]).find((v) => v !== undefined);
			if (!flag) return { items };
			const cursorValue = cursorKeys.map((k) => doc[k]).find((v) => typeof v === 'string' || typeof v === 'number');
			const cursor = cursorValue ?? items[items.length - 1]?.id;
			if (cursor === undefined || cursor === null) return { items };
			return { items, next: { ...request, qs: { ...request.qs, [options.cursorParam]: cursor as string } } };
		},
	};
}
