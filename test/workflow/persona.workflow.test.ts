import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { PersonaApi } from '../../credentials/PersonaApi.credentials';
import { Persona } from '../../nodes/Persona/Persona.node';
import { PERSONA_VERSION } from '../../nodes/Persona/api';
import { runNode } from '../harness';
import { startPersonaSimulator } from '../../simulators/persona';

type Sim = Awaited<ReturnType<typeof startPersonaSimulator>>;
type SimCase = { id: string; templateId: string; accountIds: string[]; attributes: IDataObject };

let sim: Sim;

beforeAll(async () => {
	sim = await startPersonaSimulator({ seed: 7, caseCount: 250 });
});
afterAll(async () => await sim.stop());
beforeEach(() => sim.control.reset());

const cases = (): SimCase[] => [...(sim.state.cases as Map<string, SimCase>).values()];
const templateNamed = (name: string) =>
	[...(sim.state.templates as Map<string, { id: string; name: string }>).values()].find((t) => t.name === name)!;
const caseOf = (template: string, status?: string) =>
	cases().find((c) => c.templateId === templateNamed(template).id && (!status || c.attributes.status === status))!;
const apiRequests = () => sim.control.requests().filter((r: { path: string }) => r.path.startsWith('/api/v1/'));

async function persona(parameters: IDataObject, options: { items?: IDataObject[]; continueOnFail?: boolean } = {}) {
	return await runNode({
		nodeType: Persona,
		credentialType: PersonaApi,
		credentials: { personaApi: { apiKey: sim.apiKey, baseUrl: sim.baseUrl } },
		parameters: { resource: 'case', ...parameters },
		items: options.items,
		continueOnFail: options.continueOnFail,
	});
}

const json = (items: INodeExecutionData[]) => items.map((i) => i.json);
const byId = (id: string) => ({ __rl: true, mode: 'id', value: id });

function expectPaired(items: INodeExecutionData[], inputIndexes: number[]) {
	expect(items.map((i) => (i.pairedItem as { item: number }).item)).toEqual(inputIndexes);
}

describe('Persona › Get Many', () => {
	it('walks every page with Return All, through the real request helper and credential', async () => {
		const { items, error } = await persona({ operation: 'getAll', returnAll: true });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(250);
		expect(new Set(json(items).map((c) => c.id)).size).toBe(250);
		const requests = apiRequests();
		expect(requests).toHaveLength(3); // 100 + 100 + 50
		for (const r of requests) {
			expect(r.auth).toEqual({ present: true, valid: true });
			expect(r.headers['persona-version']).toBe(PERSONA_VERSION);
			expect(r.headers['key-inflection']).toBe('kebab');
		}
		expect(json(items)[0]).toEqual(
			expect.objectContaining({ vendor: 'persona', id: expect.stringMatching(/^case_/), status: expect.any(String) }),
		);
		expectPaired(items, items.map(() => 0));
	});

	it('stops fetching as soon as the limit is reached', async () => {
		const { items } = await persona({ operation: 'getAll', returnAll: false, limit: 120 });
		expect(items).toHaveLength(120);
		const requests = apiRequests();
		expect(requests).toHaveLength(2);
		expect(requests[0].query['page[size]']).toBe('100');
	});

	it('sends the filters Persona documents and returns only matching cases', async () => {
		const template = templateNamed('Sanctions Screening');
		const expected = cases().filter((c) => c.templateId === template.id && c.attributes.status === 'In Review');
		expect(expected.length).toBeGreaterThan(0);
		const { items } = await persona({
			operation: 'getAll',
			returnAll: true,
			filters: { status: 'In Review', caseTemplateId: template.id },
		});
		expect(json(items).map((c) => c.id).sort()).toEqual(expected.map((c) => c.id).sort());
		expect(apiRequests()[0].query).toMatchObject({ 'filter[status]': 'In Review', 'filter[case-template-id]': template.id });
	});

	it('waits out a 429 (RateLimit-Reset) and succeeds', async () => {
		sim.control.pushFaults({ type: 429, count: 1, resetSeconds: 0 });
		const { items, error } = await persona({ operation: 'getAll', returnAll: false, limit: 5 });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(5);
		expect(apiRequests().map((r: { status: number | null }) => r.status)).toEqual([429, 200]);
	});

	it('retries a 503 and a dropped connection on reads', async () => {
		sim.control.pushFaults([
			{ type: 503, count: 1 },
			{ type: 'reset', count: 1 },
		]);
		const { items, error } = await persona({ operation: 'getAll', returnAll: false, limit: 3 });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(3);
	});

	it('returns raw JSON:API resources with Simplify off', async () => {
		const { items } = await persona({ operation: 'getAll', returnAll: false, limit: 2, simplify: false });
		expect(json(items)[0]).toMatchObject({ type: 'case', id: expect.stringMatching(/^case_/), attributes: expect.any(Object) });
	});
});

