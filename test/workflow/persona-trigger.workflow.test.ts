import type { IDataObject } from 'n8n-workflow';
import axios from 'axios';

import { PersonaApi } from '../../credentials/PersonaApi.credentials';
import { clearSecretCache } from '../../core/triggerRuntime';
import { PERSONA_VERSION } from '../../nodes/Persona/api';
import { PersonaTrigger } from '../../nodes/Persona/PersonaTrigger.node';
import * as personaNormalize from '../../nodes/Persona/normalize';
import { runWebhook, runWebhookMethod, startTestServer, type RecordedRequest, type TestServer } from '../harness';
import { startPersonaSimulator } from '../../simulators/persona';

type Sim = Awaited<ReturnType<typeof startPersonaSimulator>>;
type Hook = { id: string; attributes: IDataObject };

let sim: Sim;
let receiver: TestServer;

beforeAll(async () => {
	sim = await startPersonaSimulator({ seed: 3, caseCount: 40 });
	// Stands in for n8n's public webhook URL: records what Persona delivers.
	receiver = await startTestServer(() => ({ status: 200, body: { ok: true } }));
});
afterAll(async () => {
	await receiver.close();
	await sim.stop();
});
beforeEach(() => {
	sim.control.reset();
	receiver.requests.length = 0;
});
afterEach(() => jest.restoreAllMocks());

const auth = () => ({ headers: { Authorization: `Bearer ${sim.apiKey}` } });
const credentials = () => ({ personaApi: { apiKey: sim.apiKey, baseUrl: sim.baseUrl } });
const hookUrl = () => `${receiver.url}/webhook/persona-test/webhook`;
const liveHooks = (): Hook[] => sim.control.webhooks().filter((h: Hook) => h.attributes.status !== 'archived');
const firstCase = () => [...(sim.state.cases as Map<string, { id: string }>).values()][0];

async function lifecycle(method: 'checkExists' | 'create' | 'delete', staticData: IDataObject, parameters: IDataObject = {}) {
	return await runWebhookMethod({
		nodeType: PersonaTrigger,
		credentialType: PersonaApi,
		credentials: credentials(),
		parameters: { events: ['case.status-updated', 'case.created'], ...parameters },
		method,
		webhookUrl: hookUrl(),
		staticData,
	});
}

async function activate(staticData: IDataObject, parameters: IDataObject = {}) {
	const exists = await lifecycle('checkExists', staticData, parameters);
	if (!exists.result) await lifecycle('create', staticData, parameters);
}

/** Hands a delivery Persona made (as captured) to the trigger, as n8n's webhook server would. */
async function deliver(request: RecordedRequest, staticData: IDataObject, parameters: IDataObject = {}, creds = credentials()) {
	return await runWebhook({
		nodeType: PersonaTrigger,
		credentialType: PersonaApi,
		credentials: creds,
		parameters: { events: ['case.status-updated', 'case.created'], ...parameters },
		staticData,
		request: { method: 'POST', headers: request.headers, body: request.json, rawBody: request.rawBody },
	});
}

async function statusChangeDelivery(): Promise<RecordedRequest> {
	const c = firstCase();
	sim.control.setCaseStatus(c.id, 'Pending');
	await sim.control.flushDeliveries();
	const delivery = receiver.requests.find((r) => (r.json as IDataObject)?.data && r.text.includes('case.status-updated'));
	if (!delivery) throw new Error('the simulator delivered no case.status-updated event');
	return delivery;
}

