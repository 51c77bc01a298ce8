import type { IDataObject } from 'n8n-workflow';

import { SphinxApi } from '../../credentials/SphinxApi.credentials';
import { SphinxOAuth2Api } from '../../credentials/SphinxOAuth2Api.credentials';
import { SphinxPollTrigger } from '../../nodes/Sphinx/SphinxPollTrigger.node';
import { SphinxTrigger } from '../../nodes/Sphinx/SphinxTrigger.node';
import { runPoll, runWebhook, runWebhookMethod, startTestServer } from '../harness';
import { apiRequests, credentialsFor, runSphinx, sphinxTestBed } from './sphinx-helpers';

const bed = sphinxTestBed();
const TOKEN = ['shared', 'token', '42'].join('-');

const triggerBase = (parameters: IDataObject = {}) => ({
	credentialTypes: [SphinxApi, SphinxOAuth2Api],
	credentials: credentialsFor(bed.sim) as never,
	node: { credentials: { sphinxApi: { id: 'sphinxApi', name: 'Sphinx token' } } },
	parameters: { authentication: 'accessToken', events: ['case.completed', 'case.failed'], ...parameters },
});

async function call(body: IDataObject, query: IDataObject = {}, parameters: IDataObject = {}, staticData: IDataObject = {}) {
	return await runWebhook({ nodeType: SphinxTrigger, ...triggerBase(parameters), staticData, request: { method: 'POST', body, query } });
}

describe('Sphinx Trigger (webhook_url calls)', () => {
	it('records its Production URL with the token on activation, for Case › Create to use', async () => {
		const globalStaticData: IDataObject = {};
		const res = await runWebhookMethod({ nodeType: SphinxTrigger, ...triggerBase({ token: TOKEN }), method: 'checkExists', globalStaticData, webhookUrl: 'https://n8n.example.com/webhook/abc/webhook' });
		expect(res.result).toBe(true);
		expect(globalStaticData.sphinxTriggerUrl).toBe(`https://n8n.example.com/webhook/abc/webhook?token=${TOKEN}`);
		const created = await runSphinx(bed.sim, { operation: 'create', customerId: '2', checks: { check: [{ checkType: 'PEP' }] }, webhookUrlSource: 'trigger' }, { staticData: { global: globalStaticData } });
		expect(created.error).toBeUndefined();
		expect(apiRequests(bed.sim).find((r) => r.method === 'POST')?.body?.webhook_url).toBe(`https://n8n.example.com/webhook/abc/webhook?token=${TOKEN}`);
		await runWebhookMethod({ nodeType: SphinxTrigger, ...triggerBase({ token: TOKEN }), method: 'delete', globalStaticData, webhookUrl: 'https://n8n.example.com/webhook/abc/webhook' });
		expect(globalStaticData.sphinxTriggerUrl).toBeUndefined();
	});

	it('answers 401 without the token (or with a wrong one) and starts nothing', async () => {
		const missing = await call({ id: 1 }, {}, { token: TOKEN });
		expect(missing.responseCaptured.status).toBe(401);
		expect(missing.workflowData).toBeUndefined();
		const wrong = await call({ id: 1 }, { token: 'nope' }, { token: TOKEN });
		expect(wrong.responseCaptured.status).toBe(401);
		expect(apiRequests(bed.sim)).toHaveLength(0);
	});

	it('reads the case from Sphinx (the call carries little) and emits the normalized case', async () => {
		const c = bed.sim.control.addCase({ checks: ['PEP'] }) as IDataObject;
		bed.sim.control.completeCase(c.id, { outcome: 'REJECTED' });
		const res = await call({ id: c.id }, { token: TOKEN }, { token: TOKEN });
		expect(res.workflowData?.[0].map((i) => i.json)).toEqual([
			expect.objectContaining({ event: 'case.completed', vendor: 'sphinx', id: String(c.id), status: 'COMPLETED', outcome: 'REJECTED' }),
		]);
		expect(apiRequests(bed.sim).map((r) => r.path)).toEqual([`/api/cases/${String(c.id)}`]);
	});

	it('takes a real delivery from the simulator (full case body), ignores unselected events and repeats', async () => {
		const failedCase = bed.sim.control.addCase({ checks: ['PEP'] }) as IDataObject;
		bed.sim.control.completeCase(failedCase.id, { fail: true });
		const staticData: IDataObject = {};
		const res = await call(bed.sim.control.getCase(failedCase.id) as IDataObject, {}, { events: ['case.completed'] }, staticData);
		expect(res.webhookResponse).toEqual(expect.objectContaining({ ignored: 'event case.failed is not selected' }));
		const done = bed.sim.control.addCase({ checks: ['SANCTION'] }) as IDataObject;
		bed.sim.control.completeCase(done.id, {});
		const first = await call({ id: done.id }, {}, {}, staticData);
		expect(first.workflowData?.[0]).toHaveLength(1);
		const again = await call({ id: done.id }, {}, {}, staticData);
		expect(again.webhookResponse).toEqual(expect.objectContaining({ duplicate: true }));
	});

	it('gets the webhook call the simulator sends when a case completes', async () => {
		const sink = await startTestServer(() => ({ status: 200, body: { ok: true } }));
		try {
			const c = bed.sim.control.addCase({ checks: ['PEP'], webhookUrl: `${sink.url}/hook?token=${TOKEN}` }) as IDataObject;
			bed.sim.control.completeCase(c.id, {});
			await bed.sim.control.flushDeliveries();
			expect(sink.requests).toHaveLength(1);
			const delivered = sink.requests[0];
			expect(delivered.query).toEqual({ token: TOKEN });
			const res = await call(JSON.parse(delivered.rawBody.toString('utf8')) as IDataObject, delivered.query as IDataObject, { token: TOKEN });
			expect(res.workflowData?.[0][0].json).toEqual(expect.objectContaining({ event: 'case.completed', id: String(c.id) }));
		} finally {
			await sink.close();
		}
	});

	it('reads its credential once for deliveries within 10 s (n8n builds a sandbox per read), and again after a failed read', async () => {
		const completed = () => {
			const c = bed.sim.control.addCase({ checks: ['PEP'] }) as IDataObject;
			bed.sim.control.completeCase(c.id, {});
			return c;
		};
		const [a, b, c, d] = [completed(), completed(), completed(), completed()];
		const first = await call({ id: a.id }, { token: TOKEN }, { token: TOKEN });
		expect(first.credentialReads.sphinxApi).toBe(1);
		const second = await call({ id: b.id }, { token: TOKEN }, { token: TOKEN });
		expect(second.credentialReads.sphinxApi ?? 0).toBe(0);
		expect(second.workflowData?.[0][0].json).toEqual(expect.objectContaining({ id: String(b.id), status: 'COMPLETED' }));
		// The read fails (here a 503): the kept credential is dropped, the next delivery reads it again.
		bed.sim.control.pushFaults({ type: 503, method: 'GET', path: `/api/cases/${String(c.id)}` });
		const failed = await call({ id: c.id }, { token: TOKEN }, { token: TOKEN });
		// Unread, the call's own body (an id) says no event the trigger listens for: nothing starts.
		expect(failed.workflowData).toBeUndefined();
		const after = await call({ id: d.id }, { token: TOKEN }, { token: TOKEN });
		expect(after.credentialReads.sphinxApi).toBe(1);
		expect(after.workflowData?.[0][0].json).toEqual(expect.objectContaining({ id: String(d.id), status: 'COMPLETED' }));
		expect(apiRequests(bed.sim).map((r) => r.status)).toEqual([200, 200, 503, 200]);
	});
});

