/**
 * Regression tests for the core defects of issue 7 that show in a node run: idempotency keys in
 * loops, credentials on foreign hosts, per-credential rate-limit budgets, the monotonic limiter,
 * report polling with bad numbers, redaction of keys saved with spaces, per-item routing.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeParameters, INodeType } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { CertnApi } from '../../credentials/CertnApi.credentials';
import { PersonaApi } from '../../credentials/PersonaApi.credentials';
import { Certn } from '../../nodes/Certn/Certn.node';
import { Persona } from '../../nodes/Persona/Persona.node';
import { personaApi } from '../../nodes/Persona/api';
import { routeItems } from '../../core/execute';
import { apiRequest } from '../../core/request';
import { limiterFor } from '../../core/rateLimit';
import { timing } from '../../core/timing';
import { MANUAL_TRIGGER_TYPE, runNode, runWorkflow, startTestServer, type TestServer } from '../harness';
import { useVirtualClock } from '../harness/clock';
import { startCertnSimulator } from '../../simulators/certn';
import { startPersonaSimulator } from '../../simulators/persona';

type PersonaSim = Awaited<ReturnType<typeof startPersonaSimulator>>;
type SimCase = { id: string; templateId: string; attributes: IDataObject };

let sim: PersonaSim;
let elsewhere: TestServer;

beforeAll(async () => {
	sim = await startPersonaSimulator({ seed: 5, caseCount: 30 });
	elsewhere = await startTestServer(() => ({ status: 200, body: { data: [] } }));
});
afterAll(async () => {
	await elsewhere.close();
	await sim.stop();
});
beforeEach(() => {
	sim.control.reset();
	elsewhere.requests.length = 0;
});

const cases = (): SimCase[] => [...(sim.state.cases as Map<string, SimCase>).values()];
const template = () => [...(sim.state.templates as Map<string, { id: string; name: string }>).values()][0];
const posts = () => sim.control.requests().filter((r: { method: string; path: string }) => r.method === 'POST' && r.path === '/api/v1/cases');
const personaCredentials = (apiKey = sim.apiKey) => ({ personaApi: { apiKey, baseUrl: sim.baseUrl } });

/** Sends its items back to output 0 until it has run `times` times, then to output 1. */
const loopNode: INodeType = {
	description: {
		displayName: 'Loop',
		name: 'testLoop',
		group: ['transform'],
		version: 1,
		description: 'Runs the branch on output 0 again, like a loop or Wait and back',
		defaults: { name: 'Loop' },
		inputs: ['main'],
		outputs: ['main', 'main'],
		properties: [{ displayName: 'Times', name: 'times', type: 'number', default: 2 }],
	},
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const times = this.getNodeParameter('times', 0) as number;
		const runIndex = Number(this.getWorkflowDataProxy(0).$runIndex);
		const items = this.getInputData();
		return runIndex + 1 < times ? [items, []] : [[], items];
	},
};

describe('idempotency keys in loops (issue 7.1)', () => {
	it('a create that runs again in the same execution with the same body makes a new case', async () => {
		const before = cases().length;
		const result = await runWorkflow({
			nodeTypes: [Persona, loopNode],
			credentialTypes: [PersonaApi],
			credentials: personaCredentials(),
			workflow: {
				nodes: [
					{ name: 'Start', type: MANUAL_TRIGGER_TYPE },
					{
						name: 'Create',
						type: 'n8n-nodes-compliance-cases.persona',
						parameters: { resource: 'case', operation: 'create', caseTemplateId: template().id },
					},
					{ name: 'Loop', type: 'testLoop', parameters: { times: 3 } },
				],
				connections: {
					Start: { main: [[{ node: 'Create', type: 'main', index: 0 }]] },
					Create: { main: [[{ node: 'Loop', type: 'main', index: 0 }]] },
					Loop: { main: [[{ node: 'Create', type: 'main', index: 0 }], []] },
				},
			},
		});
		expect(result.error).toBeUndefined();
		const created = [0, 1, 2].map((run) => result.items('Create', 0, run)[0].json.id);
		expect(new Set(created).size).toBe(3);
		expect(cases().length).toBe(before + 3);
		const keys = posts().map((r: { headers: IDataObject }) => r.headers['idempotency-key']);
		expect(new Set(keys).size).toBe(3);
	});

	it('Retry On Fail repeats the same run, so the retried create keeps its key', async () => {
		const clock = useVirtualClock(Date.now());
		const before = cases().length;
		// Two answers lost after the case was made: the node's own retries, then n8n's Retry On Fail.
		sim.control.pushFaults({ type: 503, count: 5, method: 'POST' });
		const { items, error } = await runNode({
			nodeType: Persona,
			credentialType: PersonaApi,
			credentials: personaCredentials(),
			parameters: { resource: 'case', operation: 'create', caseTemplateId: template().id },
			node: { retryOnFail: true, maxTries: 2, waitBetweenTries: 0 },
		}).finally(() => clock.restore());
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		expect(new Set(posts().map((r: { headers: IDataObject }) => r.headers['idempotency-key'])).size).toBe(1);
		expect(cases().length).toBe(before + 1);
	});
});

