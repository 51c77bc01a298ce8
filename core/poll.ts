import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

/*
 * What polling triggers share: where the last poll stopped (in the workflow's static data, so it
 * survives restarts), which items were already emitted (bounded), reading a newest-first list
 * back to that position, and walking forward from it page by page after downtime.
 */

/** Ids of already emitted items kept per trigger: enough for a busy minute, small in static data. */
export const MAX_SEEN_IDS = 1000;

/** n8n's answer from poll(): one output with the items, or null when there is nothing new. */
export function pollResult(items: INodeExecutionData[]): INodeExecutionData[][] | null {
	return items.length ? [items] : null;
}

/**
 * `seen` with `ids` appended (each once, in order), trimmed to the newest `max`: what a trigger
 * remembers of what it emitted, so an item that shows up again (an overlapping read, a retried
 * page) is not emitted twice, while the static data stays small.
 */
export function rememberSeen(seen: string[] | undefined, ids: string[], max = MAX_SEEN_IDS): string[] {
	const fresh = new Set(ids);
	const out = [...(seen ?? []).filter((id) => !fresh.has(id)), ...fresh];
	return out.length > max ? out.slice(out.length - max) : out;
}

/**
 * Per-object snapshots (`key → "sortable|rest"`) trimmed to `max`, dropping the entries that
 * sort lowest (e.g. the least recently changed). Returns the same object.
 */
export function trimSnapshots(snapshots: IDataObject, max: number, orderOf: (key: string) => string): IDataObject {
	const keys = Object.keys(snapshots);
	if (keys.length <= max) return snapshots;
	keys.sort((a, b) => (orderOf(a) < orderOf(b) ? -1 : orderOf(a) > orderOf(b) ? 1 : 0));
	for (const key of keys.slice(0, keys.length - max)) delete snapshots[key];
	return snapshots;
}

/** One page of a newest-first list: its items (newest first) and the cursor of the next, older page. */
export interface OlderPage<T> {
	items: T[];
	next?: string;
}

/**
 * Reads a newest-first list from the top down to the items already handled: stops at the first
 * page holding an item `reached` says is at or before the last position (the rest of the list is
 * older still), at the end of the list, or after `maxPages` pages (`complete: false`). Returns
 * the items above the position, oldest first. Items that are new while this runs land above the
 * first page and are read on the next poll: cursor pages do not shift when items are added.
 */
export async function readBackTo<T>(
	fetchPage: (cursor: string | undefined) => Promise<OlderPage<T>>,
	o: { reached: (item: T) => boolean; maxPages: number },
): Promise<{ items: T[]; complete: boolean }> {
	const found: T[] = [];
	let cursor: string | undefined;
	for (let page = 0; page < o.maxPages; page++) {
		const { items, next } = await fetchPage(cursor);
		let reached = false;
		for (const item of items) {
			if (o.reached(item)) reached = true;
			else found.push(item);
		}
		if (reached || !next || !items.length) return { items: found.reverse(), complete: true };
		cursor = next;
	}
	return { items: found.reverse(), complete: false };
}

/** A page of the items right after (newer than) a cursor: newest first, and whether newer ones remain. */
export interface NewerPage<T> {
	items: T[];
	more: boolean;
}

/**
 * Walks a newest-first list forward from a known item: each request asks for the page just newer
 * than the newest item handled so far, so a long backlog is read oldest first, page by page, and
 * a poll that stops after `maxPages` leaves the position where the next poll goes on. Returns the
 * items oldest first, the new position, and whether the top of the list was reached.
 */
export async function walkForward<T>(
	fetchNewer: (cursor: string) => Promise<NewerPage<T>>,
	from: string,
	o: { idOf: (item: T) => string; maxPages: number },
): Promise<{ items: T[]; cursor: string; complete: boolean }> {
	const found: T[] = [];
	let cursor = from;
	for (let page = 0; page < o.maxPages; page++) {
		const { items, more } = await fetchNewer(cursor);
		if (!items.length) return { items: found, cursor, complete: true };
		const ascending = [...items].reverse();
		found.push(...ascending);
		cursor = o.idOf(ascending[ascending.length - 1]);
		if (!more) return { items: found, cursor, complete: true };
	}
	return { items: found, cursor, complete: false };
}

/** The items whose id is not in `seen` (nor repeated within `items`), in their order. */
export function unseen<T>(items: T[], seen: string[] | undefined, idOf: (item: T) => string): T[] {
	const known = new Set(seen ?? []);
	return items.filter((item) => {
		const id = idOf(item);
		if (known.has(id)) return false;
		known.add(id);
		return true;
	});
}
