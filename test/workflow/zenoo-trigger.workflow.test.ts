import type { IDataObject } from 'n8n-workflow';

import { ZenooApi } from '../../credentials/ZenooApi.credentials';
import { ZenooTrigger } from '../../nodes/Zenoo/ZenooTrigger.node';
import { runWebhook, runWebhookMethod, startTestServer, type RecordedRequest, type TestServer } from '../harness';
import { normalized, type SimCase } from '../helpers/zenoo';
import { startZenooSimulator } from '../../simulators/zenoo';

type Sim = Awaited<ReturnType<typeof startZenooSimulator>>;
type Hook = { id: string; url: string; events: string[]; status: string; secret: string };

let sim: Sim;
let receiver: TestServer;

beforeAll(async () => {
	sim = await startZenooSimulator({ seed: 11, caseCount: 40 });
	// Stands in for n8n's public webhook URL: answers Zenoo's challenge, records the deliveries.
	receiver = await startTestServer((r) => {
		const body = r.json as { challenge?: string } | null;
		return { status: 200, body: body?.challenge ? { challenge: body.challenge } : { ok: true } };
	});
});
afterAll(async () => {
	await receiver.close();
	await sim.stop();
});
beforeEach(() => {
	sim.control.reset();
	receiver.requests.length = 0;
});

const EVENTS = ['case.status_changed', 'alert.created'];
const credentials = () => ({ zenooApi: { apiKey: sim.apiKey, environment: 'custom', baseUrl: sim.baseUrl } });
const hookUrl = () => `${receiver.url}/webhook/zenoo-test/webhook`;
const liveHooks = (): Hook[] => sim.control.liveWebhooks() as Hook[];
const openCase = () => sim.control.findCase({ notStatus: 'Closed' }) as SimCase;

async function lifecycle(method: 'checkExists' | 'create' | 'delete', staticData: IDataObject, parameters: IDataObject = {}) {
	return await runWebhookMethod({ nodeType: ZenooTrigger, credentialType: ZenooApi, credentials: credentials(), parameters: { events: EVENTS, ...parameters }, method, webhookUrl: hookUrl(), staticData });
}

async function activate(staticData: IDataObject, parameters: IDataObject = {}) {
	if (!(await lifecycle('checkExists', staticData, parameters)).result) await lifecycle('create', staticData, parameters);
	await sim.control.flushChallenges();
}

/** Hands a request Zenoo made (as captured) to the trigger, as n8n's webhook server would. */
async function deliver(request: { headers: IDataObject; rawBody: Buffer; json?: unknown }, staticData: IDataObject, parameters: IDataObject = {}) {
	return await runWebhook({
		nodeType: ZenooTrigger,
		credentialType: ZenooApi,
		credentials: credentials(),
		parameters: { events: EVENTS, ...parameters },
		staticData,
		request: { method: 'POST', headers: request.headers as Record<string, string>, body: request.json ?? JSON.parse(request.rawBody.toString('utf8')), rawBody: request.rawBody },
	});
}

async function delivered(predicate: (r: RecordedRequest) => boolean): Promise<RecordedRequest> {
	await sim.control.flushDeliveries();
	const found = receiver.requests.filter(predicate).at(-1);
	if (!found) throw new Error('the simulator delivered no such request');
	return found;
}
const isEvent = (type: string) => (r: RecordedRequest) => (r.json as IDataObject | null)?.event_type === type;

