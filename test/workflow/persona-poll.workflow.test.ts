import type { IDataObject } from 'n8n-workflow';

import { PersonaApi } from '../../credentials/PersonaApi.credentials';
import * as personaApiModule from '../../nodes/Persona/api';
import { PersonaPollTrigger } from '../../nodes/Persona/PersonaPollTrigger.node';
import { runPoll } from '../harness';
import { useVirtualClock } from '../harness/clock';
import { startPersonaSimulator } from '../../simulators/persona';

/**
 * Persona Poll Trigger against the Persona simulator's Events API: the position in static data,
 * each event once (across polls, restarts and events arriving during a poll), catch-up after
 * downtime page by page within the rate limit, the editor's sample, and bad input.
 */

type Sim = Awaited<ReturnType<typeof startPersonaSimulator>>;
type SimCase = { id: string; templateId: string };
type LogEntry = { method: string; path: string; status: number | null; query: Record<string, string> };

let sim: Sim;
let clock: ReturnType<typeof useVirtualClock>;

beforeAll(async () => {
	clock = useVirtualClock(Date.now());
	sim = await startPersonaSimulator({ seed: 5, caseCount: 30, clock: () => clock.now });
});
afterAll(async () => {
	clock.restore();
	await sim.stop();
});
beforeEach(() => {
	sim.control.reset();
	clock.sleeps = [];
	// A fresh minute for the rate limit of both sides.
	clock.advance(61_000);
});
afterEach(() => jest.restoreAllMocks());

const credentials = () => ({ personaApi: { apiKey: sim.apiKey, baseUrl: sim.baseUrl } });
const poll = async (staticData: IDataObject, parameters: IDataObject = {}, mode: 'trigger' | 'manual' = 'trigger') =>
	await runPoll({
		nodeType: PersonaPollTrigger,
		credentialTypes: [PersonaApi],
		credentials: credentials(),
		node: { credentials: { personaApi: { id: 'personaApi', name: 'Persona' } } },
		parameters: { events: ['case.status-updated'], ...parameters },
		staticData,
		mode,
	});
const emitted = (result: Awaited<ReturnType<typeof poll>>) => (result.items?.[0] ?? []).map((i) => i.json);
const cases = () => [...(sim.state.cases as Map<string, SimCase>).values()];
const statusesOf = (c: SimCase) => (sim.state.templates.get(c.templateId) as { statuses: Array<{ name: string }> }).statuses.map((s) => s.name);
const eventRequests = () => (sim.control.requests() as unknown as LogEntry[]).filter((r) => r.path === '/api/v1/events');

/** Moves case `n` to another status of its template: one case.status-updated event (and maybe more). */
function changeStatus(n: number): string {
	const c = cases()[n % cases().length];
	const current = (sim.control.getCase(c.id) as { attributes: IDataObject }).attributes.status;
	const next = statusesOf(c).find((s) => s !== current) as string;
	sim.control.setCaseStatus(c.id, next);
	return c.id;
}
const statusEventIds = () =>
	(sim.control.events() as Array<{ id: string; attributes: IDataObject }>).filter((e) => e.attributes.name === 'case.status-updated').map((e) => e.id);

