import type { IDataObject } from 'n8n-workflow';

import type { PaginationStrategy } from '../../core/paginate';

function asObject(value: unknown): IDataObject {
	return value && typeof value === 'object' && !Array.isArray(value) ? (value as IDataObject) : {};
}

const present = (value: unknown): value is string | number =>
	(typeof value === 'string' && value !== '') || typeof value === 'number';

/**
 * Zenoo's cursor paging: `limit` (at most 100) and `cursor`, answered with
 * `{data: [...], meta: {page: {cursor, has_more}}}`. Read defensively, because the guides and
 * the reference differ: `has_more: false` ends the walk even when a cursor is sent; without any
 * `has_more` a non-empty cursor means there is a next page (a short page is never taken as the
 * end while one is offered); no cursor means the end. Filters are re-sent with every page.
 */
export const zenooCursor: PaginationStrategy = {
	name: 'zenooCursor',
	maxPageSize: 100,
	first(request, pageSize) {
		const qs: IDataObject = { ...request.qs, limit: pageSize };
		delete qs.cursor;
		return { ...request, qs };
	},
	read(body, request) {
		const doc = asObject(body);
		const items = Array.isArray(doc.data)
			? (doc.data as IDataObject[])
			: Array.isArray(body)
				? (body as IDataObject[])
				: [];
		const meta = asObject(doc.meta);
		const page = asObject(meta.page ?? meta.pagination ?? doc.page);
		const cursor = [page.cursor, page.next_cursor, meta.cursor, meta.next_cursor, doc.next_cursor].find(present);
		const hasMore = [page.has_more, meta.has_more, doc.has_more].find((v) => typeof v === 'boolean');
		if (hasMore === false || cursor === undefined) return { items };
		return { items, next: { ...request, qs: { ...request.qs, cursor: String(cursor) } } };
	},
};