describe('Persona Trigger › webhook lifecycle', () => {
	it('registers an enabled webhook with the URL, events, pinned version and inflection', async () => {
		const staticData: IDataObject = {};
		expect((await lifecycle('checkExists', staticData)).result).toBe(false);
		expect((await lifecycle('create', staticData)).result).toBe(true);
		const hooks = liveHooks();
		expect(hooks).toHaveLength(1);
		expect(hooks[0].attributes).toMatchObject({
			url: hookUrl(),
			status: 'enabled',
			'enabled-events': ['case.status-updated', 'case.created'],
			'api-version': PERSONA_VERSION,
			'api-key-inflection': 'kebab',
		});
		expect(staticData).toMatchObject({ webhookId: hooks[0].id, webhookSecrets: [expect.stringMatching(/^wbhsec_/)] });
	});

	it('survives a restart: checkExists finds its webhook and nothing new is created', async () => {
		const staticData: IDataObject = {};
		await activate(staticData);
		await activate(staticData); // n8n restart: same static data
		expect((await lifecycle('checkExists', staticData)).result).toBe(true);
		expect(liveHooks()).toHaveLength(1);
	});

	it('adopts its registered webhook when static data was lost, instead of creating a second one', async () => {
		await activate({});
		const lost: IDataObject = {};
		await activate(lost);
		expect(liveHooks()).toHaveLength(1);
		expect(lost.webhookId).toBe(liveHooks()[0].id);
		expect(lost.webhookSecrets).toEqual([expect.stringMatching(/^wbhsec_/)]);
	});

	it('replaces the webhook when the selected events change', async () => {
		const staticData: IDataObject = {};
		await activate(staticData);
		const first = staticData.webhookId;
		await activate(staticData, { events: ['case.assigned'] });
		const hooks = liveHooks();
		expect(hooks).toHaveLength(1);
		expect(hooks[0].id).not.toBe(first);
		expect(hooks[0].attributes['enabled-events']).toEqual(['case.assigned']);
	});

	it('re-enables a webhook someone disabled in the dashboard', async () => {
		const staticData: IDataObject = {};
		await activate(staticData);
		await axios.post(`${sim.baseUrl}/webhooks/${String(staticData.webhookId)}/disable`, {}, { headers: { Authorization: `Bearer ${sim.apiKey}` } });
		expect((await lifecycle('checkExists', staticData)).result).toBe(true);
		expect(liveHooks()[0].attributes.status).toBe('enabled');
	});

	it('archives the webhook on deactivation', async () => {
		const staticData: IDataObject = {};
		await activate(staticData);
		const id = staticData.webhookId;
		expect((await lifecycle('delete', staticData)).result).toBe(true);
		expect(liveHooks()).toHaveLength(0);
		expect(sim.control.webhooks().find((h: Hook) => h.id === id)?.attributes.status).toBe('archived');
		expect(staticData.webhookId).toBeUndefined();
	});
});

