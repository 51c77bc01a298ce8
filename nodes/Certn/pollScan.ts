import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import type { ApiRequest } from '../../core/types';
import { certnPagination, certnPaths, certnRequest } from './api';

const PAGE_SIZE = 100;
/** At most this many pages per poll (10,000 cases); a longer look-back needs a narrower window. */
const MAX_PAGES = 100;
/** Cases modified this much before the last poll's newest change are read again (then skipped by snapshot). */
const OVERLAP_MS = 5 * 60_000;

export interface ScanOptions {
	/** Only cases ordered after this time (`order_timeframe_after`). */
	orderedAfterMs: number;
	/** Stop early below this `modified` when Certn is known to sort by it; undefined = read all. */
	stopBeforeModified?: string;
	/** Whether an earlier poll saw Certn apply `ordering=-modified`. */
	orderingProven: boolean;
	timeframe: 'date' | 'datetime';
}

const modified = (c: IDataObject) => String(c.modified ?? c.created ?? '');
const created = (c: IDataObject) => String(c.created ?? '');

/**
 * The cases ordered within the look-back, asking Certn for `ordering=-modified` (Django REST
 * Framework's parameter; Certn does not document it). Reading stops early, at the first page that
 * reaches the last poll's position, only once Certn is known to honour it: a list sorted by
 * `modified` whose creation order differs proves it. A Certn that ignores it lists newest created
 * first, where a recently changed old case can come on any page: then every page of the look-back
 * is read. Should a later list not be sorted by `modified` after all, the proof is dropped.
 */
export async function orderedCases(
	ctx: IPollFunctions,
	o: ScanOptions,
): Promise<{ cases: IDataObject[]; orderingProven: boolean; timeframe: 'date' | 'datetime' }> {
	let timeframe = o.timeframe;
	const after = () => {
		const iso = new Date(o.orderedAfterMs).toISOString();
		return timeframe === 'date' ? iso.slice(0, 10) : iso;
	};
	const stopBelow = o.stopBeforeModified ? Date.parse(o.stopBeforeModified) - OVERLAP_MS : undefined;
	const cases: IDataObject[] = [];
	let proven = o.orderingProven;
	let sortedByModified = true;
	let sortedByCreated = true;
	for (let page = 1; page <= MAX_PAGES; page++) {
		const request: ApiRequest = {
			method: 'GET',
			path: certnPaths.cases,
			qs: { ordering: '-modified', order_timeframe_after: after(), page, page_size: PAGE_SIZE },
		};
		const body = await certnRequest.call(ctx, request, { context: 'listing cases' }).catch((error: unknown) => {
			// Certn does not document the format of order_timeframe_after: a date first, then a datetime.
			const text = `${String((error as Error).message)} ${String((error as { description?: unknown }).description ?? '')}`;
			if (page === 1 && timeframe === 'date' && String((error as { httpCode?: unknown }).httpCode) === '400' && text.includes('order_timeframe_after'))
				return undefined;
			throw error;
		});
		if (!body) {
			timeframe = 'datetime';
			page = 0;
			continue;
		}
		const { items, next } = certnPagination.read(body, request, PAGE_SIZE);
		for (const c of items) {
			const previous = cases[cases.length - 1];
			if (previous && modified(c) > modified(previous)) sortedByModified = false;
			if (previous && created(c) > created(previous)) sortedByCreated = false;
			cases.push(c);
		}
		if (!sortedByModified) proven = false;
		else if (!sortedByCreated) proven = true;
		const last = items[items.length - 1];
		if (!next || !items.length) break;
		if (proven && stopBelow !== undefined && last && Date.parse(modified(last)) < stopBelow) break;
	}
	return { cases, orderingProven: proven, timeframe };
}
