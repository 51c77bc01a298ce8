import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { collectPages, type PaginationStrategy } from './paginate';
import { rateWindowsOf, type RateWindow } from './rateWindows';
import { apiRequest, type RequestContext, type RequestOptions } from './request';
import type { ApiRequest, VendorApi } from './types';

/**
 * A cursor walk split into key ranges (e.g. created-at) that are walked at the same time.
 * Where a vendor lets a list be filtered by ranges of its sort key, the walk over one long
 * cursor chain (one round trip after the other) becomes several shorter chains in parallel;
 * concatenated in key order they give the same items in the same order.
 */

/** A half-open range of keys [from, to); `undefined` leaves that side open. */
export interface KeyRange {
	from?: number;
	to?: number;
}

/** The most ranges walked at once: beyond it the vendor's limit, not the round trips, sets the pace. */
export const MAX_RANGES = 8;

/**
 * How many ranges to walk at once within a vendor's budget: one per 30 requests a minute of its
 * tightest window (Persona's 300/min → 8, a 60/min vendor → 2), between 1 and MAX_RANGES.
 * Every request still goes through the rate limiter; this only bounds what is in flight.
 */
export function rangeCountFor(rateLimit: RateWindow | RateWindow[]): number {
	const perMinute = Math.min(...rateWindowsOf(rateLimit).map((w) => (w.limit * 60_000) / w.intervalMs));
	return Math.max(1, Math.min(MAX_RANGES, Math.floor(perMinute / 30)));
}

/**
 * At most `parts` ranges that together hold every key exactly once: integer cut points evenly
 * between `low` and `high` (the smallest and largest key seen), the first range open below and
 * the last open above, so keys outside [low, high] (e.g. items created during the walk) still
 * belong to one range. Fewer ranges when the span has fewer distinct keys; one range (open on
 * both sides) means there is nothing to split.
 */
export function splitKeyRange(low: number, high: number, parts: number): KeyRange[] {
	const cuts: number[] = [];
	const span = high - low;
	if (Number.isFinite(span) && span > 0) {
		for (let i = 1; i < parts; i++) {
			const cut = low + Math.ceil((span * i) / parts);
			if (cut > low && cut <= high && cut !== cuts[cuts.length - 1]) cuts.push(cut);
		}
	}
	const ranges: KeyRange[] = [];
	let from: number | undefined;
	for (const cut of cuts) {
		ranges.push(from === undefined ? { to: cut } : { from, to: cut });
		from = cut;
	}
	ranges.push(from === undefined ? {} : { from });
	return ranges;
}

/** Thrown to a range walk that should stop because another one failed; never reaches the user. */
class WalkStopped extends Error {}

/**
 * Runs one walk per range, at most `concurrency` at a time, and concatenates their items in
 * range order (`reverse` for a descending walk), keeping only the first item with a given `key`.
 * When a walk fails, the others stop before their next page and the first error is thrown once
 * every walk has stopped (so a caller that falls back starts on a quiet line).
 */
export async function collectRanges<R>(
	ranges: R[],
	walk: (range: R, beforePage: () => void) => Promise<IDataObject[]>,
	options: { concurrency: number; reverse?: boolean; key?: (item: IDataObject) => unknown },
): Promise<IDataObject[]> {
	const results = new Array<IDataObject[]>(ranges.length);
	let failure: { error: unknown } | undefined;
	const beforePage = () => {
		if (failure) throw new WalkStopped('stopped: another range failed');
	};
	let next = 0;
	const workers = Array.from({ length: Math.max(1, Math.min(options.concurrency, ranges.length)) }, async () => {
		while (next < ranges.length && !failure) {
			const index = next++;
			try {
				results[index] = await walk(ranges[index], beforePage);
			} catch (error) {
				if (!failure && !(error instanceof WalkStopped)) failure = { error };
			}
		}
	});
	await Promise.all(workers);
	if (failure) throw failure.error;

	const ordered = options.reverse ? [...results].reverse() : results;
	const items: IDataObject[] = [];
	const seen = new Set<unknown>();
	for (const part of ordered) {
		for (const item of part) {
			const key = options.key?.(item);
			if (key !== undefined && key !== null && key !== '') {
				if (seen.has(key)) continue;
				seen.add(key);
			}
			items.push(item);
		}
	}
	return items;
}

/**
 * Return All over several requests (one per key range) at once: each is walked with `strategy`
 * through `apiRequest` (so the rate limiter, retries and error mapping hold for every page),
 * and the items are concatenated in the order of `requests` (reversed with `reverse`).
 */
export async function apiRequestAllInRanges(
	this: RequestContext,
	api: VendorApi,
	strategy: PaginationStrategy,
	requests: ApiRequest[],
	options: RequestOptions & {
		concurrency?: number;
		reverse?: boolean;
		key?: (item: IDataObject) => unknown;
		maxPages?: number;
		map?: (item: IDataObject) => IDataObject;
	} = {},
): Promise<IDataObject[]> {
	const fail = (message: string): never => {
		throw new NodeOperationError(this.getNode(), `${api.displayName}: ${message}`, { itemIndex: options.itemIndex });
	};
	return await collectRanges(
		requests,
		async (request, beforePage) =>
			await collectPages(
				async (page) => {
					beforePage();
					return (await apiRequest.call(this, api, page, options)).body;
				},
				strategy,
				request,
				{ maxPages: options.maxPages, map: options.map, fail },
			),
		{ concurrency: options.concurrency ?? requests.length, reverse: options.reverse, key: options.key },
	);
}
