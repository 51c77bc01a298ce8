import type { IDataObject } from 'n8n-workflow';

import { CertnApi } from '../../credentials/CertnApi.credentials';
import { CertnPollTrigger } from '../../nodes/Certn/CertnPollTrigger.node';
import { runPoll } from '../harness';
import { useVirtualClock } from '../harness/clock';
import { startCertnSimulator } from '../../simulators/certn';

/**
 * Certn Poll Trigger against the Certn simulator: status, score and check changes once each
 * (across polls and restarts), new cases, the `ordering=-modified` shortcut only once Certn is
 * seen to honour it, a Certn that ignores it, the timeframe format, the editor's sample.
 */

type Sim = Awaited<ReturnType<typeof startCertnSimulator>>;
type SimCase = { id: string; created: string; modified: string; overall_status: string; checks: Array<{ id: string; status: string }> };
type LogEntry = { method: string; path: string; status: number | null; query: Record<string, string | string[]> };

let sim: Sim;
let clock: ReturnType<typeof useVirtualClock>;
const DAY_MS = 24 * 3600 * 1000;

beforeAll(async () => {
	clock = useVirtualClock(Date.now());
	sim = await startCertnSimulator({ seed: 31, caseCount: 600, clock: () => clock.now });
});
afterAll(async () => {
	clock.restore();
	await sim.stop();
});
beforeEach(() => {
	sim.control.reset();
	clock.sleeps = [];
	// A fresh minute: Certn's 60 requests per minute are back.
	clock.advance(61_000);
});

const credentials = () => ({ certnApi: { apiKey: sim.apiKey, environment: 'custom', baseUrl: sim.baseUrl } });
const poll = async (staticData: IDataObject, parameters: IDataObject = {}, mode: 'trigger' | 'manual' = 'trigger') => {
	clock.advance(1_000);
	return await runPoll({
		nodeType: CertnPollTrigger,
		credentialTypes: [CertnApi],
		credentials: credentials(),
		node: { credentials: { certnApi: { id: 'certnApi', name: 'Certn' } } },
		parameters: { events: ['CASE_STATUS_CHANGED', 'CHECK_STATUS_CHANGED'], ...parameters },
		staticData,
		mode,
	});
};
const emitted = (result: Awaited<ReturnType<typeof poll>>) => (result.items?.[0] ?? []).map((i) => i.json);
const listReads = () => (sim.control.requests() as unknown as LogEntry[]).filter((r) => r.method === 'GET' && r.path === '/api/public/cases');
/** Cases ordered within the last `days`, newest created first. */
const recent = (days = 30) =>
	([...(sim.state.cases as Map<string, SimCase>).values()] as SimCase[])
		.filter((c) => Date.parse(c.created) > clock.now - days * DAY_MS)
		.sort((a, b) => (a.created < b.created ? 1 : -1));
const openCase = (list: SimCase[]) => list.find((c) => !['COMPLETE', 'CANCELLED'].includes(c.overall_status)) as SimCase;