describe('Persona Trigger › deliveries', () => {
	it('turns a correctly signed delivery into one item with the event and the normalized case', async () => {
		const staticData: IDataObject = {};
		await activate(staticData);
		const delivery = await statusChangeDelivery();
		const result = await deliver(delivery, staticData);
		expect(result.workflowData).toHaveLength(1);
		const [item] = result.workflowData![0];
		expect(item.json).toMatchObject({
			event: 'case.status-updated',
			eventId: expect.stringMatching(/^evt_/),
			vendor: 'persona',
			id: firstCase().id,
			status: 'Pending',
		});
	});

	it('outputs the raw event with Simplify off', async () => {
		const staticData: IDataObject = {};
		await activate(staticData);
		const delivery = await statusChangeDelivery();
		const result = await deliver(delivery, staticData, { simplify: false });
		expect(result.workflowData![0][0].json).toEqual({ event: 'case.status-updated', ...(delivery.json as IDataObject) });
	});

	it('answers 401 and starts nothing for a forged, a tampered and an unsigned delivery', async () => {
		const staticData: IDataObject = {};
		await activate(staticData);
		const c = firstCase();
		await sim.control.sendEvent({ caseId: c.id, name: 'case.status-updated', forged: true });
		const forged = receiver.requests[receiver.requests.length - 1];
		const genuine = await statusChangeDelivery();
		const tampered = { ...genuine, rawBody: Buffer.from(genuine.text.replace('Pending', 'Approved')) };
		const unsigned = { ...genuine, headers: { ...genuine.headers, 'persona-signature': undefined } };
		for (const request of [forged, tampered, unsigned]) {
			const result = await deliver(request, staticData);
			expect(result.workflowData).toBeUndefined();
			expect(result.responseCaptured.status).toBe(401);
		}
	});

	it('rejects a replayed delivery whose signed timestamp is too old', async () => {
		const staticData: IDataObject = {};
		await activate(staticData);
		await sim.control.sendEvent({ caseId: firstCase().id, name: 'case.status-updated', timestampOffsetSeconds: -3600 });
		const stale = receiver.requests[receiver.requests.length - 1];
		const result = await deliver(stale, staticData);
		expect(result.responseCaptured.status).toBe(401);
		const lenient = await deliver(stale, staticData, { options: { toleranceSeconds: 0 } });
		expect(lenient.workflowData).toHaveLength(1);
	});

	it('starts one execution for duplicate deliveries of the same event', async () => {
		const staticData: IDataObject = {};
		await activate(staticData);
		const delivery = await statusChangeDelivery();
		const first = await deliver(delivery, staticData);
		const again = await deliver(delivery, staticData);
		expect(first.workflowData).toHaveLength(1);
		expect(again.workflowData).toBeUndefined();
		expect(again.webhookResponse).toMatchObject({ duplicate: true });
	});

	it('keeps verifying across a secret rotation, also after the old secret expired', async () => {
		const staticData: IDataObject = {};
		await activate(staticData);
		const id = String(staticData.webhookId);
		await axios.post(
			`${sim.baseUrl}/webhooks/${id}/rotate-secret`,
			{ meta: { 'expires-in-seconds': 0 } },
			{ headers: { Authorization: `Bearer ${sim.apiKey}` } },
		);
		const delivery = await statusChangeDelivery();
		const result = await deliver(delivery, staticData);
		expect(result.workflowData).toHaveLength(1);
		expect(staticData.webhookSecrets).toEqual(
			(sim.control.webhooks().find((h: Hook) => h.id === id)!.attributes.secrets as IDataObject[]).map((s) => s.value),
		);
	});

	it('a forged delivery never empties the secrets, even when the re-read webhook shows none', async () => {
		const staticData: IDataObject = {};
		await activate(staticData);
		const known = [...(staticData.webhookSecrets as string[])];
		sim.control.setWebhookOptions({ readAnswerWithoutSecrets: true });
		await sim.control.sendEvent({ caseId: firstCase().id, name: 'case.status-updated', forged: true });
		const forged = await deliver(receiver.requests[receiver.requests.length - 1], staticData);
		expect(forged.responseCaptured.status).toBe(401);
		expect(staticData.webhookSecrets).toEqual(known);
		sim.control.setWebhookOptions({ readAnswerWithoutSecrets: false });
		receiver.requests.length = 0;
		const genuine = await deliver(await statusChangeDelivery(), staticData);
		expect(genuine.workflowData).toHaveLength(1);
	});

	it('answers a forged delivery at once when Persona is failing: one read, no retry, no error', async () => {
		const staticData: IDataObject = {};
		await activate(staticData);
		sim.control.clearRequests();
		sim.control.pushFaults({ type: 503, count: 5, method: 'GET' });
		await sim.control.sendEvent({ caseId: firstCase().id, name: 'case.status-updated', forged: true });
		const forged = receiver.requests[receiver.requests.length - 1];
		const webhookReads = () =>
			sim.control.requests().filter((r: { method: string; path: string }) => r.method === 'GET' && r.path.includes('/webhooks/'));
		// The same trigger node (one id) receives both, as in an active workflow.
		const sameNode = async () =>
			await runWebhook({
				nodeType: PersonaTrigger,
				credentialType: PersonaApi,
				credentials: credentials(),
				parameters: { events: ['case.status-updated', 'case.created'] },
				staticData,
				node: { id: 'persona-trigger-forged-test' },
				request: { method: 'POST', headers: forged.headers, body: forged.json, rawBody: forged.rawBody },
			});
		const first = await sameNode();
		expect(first.responseCaptured.status).toBe(401);
		expect(webhookReads()).toHaveLength(1);
		// A second forged delivery within the minute does not read again.
		expect((await sameNode()).responseCaptured.status).toBe(401);
		expect(webhookReads()).toHaveLength(1);
	});

	it('verifies a dashboard-made webhook with the secret from the credential (manual setup)', async () => {
		const created = await axios.post(
			`${sim.baseUrl}/webhooks`,
			{ data: { attributes: { name: 'by hand', url: hookUrl(), 'enabled-events': ['case.status-updated'] } } },
			{ headers: { Authorization: `Bearer ${sim.apiKey}` } },
		);
		const hook = created.data.data;
		await axios.post(`${sim.baseUrl}/webhooks/${hook.id}/enable`, {}, { headers: { Authorization: `Bearer ${sim.apiKey}` } });
		const secret = hook.attributes.secrets[0].value;
		const delivery = await statusChangeDelivery();
		const manual = { registration: 'manual' };
		const staticData: IDataObject = {};
		expect((await lifecycle('create', staticData, manual)).result).toBe(true);
		expect(liveHooks()).toHaveLength(1); // manual mode registers nothing

		const ok = await deliver(delivery, staticData, manual, { personaApi: { ...credentials().personaApi, webhookSecret: `wbhsec_dummy_old, ${secret}` } } as never);
		expect(ok.workflowData).toHaveLength(1);
		// The secrets read from the credential are kept for SECRET_CACHE_MS (core/triggerRuntime.ts).
		clearSecretCache();
		const noSecret = await deliver(delivery, {}, manual);
		expect(noSecret.responseCaptured.status).toBe(401);
	});
});