describe('Persona › Get', () => {
	it('gets one case per input item, with related objects on request', async () => {
		const [a, b] = cases();
		const { items } = await persona(
			{ operation: 'get', caseId: '={{ $json.id }}', simplify: false, options: { include: ['accounts'] } },
			{ items: [{ id: a.id }, { id: b.id }] },
		);
		expect(json(items).map((c) => c.id)).toEqual([a.id, b.id]);
		expectPaired(items, [0, 1]);
		expect(apiRequests()[0].query.include).toBe('accounts');
		if (a.accountIds.length) expect((json(items)[0].included as IDataObject[])[0]).toMatchObject({ type: 'account' });
	});

	it('accepts the case from a dashboard URL', async () => {
		const c = cases()[3];
		const { items } = await persona({
			operation: 'get',
			caseId: { __rl: true, mode: 'url', value: `https://app.withpersona.com/dashboard/cases/${c.id}` },
		});
		expect(json(items)[0]).toMatchObject({ id: c.id, reference: c.attributes.name });
	});

	it('fails on 404 with Persona\'s message and a hint, and goes on with Continue On Fail', async () => {
		const good = cases()[0];
		const failed = await persona({ operation: 'get', caseId: byId('case_doesnotexist1') });
		expect(failed.status).toBe('error');
		expect(failed.error?.message).toMatch(/Persona getting case case_doesnotexist1 failed \(HTTP 404\)/);
		expect(failed.error?.description).toMatch(/Check the ID/);

		const { items } = await persona(
			{ operation: 'get', caseId: '={{ $json.id }}' },
			{ items: [{ id: 'case_doesnotexist1' }, { id: good.id }], continueOnFail: true },
		);
		expect(items).toHaveLength(2);
		expect(items[0].json.error).toMatch(/HTTP 404/);
		expect(items[1].json).toMatchObject({ id: good.id });
		expectPaired(items, [0, 1]);
	});

	it('refuses an empty or malformed case ID (from an expression) before sending anything', async () => {
		const { items } = await persona(
			{ operation: 'get', caseId: '={{ $json.id }}' },
			{ items: [{ id: '' }, { id: 'not-a-case' }, { id: 'case_../../webhooks' }], continueOnFail: true },
		);
		expect(json(items).map((i) => i.error)).toEqual([
			'Case ID: is empty [item 0]',
			'Case ID: "not-a-case" is not a valid Case ID [item 1]',
			'Case ID: "case_../../webhooks" is not a valid Case ID [item 2]',
		]);
		expectPaired(items, [0, 1, 2]);
		expect(apiRequests()).toHaveLength(0);
	});

	it('lets n8n flag a typed-in malformed case ID before the run', async () => {
		const { error } = await persona({ operation: 'get', caseId: byId('not-a-case') }).catch((e: Error) => ({ error: e }));
		expect(String(error?.message)).toMatch(/issues|case_/);
	});

	it('reports a wrong API key as a credential problem without showing the key', async () => {
		const result = await runNode({
			nodeType: Persona,
			credentialType: PersonaApi,
			credentials: { personaApi: { apiKey: 'persona_sandbox_dummy_wrong_key', baseUrl: sim.baseUrl } },
			parameters: { resource: 'case', operation: 'getAll', returnAll: false, limit: 1 },
		});
		expect(result.error?.message).toMatch(/HTTP 401/);
		expect(result.error?.description).toMatch(/API key/);
		expect(JSON.stringify(result.error)).not.toContain('persona_sandbox_dummy_wrong_key');
	});
});

