import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { PersonaApi } from '../../credentials/PersonaApi.credentials';
import { splitKeyRange } from '../../core/splitWalk';
import { Persona } from '../../nodes/Persona/Persona.node';
import { runNode } from '../harness';
import { startPersonaSimulator } from '../../simulators/persona';

/**
 * Search › Return All sorted by created_at walks created_at ranges at once (issue 8): the same
 * cases in the same order as the one cursor walk, whatever the distribution of created_at, ties
 * on a cut point, cases created meanwhile, short pages or links that carry only the cursor; and
 * the one cursor walk, as before, where ranges do not fit (a deep query, a Persona refusing
 * range conditions, Limit).
 */

type Sim = Awaited<ReturnType<typeof startPersonaSimulator>>;
type SimCase = { id: string; templateId: string; attributes: IDataObject };
type Logged = { method: string; path: string; query: IDataObject; body: IDataObject; status: number | null };

let sim: Sim;
// One API key per test: the node keeps Persona's 300 requests/min per key across executions,
// and this file sends more than that within a minute.
const keys = Array.from({ length: 30 }, (_, n) => ['persona', 'sandbox', 'ranges', String(n)].join('_'));
let apiKey = keys[0];

beforeAll(async () => {
	sim = await startPersonaSimulator({ seed: 11, caseCount: 1500, apiKeys: keys, rateLimit: { limit: 100_000 } });
});
afterAll(async () => await sim.stop());
beforeEach(() => {
	sim.control.reset();
	apiKey = keys[keys.indexOf(apiKey) + 1];
});

const cases = (): SimCase[] => [...(sim.state.cases as Map<string, SimCase>).values()];
const createdMs = (c: SimCase) => Date.parse(String(c.attributes['created-at']));
const searches = (): Logged[] => sim.control.requests({ method: 'POST', path: '/api/v1/cases/search' }) as Logged[];
const ids = (items: INodeExecutionData[]) => items.map((i) => String(i.json.id));

/** The simulator's own order for a created_at sort (ties by id, as its cursors). */
function expectedOrder(list: SimCase[], direction: 'asc' | 'desc'): string[] {
	const sign = direction === 'asc' ? 1 : -1;
	return [...list]
		.sort((a, b) => sign * (createdMs(a) - createdMs(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)))
		.map((c) => c.id);
}

async function search(parameters: IDataObject) {
	const { items, error } = await runNode({
		nodeType: Persona,
		credentialType: PersonaApi,
		credentials: { personaApi: { apiKey, baseUrl: sim.baseUrl } },
		parameters: { resource: 'case', operation: 'search', sortAttribute: 'created_at', ...parameters },
	});
	expect(error).toBeUndefined();
	return items;
}

/** created_at conditions of a logged search body, wherever they are in its query. */
function rangeConditions(body: IDataObject): IDataObject[] {
	const found: IDataObject[] = [];
	const visit = (clause: unknown) => {
		if (!clause || typeof clause !== 'object') return;
		const c = clause as IDataObject;
		for (const key of ['and', 'or']) if (Array.isArray(c[key])) (c[key] as unknown[]).forEach(visit);
		if (c.not) visit(c.not);
		if (c.attribute === 'created_at') found.push(c);
	};
	visit(body.query);
	return found;
}

/** The range walks: searches with created_at conditions that are not the one-case bound probes. */
const rangePages = () => searches().filter((r) => r.query['page[size]'] === '100' && rangeConditions(r.body).length > 0);

/**
 * Sets created_at of `list` (kebab attributes of the simulator's records). Only right after
 * `reset()`, before any list or search: the simulator caches its created_at order per state.
 */
function setCreated(list: SimCase[], ms: (c: SimCase, index: number) => number) {
	list.forEach((c, i) => (c.attributes['created-at'] = new Date(ms(c, i)).toISOString()));
}