describe('credentials stay on the credential\'s host (issue 7.8)', () => {
	it('refuses to send an absolute URL on another origin with the credential', async () => {
		const { error } = await runNode({
			nodeType: {
				description: { ...new Persona().description, name: 'personaProbe', displayName: 'Persona Probe' },
				async execute(this: IExecuteFunctions) {
					await apiRequest.call(this, personaApi, { method: 'GET', url: `${elsewhere.url}/api/v1/cases?page[after]=x` });
					return [[]];
				},
			} as INodeType,
			credentialType: PersonaApi,
			credentials: personaCredentials(),
			parameters: { resource: 'case', operation: 'getAll' },
		});
		expect(error?.message).toMatch(/refused to send the credential to http:\/\/127\.0\.0\.1:\d+/);
		expect(elsewhere.requests).toHaveLength(0);
	});
});

describe('rate-limit budgets (issue 7.9)', () => {
	let clock: ReturnType<typeof useVirtualClock>;
	beforeEach(() => {
		clock = useVirtualClock(5_000_000);
	});
	afterEach(() => clock.restore());

	it('one organisation\'s spent budget does not hold up another organisation\'s key', async () => {
		// Persona counts each organisation's requests on its own: A's budget is spent, B's is not.
		const api = await startTestServer((req) => ({
			status: 200,
			headers: String(req.headers.authorization).endsWith('org_a_key_0001')
				? { 'RateLimit-Limit': '300', 'RateLimit-Remaining': '0', 'RateLimit-Reset': '60' }
				: { 'RateLimit-Limit': '300', 'RateLimit-Remaining': '299', 'RateLimit-Reset': '60' },
			body: { data: { id: 'case_abc', type: 'case', attributes: { status: 'Open' } } },
		}));
		const getWith = async (apiKey: string) =>
			await runNode({
				nodeType: Persona,
				credentialType: PersonaApi,
				credentials: { personaApi: { apiKey, baseUrl: `${api.url}/api/v1` } },
				parameters: { resource: 'case', operation: 'get', caseId: { __rl: true, mode: 'id', value: 'case_abc' } },
			});
		try {
			expect((await getWith('persona_production_org_a_key_0001')).error).toBeUndefined();
			const before = clock.sleeps.length;
			expect((await getWith('persona_production_org_b_key_0002')).error).toBeUndefined();
			expect(clock.sleeps.slice(before)).toEqual([]);
			// A itself waits for the reset the server announced.
			expect((await getWith('persona_production_org_a_key_0001')).error).toBeUndefined();
			expect(clock.sleeps.slice(before).reduce((sum, ms) => sum + ms, 0)).toBeGreaterThanOrEqual(59_000);
			expect(api.requests).toHaveLength(3);
		} finally {
			await api.close();
		}
	});

	it('the same key with another webhook secret spends the same budget', async () => {
		const api = await startTestServer(() => ({
			status: 200,
			headers: { 'RateLimit-Limit': '300', 'RateLimit-Remaining': '0', 'RateLimit-Reset': '60' },
			body: { data: { id: 'case_abc', type: 'case', attributes: { status: 'Open' } } },
		}));
		const sharedKey = ['persona', 'production', 'shared', 'key', '0003'].join('_');
		const getWith = async (webhookSecret: string) =>
			await runNode({
				nodeType: Persona,
				credentialType: PersonaApi,
				credentials: { personaApi: { apiKey: sharedKey, webhookSecret, baseUrl: `${api.url}/api/v1` } },
				parameters: { resource: 'case', operation: 'get', caseId: { __rl: true, mode: 'id', value: 'case_abc' } },
			});
		try {
			expect((await getWith('wbhsec_first_000001')).error).toBeUndefined();
			const before = clock.sleeps.length;
			// A second workflow's credential: the same organisation key, another webhook secret.
			expect((await getWith('wbhsec_second_00002')).error).toBeUndefined();
			expect(clock.sleeps.slice(before).reduce((sum, ms) => sum + ms, 0)).toBeGreaterThanOrEqual(59_000);
		} finally {
			await api.close();
		}
	});

	it('a wall clock stepped back an hour does not make callers wait', async () => {
		const limiter = limiterFor('clock-step-test', 2, 1000);
		await limiter.acquire();
		await limiter.acquire();
		// The system clock jumps back an hour; the monotonic clock goes on.
		timing.now = () => clock.now - 3_600_000;
		const t0 = clock.now;
		await limiter.acquire();
		expect(clock.now - t0).toBeLessThanOrEqual(1000);
	});

	it('maxWaitMs: a request that would wait longer than allowed is not sent', async () => {
		const limiter = limiterFor('max-wait-test', 1, 60_000);
		await limiter.acquire();
		expect(await limiter.acquire(5_000)).toBe(false);
		expect(limiter.waitMs()).toBeGreaterThan(5_000);
	});
});