describe('Sphinx Poll Trigger', () => {
	const poll = async (staticData: IDataObject, parameters: IDataObject = {}, mode: 'trigger' | 'manual' = 'trigger') =>
		await runPoll({ nodeType: SphinxPollTrigger, ...triggerBase(parameters), staticData, mode });

	it('starts from now, then emits each completion or failure once, across polls and restarts', async () => {
		const staticData: IDataObject = {};
		const a = bed.sim.control.addCase({ checks: ['PEP'] }) as IDataObject;
		expect((await poll(staticData)).items).toBeNull();
		bed.clock += 5_000;
		bed.sim.control.completeCase(a.id, { outcome: 'ACCEPTED' });
		const b = bed.sim.control.addCase({ checks: ['PEP'] }) as IDataObject;
		bed.sim.control.completeCase(b.id, { fail: true });
		const second = await poll(staticData);
		expect(second.items?.[0].map((i) => [i.json.event, i.json.id])).toEqual([
			['case.completed', String(a.id)],
			['case.failed', String(b.id)],
		]);
		// Nothing new: nothing emitted; a "restart" is the same static data, JSON round-tripped.
		expect((await poll(staticData)).items).toBeNull();
		const restarted = JSON.parse(JSON.stringify(staticData)) as IDataObject;
		expect((await poll(restarted)).items).toBeNull();
	});

	it('emits other changes as case.updated when selected, and a sample in manual mode', async () => {
		const staticData: IDataObject = {};
		await poll(staticData, { events: ['case.updated'] });
		bed.clock += 5_000;
		const c = bed.sim.control.addCase({ checks: ['PEP'] }) as IDataObject;
		const res = await poll(staticData, { events: ['case.updated'] });
		expect(res.items?.[0].map((i) => [i.json.event, i.json.id])).toEqual([['case.updated', String(c.id)]]);
		const sample = await poll({}, {}, 'manual');
		expect(sample.items?.[0]).toHaveLength(1);
		expect(['case.completed', 'case.failed']).toContain(sample.items?.[0][0].json.event);
	});
});
