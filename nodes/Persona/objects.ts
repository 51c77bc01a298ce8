import type { IDataObject, INodePropertyOptions } from 'n8n-workflow';

import { isoOrNull, pick, stringOrNull } from '../../core/normalize';
import { normalizePersonaCase } from './normalize';

/**
 * Persona objects other than cases as one flat item each (Simplify), and the event names the
 * triggers offer. Shared by the Persona node, the Persona Trigger (webhooks) and the Persona
 * Poll Trigger (Events API): an event's `payload.data` has the same schema as the API resource.
 */

const relationshipId = (resource: IDataObject, ...names: string[]): string | null => {
	const relationships = (resource.relationships ?? {}) as IDataObject;
	for (const name of names) {
		const data = (pick(relationships, name) as IDataObject | undefined)?.data as IDataObject | null | undefined;
		if (data && typeof data === 'object' && !Array.isArray(data) && data.id) return String(data.id);
	}
	return null;
};

/** Tags as names: inquiries carry strings, accounts objects ({name} or {attributes:{name}}). */
function tagNames(value: unknown): string[] {
	if (!Array.isArray(value)) return [];
	return value
		.map((tag) => {
			if (typeof tag === 'string') return tag;
			const t = (tag ?? {}) as IDataObject;
			return stringOrNull(t.name ?? pick(t.attributes, 'name') ?? t.id);
		})
		.filter((name): name is string => !!name);
}

function personName(attributes: IDataObject): string | null {
	const first = stringOrNull(pick(attributes, 'name-first'));
	const last = stringOrNull(pick(attributes, 'name-last'));
	const name = [first, last].filter(Boolean).join(' ');
	return name || stringOrNull(pick(attributes, 'name'));
}

/** Persona inquiry (`type: inquiry`) → a flat item. */
export function simplifyPersonaInquiry(resource: IDataObject): IDataObject {
	const a = (resource.attributes ?? {}) as IDataObject;
	return {
		vendor: 'persona',
		type: 'inquiry',
		id: String(resource.id ?? ''),
		reference: stringOrNull(pick(a, 'reference-id')),
		status: stringOrNull(pick(a, 'status')),
		name: personName(a),
		emailAddress: stringOrNull(pick(a, 'email-address')),
		accountId: relationshipId(resource, 'account'),
		// Dynamic Flow inquiries name their `inquiry-template`, Legacy 2.0 ones a `template`.
		templateId: relationshipId(resource, 'inquiry-template', 'template'),
		tags: tagNames(pick(a, 'tags')),
		note: stringOrNull(pick(a, 'note')),
		createdAt: isoOrNull(pick(a, 'created-at')),
		updatedAt: isoOrNull(pick(a, 'updated-at')),
		completedAt: isoOrNull(pick(a, 'completed-at')),
		decisionedAt: isoOrNull(pick(a, 'decisioned-at')),
		expiredAt: isoOrNull(pick(a, 'expired-at')),
		redactedAt: isoOrNull(pick(a, 'redacted-at')),
	};
}

/** Persona account (`type: account`) → a flat item. */
export function simplifyPersonaAccount(resource: IDataObject): IDataObject {
	const a = (resource.attributes ?? {}) as IDataObject;
	return {
		vendor: 'persona',
		type: 'account',
		id: String(resource.id ?? ''),
		reference: stringOrNull(pick(a, 'reference-id')),
		// Accounts gained a status with account statuses; older API versions send none.
		status: stringOrNull(pick(a, 'account-status') ?? pick(a, 'status')),
		accountType: stringOrNull(pick(a, 'account-type-name')),
		name: personName(a),
		emailAddress: stringOrNull(pick(a, 'email-address')),
		countryCode: stringOrNull(pick(a, 'country-code')),
		tags: tagNames(pick(a, 'tags')),
		createdAt: isoOrNull(pick(a, 'created-at')),
		updatedAt: isoOrNull(pick(a, 'updated-at')),
		redactedAt: isoOrNull(pick(a, 'redacted-at')),
	};
}

