import type { IDataObject } from 'n8n-workflow';

import { changesOf, comparePoll, isNewCase, MAX_REMEMBERED, type PollState, type Snapshot } from '../../nodes/Zenoo/pollScan';

/** The Zenoo Poll Trigger's change detection, without HTTP: which events a snapshot and a case give. */

const kase = (token: string, o: IDataObject = {}): IDataObject => ({
	token,
	status: 'In Progress',
	decision: null,
	created_at: '2026-11-01T10:00:00.000Z',
	updated_at: '2026-11-01T10:00:00.000Z',
	...o,
});
const names = (c: IDataObject, previous: Snapshot | undefined) => changesOf(c, previous).map((x) => x.event);

describe('Zenoo Poll Trigger: change detection', () => {
	it('names the changes as Zenoo\'s webhooks would: status change first, then escalated or closed', () => {
		expect(names(kase('cas_a'), [1, 'In Progress', ''])).toEqual([]);
		expect(names(kase('cas_a', { status: 'In Review' }), [1, 'In Progress', ''])).toEqual(['case.status_changed']);
		expect(names(kase('cas_a', { status: 'Escalated' }), [1, 'In Progress', ''])).toEqual(['case.status_changed', 'case.escalated']);
		expect(names(kase('cas_a', { status: 'Closed', decision: 'Approve' }), [1, 'In Review', ''])).toEqual(['case.status_changed', 'case.closed']);
		// A decision seen before the status: closed once, not again when the status follows.
		expect(names(kase('cas_a', { status: 'In Review', decision: 'Decline' }), [1, 'In Review', ''])).toEqual(['case.closed']);
		expect(names(kase('cas_a', { status: 'Closed', decision: 'Decline' }), [1, 'In Review', 'Decline'])).toEqual(['case.status_changed']);
		expect(names(kase('cas_a', { status: 'Closed', decision: 'Decline' }), [1, 'Closed', 'Decline'])).toEqual([]);
		// A new case is compared with how Zenoo creates one: New, no decision.
		expect(names(kase('cas_b', { status: 'New' }), undefined)).toEqual(['case.created']);
		expect(names(kase('cas_b', { status: 'Escalated' }), undefined)).toEqual(['case.created', 'case.status_changed', 'case.escalated']);
		const [change] = changesOf(kase('cas_a', { status: 'In Review' }), [1, 'New', '']);
		expect(change.previousStatus).toBe('New');
	});

	it('counts an unknown case as created only when it is not older than what was already seen', () => {
		const state: PollState = { since: '2026-11-01T12:00:00.000Z', complete: true };
		expect(isNewCase(kase('cas_x', { created_at: '2026-11-01T12:00:01.000Z' }), state)).toBe(true);
		expect(isNewCase(kase('cas_x', { created_at: '2026-11-01T11:58:00.000Z' }), state)).toBe(true);
		expect(isNewCase(kase('cas_x', { created_at: '2026-10-01T00:00:00.000Z' }), state)).toBe(false);
		expect(isNewCase(kase('cas_x', { created_at: undefined }), state)).toBe(true);
		expect(isNewCase(kase('cas_x', { created_at: undefined }), { ...state, complete: false })).toBe(false);
		// No case seen yet: any case that shows up is new.
		expect(isNewCase(kase('cas_x', { created_at: '2020-01-01T00:00:00.000Z' }), { since: '' })).toBe(true);
	});

	it('the first poll only records; later polls report each change once and keep cases they did not list', () => {
		const state: PollState = {};
		const list = [kase('cas_1'), kase('cas_2'), kase('cas_3')];
		expect(comparePoll(state, list, true)).toEqual([]);
		expect(state.polls).toBe(1);
		expect(Object.keys(state.cases as IDataObject)).toHaveLength(3);
		const moved = { ...list[1], status: 'In Review', updated_at: '2026-11-01T11:00:00.000Z' };
		expect(comparePoll(state, [list[0], moved], false).map((c) => [c.event, c.c.token])).toEqual([['case.status_changed', 'cas_2']]);
		expect(comparePoll(state, [list[0], moved], false)).toEqual([]);
		// cas_3, not listed twice, is still known: it comes back without an event.
		expect(comparePoll(state, [list[0], moved, list[2]], true)).toEqual([]);
	});

	it('keeps at most MAX_REMEMBERED cases, dropping those seen longest ago', () => {
		const state: PollState = {};
		comparePoll(state, [kase('cas_old')], true);
		const many = Array.from({ length: MAX_REMEMBERED }, (_, i) => kase(`cas_${i}`, { created_at: '2026-11-02T00:00:00.000Z' }));
		comparePoll(state, many, true);
		const kept = state.cases as IDataObject;
		expect(Object.keys(kept)).toHaveLength(MAX_REMEMBERED);
		expect(kept.cas_old).toBeUndefined();
		expect(JSON.stringify(state).length).toBeLessThan(60 * MAX_REMEMBERED);
	});
});