describe.each(['asc', 'desc'] as const)('Persona › Search › Return All, created_at %s', (direction) => {
	it('returns exactly the sequential walk (same cases, same order) with ranges walked at once', async () => {
		const parallel = ids(await search({ sortDirection: direction, returnAll: true, simplify: false }));
		const parallelRequests = searches();
		sim.control.clearRequests();
		const sequential = ids(await search({ sortDirection: direction, returnAll: false, limit: 100000, simplify: false }));

		expect(parallel).toEqual(sequential);
		expect(parallel).toEqual(expectedOrder(cases(), direction));
		expect(new Set(parallel).size).toBe(cases().length);

		// Two one-case probes for the bounds, then 8 ranges (Persona's 300/min → 8) in pages of 100.
		const probes = parallelRequests.filter((r) => r.query['page[size]'] === '1');
		expect(probes.map((r) => (r.body.sort as IDataObject).direction).sort()).toEqual(['asc', 'desc']);
		const firstPages = parallelRequests.filter((r) => r.query['page[size]'] === '100' && !r.query['page[after]']);
		expect(firstPages).toHaveLength(8);
		for (const r of firstPages) expect(r.body.sort).toEqual({ attribute: 'created_at', direction });
		// Open below, bounded both sides (6), open above.
		const shapes = firstPages.map((r) => rangeConditions(r.body).map((c) => c.operator).sort().join(','));
		expect(shapes.filter((s) => s === 'lt')).toHaveLength(1);
		expect(shapes.filter((s) => s === 'gte')).toHaveLength(1);
		expect(shapes.filter((s) => s === 'gte,lt')).toHaveLength(6);
		// Each page of a range re-POSTs that range's body with the cursor.
		for (const r of parallelRequests.filter((p) => p.query['page[after]'])) {
			expect(firstPages.some((f) => JSON.stringify(f.body) === JSON.stringify(r.body))).toBe(true);
		}
		// The sequential floor needed 15 requests one after the other; no range needed more than 3.
		expect(searches().length).toBe(Math.ceil(cases().length / 100));
	});

	it('keeps the user conditions in every range and returns only matching cases', async () => {
		const expected = cases().filter((c) => ['Open', 'Pending'].includes(String(c.attributes.status)));
		const items = await search({
			sortDirection: direction,
			returnAll: true,
			queryMode: 'fields',
			conditions: { statuses: 'Open, Pending' },
		});
		expect(ids(items)).toEqual(expectedOrder(expected, direction));
		expect(rangePages().length).toBeGreaterThanOrEqual(8);
		for (const r of rangePages()) expect(JSON.stringify(r.body.query)).toContain('"value":"Pending"');
	});
});

describe('Persona › Search › Return All ranges: where cases are', () => {
	it('returns a case on a cut point once, also when 250 cases share that created_at', async () => {
		const all = cases();
		const low = Math.min(...all.map(createdMs));
		const high = Math.max(...all.map(createdMs));
		const cut = splitKeyRange(low, high, 8)[3].from as number;
		const inner = all.filter((c) => createdMs(c) !== low && createdMs(c) !== high).slice(0, 250);
		setCreated(inner, () => cut);

		for (const direction of ['asc', 'desc'] as const) {
			sim.control.clearRequests();
			const got = ids(await search({ sortDirection: direction, returnAll: true }));
			expect(got).toEqual(expectedOrder(cases(), direction));
			// The cut point is one range's lower bound (gte) and the previous range's upper bound (lt).
			const atCut = rangePages().flatMap((r) => rangeConditions(r.body)).filter((c) => c.value === new Date(cut).toISOString());
			expect(new Set(atCut.map((c) => c.operator))).toEqual(new Set(['gte', 'lt']));
		}
	});

	it('is complete when most cases fall in one range (skewed created_at)', async () => {
		const all = cases();
		const low = Math.min(...all.map(createdMs));
		const high = Math.max(...all.map(createdMs));
		// 90% of the cases within one minute, just after the oldest one.
		const skewed = all.filter((c) => createdMs(c) !== low && createdMs(c) !== high).slice(0, Math.floor(all.length * 0.9));
		setCreated(skewed, (_, i) => low + 1 + (i % 60_000));

		const got = ids(await search({ sortDirection: 'desc', returnAll: true }));
		expect(got).toEqual(expectedOrder(cases(), 'desc'));
		const afterCursor = rangePages().filter((r) => r.query['page[after]']);
		expect(afterCursor.length).toBeGreaterThanOrEqual(13); // the crowded range walked page by page
	});

	it('includes cases created while the ranges are walked (ascending)', async () => {
		const template = cases()[0];
		let added = 0;
		const newIds: string[] = [];
		sim.control.setSearch({
			beforeSearch: ({ query }: { query: IDataObject }) => {
				// After the bounds were found, as the first range page is asked for: two new cases.
				if (query['page[size]'] !== '100' || added) return;
				added = 1;
				for (let n = 0; n < 2; n++) {
					const id = `case_new${n}walk`;
					newIds.push(id);
					const copy = JSON.parse(JSON.stringify(template)) as SimCase;
					copy.id = id;
					copy.attributes['created-at'] = new Date(Date.now() + n).toISOString();
					(sim.state.cases as Map<string, SimCase>).set(id, copy);
				}
			},
		});
		const got = ids(await search({ sortDirection: 'asc', returnAll: true }));
		expect(newIds).toHaveLength(2);
		expect(got.slice(-2)).toEqual(newIds);
		expect(got).toEqual(expectedOrder(cases(), 'asc'));
	});
});