/** Persona report (`type: report/<kind>`, e.g. `report/watchlist`) → a flat item. */
export function simplifyPersonaReport(resource: IDataObject): IDataObject {
	const a = (resource.attributes ?? {}) as IDataObject;
	const type = String(resource.type ?? 'report');
	const hasMatch = pick(a, 'has-match');
	return {
		vendor: 'persona',
		type,
		reportType: type.startsWith('report/') ? type.slice('report/'.length) : null,
		id: String(resource.id ?? ''),
		reference: stringOrNull(pick(a, 'reference-id')),
		status: stringOrNull(pick(a, 'status')),
		hasMatch: typeof hasMatch === 'boolean' ? hasMatch : null,
		accountId: relationshipId(resource, 'account'),
		inquiryId: relationshipId(resource, 'inquiry'),
		templateId: relationshipId(resource, 'report-template'),
		tags: tagNames(pick(a, 'tags')),
		createdAt: isoOrNull(pick(a, 'created-at')),
		updatedAt: isoOrNull(pick(a, 'updated-at')),
		completedAt: isoOrNull(pick(a, 'completed-at')),
		redactedAt: isoOrNull(pick(a, 'redacted-at')),
	};
}

/**
 * Any Persona object by its `type`: a case → the normalized case (CONTRACT.md); an inquiry,
 * account or report → its own flat shape; anything else → vendor, type, id, status, dates.
 */
export function simplifyPersonaObject(resource: IDataObject): IDataObject {
	const type = String(resource.type ?? '');
	if (type === 'case') return normalizePersonaCase(resource);
	if (type === 'inquiry') return simplifyPersonaInquiry(resource);
	if (type === 'account') return simplifyPersonaAccount(resource);
	if (type === 'report' || type.startsWith('report/')) return simplifyPersonaReport(resource);
	const a = (resource.attributes ?? {}) as IDataObject;
	return {
		vendor: 'persona',
		type: type || null,
		id: String(resource.id ?? ''),
		reference: stringOrNull(pick(a, 'reference-id') ?? pick(a, 'name')),
		status: stringOrNull(pick(a, 'status')),
		createdAt: isoOrNull(pick(a, 'created-at')),
		updatedAt: isoOrNull(pick(a, 'updated-at')),
	};
}

/**
 * A Persona event (`{type:'event', id, attributes:{name, created-at, payload:{data}}}`, as a
 * webhook delivers it in `data` and the Events API lists it) as one item: with `simplify`, the
 * event name, id and time beside the simplified object; without, the event name beside the
 * event unchanged. Case events keep the shape they always had (meta + normalized case).
 */
export function personaEventItem(event: IDataObject, simplify: boolean): IDataObject {
	const attributes = (event.attributes ?? {}) as IDataObject;
	const name = String(pick(attributes, 'name') ?? '');
	if (!simplify) return { event: name, data: event };
	const payload = (pick(attributes, 'payload') ?? {}) as IDataObject;
	const object = (payload.data ?? {}) as IDataObject;
	const meta = { event: name, eventId: String(event.id ?? ''), eventCreatedAt: pick(attributes, 'created-at') ?? null };
	const type = String(object.type ?? '');
	if (type === 'case') return { ...meta, ...normalizePersonaCase(object) };
	if (type === 'inquiry' || type === 'account' || type === 'report' || type.startsWith('report/'))
		return { ...meta, ...simplifyPersonaObject(object), caseId: relationshipId(object, 'case') };
	// Other objects (case comments, documents…): what they are and which case they belong to.
	return { ...meta, objectType: object.type ?? null, objectId: object.id ?? null, caseId: relationshipId(object, 'case') };
}

type EventOption = INodePropertyOptions & { value: string; object: 'case' | 'inquiry' | 'account' | 'report' };

const ev = (object: EventOption['object'], value: string, name: string, description: string): EventOption => ({
	name,
	value,
	description,
	object,
});

/**
 * The events Persona documents for cases, inquiries, accounts and reports (README "Persona
 * events" says where each comes from). Persona adds events over time and names more in its API
 * than it documents: those go under Other Events. "*" is not offered so nothing arrives unasked.
 */