describe('Persona › Create', () => {
	it('creates a case with custom fields, objects and SLA, keyed for idempotency', async () => {
		const template = templateNamed('KYC Review');
		const account = cases().find((c) => c.accountIds.length)!.accountIds[0];
		const { items, error } = await persona({
			operation: 'create',
			caseTemplateId: template.id,
			additionalFields: {
				customFields: { field: [{ key: 'country_code', value: 'DE' }] },
				customFieldsJson: '{"risk-score": 42}',
				objectIds: account,
				slaExpiresInSeconds: 3600,
			},
		});
		expect(error).toBeUndefined();
		const created = json(items)[0];
		expect(created).toMatchObject({ vendor: 'persona', status: 'Open', riskScore: 42 });
		const post = apiRequests().find((r: { method: string }) => r.method === 'POST')!;
		expect(post.headers['idempotency-key']).toMatch(/^n8n-/);
		expect(post.body.data.attributes.fields).toEqual({ country_code: 'DE', 'risk-score': 42 });
		expect(post.body.meta).toEqual({ 'object-ids': [account], 'sla-expires-in-seconds': 3600 });
	});

	it('retries a 503 with the same Idempotency-Key and creates exactly one case', async () => {
		const before = cases().length;
		sim.control.pushFaults({ type: 503, count: 1, method: 'POST' });
		const { items, error } = await persona({ operation: 'create', caseTemplateId: templateNamed('KYC Review').id });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		const posts = apiRequests().filter((r: { method: string }) => r.method === 'POST');
		expect(posts).toHaveLength(2);
		expect(posts[0].headers['idempotency-key']).toBe(posts[1].headers['idempotency-key']);
		expect(cases().length).toBe(before + 1);
	});

	it('rejects invalid custom-field JSON before sending anything', async () => {
		const { error } = await persona({
			operation: 'create',
			caseTemplateId: templateNamed('KYC Review').id,
			additionalFields: { customFieldsJson: '{"risk-score": 42,' },
		});
		expect(error?.message).toMatch(/Custom Fields \(JSON\): is not valid JSON .*\[item 0\]/);
		expect(apiRequests()).toHaveLength(0);
	});
});

describe('Persona › case actions', () => {
	it('sets a status in meta.status and reports an unknown status with Persona\'s words', async () => {
		const c = caseOf('KYC Review', 'Open');
		const { items } = await persona({ operation: 'setStatus', caseId: byId(c.id), status: 'Approved' });
		expect(json(items)[0]).toMatchObject({ id: c.id, status: 'Approved' });
		expect(apiRequests()[0].body).toEqual({ meta: { status: 'Approved' } });

		const bad = await persona({ operation: 'setStatus', caseId: byId(c.id), status: 'Maybe Later' });
		expect(bad.error?.message).toMatch(/HTTP 422/);
		expect(bad.error?.description).toMatch(/case template/);

		const empty = await persona({ operation: 'setStatus', caseId: byId(c.id), status: '  ' });
		expect(empty.error?.message).toMatch(/Status: is empty \[item 0\]/);
	});

	it('assigns, tags, replaces tags and removes a tag', async () => {
		const c = cases()[10];
		const assignee = [...(sim.state.users as Map<string, { email: string }>).values()][1].email;
		const assigned = await persona({ operation: 'assign', caseId: byId(c.id), userEmailAddress: assignee });
		expect(json(assigned.items)[0]).toMatchObject({ assignee });

		await persona({ operation: 'addTag', caseId: byId(c.id), tag: 'FRAUD' });
		const tagged = await persona({ operation: 'setTags', caseId: byId(c.id), tags: 'VIP, FRAUD', simplify: false });
		expect(((json(tagged.items)[0].attributes as IDataObject).tags as string[]).sort()).toEqual(['FRAUD', 'VIP']);
		const removed = await persona({ operation: 'removeTag', caseId: byId(c.id), tag: 'FRAUD', simplify: false });
		expect((json(removed.items)[0].attributes as IDataObject).tags).toEqual(['VIP']);
	});

	it('updates fields, queue and SLA; refuses an empty update', async () => {
		const c = caseOf('KYC Review');
		const { items } = await persona({
			operation: 'update',
			caseId: byId(c.id),
			simplify: false,
			updateFields: { customFields: { field: [{ key: 'sourceOfFunds', value: 'salary' }] }, slaExpiresInSeconds: 7200 },
		});
		const attributes = json(items)[0].attributes as IDataObject;
		expect((attributes.fields as IDataObject).sourceOfFunds).toMatchObject({ value: 'salary' });
		expect(attributes['sla-expires-at']).toEqual(expect.any(String));

		const none = await persona({ operation: 'update', caseId: byId(c.id), updateFields: {} });
		expect(none.error?.message).toMatch(/Update Fields: nothing to update/);
	});

	it('attaches and detaches objects, and adds a comment', async () => {
		const c = cases()[20];
		const inquiry = [...(sim.state.inquiries as Map<string, unknown>).keys()][0];
		const added = await persona({ operation: 'addObjects', caseId: byId(c.id), objectIds: inquiry, simplify: false });
		const rel = (json(added.items)[0].relationships as IDataObject).inquiries as IDataObject;
		expect((rel.data as IDataObject[]).map((d) => d.id)).toContain(inquiry);
		const removed = await persona({ operation: 'removeObjects', caseId: byId(c.id), objectIds: inquiry, simplify: false });
		const after = (json(removed.items)[0].relationships as IDataObject).inquiries as IDataObject;
		expect((after.data as IDataObject[]).map((d) => d.id)).not.toContain(inquiry);

		const bad = await persona({ operation: 'addObjects', caseId: byId(c.id), objectIds: 'inq_ok, not an id' });
		expect(bad.error?.message).toMatch(/Object IDs: "not an id" is not a Persona object ID/);

		const commented = await persona({ operation: 'addComment', caseId: byId(c.id), message: 'Checked by n8n' });
		expect(commented.error).toBeUndefined();
	});

	it('redacts a case', async () => {
		const c = cases()[30];
		const { items } = await persona({ operation: 'redact', caseId: byId(c.id), simplify: false });
		expect((json(items)[0].attributes as IDataObject)['redacted-at']).toEqual(expect.any(String));
	});
});

