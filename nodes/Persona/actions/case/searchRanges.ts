import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { jsonApiCursor } from '../../../../core/paginate';
import { apiRequestAllInRanges, rangeCountFor, splitKeyRange, type KeyRange } from '../../../../core/splitWalk';
import type { ApiRequest } from '../../../../core/types';
import { personaApi, personaRequest } from '../../api';

/**
 * Search › Return All sorted by created_at, as several created_at ranges walked at once.
 *
 * Persona's search takes gt/gte/lt/lte on `created_at` (vendor notes §3.10), so the one cursor
 * chain (100 round trips for 10,000 cases, one after the other) can be cut into ranges: two
 * one-case pages (oldest and newest, at the same time) give the bounds, the span between them
 * is cut into up to 8 half-open ranges [t, t') with the first open below and the last open above
 * (a case lies in exactly one of them, whatever the precision of Persona's timestamps, and cases
 * created meanwhile still fall in the last), each range is walked with the usual cursor pages
 * (the body re-POSTed with `links.next`'s cursor), and the pages are put together in the
 * requested order. Persona's default sort direction is desc; this node always sends the sort.
 *
 * `undefined` means "walk sequentially as before": no items, a query that the range clauses
 * would push past Persona's limits (depth 2, 20 clauses per list), or Persona refusing a range
 * clause (400/422).
 */

const MAX_DEPTH = 2;
const MAX_CLAUSES = 20;

/** Boolean nesting levels of a query: a condition 0, `{and: [conditions]}` 1, and so on. */
function nesting(clause: unknown): number {
	if (!clause || typeof clause !== 'object' || Array.isArray(clause)) return 0;
	const c = clause as IDataObject;
	if (Array.isArray(c.and)) return 1 + Math.max(0, ...c.and.map(nesting));
	if (Array.isArray(c.or)) return 1 + Math.max(0, ...c.or.map(nesting));
	if (c.not !== undefined) return 1 + nesting(c.not);
	return 0;
}

function rangeClauses(range: KeyRange): IDataObject[] {
	const clauses: IDataObject[] = [];
	if (range.from !== undefined)
		clauses.push({ attribute: 'created_at', operator: 'gte', value: new Date(range.from).toISOString() });
	if (range.to !== undefined)
		clauses.push({ attribute: 'created_at', operator: 'lt', value: new Date(range.to).toISOString() });
	return clauses;
}

/**
 * The user's query narrowed to `range`, or undefined when that would break Persona's limits:
 * range conditions join a top-level `and` (same depth, at most 20 clauses), anything else is
 * wrapped in a new `and` (one level deeper).
 */
export function queryInRange(query: IDataObject | undefined, range: KeyRange): IDataObject | undefined {
	const clauses = rangeClauses(range);
	if (!clauses.length) return query ?? {};
	if (!query) return { and: clauses };
	const keys = Object.keys(query);
	if (keys.length === 1 && Array.isArray(query.and)) {
		if (query.and.length + clauses.length > MAX_CLAUSES) return undefined;
		return { and: [...query.and, ...clauses] };
	}
	if (nesting(query) + 1 > MAX_DEPTH) return undefined;
	return { and: [query, ...clauses] };
}

/** Whether every range (the worst case: both ends bounded) fits Persona's limits. */
export function canSplit(query: IDataObject | undefined): boolean {
	return queryInRange(query, { from: 0, to: 1 }) !== undefined;
}

function statusOf(error: unknown): number {
	return Number((error as { httpCode?: string }).httpCode);
}

/** 400/422: Persona refused the query it was sent (e.g. a range condition); anything else is real. */
function refused(error: unknown): boolean {
	return [400, 422].includes(statusOf(error));
}

function createdAtOf(doc: IDataObject): number {
	const first = (Array.isArray(doc.data) ? doc.data[0] : undefined) as IDataObject | undefined;
	const attributes = (first?.attributes ?? {}) as IDataObject;
	return Date.parse(String(attributes['created-at'] ?? attributes.createdAt ?? attributes.created_at ?? ''));
}

export async function searchInRanges(
	this: IExecuteFunctions,
	itemIndex: number,
	body: IDataObject,
	map: ((item: IDataObject) => IDataObject) | undefined,
): Promise<IDataObject[] | undefined> {
	const sort = (body.sort ?? {}) as IDataObject;
	const query = body.query as IDataObject | undefined;
	if (sort.attribute !== 'created_at' || !canSplit(query)) return undefined;
	const descending = sort.direction !== 'asc';
	const options = { itemIndex, context: 'searching cases' };
	const request = (q: IDataObject | undefined, direction: string, qs?: IDataObject): ApiRequest => {
		const b: IDataObject = { ...body, sort: { attribute: 'created_at', direction } };
		if (q && Object.keys(q).length) b.query = q;
		else delete b.query;
		return { method: 'POST', path: '/cases/search', body: b, qs, sideEffect: 'read' };
	};

	let failure: unknown;
	try {
		// The bounds: the oldest and the newest matching case. The newest is asked for with an
		// (always true) range condition, so a Persona that refuses them is found out here.
		const [oldest, newest] = await Promise.all([
			personaRequest.call(this, request(query, 'asc', { 'page[size]': 1 }), options),
			personaRequest.call(this, request(queryInRange(query, { from: 0 }), 'desc', { 'page[size]': 1 }), options),
		]);
		const low = createdAtOf(oldest);
		const high = createdAtOf(newest);
		if (!Number.isFinite(low) || !Number.isFinite(high)) return undefined;
		const ranges = splitKeyRange(low, Math.max(low, high), rangeCountFor(personaApi.rateLimit));
		if (ranges.length < 2) return undefined;

		return await apiRequestAllInRanges.call(
			this,
			personaApi,
			jsonApiCursor,
			ranges.map((range) => request(queryInRange(query, range), descending ? 'desc' : 'asc')),
			{ ...options, reverse: descending, key: (item) => item.id, map },
		);
	} catch (error) {
		failure = error;
	}
	// Already a NodeApiError from the request layer; a refusal means "walk as before".
	if (refused(failure)) return undefined;
	throw failure;
}
