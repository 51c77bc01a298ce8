import { createHmac } from 'crypto';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import {
	ITEMS_SOURCE_TYPE,
	MANUAL_TRIGGER_TYPE,
	readBinary,
	reportedErrors,
	runNode,
	runPoll,
	runWebhook,
	runWebhookMethod,
	runWorkflow,
} from '../harness';
import {
	FixtureApi,
	FixtureFnApi,
	FixtureOAuth2Api,
	FixtureSessionApi,
} from './fixtures/FixtureApi.credentials';
import { FixtureDeclarative } from './fixtures/FixtureDeclarative.node';
import { FixtureBinaryReader, FixtureNode } from './fixtures/FixtureNode.node';
import { FixtureTrigger } from './fixtures/FixtureTrigger.node';
import type { FixtureApiServer } from './fixtures/fixture-api';
import {
	API_KEY,
	FN_API_KEY,
	OAUTH_CLIENT_ID,
	OAUTH_CLIENT_SECRET,
	startFixtureApi,
} from './fixtures/fixture-api';

const credentialTypes = [FixtureApi, FixtureFnApi, FixtureSessionApi, FixtureOAuth2Api];

describe('workflow test harness (n8n-core WorkflowExecute)', () => {
	let api: FixtureApiServer;
	const creds = () => ({
		fixtureApi: { apiKey: API_KEY, baseUrl: api.url, webhookSecret: 'whsec' },
		fixtureFnApi: { apiKey: FN_API_KEY, baseUrl: api.url },
		fixtureSessionApi: { username: 'alice', password: 'pw', baseUrl: api.url, sessionToken: '' },
		fixtureOAuth2Api: { clientId: OAUTH_CLIENT_ID, clientSecret: OAUTH_CLIENT_SECRET, baseUrl: api.url },
	});

	beforeAll(async () => {
		api = await startFixtureApi();
	});
	afterAll(async () => {
		await api.close();
	});
	beforeEach(() => {
		api.requests.length = 0;
	});

	it('injects the key through the generic authenticate expression and sets pairedItem', async () => {
		const { status, items, error } = await runNode({
			nodeType: FixtureNode,
			credentialTypes,
			credentials: creds(),
			parameters: { operation: 'get', caseId: '={{ $json.caseId }}' },
			items: [{ caseId: 'c-1' }, { caseId: 'c-2' }],
		});
		expect(error).toBeUndefined();
		expect(status).toBe('success');
		expect(items.map((i) => i.json)).toEqual([
			{ id: 'c-1', status: 'approved', via: 'apiKey', tenant: 'default-tenant' },
			{ id: 'c-2', status: 'approved', via: 'apiKey', tenant: 'default-tenant' },
		]);
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		const caseRequests = api.requests.filter((r) => r.path.startsWith('/cases/'));
		expect(caseRequests).toHaveLength(2);
		expect(caseRequests[0].headers.authorization).toBe(`Bearer ${API_KEY}`);
		expect(caseRequests[0].query).toEqual({ tenant: 'default-tenant' });
	});

	it('supports the function form of authenticate', async () => {
		const { items, error } = await runNode({
			nodeType: FixtureNode,
			credentialTypes,
			credentials: creds(),
			parameters: { authentication: 'fnKey', operation: 'get', caseId: 'c-9' },
		});
		expect(error).toBeUndefined();
		expect(items[0].json).toEqual({ id: 'c-9', status: 'approved', via: 'fnKey', tenant: null });
		expect(api.requests[0].headers['x-api-key']).toBe(FN_API_KEY);
		expect(api.requests[0].headers.authorization).toBeUndefined();
	});

	it('runs preAuthentication for an empty expirable property and again after a 401', async () => {
		const first = await runNode({
			nodeType: FixtureNode,
			credentialTypes,
			credentials: creds(),
			parameters: { authentication: 'session', operation: 'get', caseId: 'c-1' },
		});
		expect(first.error).toBeUndefined();
		expect(first.items[0].json.via).toBe('session');
		expect(first.result.credentials.fixtureSessionApi.sessionToken).toBe('session-1');
		expect(api.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /session', 'GET /cases/c-1']);

		// server forgets the session: stored token is now stale -> 401 -> preAuthentication(expired) -> retry
		api.state.sessions.clear();
		api.requests.length = 0;
		const second = await runNode({
			nodeType: FixtureNode,
			credentialTypes,
			credentials: first.result.credentials,
			parameters: { authentication: 'session', operation: 'get', caseId: 'c-2' },
		});
		expect(second.error).toBeUndefined();
		expect(second.items[0].json.via).toBe('session');
		expect(api.requests.map((r) => `${r.method} ${r.path} ${String(r.headers['x-session'] ?? '')}`)).toEqual([
			'GET /cases/c-2 session-1',
			'POST /session ',
			'GET /cases/c-2 session-2',
		]);
		expect(second.result.credentials.fixtureSessionApi.sessionToken).toBe('session-2');
	});

	it('signs requests with an OAuth2 client-credentials token (credential extends oAuth2Api)', async () => {
		const { items, error, result } = await runNode({
			nodeType: FixtureNode,
			credentialTypes,
			credentials: creds(),
			parameters: { authentication: 'oAuth2', operation: 'get', caseId: 'c-3' },
		});
		expect(error).toBeUndefined();
		expect(items[0].json.via).toBe('oAuth2');
		const tokenRequest = api.requests.find((r) => r.path === '/oauth/token');
		// accessTokenUrl default `={{$self["baseUrl"]}}/oauth/token` was resolved by the credentials helper
		expect(Object.fromEntries(new URLSearchParams(tokenRequest?.text))).toMatchObject({
			grant_type: 'client_credentials',
			client_id: OAUTH_CLIENT_ID,
			client_secret: OAUTH_CLIENT_SECRET,
			scope: 'cases:read',
		});
		expect(api.requests.find((r) => r.path === '/cases/c-3')?.headers.authorization).toBe('Bearer oauth-1');
		expect((result.credentials.fixtureOAuth2Api.oauthTokenData as IDataObject).access_token).toBe('oauth-1');
	});

	it('turns a thrown NodeApiError into an error item with continueOnFail', async () => {
		const { status, items, error } = await runNode({
			nodeType: FixtureNode,
			credentialTypes,
			credentials: creds(),
			parameters: { operation: 'get', caseId: '={{ $json.caseId }}' },
			items: [{ caseId: 'c-1' }, { caseId: 'missing' }, { caseId: 'c-3' }],
			continueOnFail: true,
		});
		expect(status).toBe('success');
		expect(error).toBeUndefined();
		expect(items).toHaveLength(3);
		// n8n's NodeApiError replaces the message for well-known status codes
		expect(items[1]).toEqual({
			json: { error: 'The resource you are requesting could not be found' },
			pairedItem: { item: 1 },
		});
		expect(items[2].json.id).toBe('c-3');
	});

	it('routes error items to the error output with onError=continueErrorOutput', async () => {
		const { outputs } = await runNode({
			nodeType: FixtureNode,
			credentialTypes,
			credentials: creds(),
			parameters: { operation: 'get', caseId: '={{ $json.caseId }}' },
			items: [{ caseId: 'c-1' }, { caseId: 'missing' }],
			onError: 'continueErrorOutput',
		});
		expect(outputs[0].map((i) => i.json.id)).toEqual(['c-1']);
		// error items are merged with their paired input item by the engine
		expect(outputs[1]).toEqual([
			{
				json: { caseId: 'missing', error: 'The resource you are requesting could not be found' },
				pairedItem: { item: 1 },
			},
		]);
	});

	it('fails the run with the node error when continueOnFail is off', async () => {
		const { status, items, error, result } = await runNode({
			nodeType: FixtureNode,
			credentialTypes,
			credentials: creds(),
			parameters: { operation: 'get', caseId: 'invalid' },
		});
		expect(status).toBe('error');
		expect(items).toEqual([]);
		// WorkflowExecute stores the error spread into a plain object ({ ...error, message, stack })
		expect(error).toMatchObject({
			name: 'NodeApiError',
			message: 'Your request is invalid or could not be processed by the service',
			description: 'Validation failed',
			httpCode: '422',
			node: expect.objectContaining({ name: 'Node' }),
			context: expect.objectContaining({
				itemIndex: 0,
				data: { message: 'Validation failed', errors: [{ field: 'id' }] },
			}),
		});
		expect(result.error).toMatchObject({ name: 'NodeApiError', httpCode: '422' });
		expect(result.nodeError('Node')).toBe(error);
		// the thrown instance reached n8n-core's ErrorReporter
		const reported = reportedErrors().map((r) => r.error);
		expect(reported.some((e) => e instanceof NodeApiError && e.httpCode === '422')).toBe(true);
	});

	it('reports missing credentials like n8n does', async () => {
		const { status, error } = await runNode({
			nodeType: FixtureNode,
			credentialTypes,
			credentials: {},
			parameters: { operation: 'get', caseId: 'c-1' },
		});
		expect(status).toBe('error');
		expect(error).toMatchObject({ name: 'NodeOperationError', message: 'Node does not have any credentials set' });
	});

	it.each(['memory', 'filesystem'] as const)(
		'stores binary data from prepareBinaryData readable downstream (%s mode)',
		async (binaryDataMode) => {
			const result = await runWorkflow({
				nodeTypes: [new FixtureNode(), new FixtureBinaryReader()],
				credentialTypes,
				credentials: creds(),
				binaryDataMode,
				input: [{ caseId: 'd-1' }, { caseId: 'd-2' }],
				workflow: {
					nodes: [
						{ name: 'Start', type: MANUAL_TRIGGER_TYPE },
						{
							name: 'Download',
							type: 'n8n-nodes-compliance-cases.fixture',
							parameters: { operation: 'download', caseId: '={{ $json.caseId }}' },
						},
						{ name: 'Reader', type: 'fixtureBinaryReader' },
					],
					connections: {
						Start: { main: [[{ node: 'Download', type: 'main', index: 0 }]] },
						Download: { main: [[{ node: 'Reader', type: 'main', index: 0 }]] },
					},
				},
			});
			expect(result.error).toBeUndefined();
			expect(result.executionOrder).toEqual(['Start', 'Download', 'Reader']);
			const downloaded = result.items('Download');
			expect(downloaded).toHaveLength(2);
			const binary = downloaded[0].binary!.data;
			expect(binary.mimeType).toBe('text/plain');
			expect(binary.fileName).toBe('d-1.txt');
			if (binaryDataMode === 'filesystem') {
				expect(binary.id).toMatch(/^filesystem-v2:/);
			} else {
				expect(binary.id).toBeUndefined();
			}
			expect((await readBinary(downloaded[1])).toString()).toBe('document d-2');
			expect(result.items('Reader').map((i) => i.json)).toEqual([
				{ text: 'document d-1', mimeType: 'text/plain', fileName: 'd-1.txt' },
				{ text: 'document d-2', mimeType: 'text/plain', fileName: 'd-2.txt' },
			]);
			expect(result.items('Reader').map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		},
	);

	it('feeds items (including inline binary) from a test.itemsSource node', async () => {
		const source: INodeExecutionData[] = [
			{ json: { n: 1 }, binary: { data: { data: Buffer.from('abc').toString('base64'), mimeType: 'text/plain', fileName: 'a.txt' } } },
		];
		const result = await runWorkflow({
			nodeTypes: { reader: new FixtureBinaryReader() },
			workflow: {
				nodes: [
					{ name: 'Items', type: ITEMS_SOURCE_TYPE, parameters: { items: JSON.stringify(source) } },
					{ name: 'Reader', type: 'reader' },
				],
				connections: { Items: { main: [[{ node: 'Reader', type: 'main', index: 0 }]] } },
			},
		});
		expect(result.status).toBe('success');
		expect(result.items('Reader')[0].json).toEqual({ text: 'abc', mimeType: 'text/plain', fileName: 'a.txt' });
	});

	describe('webhook methods (HookContext)', () => {
		it('create stores into static data, checkExists reads it, delete clears it', async () => {
			const staticData: IDataObject = {};
			const base = {
				nodeType: FixtureTrigger,
				credentialTypes,
				credentials: creds(),
				parameters: { event: 'case.approved' },
				staticData,
			};

			const before = await runWebhookMethod({ ...base, method: 'checkExists' });
			expect(before.result).toBe(false);

			const created = await runWebhookMethod({
				...base,
				method: 'create',
				webhookUrl: 'https://n8n.example.com/webhook/abc/webhook',
			});
			expect(created.result).toBe(true);
			expect(created.staticData).toBe(staticData);
			// persisted as JSON like n8n stores static data
			expect(staticData).toEqual({ webhookId: 'hook-1', createdAt: '2024-01-02T03:04:05.000Z' });
			expect(api.state.hooks).toEqual([
				{ id: 'hook-1', url: 'https://n8n.example.com/webhook/abc/webhook', event: 'case.approved' },
			]);
			expect(api.requests.find((r) => r.method === 'POST')?.headers.authorization).toBe(`Bearer ${API_KEY}`);

			const exists = await runWebhookMethod({
				...base,
				method: 'checkExists',
				webhookUrl: 'https://n8n.example.com/webhook/abc/webhook',
			});
			expect(exists.result).toBe(true);

			// a different URL (computed by n8n from the node's webhookId) does not match
			const other = await runWebhookMethod({ ...base, method: 'checkExists', node: { webhookId: 'wh-1' } });
			expect(other.webhookUrl).toBe('http://localhost:5678/webhook/wh-1/webhook');
			expect(other.result).toBe(false);

			const deleted = await runWebhookMethod({ ...base, method: 'delete' });
			expect(deleted.result).toBe(true);
			expect(staticData).toEqual({});
			expect(api.state.hooks).toEqual([]);
		});
	});

	describe('webhook (WebhookContext)', () => {
		const sign = (raw: string) => createHmac('sha256', 'whsec').update(raw).digest('hex');

		it('hands rawBody to the node and returns workflow data for a valid signature', async () => {
			const raw = '{"event":"case.updated","caseId":"c-1"}';
			const { workflowData, responseCaptured, noWebhookResponse } = await runWebhook({
				nodeType: FixtureTrigger,
				credentialTypes,
				credentials: creds(),
				request: {
					method: 'POST',
					headers: { 'Content-Type': 'application/json', 'X-Signature': sign(raw) },
					query: { source: 'test' },
					rawBody: Buffer.from(raw),
				},
			});
			expect(noWebhookResponse).toBeUndefined();
			expect(responseCaptured.ended).toBe(false);
			expect(workflowData?.[0].map((i) => i.json)).toEqual([
				{ event: 'case.updated', caseId: 'c-1', rawLength: raw.length, webhookName: 'default', query: { source: 'test' } },
			]);
		});

		it('lets the node answer 401 through the response object', async () => {
			const { workflowData, responseCaptured, noWebhookResponse } = await runWebhook({
				nodeType: FixtureTrigger,
				credentialTypes,
				credentials: creds(),
				request: {
					headers: { 'x-signature': 'nope' },
					body: { event: 'case.updated' },
				},
			});
			expect(workflowData).toBeUndefined();
			expect(noWebhookResponse).toBe(true);
			expect(responseCaptured).toEqual({
				status: 401,
				headers: { 'content-type': 'application/json; charset=utf-8' },
				body: { message: 'invalid signature' },
				ended: true,
			});
		});
	});

	describe('poll (PollContext via PollTriggerExecutor)', () => {
		it('emits new events and keeps the cursor in static data', async () => {
			const staticData: IDataObject = {};
			const base = { nodeType: FixtureTrigger, credentialTypes, credentials: creds(), staticData };

			const first = await runPoll(base);
			expect(first.error).toBeUndefined();
			expect(first.items?.[0].map((i) => i.json.id)).toEqual([1, 2]);
			expect(staticData).toEqual({ cursor: 2 });

			const second = await runPoll(base);
			expect(second.items).toBeNull();

			api.state.events.push({ id: 3, type: 'case.closed' });
			const third = await runPoll(base);
			expect(third.items?.[0].map((i) => i.json)).toEqual([{ id: 3, type: 'case.closed' }]);
			expect(staticData).toEqual({ cursor: 3 });
			expect(api.requests.every((r) => r.headers.authorization === `Bearer ${API_KEY}`)).toBe(true);
		});

		it('returns the error of a failing poll', async () => {
			const { items, error } = await runPoll({
				nodeType: FixtureTrigger,
				credentialTypes,
				credentials: { fixtureApi: { apiKey: 'wrong', baseUrl: api.url } },
			});
			expect(items).toBeNull();
			expect(error).toBeInstanceOf(NodeApiError);
			expect(error).toMatchObject({
				message: 'Authorization failed - please check your credentials',
				httpCode: '401',
			});
		});
	});

	describe('more engine paths', () => {
		it('runs a declarative (routing) node through RoutingNode with credential injection', async () => {
			const { items, error } = await runNode({
				nodeType: FixtureDeclarative,
				credentialTypes,
				credentials: creds(),
				parameters: { operation: 'get', caseId: '={{ $json.caseId }}' },
				items: [{ caseId: 'r-1' }, { caseId: 'r 2' }],
			});
			expect(error).toBeUndefined();
			expect(items.map((i) => i.json.id)).toEqual(['r-1', 'r 2']);
			expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
			expect(api.requests.map((r) => [r.path, r.headers.authorization, r.headers.accept])).toEqual([
				['/cases/r-1', `Bearer ${API_KEY}`, 'application/json'],
				['/cases/r%202', `Bearer ${API_KEY}`, 'application/json'],
			]);
		});

		it('looks credentials up by node credential id (two accounts of one type)', async () => {
			const result = await runWorkflow({
				nodeTypes: [FixtureNode],
				credentialTypes,
				credentials: {
					acctA: { apiKey: API_KEY, baseUrl: api.url },
					acctB: { apiKey: 'revoked', baseUrl: api.url },
				},
				workflow: {
					nodes: [
						{ name: 'Start', type: MANUAL_TRIGGER_TYPE },
						{
							name: 'A',
							type: 'fixture',
							parameters: { caseId: 'a' },
							credentials: { fixtureApi: { id: 'acctA', name: 'Account A' } },
						},
						{
							name: 'B',
							type: 'fixture',
							parameters: { caseId: 'b' },
							credentials: { fixtureApi: { id: 'acctB', name: 'Account B' } },
							onError: 'continueRegularOutput',
						},
					],
					connections: {
						Start: { main: [[{ node: 'A', type: 'main', index: 0 }]] },
						A: { main: [[{ node: 'B', type: 'main', index: 0 }]] },
					},
				},
			});
			expect(result.status).toBe('success');
			expect(result.items('A')[0].json.id).toBe('a');
			expect(result.items('B')[0].json.error).toBe('Authorization failed - please check your credentials');
		});

		it('continues a workflow from webhook output (trigger node passes its input through)', async () => {
			const raw = JSON.stringify({ caseId: 'c-77' });
			const hook = await runWebhook({
				nodeType: FixtureTrigger,
				credentialTypes,
				credentials: creds(),
				request: { rawBody: Buffer.from(raw), headers: {
					'content-type': 'application/json',
					'x-signature': createHmac('sha256', 'whsec').update(raw).digest('hex'),
				} },
			});
			const result = await runWorkflow({
				nodeTypes: [FixtureTrigger, FixtureNode],
				credentialTypes,
				credentials: creds(),
				mode: 'webhook',
				input: hook.workflowData![0],
				workflow: {
					nodes: [
						{ name: 'Trigger', type: 'fixtureTrigger' },
						{ name: 'Get', type: 'fixture', parameters: { caseId: '={{ $json.caseId }}' } },
					],
					connections: { Trigger: { main: [[{ node: 'Get', type: 'main', index: 0 }]] } },
				},
			});
			expect(result.status).toBe('success');
			expect(result.executionOrder).toEqual(['Trigger', 'Get']);
			expect(result.items('Get')[0].json).toMatchObject({ id: 'c-77', status: 'approved' });
		});
	});
});