describe('Persona › Search', () => {
	it('searches with conditions, following links by re-posting the body, up to the limit', async () => {
		const template = templateNamed('KYC Review');
		const expected = cases().filter(
			(c) => c.templateId === template.id && ['Open', 'Pending'].includes(String(c.attributes.status)),
		);
		const { items } = await persona({
			operation: 'search',
			queryMode: 'fields',
			conditions: { statuses: 'Open, Pending', template: template.id },
			returnAll: true,
		});
		expect(json(items).map((c) => c.id).sort()).toEqual(expected.map((c) => c.id).sort());
		const posts = apiRequests().filter((r: { method: string }) => r.method === 'POST');
		expect(posts.length).toBeGreaterThanOrEqual(1);
		// Every request keeps the conditions; Return All by created_at adds created_at ranges after them.
		const conditionsOf = (p: { body: IDataObject }) =>
			((p.body.query as IDataObject).and as IDataObject[]).filter((c) => c.attribute !== 'created_at');
		for (const p of posts) expect(conditionsOf(p)).toEqual(conditionsOf(posts[0]));
		expect(conditionsOf(posts[0])).toHaveLength(2);

		const limited = await persona({ operation: 'search', queryMode: 'fields', conditions: {}, returnAll: false, limit: 7 });
		expect(limited.items).toHaveLength(7);
	});

	it('accepts a raw query and refuses one Persona would reject', async () => {
		const ok = await persona({
			operation: 'search',
			queryMode: 'json',
			queryJson: '{"and":[{"attribute":"status","operator":"eq","value":"Approved"}]}',
			returnAll: false,
			limit: 5,
		});
		expect(json(ok.items).every((c) => c.status === 'Approved')).toBe(true);
		const bad = await persona({
			operation: 'search',
			queryMode: 'json',
			queryJson: '{"and":[{"attribute":"status","operator":"like","value":"A"}]}',
			returnAll: true,
		});
		expect(bad.error?.message).toMatch(/operator "like"/);
	});
});

describe('Persona › Case Template', () => {
	it('gets a template with its resolutions and field keys', async () => {
		const template = templateNamed('KYC Review');
		const { items } = await runNode({
			nodeType: Persona,
			credentialType: PersonaApi,
			credentials: { personaApi: { apiKey: sim.apiKey, baseUrl: sim.baseUrl } },
			parameters: { resource: 'caseTemplate', operation: 'get', caseTemplateId: template.id },
		});
		expect(json(items)[0]).toMatchObject({
			id: template.id,
			name: 'KYC Review',
			resolutions: ['Approved', 'Declined'],
			fields: expect.arrayContaining([expect.objectContaining({ key: 'risk-score' })]),
		});
	});
});
