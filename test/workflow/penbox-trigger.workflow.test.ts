import type { IDataObject } from 'n8n-workflow';

import { PenboxApi } from '../../credentials/PenboxApi.credentials';
import { PenboxTrigger } from '../../nodes/Penbox/PenboxTrigger.node';
import { runPoll } from '../harness';
import { apiRequests, credentialsFor, penboxTestBed } from './penbox-helpers';

const bed = penboxTestBed({ caseCount: 20 });

const poll = async (staticData: IDataObject, parameters: IDataObject = {}, mode: 'trigger' | 'manual' = 'trigger') =>
	await runPoll({
		nodeType: PenboxTrigger,
		credentialTypes: [PenboxApi],
		credentials: credentialsFor(bed.sim) as never,
		node: { credentials: { penboxApi: { id: 'penboxApi', name: 'Penbox' } } },
		parameters: { events: ['case.created', 'case.updated', 'case.status_changed', 'case.closed', 'case.waiting_for_changed'], ...parameters },
		staticData,
		mode,
	});

const emitted = (result: Awaited<ReturnType<typeof poll>>) => (result.items?.[0] ?? []).map((i) => i.json);

describe('Penbox Trigger (polling)', () => {
	it('emits nothing old on the first poll, then each change once with its events, across polls and restarts', async () => {
		const staticData: IDataObject = {};
		expect((await poll(staticData)).items).toBeNull();
		expect(staticData.since).toEqual(expect.any(String));

		bed.clock += 5_000;
		const a = bed.sim.control.addCase({ title: 'New client', reference: 'CRM-1' }) as IDataObject & { id: string };
		const first = emitted(await poll(staticData));
		expect(first).toEqual([expect.objectContaining({ event: 'case.created', events: ['case.created', 'case.updated'], id: a.id, reference: 'CRM-1', vendor: 'penbox' })]);
		// Nothing changed: nothing emitted, also after a "restart" (the same static data, a fresh node).
		expect((await poll(JSON.parse(JSON.stringify(staticData)) as IDataObject)).items).toBeNull();
		expect((await poll(staticData)).items).toBeNull();

		bed.clock += 5_000;
		bed.sim.control.setStatus(a.id, 'awaiting_documents');
		bed.clock += 5_000;
		bed.sim.control.completeCase(a.id);
		const closed = emitted(await poll(staticData));
		expect(closed).toEqual([expect.objectContaining({ event: 'case.closed', events: ['case.closed', 'case.status_changed', 'case.updated'], status: 'closed', outcome: 'approved' })]);
		expect((await poll(staticData)).items).toBeNull();
	});

	it('reports Case Closed for a case it had not seen before: created and closed between polls, or an older case closed now', async () => {
		const staticData: IDataObject = {};
		await poll(staticData, { events: ['case.closed'] });
		bed.clock += 1_000;
		const fresh = bed.sim.control.addCase({ reference: 'NEW-CLOSED' }) as IDataObject & { id: string };
		const older = [...bed.sim.state.cases.values()].find((c: IDataObject) => c.parent_status === 'pending') as IDataObject & { id: string };
		bed.clock += 1_000;
		bed.sim.control.completeCase(fresh.id);
		bed.sim.control.completeCase(older.id);
		const out = emitted(await poll(staticData, { events: ['case.closed'] }));
		expect(out.map((c) => [c.id, c.event, c.events])).toEqual([
			[fresh.id, 'case.closed', ['case.created', 'case.closed', 'case.updated']],
			[older.id, 'case.closed', ['case.closed', 'case.updated']],
		]);
	});

	it('filters by event: a waiting-for change alone does not start a Case Closed workflow', async () => {
		const staticData: IDataObject = {};
		await poll(staticData, { events: ['case.closed'] });
		const a = bed.sim.control.addCase({}) as IDataObject & { id: string };
		bed.clock += 1_000;
		expect((await poll(staticData, { events: ['case.closed'] })).items).toBeNull();
		bed.clock += 1_000;
		bed.sim.control.touchCase(a.id, { waitingFor: 'owner' });
		expect((await poll(staticData, { events: ['case.closed'] })).items).toBeNull();
		bed.clock += 1_000;
		bed.sim.control.touchCase(a.id, { waitingFor: 'contact' });
		expect(emitted(await poll(staticData, { events: ['case.waiting_for_changed'] }))).toEqual([expect.objectContaining({ event: 'case.waiting_for_changed', id: a.id })]);
	});

	it('misses nothing when more than one page changed between polls, using sort=-updated_at and an updated_at filter', async () => {
		const staticData: IDataObject = {};
		await poll(staticData, { events: ['case.created'] });
		const ids: string[] = [];
		for (let n = 0; n < 230; n++) {
			bed.clock += 10;
			ids.push((bed.sim.control.addCase({ title: `Bulk ${n}` }) as IDataObject).id as string);
		}
		bed.sim.control.clearRequests();
		const out = emitted(await poll(staticData, { events: ['case.created'] }));
		expect(out.map((c) => c.id).sort()).toEqual([...ids].sort());
		const lists = apiRequests(bed.sim).filter((r) => r.path === '/v1/cases');
		expect(lists.length).toBe(3);
		expect(lists.every((r) => r.query.sort === '-updated_at' && r.query.filter === lists[0].query.filter)).toBe(true);
		expect(lists.map((r) => r.query['page[number]'])).toEqual(['1', '2', '3']);
		expect(JSON.parse(lists[0].query.filter)).toEqual({ attributes: { updated_at: { $ge: expect.any(String) } } });
		expect((await poll(staticData, { events: ['case.created'] })).items).toBeNull();
	});

	it('reports changes since "Start From" on the first poll, restricted to a template', async () => {
		const staticData: IDataObject = {};
		const templateId = (bed.sim.control.templates() as IDataObject[])[1].id as string;
		const out = emitted(await poll(staticData, { events: ['case.updated'], options: { startFrom: '2000-01-01T00:00:00Z', templateId } }));
		expect(out.length).toBeGreaterThan(0);
		const filter = JSON.parse(apiRequests(bed.sim).find((r) => r.path === '/v1/cases')?.query.filter as string) as IDataObject;
		expect(filter.relationships).toEqual({ template: { attributes: { id: { $eq: templateId } } } });
	});

	it('returns a sample in the editor without moving its position', async () => {
		const staticData: IDataObject = {};
		const { items } = await poll(staticData, {}, 'manual');
		expect(items?.[0]).toHaveLength(1);
		expect(items?.[0][0].json).toEqual(expect.objectContaining({ vendor: 'penbox', event: expect.any(String) }));
		expect(staticData.since).toBeUndefined();
	});
});
