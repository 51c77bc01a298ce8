import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { PersonaApi } from '../../credentials/PersonaApi.credentials';
import { PersonaTrigger } from '../../nodes/Persona/PersonaTrigger.node';
import { runWebhook, runWebhookMethod, startTestServer, type RecordedRequest, type TestServer } from '../harness';
import { startPersonaSimulator } from '../../simulators/persona';

type Sim = Awaited<ReturnType<typeof startPersonaSimulator>>;
type Resource = { type: string; id: string; attributes: IDataObject; relationships: Record<string, { data: IDataObject | null }> };

let sim: Sim;
let receiver: TestServer;

beforeAll(async () => {
	sim = await startPersonaSimulator({ seed: 5, caseCount: 30 });
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

const credentials = () => ({ personaApi: { apiKey: sim.apiKey, baseUrl: sim.baseUrl } });
const hookUrl = () => `${receiver.url}/webhook/persona-objects/webhook`;
const objects = () => sim.control.objects() as unknown as { inquiries: Resource[]; accounts: Resource[]; reports: Resource[] };
const liveHooks = () => sim.control.webhooks().filter((h: { attributes: IDataObject }) => h.attributes.status !== 'archived');

async function lifecycle(method: 'checkExists' | 'create' | 'delete', staticData: IDataObject, parameters: INodeParameters) {
	return await runWebhookMethod({ nodeType: PersonaTrigger, credentialType: PersonaApi, credentials: credentials(), parameters, method, webhookUrl: hookUrl(), staticData });
}

async function deliver(request: RecordedRequest, staticData: IDataObject, parameters: INodeParameters) {
	return await runWebhook({
		nodeType: PersonaTrigger,
		credentialType: PersonaApi,
		credentials: credentials(),
		parameters,
		staticData,
		request: { method: 'POST', headers: request.headers, body: request.json, rawBody: request.rawBody },
	});
}

const delivered = (name: string) => receiver.requests.filter((r) => r.text.includes(`"name":"${name}"`));

describe('Persona Trigger › inquiry, account and report events', () => {
	const parameters = { events: ['inquiry.completed', 'inquiry.approved', 'account.tag-added', 'report/watchlist.ready'] };

	it('registers the object events and turns an inquiry.completed delivery into a flat inquiry item', async () => {
		const staticData: IDataObject = {};
		await lifecycle('create', staticData, parameters);
		expect(liveHooks()[0].attributes['enabled-events']).toEqual(parameters.events);

		const q = objects().inquiries.find((i) => i.attributes.status === 'pending')!;
		sim.control.completeInquiry(q.id);
		await sim.control.flushDeliveries();
		const [delivery] = delivered('inquiry.completed');
		expect(delivery).toBeDefined();
		const result = await deliver(delivery, staticData, parameters);
		const item = result.workflowData![0][0].json;
		const event = (delivery.json as IDataObject).data as IDataObject;
		expect(item).toEqual({
			event: 'inquiry.completed',
			eventId: event.id,
			eventCreatedAt: (event.attributes as IDataObject)['created-at'],
			vendor: 'persona',
			type: 'inquiry',
			id: q.id,
			reference: q.attributes['reference-id'],
			status: 'completed',
			name: `${q.attributes['name-first']} ${q.attributes['name-last']}`,
			emailAddress: q.attributes['email-address'],
			accountId: q.relationships.account.data!.id,
			templateId: q.relationships['inquiry-template'].data!.id,
			tags: [],
			note: null,
			createdAt: q.attributes['created-at'],
			updatedAt: expect.any(String),
			completedAt: expect.any(String),
			decisionedAt: null,
			expiredAt: null,
			redactedAt: null,
			caseId: null,
		});

		// Simplify off: the event name beside Persona's body, unchanged.
		const raw = await deliver(delivery, staticData, { ...parameters, simplify: false, options: { dedupeWindowSeconds: 0 } });
		expect(raw.workflowData![0][0].json).toEqual({ event: 'inquiry.completed', ...(delivery.json as IDataObject) });
	});

	it('gives report and account events their own flat shapes', async () => {
		const staticData: IDataObject = {};
		await lifecycle('create', staticData, parameters);
		const report = objects().reports.find((r) => r.type === 'report/watchlist')!;
		await sim.control.sendEvent({ objectId: report.id, name: 'report/watchlist.ready', caseId: '' });
		const account = objects().accounts[0];
		await sim.control.sendEvent({ objectId: account.id, name: 'account.tag-added', caseId: '' });
		const [reportItem] = (await deliver(delivered('report/watchlist.ready')[0], staticData, parameters)).workflowData![0];
		expect(reportItem.json).toMatchObject({ event: 'report/watchlist.ready', type: 'report/watchlist', reportType: 'watchlist', id: report.id, status: 'ready', hasMatch: report.attributes['has-match'] });
		const [accountItem] = (await deliver(delivered('account.tag-added')[0], staticData, parameters)).workflowData![0];
		expect(accountItem.json).toMatchObject({ event: 'account.tag-added', type: 'account', id: account.id, reference: account.attributes['reference-id'] });
	});

	it('refuses a malformed Other Events name before registering anything', async () => {
		await expect(lifecycle('create', {}, { ...parameters, otherEvents: 'inquiry.completed, Inquiry Approved' })).rejects.toThrow(
			'Other Events: "Inquiry Approved" is not a Persona event name',
		);
		expect(liveHooks()).toHaveLength(0);
		expect(sim.control.requests().filter((r: { path: string }) => r.path.startsWith('/api/v1/webhooks'))).toHaveLength(0);
	});
});
