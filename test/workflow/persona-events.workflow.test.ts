import type { IDataObject } from 'n8n-workflow';

import { PersonaApi } from '../../credentials/PersonaApi.credentials';
import { Persona } from '../../nodes/Persona/Persona.node';
import { runNode } from '../harness';
import { startPersonaSimulator } from '../../simulators/persona';

/** Persona › Event › Get Many / Get against the simulator's Events API. */

type Sim = Awaited<ReturnType<typeof startPersonaSimulator>>;
type SimCase = { id: string; templateId: string };
type LogEntry = { path: string; query: Record<string, string> };

let sim: Sim;
beforeAll(async () => {
	sim = await startPersonaSimulator({ seed: 9, caseCount: 20 });
});
afterAll(async () => await sim.stop());
beforeEach(() => sim.control.reset());

const run = async (parameters: IDataObject, continueOnFail = false) =>
	await runNode({
		nodeType: Persona,
		credentialTypes: [PersonaApi],
		credentials: { personaApi: { apiKey: sim.apiKey, baseUrl: sim.baseUrl } } as never,
		node: { credentials: { personaApi: { id: 'personaApi', name: 'Persona' } } },
		parameters: { resource: 'event', ...parameters },
		continueOnFail,
	});
const json = (result: Awaited<ReturnType<typeof run>>) => result.items.map((i) => i.json);
const cases = () => [...(sim.state.cases as Map<string, SimCase>).values()];
const events = () => sim.control.events() as Array<{ id: string; attributes: IDataObject }>;

async function someEvents() {
	for (const [n, name] of [[0, 'case.created'], [1, 'case.reopened'], [0, 'case.updated-tags'], [2, 'case.created']] as const)
		await sim.control.sendEvent({ caseId: cases()[n].id, name });
}

describe('Persona › Event', () => {
	it('Get Many: newest first, by name and object, up to the limit, simplified', async () => {
		await someEvents();
		const byName = json(await run({ operation: 'getAll', returnAll: true, filters: { names: ['case.created'] } }));
		expect(byName.map((e) => e.event)).toEqual(['case.created', 'case.created']);
		expect(byName[0]).toEqual(expect.objectContaining({ eventId: events()[3].id, vendor: 'persona', id: cases()[2].id }));

		const byObject = json(await run({ operation: 'getAll', returnAll: true, filters: { objectIds: cases()[0].id, otherNames: 'case.updated-tags' } }));
		expect(byObject.map((e) => [e.event, e.id])).toEqual([['case.updated-tags', cases()[0].id]]);
		const sent = (sim.control.requests() as unknown as LogEntry[]).filter((r) => r.path === '/api/v1/events').at(-1);
		expect(sent?.query).toEqual(expect.objectContaining({ 'filter[name]': 'case.updated-tags', 'filter[object-id]': cases()[0].id }));

		const limited = json(await run({ operation: 'getAll', returnAll: false, limit: 3, simplify: false }));
		expect(limited).toHaveLength(3);
		expect(limited[0]).toEqual({ event: 'case.created', data: expect.objectContaining({ id: events()[3].id, type: 'event' }) });
	});

	it('Get: one event by ID; a wrong ID is named before anything is sent', async () => {
		await someEvents();
		const [event] = json(await run({ operation: 'get', eventId: events()[1].id }));
		expect(event).toEqual(expect.objectContaining({ event: 'case.reopened', eventId: events()[1].id, id: cases()[1].id }));
		const bad = await run({ operation: 'get', eventId: 'case_123' }, true);
		expect(String(bad.items[0].json.error)).toMatch(/Event ID/);
	});

	it('names the field for an unknown event name and the permission for a 403', async () => {
		const unknown = await run({ operation: 'getAll', returnAll: true, filters: { otherNames: 'case.creatd' } }, true);
		expect(String(unknown.items[0].json.error)).toBe('Filters > Other Event Names: Persona does not know the event name "case.creatd"');
		sim.control.setEventsOptions({ permission: false });
		const denied = await run({ operation: 'getAll', returnAll: true }, true);
		expect(String(denied.items[0].json.error)).toMatch(/may not read events/);
	});
});