describe.each([
	{ name: 'links that carry only the cursor', paging: { nextLinks: 'cursor-only' as const } },
	{ name: 'short pages that are not the last', paging: { shortPages: 30 } },
])('Persona › Search › Return All ranges under $name', ({ paging }) => {
	it('returns the same cases in the same order, each range re-POSTing its own body', async () => {
		sim.control.setPaging(paging);
		const got = ids(await search({ sortDirection: 'desc', returnAll: true }));
		expect(got).toEqual(expectedOrder(cases(), 'desc'));
		const pages = rangePages();
		expect(pages.filter((r) => r.query['page[after]']).length).toBeGreaterThan(8);
		for (const r of pages) expect(rangeConditions(r.body).length).toBeGreaterThan(0);
	});
});

describe('Persona › Search › Return All walks sequentially where ranges do not fit', () => {
	const expectSequential = (requests: Logged[], count: number) => {
		expect(requests.every((r) => rangeConditions(r.body).length === 0 || r.status === 400)).toBe(true);
		const sequential = requests.filter((r) => r.status === 200);
		expect(sequential).toHaveLength(Math.ceil(count / 100));
		for (const r of sequential) expect(r.body).toEqual(sequential[0].body);
		expect(sequential.slice(1).every((r) => r.query['page[after]'])).toBe(true);
	};

	it('a user query nested 2 levels deep (a range condition would make it 3): no probes, one cursor walk', async () => {
		const query = {
			or: [
				{ and: [{ attribute: 'status', operator: 'eq', value: 'Open' }] },
				{ and: [{ attribute: 'status', operator: 'eq', value: 'Approved' }] },
			],
		};
		const expected = cases().filter((c) => ['Open', 'Approved'].includes(String(c.attributes.status)));
		const got = ids(
			await search({ sortDirection: 'desc', returnAll: true, queryMode: 'json', queryJson: JSON.stringify(query) }),
		);
		expect(got).toEqual(expectedOrder(expected, 'desc'));
		expect(searches().some((r) => r.query['page[size]'] === '1')).toBe(false);
		expectSequential(searches(), expected.length);
		expect(searches()[0].body.query).toEqual(query);
	});

	it('a top-level "and" with 19 conditions (no room for 2 more of Persona\'s 20): one cursor walk', async () => {
		const and = Array.from({ length: 19 }, () => ({ attribute: 'created_at', operator: 'gte', value: '2000-01-01T00:00:00Z' }));
		const got = ids(await search({ sortDirection: 'asc', returnAll: true, queryMode: 'json', queryJson: JSON.stringify({ and }) }));
		expect(got).toEqual(expectedOrder(cases(), 'asc'));
		expect(searches()).toHaveLength(Math.ceil(cases().length / 100));
		expect(searches().some((r) => r.query['page[size]'] === '1')).toBe(false);
	});

	it('a Persona that refuses range conditions (400): falls back to one cursor walk, no error', async () => {
		sim.control.setSearch({ rejectRanges: true });
		const got = ids(await search({ sortDirection: 'desc', returnAll: true }));
		expect(got).toEqual(expectedOrder(cases(), 'desc'));
		const requests = searches();
		// The refusal came on the bound probe: no range was walked.
		expect(requests.filter((r) => r.status === 400)).toHaveLength(1);
		expect(rangeConditions(requests.find((r) => r.status === 400)!.body)).toHaveLength(1);
		expectSequential(requests.filter((r) => r.query['page[size]'] !== '1'), cases().length);
	});

	it('another sort (updated_at): one cursor walk as before', async () => {
		await search({ sortAttribute: 'updated_at', sortDirection: 'desc', returnAll: true });
		expect(searches().some((r) => r.query['page[size]'] === '1')).toBe(false);
		expectSequential(searches(), cases().length);
	});

	it('Limit: unchanged, one cursor walk that stops at the limit', async () => {
		const got = ids(await search({ sortDirection: 'asc', returnAll: false, limit: 250 }));
		expect(got).toEqual(expectedOrder(cases(), 'asc').slice(0, 250));
		const requests = searches();
		expect(requests).toHaveLength(3);
		expect(requests.every((r) => rangeConditions(r.body).length === 0)).toBe(true);
		expect(requests.map((r) => r.query['page[size]'])).toEqual(['100', '100', '100']);
	});
});
