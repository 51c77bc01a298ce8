import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import type { PaginationStrategy } from '../../core/paginate';
import { trimSnapshots } from '../../core/poll';
import { apiRequestAllItems } from '../../core/request';
import { zenooApi, zenooPaths } from './api';
import { zenooCursor } from './paging';

/*
 * Zenoo has no event feed and documents no sort by update time: the poll trigger lists the cases
 * and compares each with what the last poll saw. Only status and decision decide an event (no
 * Zenoo webhook event reports a risk tier or assignee change), so only they are remembered.
 */

/** Pages read per poll (100 cases each): the cases watched are those on the first 5,000 of the list. */
export const MAX_PAGES = 50;
/** Cases remembered between polls: every case one poll can see. */
export const MAX_REMEMBERED = MAX_PAGES * zenooCursor.maxPageSize;
/** An unknown case created up to this much before the newest case already seen still counts as new. */
const CREATED_OVERLAP_MS = 5 * 60_000;
/** Zenoo documents that new cases start in New. */
const INITIAL_STATUS = 'New';

/** One case as remembered: `[poll number when last seen, status, decision]`. */
export type Snapshot = [number, string, string];

/** What the trigger keeps in the workflow's static data (kept across polls and n8n restarts). */
export interface PollState extends IDataObject {
	/** Polls run so far (the baseline is poll 1). */
	polls?: number;
	/** The newest `created_at` seen (Zenoo's clock); empty while no case was seen. */
	since?: string;
	/** Whether the last poll read the list to its end (no page cap reached). */
	complete?: boolean;
	/** Case token → snapshot (bounded). */
	cases?: IDataObject;
}

export interface Change {
	event: string;
	c: IDataObject;
	previousStatus: string | null;
}

const text = (value: unknown) => (value === undefined || value === null ? '' : String(value));
export const createdAtOf = (c: IDataObject) => text(c.created_at);
/** When the case last changed: `updated_at`, else `created_at` (a Zenoo that leaves updated_at out). */
export const changedAtOf = (c: IDataObject) => text(c.updated_at ?? c.created_at);
export const tokenOf = (c: IDataObject) => text(c.token ?? c.case_token ?? c.id);

/**
 * The events between a case's last snapshot and the case now, in the order Zenoo sends them:
 * `case.created`, `case.status_changed`, then `case.escalated` or `case.closed`. A new case is
 * compared with how Zenoo creates one (status New, no decision). `case.closed` comes once: when
 * the status becomes Closed or a decision appears, whichever is seen first.
 */
export function changesOf(c: IDataObject, previous: Snapshot | undefined): Change[] {
	const status = text(c.status);
	const decision = text(c.decision);
	const [, before, beforeDecision] = previous ?? [0, INITIAL_STATUS, ''];
	const out: Change[] = [];
	const change = (event: string) => out.push({ event, c, previousStatus: before || null });
	if (!previous) change('case.created');
	if (status && status !== before) {
		change('case.status_changed');
		if (status === 'Escalated') change('case.escalated');
	}
	const wasClosed = before === 'Closed' || beforeDecision !== '';
	if ((status === 'Closed' || decision !== '') && !wasClosed) change('case.closed');
	return out;
}

/** Whether a case the trigger does not know was created since the last poll, rather than only not seen before. */
export function isNewCase(c: IDataObject, state: PollState): boolean {
	if (!state.since) return true;
	const created = Date.parse(createdAtOf(c));
	if (!Number.isFinite(created)) return state.complete === true;
	return created >= Date.parse(state.since) - CREATED_OVERLAP_MS;
}

/**
 * The cases matching `qs`, through the core's paging (rate limiter, retries, repeated cursors,
 * items repeated across pages dropped), stopping after `maxPages` pages instead of failing, and at
 * an empty page.
 */
export async function listCases(
	ctx: IPollFunctions,
	qs: IDataObject,
	o: { maxPages: number },
): Promise<{ cases: IDataObject[]; complete: boolean }> {
	let pages = 0;
	let complete = true;
	const capped: PaginationStrategy = {
		...zenooCursor,
		read(body, request, pageSize) {
			const page = zenooCursor.read(body, request, pageSize);
			pages++;
			// An empty page ends the list, even with a cursor (one that may point at itself).
			if (!page.items.length) return { items: [] };
			if (page.next && pages >= o.maxPages) {
				complete = false;
				return { items: page.items };
			}
			return page;
		},
	};
	const cases = await apiRequestAllItems.call(ctx, zenooApi, capped, { method: 'GET', path: zenooPaths.cases, qs }, {
		context: 'listing cases',
	});
	return { cases, complete };
}

/**
 * Compares the listed cases with the remembered ones and updates `state`: the changes, oldest
 * first. The first poll only remembers. Cases not listed this time (past the page cap, outside
 * the filters now) stay remembered until the bound pushes out those seen least recently.
 */
export function comparePoll(state: PollState, cases: IDataObject[], complete: boolean): Change[] {
	const first = state.cases === undefined;
	const poll = (state.polls ?? 0) + 1;
	const remembered = (state.cases ?? {}) as IDataObject;
	const sorted = [...cases].sort((a, b) => {
		const [x, y] = [changedAtOf(a), changedAtOf(b)];
		return x !== y ? (x < y ? -1 : 1) : tokenOf(a) < tokenOf(b) ? -1 : 1;
	});
	const changes: Change[] = [];
	const seen = new Set<string>();
	let since = state.since ?? '';
	for (const c of sorted) {
		const token = tokenOf(c);
		if (!token || seen.has(token)) continue;
		seen.add(token);
		const previous = remembered[token] as Snapshot | undefined;
		if (!first) {
			if (previous) changes.push(...changesOf(c, previous));
			else if (isNewCase(c, state)) changes.push(...changesOf(c, undefined));
		}
		remembered[token] = [poll, text(c.status), text(c.decision)];
		const created = createdAtOf(c);
		if (Number.isFinite(Date.parse(created)) && (!since || Date.parse(created) > Date.parse(since))) since = created;
	}
	state.polls = poll;
	state.since = since;
	state.complete = complete;
	const order = (key: string) => String((remembered[key] as Snapshot)[0]).padStart(12, '0');
	state.cases = trimSnapshots(remembered, MAX_REMEMBERED, order);
	return changes;
}
