import type { IDataObject } from 'n8n-workflow';

/** The trigger's events (Penbox has no case events of its own: these are changes the poll sees). */
export const PENBOX_EVENTS = [
	{ name: 'Case Closed', value: 'case.closed', description: 'The parent status became closed' },
	{ name: 'Case Created', value: 'case.created', description: 'A new case' },
	{ name: 'Case Updated', value: 'case.updated', description: 'Any change to a case (data, contacts, steps, status)' },
	{ name: 'Status Changed', value: 'case.status_changed', description: 'The custom status or the parent status changed' },
	{ name: 'Waiting-For Changed', value: 'case.waiting_for_changed', description: 'Who the case waits for changed (none, owner, contact)' },
];

/** What the trigger remembers of a case between polls: `updated_at|status|parent_status|waiting_for`. */
export const snapshotOf = (c: IDataObject) =>
	[c.updated_at, c.status, c.parent_status, c.waiting_for].map((v) => String(v ?? '')).join('|');

/**
 * The events one case change stands for, most specific first; empty when nothing changed
 * since the snapshot. `since` tells a case new to the trigger from an older one seen first now.
 */
export function eventsOf(c: IDataObject, previous: string | undefined, since: string): string[] {
	if (previous === snapshotOf(c)) return [];
	if (previous === undefined) {
		// A case the trigger has not seen yet: new if created since, and closed if it is closed now
		// (its earlier status is unknown; a change is why it shows up in the poll at all).
		const created = String(c.created_at ?? '');
		const events = created && created >= since ? ['case.created'] : [];
		if (c.parent_status === 'closed') events.push('case.closed');
		return [...events, 'case.updated'];
	}
	const [, status, parent, waiting] = previous.split('|');
	const events: string[] = [];
	const parentNow = String(c.parent_status ?? '');
	if (parentNow === 'closed' && parent !== 'closed') events.push('case.closed');
	if (String(c.status ?? '') !== status || parentNow !== parent) events.push('case.status_changed');
	if (String(c.waiting_for ?? '') !== waiting) events.push('case.waiting_for_changed');
	events.push('case.updated');
	return events;
}
