import axios, { type AxiosInstance } from 'axios';
import { createHmac } from 'node:crypto';

import { startZenooSimulator } from '../../simulators/zenoo';
import { startTestServer, type RecordedRequest, type TestServer } from '../harness';

/**
 * Checks that the Zenoo simulator behaves like /work/shared/vendors/zenoo.md describes, for the
 * parts the node's workflow tests do not reach on their own.
 */

type Sim = Awaited<ReturnType<typeof startZenooSimulator>>;
type Doc = { data: Record<string, unknown> & Array<Record<string, unknown>>; meta: { request_id: string; page?: { cursor: string | null; has_more?: boolean } } };

let sim: Sim;
let api: AxiosInstance;
let receiver: TestServer;
let answer: (r: RecordedRequest) => { status: number; body: unknown } = () => ({ status: 200, body: { ok: true } });

beforeAll(async () => {
	sim = await startZenooSimulator({ seed: 3, caseCount: 30 });
	api = axios.create({ baseURL: sim.url, headers: { 'X-API-KEY': sim.apiKey }, validateStatus: () => true });
	receiver = await startTestServer((r) => answer(r));
});
afterAll(async () => {
	await receiver.close();
	await sim.stop();
});
beforeEach(() => {
	sim.control.reset();
	receiver.requests.length = 0;
	answer = (r) => {
		const body = r.json as { challenge?: string } | null;
		return { status: 200, body: body?.challenge ? { challenge: body.challenge } : { ok: true } };
	};
});

const uuid = () => '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
const closable = () => sim.control.findCase({ openAlerts: true, notStatus: 'Closed' }) as { token: string };

describe('Zenoo simulator: conventions', () => {
	it('wants X-API-KEY and answers {error, message, request_id} with the request id of the X-Request-Id header', async () => {
		const none = await axios.get(`${sim.url}/v1/cases`, { validateStatus: () => true });
		expect(none.status).toBe(401);
		expect(none.data).toEqual({ error: 'UNAUTHORIZED', message: 'Missing X-API-KEY header', request_id: none.headers['x-request-id'] });
		const missing = await api.get('/v1/alerts/alt_nope');
		expect(missing.data).toEqual({ error: 'NOT_FOUND', message: 'Alert alt_nope was not found', request_id: missing.headers['x-request-id'] });
	});

	it('pages with cursor/limit in {data, meta.page}, validates limit and cursors', async () => {
		const first = await api.get<Doc>('/v1/cases', { params: { limit: 20 } });
		expect(first.data.data).toHaveLength(20);
		expect(first.data.meta.page).toEqual({ cursor: expect.stringMatching(/^cur_/), has_more: true });
		const second = await api.get<Doc>('/v1/cases', { params: { limit: 20, cursor: first.data.meta.page?.cursor } });
		expect(second.data.data).toHaveLength(10);
		expect(second.data.meta.page).toEqual({ cursor: null, has_more: false });
		expect((await api.get('/v1/cases', { params: { limit: 101 } })).data.error).toBe('VALIDATION_ERROR');
		expect((await api.get('/v1/alerts', { params: { cursor: first.data.meta.page?.cursor } })).data.message).toBe('cursor is invalid or belongs to another list');
		expect((await api.get('/v1/cases', { params: { status: 'open' } })).data.message).toMatch(/^status must be one of New, In Progress/);
	});

	it('replays a POST with the same Idempotency-Key for 24 h, and wants a UUID', async () => {
		const body = { type: 'Review', entity_category: 'Person', entity: { type: 'Person', first_name: 'A', last_name: 'B' } };
		const a = await api.post<Doc>('/v1/cases', body, { headers: { 'Idempotency-Key': uuid() } });
		const b = await api.post<Doc>('/v1/cases', { ...body, type: 'Onboarding' }, { headers: { 'Idempotency-Key': uuid() } });
		expect(a.status).toBe(201);
		expect(b.status).toBe(201);
		expect(b.data.data.token).toBe(a.data.data.token);
		expect(b.headers['idempotent-replayed']).toBe('true');
		expect(sim.control.state().caseCount).toBe(31);
		const bad = await api.post('/v1/cases', body, { headers: { 'Idempotency-Key': 'not-a-uuid' } });
		expect(bad.data).toMatchObject({ error: 'VALIDATION_ERROR', message: 'Idempotency-Key must be a UUID' });
	});

	it('answers 429 RATE_LIMITED with Retry-After past its budget', async () => {
		sim.control.setRateLimit({ limit: 2, windowMs: 60_000 });
		await api.get('/v1/cases');
		await api.get('/v1/cases');
		const limited = await api.get('/v1/cases');
		expect(limited.status).toBe(429);
		expect(limited.data.error).toBe('RATE_LIMITED');
		expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
	});
});

