import { createHmac, randomUUID } from 'crypto';
import type { IDataObject } from 'n8n-workflow';

import { CertnApi } from '../../credentials/CertnApi.credentials';
import { PersonaApi } from '../../credentials/PersonaApi.credentials';
import { CertnTrigger } from '../../nodes/Certn/CertnTrigger.node';
import * as certnNormalize from '../../nodes/Certn/normalize';
import { PersonaTrigger } from '../../nodes/Persona/PersonaTrigger.node';
import { runWebhook, runWebhookMethod, startTestServer, type RecordedRequest, type TestServer } from '../harness';
import { startCertnSimulator } from '../../simulators/certn';
import { startPersonaSimulator } from '../../simulators/persona';

/**
 * Delivery dedupe across an n8n restart (issue 13 follow-up). n8n saves what webhook() changed in
 * static data only when it answers the delivery before starting the execution (n8n 2.x answers
 * `onReceived` after starting it, which drops the change once the workflow has any static data:
 * measured on 2.41.1 in test/e2e/dedupe-restart.e2e.test.mjs). The harness's runWebhook follows
 * that rule, so these tests fail if a trigger leaves the answer to n8n again. A restart is a fresh
 * copy of the package's modules (empty memory) with the static data n8n saved.
 */

type TriggerClass = typeof CertnTrigger | typeof PersonaTrigger;

/** The trigger class as a freshly started n8n loads it: no event ids in memory. */
async function afterRestart<T extends TriggerClass>(file: string, name: string): Promise<T> {
	let fresh: T | undefined;
	await jest.isolateModulesAsync(async () => {
		fresh = ((await import(file)) as Record<string, T>)[name];
	});
	return fresh!;
}

const STARTED = { message: 'Workflow was started' };

describe('Certn Trigger › dedupe across a restart', () => {
	let sim: Awaited<ReturnType<typeof startCertnSimulator>>;
	beforeAll(async () => {
		sim = await startCertnSimulator({ seed: 31, caseCount: 5 });
	});
	afterAll(async () => await sim.stop());

	const credentials = () => ({ certnApi: { apiKey: sim.apiKey, environment: 'custom', baseUrl: sim.baseUrl, webhookSecret: sim.webhookSecret } });
	function signed(id: string, caseId: string = randomUUID()) {
		const payload = { id, event_type: 'CASE_STATUS_CHANGED', object_id: caseId, object_type: 'CASE', created: new Date().toISOString() };
		const rawBody = Buffer.from(JSON.stringify(payload));
		const signature = createHmac('sha256', sim.webhookSecret).update(rawBody).digest('hex');
		return { method: 'POST', headers: { 'content-type': 'application/json', 'x-signature': signature }, body: payload, rawBody };
	}
	const node = { id: randomUUID(), webhookId: randomUUID() };
	const deliver = async (nodeType: TriggerClass, staticData: IDataObject, request: ReturnType<typeof signed>) =>
		await runWebhook({
			nodeType,
			credentialType: CertnApi,
			credentials: credentials(),
			parameters: { events: ['CASE_STATUS_CHANGED'], fetchCase: false },
			node,
			staticData,
			request,
		});

	it('answers a delivery before n8n starts the execution, so its id is saved even when static data already held ids; the repeat after a restart is a duplicate', async () => {
		// Static data that is not empty (an earlier event): the case n8n 2.41.1 did not save.
		const staticData: IDataObject = { recentEventIds: { [randomUUID()]: Date.now() + 3_600_000 } };
		const E = signed(randomUUID());
		const first = await deliver(CertnTrigger, staticData, E);
		expect(first.workflowData?.[0]).toHaveLength(1);
		expect(first.noWebhookResponse).toBe(true);
		expect(first.responseCaptured).toMatchObject({ status: 200, body: STARTED, ended: true });
		expect(Object.keys(staticData.recentEventIds as IDataObject)).toContain(E.body.id);

		const Restarted = await afterRestart<typeof CertnTrigger>('../../nodes/Certn/CertnTrigger.node', 'CertnTrigger');
		expect(Restarted).not.toBe(CertnTrigger);
		const repeat = await deliver(Restarted, staticData, E);
		expect(repeat.workflowData).toBeUndefined();
		expect(repeat.webhookResponse).toEqual({ received: true, duplicate: true });

		const F = signed(randomUUID());
		const next = await deliver(Restarted, staticData, F);
		expect(next.workflowData?.[0]?.[0]?.json).toMatchObject({ eventId: F.body.id });
		expect(Object.keys(staticData.recentEventIds as IDataObject)).toEqual(expect.arrayContaining([E.body.id, F.body.id]));
	});

	it('saves nothing for a delivery whose handling failed (n8n saves no static data when webhook() throws): its retry is handled', async () => {
		const staticData: IDataObject = {};
		const caseId = [...(sim.state.cases as Map<string, { id: string }>).values()][0].id;
		const E = signed(randomUUID(), caseId);
		const spy = jest.spyOn(certnNormalize, 'normalizeCertnCase').mockImplementationOnce(() => {
			throw new Error('the item could not be built');
		});
		const failing = await runWebhook({
			nodeType: CertnTrigger,
			credentialType: CertnApi,
			credentials: credentials(),
			parameters: { events: ['CASE_STATUS_CHANGED'], fetchCase: true },
			node,
			staticData,
			request: E,
		}).catch((error: Error) => error);
		spy.mockRestore();
		expect(failing).toBeInstanceOf(Error);
		expect(staticData).toEqual({});
		const Restarted = await afterRestart<typeof CertnTrigger>('../../nodes/Certn/CertnTrigger.node', 'CertnTrigger');
		const retry = await deliver(Restarted, staticData, E);
		expect(retry.workflowData?.[0]).toHaveLength(1);
		expect(Object.keys(staticData.recentEventIds as IDataObject)).toEqual([E.body.id]);
	});
});

