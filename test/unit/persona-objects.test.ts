import {
	PERSONA_EVENT_NAME_PATTERN,
	PERSONA_EVENT_NAMES,
	PERSONA_EVENT_OPTIONS,
	PERSONA_EVENTS,
	personaEventItem,
	simplifyPersonaObject,
} from '../../nodes/Persona/objects';
import { normalizePersonaCase } from '../../nodes/Persona/normalize';

const inquiry = {
	type: 'inquiry',
	id: 'inq_1',
	attributes: {
		status: 'approved',
		referenceId: 'user-7', // camel-inflected webhook payload
		nameFirst: 'Ada',
		nameLast: 'Lovelace',
		emailAddress: 'ada@example.com',
		tags: ['VIP'],
		createdAt: '2026-01-02T03:04:05.000Z',
		decisionedAt: 1767323045, // seconds
	},
	relationships: { account: { data: { type: 'account', id: 'act_1' } }, template: { data: { type: 'template', id: 'tmpl_legacy' } } },
};

describe('simplifyPersonaObject', () => {
	it('flattens an inquiry whatever the key casing; legacy templates too', () => {
		expect(simplifyPersonaObject(inquiry)).toEqual({
			vendor: 'persona',
			type: 'inquiry',
			id: 'inq_1',
			reference: 'user-7',
			status: 'approved',
			name: 'Ada Lovelace',
			emailAddress: 'ada@example.com',
			accountId: 'act_1',
			templateId: 'tmpl_legacy',
			tags: ['VIP'],
			note: null,
			createdAt: '2026-01-02T03:04:05.000Z',
			updatedAt: null,
			completedAt: null,
			decisionedAt: '2026-01-02T03:04:05.000Z',
			expiredAt: null,
			redactedAt: null,
		});
	});

	it('reads account tags given as objects, and a report type from report/<kind>', () => {
		const account = simplifyPersonaObject({ type: 'account', id: 'act_1', attributes: { 'reference-id': 'u1', tags: [{ name: 'A' }, { attributes: { name: 'B' } }, { id: 'tag_3' }] } });
		expect(account).toMatchObject({ type: 'account', id: 'act_1', reference: 'u1', tags: ['A', 'B', 'tag_3'], status: null });
		const report = simplifyPersonaObject({ type: 'report/politically-exposed-person', id: 'rep_1', attributes: { status: 'ready', 'has-match': true }, relationships: { inquiry: { data: { id: 'inq_1' } } } });
		expect(report).toMatchObject({ type: 'report/politically-exposed-person', reportType: 'politically-exposed-person', hasMatch: true, inquiryId: 'inq_1', accountId: null });
	});

	it('gives a case the normalized case of CONTRACT.md, unchanged', () => {
		const c = { type: 'case', id: 'case_1', attributes: { name: 'KCAS-1', status: 'Open', 'created-at': '2026-01-01T00:00:00.000Z' } };
		expect(simplifyPersonaObject(c)).toEqual(normalizePersonaCase(c));
	});

	it('keeps an unknown object type readable instead of failing', () => {
		expect(simplifyPersonaObject({ type: 'document/government-id', id: 'doc_1', attributes: { status: 'processed' } })).toEqual({
			vendor: 'persona',
			type: 'document/government-id',
			id: 'doc_1',
			reference: null,
			status: 'processed',
			createdAt: null,
			updatedAt: null,
		});
		expect(simplifyPersonaObject({})).toMatchObject({ type: null, id: '' });
	});
});

describe('personaEventItem', () => {
	const event = (object: object) => ({ type: 'event', id: 'evt_1', attributes: { name: 'x.y', 'created-at': '2026-01-01T00:00:00.000Z', payload: { data: object } } });

	it('puts the event name, id and time beside the flat object; the case it belongs to when named', () => {
		expect(personaEventItem(event(inquiry), true)).toMatchObject({ event: 'x.y', eventId: 'evt_1', eventCreatedAt: '2026-01-01T00:00:00.000Z', type: 'inquiry', id: 'inq_1', caseId: null });
		const comment = { type: 'case-comment', id: 'cscm_1', relationships: { case: { data: { type: 'case', id: 'case_9' } } } };
		expect(personaEventItem(event(comment), true)).toEqual({ event: 'x.y', eventId: 'evt_1', eventCreatedAt: '2026-01-01T00:00:00.000Z', objectType: 'case-comment', objectId: 'cscm_1', caseId: 'case_9' });
	});

	it('without Simplify, gives the event unchanged under data', () => {
		const e = event(inquiry);
		expect(personaEventItem(e, false)).toEqual({ event: 'x.y', data: e });
	});
});

describe('Persona event names', () => {
	it('lists each event once, for the four object kinds, every name well-formed', () => {
		expect(new Set(PERSONA_EVENT_NAMES).size).toBe(PERSONA_EVENT_NAMES.length);
		expect(new Set(PERSONA_EVENTS.map((e) => e.object))).toEqual(new Set(['case', 'inquiry', 'account', 'report']));
		for (const name of PERSONA_EVENT_NAMES) expect(name).toMatch(PERSONA_EVENT_NAME_PATTERN);
		expect(PERSONA_EVENT_NAMES).toEqual(expect.arrayContaining(['inquiry.completed', 'inquiry.approved', 'report/watchlist.matched', 'account.created']));
		expect(PERSONA_EVENT_OPTIONS.map((o) => o.name)).toEqual([...PERSONA_EVENT_OPTIONS.map((o) => o.name)].sort((a, b) => a.localeCompare(b)));
	});

	it.each(['Inquiry.Completed', 'inquiry completed', 'inquiry', 'report/watchlist', '*', 'inquiry.completed.', 'a/b/c.d'])('refuses "%s" as an event name', (name) => {
		expect(PERSONA_EVENT_NAME_PATTERN.test(name)).toBe(false);
	});
});