describe('Zenoo Trigger › webhook lifecycle', () => {
	it('registers its URL and events through POST /v1/webhooks and keeps the id and the one-time secret', async () => {
		const staticData: IDataObject = {};
		expect((await lifecycle('checkExists', staticData)).result).toBe(false);
		expect((await lifecycle('create', staticData)).result).toBe(true);
		await sim.control.flushChallenges();
		const [hook] = liveHooks();
		expect(liveHooks()).toHaveLength(1);
		expect(hook).toMatchObject({ url: hookUrl(), events: EVENTS, status: 'active' });
		expect(staticData).toMatchObject({ webhookId: hook.id, webhookUrl: hookUrl(), webhookEvents: EVENTS, webhookSecrets: [hook.secret] });
		const post = sim.control.requests({ method: 'POST', path: '/v1/webhooks' })[0] as { body: IDataObject; headers: IDataObject };
		expect(post.body).toEqual({ url: hookUrl(), events: EVENTS });
	});

	it('answers the verification challenge (POST, and GET ?challenge=) without starting anything', async () => {
		const staticData: IDataObject = {};
		await activate(staticData);
		const challenge = receiver.requests.find((r) => (r.json as IDataObject | null)?.event_type === 'webhook.verification')!;
		const answered = await deliver(challenge, {});
		expect(answered.responseCaptured.status).toBe(200);
		expect(answered.responseCaptured.body).toEqual({ challenge: (challenge.json as IDataObject).challenge });
		expect(answered.workflowData).toBeUndefined();
		const viaGet = await runWebhook({ nodeType: ZenooTrigger, credentialType: ZenooApi, credentials: credentials(), parameters: { events: EVENTS }, webhookName: 'setup', request: { method: 'GET', query: { challenge: 'abc123' } } });
		expect(viaGet.responseCaptured.status).toBe(200);
		expect(viaGet.responseCaptured.body).toBe('abc123');
	});

	it('re-checks on restart without creating a second webhook; replaces it when the events change', async () => {
		const staticData: IDataObject = {};
		await activate(staticData);
		const first = staticData.webhookId;
		await activate(staticData);
		expect(liveHooks()).toHaveLength(1);
		expect(staticData.webhookId).toBe(first);
		await activate(staticData, { events: ['sla.breached'] });
		expect(liveHooks().map((h) => h.events)).toEqual([['sla.breached']]);
		expect(staticData.webhookId).not.toBe(first);
	});

	it('with its static data lost, replaces its own webhook (the secret is shown only once) instead of adding one', async () => {
		await activate({});
		const lost: IDataObject = {};
		await activate(lost);
		expect(liveHooks()).toHaveLength(1);
		expect(lost.webhookId).toBe(liveHooks()[0].id);
		expect(lost.webhookSecrets).toEqual([liveHooks()[0].secret]);
	});

	it('where Zenoo cannot list webhooks, trusts what it stored: still one webhook after a restart', async () => {
		sim.control.configure({ webhookListing: false });
		const staticData: IDataObject = {};
		await activate(staticData);
		await activate(staticData);
		expect(liveHooks()).toHaveLength(1);
	});

	it('reads the secret where Zenoo puts it (meta.secret variant) and removes the webhook on deactivation', async () => {
		sim.control.configure({ secretField: 'meta.secret' });
		const staticData: IDataObject = {};
		await activate(staticData);
		expect(staticData.webhookSecrets).toEqual([liveHooks()[0].secret]);
		expect((await lifecycle('delete', staticData)).result).toBe(true);
		expect(liveHooks()).toEqual([]);
		expect(staticData.webhookId).toBeUndefined();
	});
});