describe('Persona Poll Trigger', () => {
	it('emits nothing old on the first poll, then each new event once, across polls and a restart', async () => {
		changeStatus(0);
		const staticData: IDataObject = {};
		expect((await poll(staticData)).items).toBeNull();
		expect(staticData.cursor).toEqual(statusEventIds().at(-1));

		const caseId = changeStatus(1);
		const out = emitted(await poll(staticData));
		expect(out).toEqual([
			expect.objectContaining({ event: 'case.status-updated', eventId: statusEventIds().at(-1), vendor: 'persona', id: caseId, status: expect.any(String) }),
		]);
		expect((await poll(staticData)).items).toBeNull();
		// A restart: n8n hands the saved static data to a fresh node.
		const restored = JSON.parse(JSON.stringify(staticData)) as IDataObject;
		expect((await poll(restored)).items).toBeNull();
		changeStatus(2);
		expect(emitted(await poll(restored))).toHaveLength(1);
		// Every request asked for the chosen events only.
		expect(eventRequests().every((r) => r.query['filter[name]'] === 'case.status-updated')).toBe(true);
	});

	it('emits only the chosen events, Other Events included, with the raw event when Simplify is off', async () => {
		const staticData: IDataObject = {};
		const parameters = { events: ['case.created'], otherEvents: 'case.reopened', simplify: false };
		await poll(staticData, parameters);
		changeStatus(3);
		const c = cases()[4];
		const sent = await sim.control.sendEvent({ caseId: c.id, name: 'case.reopened' });
		const out = emitted(await poll(staticData, parameters));
		const reopened = (sim.control.events() as Array<{ id: string; attributes: IDataObject }>).filter((e) => e.attributes.name === 'case.reopened');
		// Only case.reopened (a status change may reopen a case too), never case.status-updated; raw events.
		expect(out.map((e) => e.event)).toEqual(reopened.map(() => 'case.reopened'));
		expect(out.at(-1)).toEqual({ event: 'case.reopened', data: expect.objectContaining({ type: 'event', id: sent.event.id, attributes: expect.objectContaining({ name: 'case.reopened' }) }) });
		expect(eventRequests().at(-1)?.query['filter[name]']).toBe('case.created,case.reopened');
	});

	it('catches up after downtime: 250 events, oldest first, each once, page by page within the rate limit', async () => {
		changeStatus(0);
		const staticData: IDataObject = {};
		await poll(staticData);
		sim.control.setRateLimit({ limit: 2, windowMs: 60_000 });
		for (let n = 0; n < 250; n++) changeStatus(n);
		sim.control.clearRequests();
		const out = emitted(await poll(staticData));
		const expected = statusEventIds().slice(-250);
		expect(out.map((e) => e.eventId)).toEqual(expected);
		// Forward from the position: page[before] = the newest event handled so far, 100 at a time.
		const reads = eventRequests();
		expect(reads.map((r) => r.status)).toEqual([200, 200, 200]);
		expect(reads.every((r) => r.query['page[before]'])).toBe(true);
		// Two requests a minute: the third waited for the next window instead of meeting a 429.
		expect(clock.sleeps.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(50_000);
		expect((await poll(staticData)).items).toBeNull();
		expect((staticData.seen as string[]).length).toBeLessThanOrEqual(1000);
	});

	it.each([
		['reading forward from its last event', true],
		['reading back from the top (no event before)', false],
	])('misses and repeats nothing when events arrive while it reads: %s', async (_how, eventBefore) => {
		if (eventBefore) changeStatus(0);
		const staticData: IDataObject = {};
		await poll(staticData);
		for (let n = 0; n < 150; n++) changeStatus(n);
		const real = personaApiModule.personaRequest;
		let calls = 0;
		jest.spyOn(personaApiModule, 'personaRequest').mockImplementation(async function (this: never, ...args: Parameters<typeof real>) {
			// Between the pages of this poll, three more status changes happen.
			if (calls++ === 1) for (let n = 0; n < 3; n++) changeStatus(200 + n);
			return await real.apply(this, args);
		});
		const first = emitted(await poll(staticData)).map((e) => e.eventId);
		const second = emitted(await poll(staticData)).map((e) => e.eventId);
		const all = [...first, ...second];
		expect(new Set(all).size).toBe(all.length);
		expect(all).toEqual(statusEventIds().slice(-153));
	});

	it('survives Persona paging variants (cursor-only links, short pages)', async () => {
		const staticData: IDataObject = {};
		await poll(staticData);
		sim.control.setPaging({ nextLinks: 'cursor-only', shortPages: 30 });
		for (let n = 0; n < 120; n++) changeStatus(n);
		expect(emitted(await poll(staticData)).map((e) => e.eventId)).toEqual(statusEventIds().slice(-120));
	});

	it('emits only the chosen events from a Persona that does not filter by name, and its position moves past the others', async () => {
		sim.control.setEventsOptions({ nameFilter: 'ignored' });
		changeStatus(0);
		const staticData: IDataObject = {};
		await poll(staticData);
		// 150 events of another name, then one of the chosen name.
		for (let n = 0; n < 150; n++) await sim.control.sendEvent({ caseId: cases()[n % 5].id, name: 'case.updated-tags' });
		changeStatus(7);
		const out = emitted(await poll(staticData));
		expect(out.map((e) => e.event)).toEqual(['case.status-updated']);
		expect(out[0].eventId).toBe(statusEventIds().at(-1));
		const events = sim.control.events() as Array<{ id: string }>;
		expect(staticData.cursor).toBe(events.at(-1)?.id);
		expect((await poll(staticData)).items).toBeNull();
	});

	it('reads back to its last time when its cursor event is gone, without repeating what it emitted', async () => {
		const staticData: IDataObject = {};
		await poll(staticData);
		changeStatus(1);
		expect(emitted(await poll(staticData))).toHaveLength(1);
		changeStatus(2);
		staticData.cursor = 'evt_gone0000000000000000';
		const out = emitted(await poll(staticData));
		expect(out.map((e) => e.eventId)).toEqual(statusEventIds().slice(-1));
		expect(eventRequests().some((r) => r.query['page[before]'] === 'evt_gone0000000000000000')).toBe(true);
		expect(staticData.cursor).toBe(statusEventIds().at(-1));
	});

	it('returns the newest matching event in the editor without moving its position', async () => {
		changeStatus(5);
		const staticData: IDataObject = {};
		const { items } = await poll(staticData, {}, 'manual');
		expect(items?.[0]).toEqual([expect.objectContaining({ json: expect.objectContaining({ event: 'case.status-updated', eventId: statusEventIds().at(-1) }) })]);
		expect(staticData).toEqual({});
	});

	it('names the field for a malformed or unknown event name, and the permission for a 403', async () => {
		const malformed = await poll({}, { otherEvents: 'Case Status Updated' });
		expect(malformed.error?.message).toMatch(/^Other Events: "Case Status Updated" is not a Persona event name/);
		expect(eventRequests()).toHaveLength(0);

		const unknown = await poll({}, { otherEvents: 'case.status-updatd' });
		expect(unknown.error?.message).toBe('Other Events: Persona does not know the event name "case.status-updatd"');

		// A Persona that ignores unknown names: nothing fails, nothing comes.
		sim.control.setEventsOptions({ unknownNames: 'ignore' });
		expect((await poll({}, { events: [], otherEvents: 'case.status-updatd' })).error).toBeUndefined();

		sim.control.setEventsOptions({ permission: false });
		const denied = await poll({});
		expect(denied.error?.message).toMatch(/API key may not read events/);
		expect((denied.error as { description?: string }).description).toMatch(/event\.read/);
		expect(JSON.stringify(denied.error)).not.toContain(sim.apiKey);
	});
});
