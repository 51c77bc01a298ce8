import type { IDataObject } from 'n8n-workflow';

import { ZenooApi } from '../../credentials/ZenooApi.credentials';
import { WEBHOOK_EVENTS } from '../../nodes/Zenoo/catalog';
import { MAX_PAGES } from '../../nodes/Zenoo/pollScan';
import { ZenooPollTrigger } from '../../nodes/Zenoo/ZenooPollTrigger.node';
import { runPoll } from '../harness';
import { newestFirst, normalized, useZenoo, type SimCase } from '../helpers/zenoo';

/**
 * Zenoo Poll Trigger against the Zenoo simulator: a baseline first, then each case change once
 * (across polls and a restart) under the Zenoo Trigger's event names, only the chosen events,
 * Simplify off, list variants (short pages, no has_more, no updated_at), the page cap, the
 * editor's sample, and errors.
 */

const z = useZenoo({ seed: 23, caseCount: 130 });
const sim = () => z.sim();
const { simCases } = z;

const ALL = ['case.created', 'case.status_changed', 'case.escalated', 'case.closed'];

const poll = async (staticData: IDataObject, parameters: IDataObject = {}, o: { mode?: 'trigger' | 'manual'; apiKey?: string } = {}) => {
	z.clock().advance(1_000);
	return await runPoll({
		nodeType: ZenooPollTrigger,
		credentialTypes: [ZenooApi],
		credentials: { zenooApi: { apiKey: o.apiKey ?? sim().apiKey, environment: 'custom', baseUrl: sim().baseUrl } },
		node: { credentials: { zenooApi: { id: 'zenooApi', name: 'Zenoo' } } },
		parameters: { events: ALL, ...parameters },
		staticData,
		mode: o.mode ?? 'trigger',
	});
};
const emitted = (result: Awaited<ReturnType<typeof poll>>) => {
	expect(result.error).toBeUndefined();
	return (result.items?.[0] ?? []).map((i) => i.json);
};
const eventsOf = (out: IDataObject[]) => out.map((e) => [e.event, e.id]);
const listReads = () => z.requests().filter((r) => r.method === 'GET' && r.path === '/v1/cases');
/** Open cases (not Closed, not Escalated), none of `exclude`. */
const openCases = (...exclude: string[]) => simCases().filter((c) => !['Closed', 'Escalated'].includes(c.status) && !exclude.includes(c.token));
const otherStatus = (c: SimCase) => (c.status === 'In Review' ? 'Internal Review' : 'In Review');
const change = (c: SimCase, status = otherStatus(c)) => {
	z.clock().advance(1_000);
	sim().control.setCaseStatus(c.token, status);
	return sim().control.getCase(c.token) as SimCase;
};
async function createCase(body: IDataObject): Promise<SimCase> {
	z.clock().advance(1_000);
	const res = await fetch(`${sim().baseUrl}/v1/cases`, {
		method: 'POST',
		headers: { 'X-API-KEY': sim().apiKey, 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
		body: JSON.stringify(body),
	});
	expect(res.status).toBe(201);
	return ((await res.json()) as { data: SimCase }).data;
}

describe('Zenoo Poll Trigger', () => {
	it('offers exactly the case events of the Zenoo Trigger, under the same names', () => {
		const events = new ZenooPollTrigger().description.properties.find((p) => p.name === 'events');
		const webhookCaseEvents = WEBHOOK_EVENTS.filter((e) => e.value.startsWith('case.'));
		expect(events?.options).toEqual(webhookCaseEvents);
		expect(webhookCaseEvents.map((e) => e.value).sort()).toEqual([...ALL].sort());
	});

	it('records a baseline first, then emits one case.status_changed per change, once, across polls and a restart', async () => {
		const staticData: IDataObject = {};
		expect((await poll(staticData)).items).toBeNull();
		expect(Object.keys(staticData.cases as IDataObject)).toHaveLength(130);
		// Nothing changed: nothing.
		expect((await poll(staticData)).items).toBeNull();

		const [c] = openCases();
		const before = c.status;
		const now = change(c);
		const out = emitted(await poll(staticData, { events: ['case.status_changed'] }));
		expect(out).toEqual([
			{
				event: 'case.status_changed',
				eventId: expect.stringContaining(c.token),
				eventCreatedAt: expect.any(String),
				objectType: 'case',
				objectToken: c.token,
				...normalized(now),
				previousStatus: before,
				newStatus: now.status,
			},
		]);
		expect((await poll(staticData)).items).toBeNull();
		// A restart: n8n hands the saved static data to a new node instance.
		const restored = JSON.parse(JSON.stringify(staticData)) as IDataObject;
		expect((await poll(restored)).items).toBeNull();
		// And the next change after the restart comes once.
		const [d] = openCases(c.token);
		change(d);
		expect(eventsOf(emitted(await poll(restored)))).toEqual([['case.status_changed', d.token]]);
		expect((await poll(restored)).items).toBeNull();
	});

	it('case.escalated and case.closed after their status change, as Zenoo sends them; only the chosen events', async () => {
		const [a, b] = openCases();
		sim().control.prepareForClose(b.token);
		const staticData: IDataObject = {};
		expect((await poll(staticData)).items).toBeNull();

		change(a, 'Escalated');
		change(b, 'Closed');
		expect(eventsOf(emitted(await poll(staticData)))).toEqual([
			['case.status_changed', a.token],
			['case.escalated', a.token],
			['case.status_changed', b.token],
			['case.closed', b.token],
		]);
		expect((await poll(staticData)).items).toBeNull();

		// Only the chosen events start the workflow; the others are still recorded.
		const [c, d] = openCases();
		sim().control.prepareForClose(d.token);
		change(c, 'Escalated');
		change(d, 'Closed');
		const out = emitted(await poll(staticData, { events: ['case.closed'] }));
		expect(eventsOf(out)).toEqual([['case.closed', d.token]]);
		expect(out[0]).toEqual(expect.objectContaining({ status: 'Closed', outcome: 'Decline' }));
		expect((await poll(staticData, { events: ALL })).items).toBeNull();
	});

	it('case.created for a case created after the baseline (and its first status change, as webhooks would send)', async () => {
		const staticData: IDataObject = {};
		await poll(staticData);
		const plain = await createCase({ type: 'Onboarding', entity_category: 'Company' });
		expect(eventsOf(emitted(await poll(staticData)))).toEqual([['case.created', plain.token]]);
		const withEntity = await createCase({ type: 'Review', entity_category: 'Person', entity: { type: 'Person', first_name: 'Ada', last_name: 'Lovelace' } });
		const out = emitted(await poll(staticData));
		expect(eventsOf(out)).toEqual([
			['case.created', withEntity.token],
			['case.status_changed', withEntity.token],
		]);
		expect(out[1]).toEqual(expect.objectContaining({ previousStatus: 'New', newStatus: 'In Progress' }));
		expect(eventsOf(emitted(await poll(staticData, { events: ['case.created'] })))).toEqual([]);
	});

	it('with Simplify off: the case as Zenoo listed it plus event (and previous_status/new_status on a status change)', async () => {
		const staticData: IDataObject = {};
		await poll(staticData, { simplify: false });
		const [c] = openCases();
		const before = c.status;
		change(c);
		const [item] = emitted(await poll(staticData, { simplify: false, events: ['case.status_changed'] }));
		const listed = sim().control.getCase(c.token) as IDataObject;
		expect(item).toEqual({ event: 'case.status_changed', ...listed, previous_status: before, new_status: listed.status });
	});

	it('sees each change once when Zenoo sends short pages, no has_more, a cursor on the last page, and no updated_at', async () => {
		sim().control.configure({ paging: { maxPageSize: 9, hasMore: 'omit', cursorOnLastPage: true }, omitOptionalFields: true });
		const staticData: IDataObject = {};
		expect(emitted(await poll(staticData))).toEqual([]);
		expect(Object.keys(staticData.cases as IDataObject)).toHaveLength(130);
		expect(listReads().every((r) => r.status === 200)).toBe(true);
		const [a, b] = openCases();
		change(a);
		change(b, 'Escalated');
		const out = emitted(await poll(staticData));
		expect(eventsOf(out).sort()).toEqual(
			[
				['case.status_changed', a.token],
				['case.status_changed', b.token],
				['case.escalated', b.token],
			].sort(),
		);
		expect(out.every((e) => e.updatedAt === null)).toBe(true);
		expect((await poll(staticData)).items).toBeNull();
		const created = await createCase({ type: 'Onboarding', entity_category: 'Person' });
		expect(eventsOf(emitted(await poll(staticData)))).toEqual([['case.created', created.token]]);
		expect((await poll(staticData)).items).toBeNull();
	});

	it(`reads at most ${MAX_PAGES} pages a poll; a known case not listed for a while is not reported as created when it comes back`, async () => {
		const staticData: IDataObject = {};
		// Baseline over the whole list (2 pages of 100).
		await poll(staticData);
		expect(staticData.complete).toBe(true);
		// Pages of 2: the 130 cases would need 65 pages.
		sim().control.configure({ paging: { maxPageSize: 2 } });
		sim().control.clearRequests();
		expect((await poll(staticData)).items).toBeNull();
		expect(listReads()).toHaveLength(MAX_PAGES);
		expect(staticData.complete).toBe(false);
		// Cases past the cap stay remembered.
		expect(Object.keys(staticData.cases as IDataObject)).toHaveLength(130);
		// A new case is at the top of Zenoo's list: seen despite the cap.
		const created = await createCase({ type: 'Onboarding', entity_category: 'Company' });
		expect(eventsOf(emitted(await poll(staticData)))).toEqual([['case.created', created.token]]);
		// The whole list again: the cases past the cap are known, nothing is new.
		sim().control.configure({ paging: { maxPageSize: 0 } });
		expect((await poll(staticData)).items).toBeNull();
		expect(staticData.complete).toBe(true);
	});

	it('watches only the filtered cases, and sends the filters on every page', async () => {
		const target = openCases().find((c) => c.risk_tier && c.type)!;
		const staticData: IDataObject = {};
		const filters = { riskTier: target.risk_tier, type: target.type };
		await poll(staticData, { filters });
		expect(listReads().every((r) => r.query.risk_tier === target.risk_tier && r.query.type === target.type)).toBe(true);
		const outside = openCases().find((c) => c.risk_tier !== target.risk_tier)!;
		change(target);
		change(outside);
		expect(eventsOf(emitted(await poll(staticData, { filters })))).toEqual([['case.status_changed', target.token]]);
	});

	it('returns the most recently changed case of the first page in the editor without recording anything', async () => {
		// Zenoo's list (as the simulator plays it) is newest created first: a case of the first page.
		const c = newestFirst(openCases())[5];
		const now = change(c, 'Escalated');
		const staticData: IDataObject = {};
		const { items, error } = await poll(staticData, {}, { mode: 'manual' });
		expect(error).toBeUndefined();
		expect(items).toEqual([[{ json: expect.objectContaining({ event: 'case.escalated', ...normalized(now) }) }]]);
		expect(staticData).toEqual({});
		expect(listReads()).toHaveLength(1);
	});

	it('fails clearly on a rejected API key and on no events', async () => {
		// A key the simulator does not know.
		const rejected = `${sim().apiKey}x`;
		const bad = await poll({}, {}, { apiKey: rejected });
		expect(bad.error).toBeDefined();
		expect(`${bad.error?.message} ${(bad.error as { description?: string }).description ?? ''}`).toMatch(/API key/);
		const manual = await poll({}, {}, { mode: 'manual', apiKey: rejected });
		expect(manual.error).toBeDefined();
		const none = await poll({}, { events: [] });
		expect(none.error?.message).toMatch(/select at least one event/);
	});
});
