import { caseTokenOfEvent, challengeOf, eventItem } from '../../nodes/Zenoo/events';
import { toRemote } from '../../nodes/Zenoo/webhooks';

describe('Zenoo events, read defensively', () => {
	it('recognizes the verification challenge in the body or its data, never in an ordinary event', () => {
		expect(challengeOf({ event_type: 'webhook.verification', challenge: 'c1' })).toBe('c1');
		expect(challengeOf({ type: 'webhook.challenge', data: { challenge: 'c2' } })).toBe('c2');
		expect(challengeOf({ challenge: 'c3' })).toBe('c3');
		expect(challengeOf({ event_type: 'case.created', challenge: 'c4' })).toBeUndefined();
		expect(challengeOf({ challenge: 'x'.repeat(3000) })).toBeUndefined();
	});

	it('finds the case token in case objects, case_token fields and nested cases', () => {
		expect(caseTokenOfEvent({ data: { token: 'cas_1', status: 'New' } })).toBe('cas_1');
		expect(caseTokenOfEvent({ data: { token: 'alt_1', case_token: 'cas_2' } })).toBe('cas_2');
		expect(caseTokenOfEvent({ data: { case: { token: 'cas_3' } } })).toBe('cas_3');
		expect(caseTokenOfEvent({ data: { token: 'chk_1' } })).toBeUndefined();
	});

	it('an SLA notice without a fetched case still names the case', () => {
		const item = eventItem({ event_id: 'evt_1', event_type: 'sla.breached', created_at: '2026-01-01T00:00:00Z', data: { case_token: 'cas_9', sla_status: 'Breached', hours_remaining: 0 } }, true);
		expect(item).toMatchObject({ event: 'sla.breached', eventId: 'evt_1', objectType: 'sla', objectToken: 'cas_9', vendor: 'zenoo', id: 'cas_9', status: null, eventData: { sla_status: 'Breached' } });
	});

	it('webhook objects: pending verification is live, failed verification or deleted is gone', () => {
		expect(toRemote({ id: 'whk_1', url: 'u', events: ['*'], status: 'pending_verification' })).toMatchObject({ enabled: true, gone: false });
		expect(toRemote({ id: 'whk_1', status: 'failed' }).gone).toBe(true);
		expect(toRemote({ token: 'whk_2' }).id).toBe('whk_2');
	});
});