describe('Persona Trigger › secrets after re-enabling', () => {
	it('keeps the webhook secrets when Persona answers /enable without them (restart after someone disabled the webhook)', async () => {
		const staticData: IDataObject = {};
		await activate(staticData);
		const secrets = staticData.webhookSecrets;
		expect(secrets).toEqual([expect.stringMatching(/^wbhsec_/)]);
		sim.control.setWebhookOptions({ enableAnswerWithoutSecrets: true });
		await axios.post(`${sim.baseUrl}/webhooks/${String(staticData.webhookId)}/disable`, {}, auth());

		expect((await lifecycle('checkExists', staticData)).result).toBe(true);
		expect(liveHooks()[0].attributes.status).toBe('enabled');
		expect(staticData.webhookSecrets).toEqual(secrets);
		const result = await deliver(await statusChangeDelivery(), staticData);
		expect(result.responseCaptured.status).toBe(200);
		expect(result.workflowData).toHaveLength(1);
	});

	it('reads the secrets from the webhook when adopting a disabled one whose /enable answer has none', async () => {
		await activate({});
		const hook = liveHooks()[0];
		sim.control.setWebhookOptions({ enableAnswerWithoutSecrets: true });
		await axios.post(`${sim.baseUrl}/webhooks/${hook.id}/disable`, {}, auth());
		const lost: IDataObject = {};
		expect((await lifecycle('checkExists', lost)).result).toBe(true);
		expect(lost.webhookId).toBe(hook.id);
		expect(lost.webhookSecrets).toEqual((hook.attributes.secrets as IDataObject[]).map((s) => s.value));
	});

	it('registers a new webhook whose /enable answer has no secrets with the secrets from its creation', async () => {
		sim.control.setWebhookOptions({ enableAnswerWithoutSecrets: true });
		const staticData: IDataObject = {};
		await activate(staticData);
		expect(staticData.webhookSecrets).toEqual((liveHooks()[0].attributes.secrets as IDataObject[]).map((s) => s.value));
		const result = await deliver(await statusChangeDelivery(), staticData);
		expect(result.workflowData).toHaveLength(1);
	});
});