describe('Certn Poll Trigger', () => {
	it('emits nothing old on the first poll, then each status, score and check change once, across polls and a restart', async () => {
		const staticData: IDataObject = {};
		expect((await poll(staticData)).items).toBeNull();
		const c = openCase(recent());
		clock.advance(1_000);
		sim.control.setCaseStatus(c.id, 'COMPLETE', { score: 'CLEAR' });
		const out = emitted(await poll(staticData));
		expect(out[0]).toEqual(
			expect.objectContaining({ event: 'CASE_STATUS_CHANGED', objectType: 'CASE', objectId: c.id, vendor: 'certn', id: c.id, status: 'COMPLETE', outcome: 'CLEAR', eventId: expect.any(String) }),
		);
		const checkEvents = out.filter((e) => e.event === 'CHECK_STATUS_CHANGED');
		expect(checkEvents.length).toBeGreaterThan(0);
		expect(checkEvents.every((e) => e.objectType === 'CHECK' && e.id === c.id)).toBe(true);
		expect((await poll(staticData)).items).toBeNull();
		expect((await poll(JSON.parse(JSON.stringify(staticData)) as IDataObject)).items).toBeNull();

		// Only the chosen events; Simplify off gives Certn Trigger's raw shape (event fields + the case).
		const d = openCase(recent().filter((x) => x.id !== c.id));
		clock.advance(1_000);
		sim.control.setCaseStatus(d.id, 'IN_PROGRESS');
		const raw = emitted(await poll(staticData, { events: ['CASE_STATUS_CHANGED'], simplify: false }));
		expect(raw).toEqual([expect.objectContaining({ event: 'CASE_STATUS_CHANGED', object_id: d.id, object_type: 'CASE', case: expect.objectContaining({ id: d.id, overall_status: 'IN_PROGRESS' }) })]);
	});

	it('reports a case ordered between polls', async () => {
		const staticData: IDataObject = {};
		await poll(staticData);
		clock.advance(1_000);
		const res = await fetch(`${sim.baseUrl}/api/public/cases/order/`, {
			method: 'POST',
			headers: { Authorization: `Api-Key ${sim.apiKey}`, 'Content-Type': 'application/json' },
			body: JSON.stringify({ email_address: 'new.applicant@example.com', check_types_with_arguments: { IDENTITY_VERIFICATION_1: {} }, send_invite_email: true }),
		});
		const ordered = (await res.json()) as { id: string };
		expect(emitted(await poll(staticData, { events: ['CASE_STATUS_CHANGED'] }))).toEqual([expect.objectContaining({ event: 'CASE_STATUS_CHANGED', id: ordered.id })]);
	});

	it('with no case in the look-back at activation, every case ordered later is new (no time from n8n\'s clock is kept)', async () => {
		sim.control.reset({ anchor: '2020-01-01T00:00:00Z' });
		const staticData: IDataObject = {};
		expect((await poll(staticData)).items).toBeNull();
		expect(staticData.since).toBe('');
		clock.advance(1_000);
		const res = await fetch(`${sim.baseUrl}/api/public/cases/order/`, {
			method: 'POST',
			headers: { Authorization: `Api-Key ${sim.apiKey}`, 'Content-Type': 'application/json' },
			body: JSON.stringify({ email_address: 'first@example.com', check_types_with_arguments: { IDENTITY_VERIFICATION_1: {} }, send_invite_email: true }),
		});
		const ordered = (await res.json()) as { id: string };
		expect(emitted(await poll(staticData, { events: ['CASE_STATUS_CHANGED'] })).map((e) => e.id)).toEqual([ordered.id]);
	});

	it('reads one page a poll once Certn is seen to sort by modified, all pages of the look-back otherwise', async () => {
		const staticData: IDataObject = {};
		await poll(staticData);
		const pages = listReads().length;
		expect(pages).toBeGreaterThan(1);
		expect(listReads().every((r) => r.query.ordering === '-modified' && typeof r.query.order_timeframe_after === 'string')).toBe(true);
		// The oldest case of the look-back changes: it comes first in a list sorted by modified.
		const old = openCase([...recent(29)].reverse());
		clock.advance(1_000);
		sim.control.setCaseStatus(old.id, 'IN_PROGRESS');
		sim.control.clearRequests();
		expect(emitted(await poll(staticData, { events: ['CASE_STATUS_CHANGED'] })).map((e) => e.id)).toEqual([old.id]);
		expect(staticData.orderingProven).toBe(true);
		expect(listReads()).toHaveLength(1);
	});

	it('still sees every change when Certn ignores the ordering (newest created first)', async () => {
		sim.control.configure({ ordering: 'ignored' });
		const staticData: IDataObject = {};
		await poll(staticData);
		const old = openCase([...recent(29)].reverse());
		const young = openCase(recent());
		clock.advance(1_000);
		sim.control.setCaseStatus(old.id, 'IN_PROGRESS');
		sim.control.setCaseStatus(young.id, 'IN_PROGRESS');
		sim.control.clearRequests();
		const out = emitted(await poll(staticData, { events: ['CASE_STATUS_CHANGED'] }));
		expect(out.map((e) => e.id).sort()).toEqual([old.id, young.id].sort());
		expect(staticData.orderingProven).toBe(false);
		expect(listReads().length).toBeGreaterThan(1);
	});

	it('sends order_timeframe_after as a datetime when Certn refuses a date', async () => {
		sim.control.configure({ timeframeFormat: 'datetime' });
		const staticData: IDataObject = {};
		expect((await poll(staticData)).error).toBeUndefined();
		const reads = listReads();
		expect(reads[0].status).toBe(400);
		expect(String(reads[1].query.order_timeframe_after)).toMatch(/T\d{2}:\d{2}/);
		expect(staticData.timeframe).toBe('datetime');
	});

	it('returns the most recently changed case in the editor without moving its position', async () => {
		const c = openCase(recent());
		clock.advance(1_000);
		sim.control.setCaseStatus(c.id, 'IN_PROGRESS');
		const staticData: IDataObject = {};
		const { items } = await poll(staticData, {}, 'manual');
		expect(items?.[0]).toEqual([expect.objectContaining({ json: expect.objectContaining({ event: 'CASE_STATUS_CHANGED', id: c.id, status: 'IN_PROGRESS' }) })]);
		expect(staticData).toEqual({});
	});
});