export const PERSONA_EVENTS: EventOption[] = [
	// Case events: Persona's "Case Events" reference pages; case.updated from the older events list.
	ev('case', 'case.assigned', 'Case Assigned', 'A case was assigned to a user'),
	ev('case', 'case.created', 'Case Created', 'A case was created'),
	ev('case', 'case.exported', 'Case Exported', 'A case was exported'),
	ev('case', 'case.queue-updated', 'Case Queue Updated', 'A case moved to another queue'),
	ev('case', 'case.redacted', 'Case Redacted', 'A case was redacted'),
	ev('case', 'case.reopened', 'Case Reopened', 'A resolved case was reopened'),
	ev('case', 'case.resolved', 'Case Resolved', 'A case reached an end status'),
	ev('case', 'case.sla-expired', 'Case SLA Expired', 'A case passed its SLA'),
	ev('case', 'case.status-updated', 'Case Status Updated', 'The status of a case changed'),
	ev('case', 'case.updated', 'Case Updated (Legacy)', 'Older catch-all case change event'),
	ev('case', 'case.updated-fields', 'Case Updated Fields', 'Fields of a case changed'),
	ev('case', 'case.updated-tags', 'Case Updated Tags', 'Tags were added to or removed from a case'),
	// Inquiry events: Persona's "Inquiry Events" reference pages and the inquiry lifecycle page.
	ev('inquiry', 'inquiry.approved', 'Inquiry Approved', 'An inquiry was approved (dashboard, API or workflow)'),
	ev('inquiry', 'inquiry.completed', 'Inquiry Completed', 'The individual finished an inquiry and its required checks passed'),
	ev('inquiry', 'inquiry.created', 'Inquiry Created', 'An inquiry was created'),
	ev('inquiry', 'inquiry.declined', 'Inquiry Declined', 'An inquiry was declined (dashboard, API or workflow)'),
	ev('inquiry', 'inquiry.expired', 'Inquiry Expired', 'An inquiry expired (by default 24 hours after it started)'),
	ev('inquiry', 'inquiry.failed', 'Inquiry Failed', 'An inquiry failed: a required check did not pass'),
	ev('inquiry', 'inquiry.marked-for-review', 'Inquiry Marked for Review', 'An inquiry was marked for manual review'),
	ev('inquiry', 'inquiry.started', 'Inquiry Started', 'The individual started an inquiry (first verification created or submitted)'),
	ev('inquiry', 'inquiry.transitioned', 'Inquiry Transitioned', 'An inquiry moved to another step of its flow'),
	// Account events: Persona's events list (grouped by resource).
	ev('account', 'account.archived', 'Account Archived', 'An account was archived'),
	ev('account', 'account.consolidated', 'Account Consolidated', 'The account was combined into another account'),
	ev('account', 'account.created', 'Account Created', 'An account was created'),
	ev('account', 'account.redacted', 'Account Redacted', 'An account was redacted'),
	ev('account', 'account.restored', 'Account Restored', 'An archived account was restored'),
	ev('account', 'account.status-updated', 'Account Status Updated', 'The status of an account changed'),
	ev('account', 'account.tag-added', 'Account Tag Added', 'A tag was added to an account'),
	ev('account', 'account.tag-removed', 'Account Tag Removed', 'A tag was removed from an account'),
	ev('account', 'account.updated-fields', 'Account Updated Fields', 'Fields of an account changed'),
	ev('account', 'account.updated-tags', 'Account Updated Tags', 'The tags of an account changed'),
	// Report events: Persona's "Report Events" reference pages, report/<type>.<ready|errored|matched|…>.
	ev('report', 'report/adverse-media.matched', 'Adverse Media Report Matched', 'An adverse media report found one or more matches'),
	ev('report', 'report/adverse-media.ready', 'Adverse Media Report Ready', 'An adverse media report finished and its results are available'),
	ev('report', 'report/politically-exposed-person.matched', 'PEP Report Matched', 'A politically exposed person report found one or more matches'),
	ev('report', 'report/politically-exposed-person.ready', 'PEP Report Ready', 'A politically exposed person report finished and its results are available'),
	ev('report', 'report/watchlist.errored', 'Watchlist Report Errored', 'A watchlist report could not be run (missing inputs or a data source error)'),
	ev('report', 'report/watchlist.matched', 'Watchlist Report Matched', 'A watchlist report found one or more matches (also on a continuous-monitoring run that finds a new one)'),
	ev('report', 'report/watchlist.ready', 'Watchlist Report Ready', 'A watchlist report finished and its results are available'),
];

/** Every event name offered by the triggers, in the order above. */
export const PERSONA_EVENT_NAMES: string[] = PERSONA_EVENTS.map((e) => e.value);

/** The trigger's Events options (name, value, description), sorted by name as n8n's lint wants. */
export const PERSONA_EVENT_OPTIONS: INodePropertyOptions[] = PERSONA_EVENTS.map(({ name, value, description }) => ({
	name,
	value,
	description,
})).sort((a, b) => a.name.localeCompare(b.name));

/**
 * Whether `name` looks like a Persona event name (`object.action`, `report/type.action`):
 * lower-case words with hyphens, one dot. For "Other Events" typed by hand: a typo such as
 * "inquiry completed" or "Inquiry.Completed" is refused before anything is registered.
 */
export const PERSONA_EVENT_NAME_PATTERN = /^[a-z][a-z0-9-]*(\/[a-z][a-z0-9-]*)?\.[a-z][a-z0-9-]*$/;