describe('Zenoo Trigger › deliveries', () => {
	it('a signed case event becomes one item with the event and the normalized case', async () => {
		const staticData: IDataObject = {};
		await activate(staticData);
		const c = openCase();
		sim.control.setCaseStatus(c.token, 'In Review');
		const request = await delivered(isEvent('case.status_changed'));
		const result = await deliver(request, staticData);
		const body = request.json as IDataObject;
		expect(result.workflowData?.[0].map((i) => i.json)).toEqual([
			{
				event: 'case.status_changed',
				eventId: body.event_id,
				eventCreatedAt: body.created_at,
				objectType: 'case',
				objectToken: c.token,
				...normalized(sim.control.getCase(c.token) as SimCase),
				previousStatus: c.status,
				newStatus: 'In Review',
			},
		]);
	});

	it('an alert event carries the alert and the case, read from Zenoo; with Simplify off the event as sent', async () => {
		const staticData: IDataObject = {};
		await activate(staticData);
		const c = openCase();
		const alert = sim.control.createAlert({ caseToken: c.token, category: 'Sanctions Hit', priority: 'Critical' }) as IDataObject;
		const request = await delivered(isEvent('alert.created'));
		sim.control.clearRequests();
		const simple = await deliver(request, staticData);
		const [item] = simple.workflowData![0];
		expect(item.json).toMatchObject({ event: 'alert.created', objectType: 'alert', objectToken: alert.token, ...normalized(sim.control.getCase(c.token) as SimCase) });
		expect((item.json.eventData as IDataObject).category).toBe('Sanctions Hit');
		expect(sim.control.requests().map((r: { path: string }) => r.path)).toEqual([`/v1/cases/${c.token}`]);
		// The same delivery to a trigger with Simplify off (deduplication off, so it is not a repeat).
		const rawTrigger = await deliver(request, { webhookSecrets: staticData.webhookSecrets }, { simplify: false, options: { dedupeWindowSeconds: 0 } });
		expect(rawTrigger.workflowData?.[0][0].json).toEqual({ event: 'alert.created', ...(request.json as IDataObject) });
	});

	it('token-only events get the case read from Zenoo; a failed read still starts the workflow, saying why', async () => {
		sim.control.configure({ eventPayload: 'tokens' });
		const staticData: IDataObject = {};
		await activate(staticData);
		const c = openCase();
		sim.control.setCaseStatus(c.token, 'Client Input');
		const request = await delivered(isEvent('case.status_changed'));
		expect((request.json as IDataObject).data).toEqual({ case_token: c.token, previous_status: c.status, new_status: 'Client Input' });
		const ok = await deliver(request, staticData);
		expect(ok.workflowData?.[0][0].json).toMatchObject({ ...normalized(sim.control.getCase(c.token) as SimCase), status: 'Client Input' });

		sim.control.setCaseStatus(c.token, 'In Review');
		const next = await delivered(isEvent('case.status_changed'));
		sim.control.pushFaults({ type: 503, path: '/v1/cases/:token' });
		const failed = await deliver(next, staticData);
		expect(failed.workflowData?.[0][0].json).toMatchObject({ id: c.token, status: null, caseFetchError: expect.stringMatching(/HTTP 503/) });
	});

	it('forged or unsigned deliveries are answered 401 and start nothing', async () => {
		const staticData: IDataObject = {};
		await activate(staticData);
		const c = openCase();
		const forged = await sim.control.sendEvent({ caseToken: c.token, eventType: 'case.status_changed', url: hookUrl(), forged: true });
		const forgedRequest = receiver.requests.at(-1)!;
		expect(forged.deliveries[0].signature).toMatch(/^sha256=[0-9a-f]{64}$/);
		const refused = await deliver(forgedRequest, staticData);
		expect(refused.responseCaptured.status).toBe(401);
		expect(refused.responseCaptured.body).toEqual({ error: 'X-Zenoo-Signature did not verify (mismatch)' });
		expect(refused.workflowData).toBeUndefined();
		await sim.control.sendEvent({ caseToken: c.token, eventType: 'case.status_changed', url: hookUrl(), unsigned: true });
		const unsigned = await deliver(receiver.requests.at(-1)!, staticData);
		expect(unsigned.responseCaptured.status).toBe(401);
		expect(unsigned.responseCaptured.body).toEqual({ error: 'X-Zenoo-Signature did not verify (missing-signature)' });
		// the right signature over other bytes does not verify either
		const good = await sim.control.sendEvent({ caseToken: c.token, eventType: 'case.status_changed', url: hookUrl() });
		const tampered = { headers: receiver.requests.at(-1)!.headers as IDataObject, rawBody: Buffer.from(good.rawBody.replace('"case.status_changed"', '"case.closed"')) };
		expect((await deliver(tampered, staticData)).responseCaptured.status).toBe(401);
	});

	it('repeats of an event_id start one execution; events not selected are acknowledged and ignored', async () => {
		const staticData: IDataObject = {};
		await activate(staticData);
		const c = openCase();
		await sim.control.sendEvent({ caseToken: c.token, eventType: 'case.status_changed', url: hookUrl(), duplicateTimes: 1 });
		const [a, b] = receiver.requests.slice(-2);
		expect((await deliver(a, staticData)).workflowData?.[0]).toHaveLength(1);
		const again = await deliver(b, staticData);
		expect(again.workflowData).toBeUndefined();
		expect(again.webhookResponse).toEqual({ received: true, duplicate: true });
		await sim.control.sendEvent({ caseToken: c.token, eventType: 'case.closed', url: hookUrl() });
		const other = await deliver(receiver.requests.at(-1)!, staticData);
		expect(other.workflowData).toBeUndefined();
		expect(other.webhookResponse).toEqual({ received: true, ignored: 'event case.closed is not selected' });
	});
});
