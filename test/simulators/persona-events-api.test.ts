import { startPersonaSimulator } from '../../simulators/persona';

/** The Persona simulator's Events API and its variants (simulators/persona/events.js). */

type Sim = Awaited<ReturnType<typeof startPersonaSimulator>>;
type EventDoc = { data: Array<{ id: string; attributes: { name: string } }>; links: { prev: string | null; next: string | null }; errors?: Array<{ details: string; source?: { parameter?: string } }> };

let sim: Sim;
beforeAll(async () => {
	sim = await startPersonaSimulator({ seed: 2, caseCount: 10 });
});
afterAll(async () => await sim.stop());
beforeEach(() => sim.control.reset());

const get = async (query: string) => {
	const res = await fetch(`${sim.baseUrl}/events?${query}`, { headers: { Authorization: `Bearer ${sim.apiKey}` } });
	return { status: res.status, doc: (await res.json()) as EventDoc };
};
const caseIds = () => [...(sim.state.cases as Map<string, { id: string }>).keys()];

async function emitSome(n: number) {
	for (let i = 0; i < n; i++) await sim.control.sendEvent({ caseId: caseIds()[i % 3], name: i % 2 ? 'case.created' : 'case.status-updated' });
	return (sim.control.events() as Array<{ id: string }>).map((e) => e.id);
}

describe('Persona simulator: Events API', () => {
	it('lists every emitted event newest first, filtered by name and object, with page[before] giving the next newer page', async () => {
		const ids = await emitSome(7);
		const all = await get('page[size]=100');
		expect(all.doc.data.map((e) => e.id)).toEqual([...ids].reverse());
		const named = await get('filter[name]=case.created');
		expect(named.doc.data.every((e) => e.attributes.name === 'case.created')).toBe(true);
		expect((await get(`filter[object-id]=${caseIds()[1]}`)).doc.data).toHaveLength(2);
		// Just newer than the oldest: the next two, newest first, and a prev link while more remain.
		const newer = await get(`page[size]=2&page[before]=${ids[0]}`);
		expect(newer.doc.data.map((e) => e.id)).toEqual([ids[2], ids[1]]);
		expect(newer.doc.links.prev).toMatch(/page%5Bbefore%5D=/);
		const top = await get(`page[size]=2&page[before]=${ids[4]}`);
		expect(top.doc.data.map((e) => e.id)).toEqual([ids[6], ids[5]]);
		expect(top.doc.links.prev).toBeNull();
		expect((await get('page[before]=evt_unknown')).status).toBe(400);
	});

	it('refuses unknown event names by default, ignores them in the variant, and answers 403 without the permission', async () => {
		await emitSome(2);
		const refused = await get('filter[name]=case.status-updated,case.nope');
		expect(refused.status).toBe(400);
		expect(refused.doc.errors?.[0]).toEqual(expect.objectContaining({ details: expect.stringContaining('case.nope'), source: { parameter: 'filter[name]' } }));
		sim.control.setEventsOptions({ unknownNames: 'ignore' });
		expect((await get('filter[name]=case.status-updated,case.nope')).doc.data).toHaveLength(1);
		sim.control.setEventsOptions({ permission: false });
		expect((await get('')).status).toBe(403);
		sim.control.reset();
		expect(sim.control.eventsOptions()).toEqual({ permission: true, unknownNames: 'refuse', nameFilter: 'applied' });
	});
});