describe('Persona Trigger › dedupe across a restart', () => {
	let sim: Awaited<ReturnType<typeof startPersonaSimulator>>;
	let receiver: TestServer;
	beforeAll(async () => {
		sim = await startPersonaSimulator({ seed: 5, caseCount: 5 });
		receiver = await startTestServer(() => ({ status: 200, body: { ok: true } }));
	});
	afterAll(async () => {
		await receiver.close();
		await sim.stop();
	});

	const credentials = () => ({ personaApi: { apiKey: sim.apiKey, baseUrl: sim.baseUrl } });
	const hookUrl = () => `${receiver.url}/webhook/persona-restart/webhook`;
	const parameters = { events: ['case.status-updated'] };
	const node = { id: randomUUID(), webhookId: randomUUID() };
	const deliver = async (nodeType: TriggerClass, staticData: IDataObject, request: RecordedRequest) =>
		await runWebhook({
			nodeType,
			credentialType: PersonaApi,
			credentials: credentials(),
			parameters,
			node,
			staticData,
			request: { method: 'POST', headers: request.headers, body: request.json, rawBody: request.rawBody },
		});
	async function statusChange(): Promise<RecordedRequest> {
		receiver.requests.length = 0;
		const c = [...(sim.state.cases as Map<string, { id: string }>).values()][0];
		const current = sim.control.getCase(c.id)?.attributes.status as string | undefined;
		sim.control.setCaseStatus(c.id, current === 'Pending' ? 'Open' : 'Pending');
		await sim.control.flushDeliveries();
		const delivery = receiver.requests.find((r) => r.text.includes('case.status-updated'));
		if (!delivery) throw new Error('the simulator delivered no case.status-updated event');
		return delivery;
	}
	const idOf = (r: RecordedRequest) => ((r.json as IDataObject).data as IDataObject).id as string;

	it('keeps the webhook it registered and the handled event ids in the same static data; the repeat after a restart is a duplicate', async () => {
		const staticData: IDataObject = {};
		const method = async (m: 'checkExists' | 'create') =>
			await runWebhookMethod({ nodeType: PersonaTrigger, credentialType: PersonaApi, credentials: credentials(), parameters, method: m, webhookUrl: hookUrl(), staticData });
		if (!(await method('checkExists')).result) await method('create');
		expect(staticData.webhookId).toMatch(/^wbh_/);

		const E = await statusChange();
		const first = await deliver(PersonaTrigger, staticData, E);
		expect(first.workflowData?.[0]).toHaveLength(1);
		expect(first.noWebhookResponse).toBe(true);
		expect(first.responseCaptured).toMatchObject({ status: 200, body: STARTED });
		expect(Object.keys(staticData.recentEventIds as IDataObject)).toEqual([idOf(E)]);
		expect(staticData.webhookId).toMatch(/^wbh_/);

		const Restarted = await afterRestart<typeof PersonaTrigger>('../../nodes/Persona/PersonaTrigger.node', 'PersonaTrigger');
		const repeat = await deliver(Restarted, staticData, E);
		expect(repeat.workflowData).toBeUndefined();
		expect(repeat.webhookResponse).toEqual({ received: true, duplicate: true });

		const F = await statusChange();
		const next = await deliver(Restarted, staticData, F);
		expect(next.workflowData?.[0]?.[0]?.json).toMatchObject({ eventId: idOf(F) });
		expect(Object.keys(staticData.recentEventIds as IDataObject)).toEqual([idOf(E), idOf(F)]);
	});
});
