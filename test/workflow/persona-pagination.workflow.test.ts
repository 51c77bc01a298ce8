import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { PersonaApi } from '../../credentials/PersonaApi.credentials';
import { Persona } from '../../nodes/Persona/Persona.node';
import { runNode, startTestServer, type TestServer } from '../harness';
import { startPersonaSimulator } from '../../simulators/persona';

/**
 * Get Many and Search across several pages whatever Persona's `links.next` carries: only the
 * cursor (no filters, no size), short pages that are not the last, absolute links, a link to
 * another host. Persona promises none of the link's extras, so the node keeps its own query and
 * body and takes only the cursor from the link.
 */

type Sim = Awaited<ReturnType<typeof startPersonaSimulator>>;
type SimCase = { id: string; templateId: string; attributes: IDataObject };

let sim: Sim;

beforeAll(async () => {
	// Enough cases that one status fills three pages of 100.
	sim = await startPersonaSimulator({ seed: 7, caseCount: 1800 });
});
afterAll(async () => await sim.stop());
beforeEach(() => sim.control.reset());

const cases = (): SimCase[] => [...(sim.state.cases as Map<string, SimCase>).values()];
const templateNamed = (name: string) =>
	[...(sim.state.templates as Map<string, { id: string; name: string }>).values()].find((t) => t.name === name)!;
const apiRequests = () => sim.control.requests().filter((r) => r.path.startsWith('/api/v1/'));
const json = (items: INodeExecutionData[]) => items.map((i) => i.json);

async function persona(parameters: IDataObject) {
	return await runNode({
		nodeType: Persona,
		credentialType: PersonaApi,
		credentials: { personaApi: { apiKey: sim.apiKey, baseUrl: sim.baseUrl } },
		parameters: { resource: 'case', ...parameters },
	});
}

/** Every expected case exactly once, nothing else. */
function expectExactly(items: INodeExecutionData[], expected: SimCase[]) {
	const ids = json(items).map((c) => c.id as string);
	expect(new Set(ids).size).toBe(ids.length);
	expect(ids.sort()).toEqual(expected.map((c) => c.id).sort());
}

const variants = [
	{ name: '(a) links that carry only the cursor', paging: { nextLinks: 'cursor-only' as const } },
	{ name: '(b) short pages that are not the last', paging: { shortPages: true } },
	{ name: '(a)+(b) cursor-only links on short pages', paging: { nextLinks: 'cursor-only' as const, shortPages: 30 } },
];

describe.each(variants)('Persona › Get Many with filters under $name', ({ paging }) => {
	it('returns every case matching the filters, once, walking ≥3 pages with the filters on each', async () => {
		sim.control.setPaging(paging);
		const expected = cases().filter((c) => c.attributes.status === 'Approved');
		expect(expected.length).toBeGreaterThan(200);

		const { items, error } = await persona({ operation: 'getAll', returnAll: true, filters: { status: 'Approved' }, simplify: false });
		expect(error).toBeUndefined();
		expect(json(items).every((c) => (c.attributes as IDataObject).status === 'Approved')).toBe(true);
		expectExactly(items, expected);

		const requests = apiRequests();
		expect(requests.length).toBeGreaterThanOrEqual(3);
		for (const r of requests) {
			expect(r.path).toBe('/api/v1/cases');
			expect(r.query).toMatchObject({ 'filter[status]': 'Approved', 'page[size]': '100' });
		}
		expect(requests.slice(1).every((r) => r.query['page[after]'])).toBe(true);
	});

	it('keeps several filters and stops at the limit', async () => {
		sim.control.setPaging(paging);
		const template = templateNamed('KYC Review');
		const matching = cases().filter((c) => c.templateId === template.id && c.attributes.status === 'Pending');
		expect(matching.length).toBeGreaterThan(150);

		const { items } = await persona({
			operation: 'getAll',
			returnAll: false,
			limit: 150,
			filters: { status: 'Pending', caseTemplateId: template.id },
		});
		expect(items).toHaveLength(150);
		const ids = json(items).map((c) => c.id as string);
		expect(new Set(ids).size).toBe(150);
		const allowed = new Set(matching.map((c) => c.id));
		expect(ids.every((id) => allowed.has(id))).toBe(true);
		for (const r of apiRequests()) {
			expect(r.query).toMatchObject({ 'filter[status]': 'Pending', 'filter[case-template-id]': template.id });
		}
	});
});

describe.each(variants)('Persona › Search with conditions under $name', ({ paging }) => {
	it('re-sends the same body with each cursor and returns every matching case once', async () => {
		sim.control.setPaging(paging);
		const template = templateNamed('KYC Review');
		const expected = cases().filter(
			(c) => c.templateId === template.id && ['Open', 'Pending'].includes(String(c.attributes.status)),
		);
		expect(expected.length).toBeGreaterThan(200);

		const { items, error } = await persona({
			operation: 'search',
			queryMode: 'fields',
			conditions: { statuses: 'Open, Pending', template: template.id },
			sortDirection: 'asc',
			// The one cursor walk (a Limit above the count); Return All by created_at walks
			// created_at ranges at once under these variants: persona-search-ranges.workflow.test.ts.
			returnAll: false,
			limit: 100000,
		});
		expect(error).toBeUndefined();
		expect(json(items).every((c) => ['Open', 'Pending'].includes(String(c.status)))).toBe(true);
		expectExactly(items, expected);

		const posts = apiRequests();
		expect(posts.length).toBeGreaterThanOrEqual(3);
		for (const p of posts) {
			expect(p).toMatchObject({ method: 'POST', path: '/api/v1/cases/search' });
			expect(p.body).toEqual(posts[0].body);
			expect(p.query['page[size]']).toBe('100');
		}
		expect(posts[0].body).toMatchObject({ sort: { attribute: 'created_at', direction: 'asc' } });
	});
});

describe('Persona › absolute next links', () => {
	let other: TestServer;
	beforeAll(async () => {
		other = await startTestServer(() => ({
			body: { data: [{ type: 'case', id: 'case_elsewhere', attributes: { status: 'Approved' } }], links: { prev: null, next: null } },
		}));
	});
	afterAll(async () => await other.close());

	it('(c) pages through full URLs on the API host', async () => {
		sim.control.setPaging({ linkOrigin: 'self' });
		const expected = cases().filter((c) => c.attributes.status === 'Approved');
		const { items, error } = await persona({ operation: 'getAll', returnAll: true, filters: { status: 'Approved' } });
		expect(error).toBeUndefined();
		expectExactly(items, expected);
		expect(apiRequests().every((r) => r.query['filter[status]'] === 'Approved')).toBe(true);
	});

	it('(d) never follows a next link to another host: the API key never leaves the credential base URL', async () => {
		sim.control.setPaging({ linkOrigin: other.url, nextLinks: 'cursor-only' });
		const expected = cases().filter((c) => c.attributes.status === 'Approved');
		const { items, error } = await persona({ operation: 'getAll', returnAll: true, filters: { status: 'Approved' } });
		expect(error).toBeUndefined();
		expect(other.requests).toHaveLength(0);
		expectExactly(items, expected);
		const requests = apiRequests();
		expect(requests.length).toBeGreaterThanOrEqual(3);
		for (const r of requests) expect(r.auth).toEqual({ present: true, valid: true });

		const search = await persona({ operation: 'search', queryMode: 'fields', conditions: { statuses: 'Approved' }, returnAll: true });
		expect(search.error).toBeUndefined();
		expect(other.requests).toHaveLength(0);
		expectExactly(search.items, expected);
	});
});