describe('Persona Trigger › events', () => {
	it('offers every case event it offered before (saved workflows keep working) beside inquiry, account and report events', () => {
		const events = new PersonaTrigger().description.properties.find((p) => p.name === 'events');
		const values = (events?.options ?? []).map((o) => (o as { value: string }).value).sort();
		expect(values.filter((v) => v.startsWith('case.'))).toEqual(
			[
				'case.assigned',
				'case.created',
				'case.exported',
				'case.queue-updated',
				'case.redacted',
				'case.reopened',
				'case.resolved',
				'case.sla-expired',
				'case.status-updated',
				'case.updated',
				'case.updated-fields',
				'case.updated-tags',
			].sort(),
		);
		expect(values).toEqual(expect.arrayContaining(['inquiry.completed', 'inquiry.approved', 'account.created', 'report/watchlist.matched']));
		expect(values.every((v) => /^(case|inquiry|account|report\/[a-z-]+)\./.test(v))).toBe(true);
	});

	it('registers the events named under Other Events too, and starts the workflow for them', async () => {
		const parameters = { events: ['case.status-updated'], otherEvents: ' case-comment.created,case.print-initiated ,, ' };
		const staticData: IDataObject = {};
		await activate(staticData, parameters);
		expect(liveHooks()[0].attributes['enabled-events']).toEqual(['case.status-updated', 'case-comment.created', 'case.print-initiated']);
		// A restart with the same parameters keeps the webhook.
		expect((await lifecycle('checkExists', staticData, parameters)).result).toBe(true);
		expect(liveHooks()).toHaveLength(1);

		await sim.control.sendEvent({ caseId: firstCase().id, name: 'case.print-initiated' });
		const delivery = receiver.requests[receiver.requests.length - 1];
		const result = await deliver(delivery, staticData, parameters);
		expect(result.workflowData?.[0][0].json).toMatchObject({ event: 'case.print-initiated', id: firstCase().id });
		const unselected = await deliver(delivery, staticData, { events: ['case.status-updated'] });
		expect(unselected.webhookResponse).toMatchObject({ ignored: 'event case.print-initiated is not selected' });
	});

	it('keeps working for a saved workflow whose Events still hold a name no longer in the list', async () => {
		const saved = { events: ['case.status-updated', 'case-message.received'] };
		const staticData: IDataObject = {};
		await activate(staticData, saved);
		expect(liveHooks()[0].attributes['enabled-events']).toEqual(['case.status-updated', 'case-message.received']);
		await sim.control.sendEvent({ caseId: firstCase().id, name: 'case-message.received' });
		const result = await deliver(receiver.requests[receiver.requests.length - 1], staticData, saved);
		expect(result.workflowData?.[0][0].json).toMatchObject({ event: 'case-message.received' });
	});

	it('says which event name Persona refused when it will not register the webhook', async () => {
		sim.control.setWebhookOptions({ refusedEvents: ['case-template.deleted-field'] });
		const staticData: IDataObject = {};
		const parameters = { events: ['case.created'], otherEvents: 'case-template.deleted-field' };
		expect((await lifecycle('checkExists', staticData, parameters)).result).toBe(false);
		await expect(lifecycle('create', staticData, parameters)).rejects.toThrow(
			/Persona refused the webhook event "case-template\.deleted-field"/,
		);
		expect(liveHooks()).toHaveLength(0);
	});

	it('refuses to register a webhook without any event', async () => {
		await expect(lifecycle('create', {}, { events: [], otherEvents: ' , ' })).rejects.toThrow(/at least one event/);
		expect(liveHooks()).toHaveLength(0);
	});
});

describe('Persona Trigger › what counts as handled', () => {
	it('lets the retry of a delivery whose item could not be built through', async () => {
		const staticData: IDataObject = {};
		await activate(staticData);
		const delivery = await statusChangeDelivery();
		jest.spyOn(personaNormalize, 'normalizePersonaCase').mockImplementationOnce(() => {
			throw new Error('the item could not be built');
		});
		await expect(deliver(delivery, staticData)).rejects.toThrow('the item could not be built');
		const retry = await deliver(delivery, staticData);
		expect(retry.workflowData).toHaveLength(1);
		expect((await deliver(delivery, staticData)).webhookResponse).toMatchObject({ duplicate: true });
	});
});