describe('Zenoo simulator: lifecycle', () => {
	it('refuses to close while alerts are open or no assessment is approved (409 CONFLICT), closes after', async () => {
		const c = closable();
		const refused = await api.post(`/v1/cases/${c.token}/close`, { decision: 'Approve' });
		expect(refused.status).toBe(409);
		expect(refused.data.error).toBe('CONFLICT');
		const noDecision = await api.post(`/v1/cases/${c.token}/close`, {});
		expect(noDecision.data).toMatchObject({ error: 'VALIDATION_ERROR', message: 'decision is required' });
		sim.control.prepareForClose(c.token);
		const closed = await api.post<Doc>(`/v1/cases/${c.token}/close`, { decision: 'Approve', summary: 'fine' });
		expect(closed.status).toBe(200);
		expect(closed.data.data).toMatchObject({ status: 'Closed', decision: 'Approve', open_alerts_count: 0 });
	});

	it('resolves alerts by action (Request Document keeps it open, conditions required), bulk calls take 1–50 tokens', async () => {
		const c = closable();
		const [alert] = sim.control.caseAlerts(c.token).filter((a: { status: string }) => a.status === 'Open' || a.status === 'Acknowledged');
		const keep = await api.post<Doc>(`/v1/alerts/${alert.token}/resolve`, { action: 'Request Document', rationale: 'need passport' });
		expect(keep.data.data.status).toBe('Open');
		const cond = await api.post(`/v1/alerts/${alert.token}/resolve`, { action: 'Approve with Conditions', rationale: 'x' });
		expect(cond.data.message).toBe('conditions is required when action is Approve with Conditions');
		const fp = await api.post<Doc>(`/v1/alerts/${alert.token}/resolve`, { action: 'Approve', rationale: 'namesake', is_false_positive: true });
		expect(fp.data.data).toMatchObject({ status: 'False Positive', is_false_positive: true });
		expect((await api.post('/v1/alerts/bulk/acknowledge', { alert_tokens: [] })).data.message).toBe('alert_tokens must hold 1 to 50 tokens (got 0)');
		const many = Array.from({ length: 51 }, (_, i) => `alt_${i}`);
		expect((await api.post('/v1/alerts/bulk/acknowledge', { alert_tokens: many })).status).toBe(400);
		const bulk = await api.post<Doc>('/v1/alerts/bulk/resolve', { alert_tokens: [alert.token, 'alt_missing'], action: 'Approve', rationale: 'x' });
		expect(bulk.data.data).toEqual({ resolved: 0, failed: 2, errors: [{ alert_token: alert.token, error: `Alert ${alert.token} is already False Positive` }, { alert_token: 'alt_missing', error: 'Alert alt_missing was not found' }] });
	});
});

describe('Zenoo simulator: webhooks', () => {
	it('registers, verifies the URL with the challenge, returns the secret once, delivers signed events', async () => {
		const reg = await api.post<Doc>('/v1/webhooks', { url: `${receiver.url}/hook`, events: ['alert.created'] }, { headers: { 'Idempotency-Key': uuid() } });
		expect(reg.status).toBe(201);
		expect(reg.data.data).toMatchObject({ id: expect.stringMatching(/^whk_/), status: 'pending_verification', secret: expect.stringMatching(/^zwhsec_/) });
		await sim.control.flushChallenges();
		const challenge = receiver.requests[0].json as { event_type: string; challenge: string };
		expect(challenge.event_type).toBe('webhook.verification');
		const listed = await api.get<Doc>('/v1/webhooks');
		expect(listed.data.data).toEqual([expect.objectContaining({ id: reg.data.data.id, status: 'active' })]);
		expect(listed.data.data[0]).not.toHaveProperty('secret');

		const c = closable();
		const alert = sim.control.createAlert({ caseToken: c.token, category: 'PEP Match' });
		await sim.control.flushDeliveries();
		const delivery = receiver.requests.find((r) => r.text.includes('alert.created'))!;
		const expected = `sha256=${createHmac('sha256', String(reg.data.data.secret)).update(delivery.rawBody).digest('hex')}`;
		expect(delivery.headers['x-zenoo-signature']).toBe(expected);
		expect(delivery.json).toMatchObject({ event_id: expect.stringMatching(/^evt_/), event_type: 'alert.created', data: { token: alert.token, case_token: c.token } });

		expect((await api.delete(`/v1/webhooks/${String(reg.data.data.id)}`)).status).toBe(204);
		expect((await api.get<Doc>('/v1/webhooks')).data.data).toEqual([]);
	});

	it('a URL that does not echo the challenge is never activated', async () => {
		answer = () => ({ status: 200, body: { ok: true } });
		sim.control.configure({ challenge: 'sync' });
		const reg = await api.post('/v1/webhooks', { url: `${receiver.url}/hook`, events: ['*'] });
		expect(reg.data).toMatchObject({ error: 'VALIDATION_ERROR', message: 'The URL did not answer the verification challenge (HTTP 200)' });
		expect(sim.control.liveWebhooks()).toEqual([]);
	});

	it('sends forged, unsigned and token-only events on request', async () => {
		const c = closable();
		const forged = await sim.control.sendEvent({ caseToken: c.token, eventType: 'case.status_changed', url: `${receiver.url}/x`, forged: true, secret: 'zwhsec_known' });
		expect(forged.deliveries[0].signature).not.toBe(sim.control.sign('zwhsec_known', forged.rawBody));
		const unsigned = await sim.control.sendEvent({ caseToken: c.token, url: `${receiver.url}/x`, unsigned: true });
		expect(receiver.requests.at(-1)?.headers['x-zenoo-signature']).toBeUndefined();
		expect(unsigned.event.data).toMatchObject({ token: c.token, status: expect.any(String) });
		sim.control.configure({ eventPayload: 'tokens' });
		const thin = await sim.control.sendEvent({ caseToken: c.token, url: `${receiver.url}/x` });
		expect(thin.event.data).toEqual({ case_token: c.token });
	});
});