describe('Certn report polling with bad numbers (issue 7.10)', () => {
	let certn: Awaited<ReturnType<typeof startCertnSimulator>>;
	let clock: ReturnType<typeof useVirtualClock>;
	beforeAll(async () => {
		certn = await startCertnSimulator({ seed: 3, caseCount: 5 });
	});
	afterAll(async () => await certn.stop());
	beforeEach(() => {
		clock = useVirtualClock(9_000_000);
	});
	afterEach(() => clock.restore());

	const run = async (reportFileOptions: INodeParameters) =>
		await runNode({
			nodeType: Certn,
			credentialType: CertnApi,
			credentials: { certnApi: { apiKey: certn.apiKey, environment: 'custom', baseUrl: certn.baseUrl } },
			parameters: {
				resource: 'case',
				operation: 'getReportFile',
				reportFileId: '11111111-2222-4333-8444-555555555555',
				reportFileOptions,
			},
		});

	it.each([
		['Max Wait (Seconds)', { maxWaitSeconds: 'soon' }],
		['Poll Interval (Seconds)', { pollIntervalSeconds: 'often' }],
		['Poll Interval (Seconds)', { pollIntervalSeconds: 0 }],
		['Max Wait (Seconds)', { maxWaitSeconds: -5 }],
	])('names %s when it is not a usable number, before any request', async (label, options) => {
		certn.control.clearRequests?.();
		const { error } = await run(options);
		expect(error?.message).toContain(`${label}: "`);
		expect(error?.message).toMatch(/is not a number from/);
		expect(clock.sleeps).toEqual([]);
	});
});

describe('redaction of keys saved with spaces (issue 7.11)', () => {
	it('an Authorization header echoed in an error body never shows the key', async () => {
		const api = await startTestServer((req) => ({
			status: 400,
			body: { errors: [{ title: 'Bad request', detail: `echo: authorization=${String(req.headers.authorization)}` }] },
		}));
		try {
			const saved = ['persona', 'sandbox', 'secret', '0123456789'].join('_');
			const { error } = await runNode({
				nodeType: Persona,
				credentialType: PersonaApi,
				credentials: { personaApi: { apiKey: `  ${saved} `, baseUrl: `${api.url}/api/v1` } },
				parameters: { resource: 'case', operation: 'get', caseId: { __rl: true, mode: 'id', value: 'case_abc' } },
			});
			// The key reached the vendor (a stray space does not stop it from working there).
			expect(String(api.requests[0].headers.authorization).trim().endsWith(saved)).toBe(true);
			const shown = JSON.stringify({ message: error?.message, description: error?.description, error });
			expect(shown).toContain('Bad request');
			expect(shown).not.toContain('secret_0123456789');
		} finally {
			await api.close();
		}
	});
});

describe('item routing decided per item (issue 7.12)', () => {
	/**
	 * n8n does not evaluate expressions in our nodes' Operation field (noDataExpression), so the
	 * mechanism is tested with a probe node whose operation is read per item, the way routeItems
	 * reads it: reads are slow, writes fast, and every start and end is recorded.
	 */
	const events: string[] = [];
	const module = (kind: 'read' | 'write', ms: number) => ({
		description: [],
		parallel: kind === 'read',
		async execute(this: IExecuteFunctions, i: number) {
			events.push(`start ${i}`);
			await sleep(ms);
			events.push(`end ${i}`);
			return { i, kind };
		},
	});
	const probe: INodeType = {
		description: {
			displayName: 'Routing Probe',
			name: 'routingProbe',
			group: ['transform'],
			version: 1,
			description: 'Routes items like the action nodes do',
			defaults: { name: 'Routing Probe' },
			inputs: ['main'],
			outputs: ['main'],
			properties: [
				{ displayName: 'Resource', name: 'resource', type: 'string', default: 'case' },
				{ displayName: 'Operation', name: 'operation', type: 'string', default: '' },
			],
		},
		async execute(this: IExecuteFunctions) {
			return await routeItems.call(this, { case: { read: module('read', 15), write: module('write', 1) } });
		},
	};
	const run = async (ops: string[], continueOnFail = false) => {
		events.length = 0;
		return await runNode({
			nodeType: probe,
			items: ops.map((op) => ({ op })),
			continueOnFail,
			parameters: { resource: 'case', operation: '={{ $json.op }}' },
		});
	};

	it('a write waits for every item before it and runs alone, in item order, when item 0 is a read', async () => {
		const ops = ['read', 'write', 'read', 'write', 'write', 'read', 'read'];
		const { items, error } = await run(ops);
		expect(error).toBeUndefined();
		expect(items.map((i) => (i.pairedItem as { item: number }).item)).toEqual([0, 1, 2, 3, 4, 5, 6]);
		for (const [w, op] of ops.entries()) {
			if (op !== 'write') continue;
			const start = events.indexOf(`start ${w}`);
			const end = events.indexOf(`end ${w}`);
			// Nothing else starts or ends while a write runs, and everything before it has ended.
			expect(end).toBe(start + 1);
			for (let before = 0; before < w; before++) expect(events.indexOf(`end ${before}`)).toBeLessThan(start);
		}
		// Reads still overlap: items 5 and 6 run together.
		expect(events.indexOf('start 6')).toBeLessThan(events.indexOf('end 5'));
	});

	it('an item whose operation does not exist fails alone under Continue On Fail, item 0 included', async () => {
		const { items, error } = await run(['nope', 'read'], true);
		expect(error).toBeUndefined();
		expect(items).toHaveLength(2);
		expect(items[0].json.error).toMatch(/operation "nope" is not supported/);
		expect(items[1].json).toEqual({ i: 1, kind: 'read' });
	});

	it('in a real Persona node, an operation missing from the node fails the item, not the node', async () => {
		const { items: out, error } = await runNode({
			nodeType: Persona,
			credentialType: PersonaApi,
			credentials: personaCredentials(),
			items: [{}, {}],
			continueOnFail: true,
			parameters: { resource: 'case', operation: 'removedOperation' },
		});
		expect(error).toBeUndefined();
		expect(out.map((i) => i.json.error)).toEqual([
			expect.stringMatching(/operation "removedOperation" is not supported/),
			expect.stringMatching(/operation "removedOperation" is not supported/),
		]);
	});
});
