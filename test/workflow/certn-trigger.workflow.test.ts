import { createHmac, randomUUID } from 'crypto';
import type { IDataObject } from 'n8n-workflow';

import { CertnApi } from '../../credentials/CertnApi.credentials';
import { timing } from '../../core/timing';
import { Certn } from '../../nodes/Certn/Certn.node';
import { CertnTrigger } from '../../nodes/Certn/CertnTrigger.node';
import * as certnNormalize from '../../nodes/Certn/normalize';
import { runNode, runWebhook } from '../harness';
import { startCertnSimulator } from '../../simulators/certn';

/**
 * The Certn Trigger's delivery handling: what is remembered as handled and when, replays, and
 * how long the answer may take. Runs on a virtual clock (the node's waits are recorded, never
 * slept), against the Certn simulator on the same clock.
 */

type Sim = Awaited<ReturnType<typeof startCertnSimulator>>;
type SimCase = { id: string; short_id: string; overall_status: string; overall_score: string | null };

let sim: Sim;
const realTiming = { ...timing };
let clock = 0;
let sleeps: number[] = [];

beforeAll(async () => {
	clock = Date.now();
	sim = await startCertnSimulator({ seed: 23, caseCount: 80, clock: () => clock });
	Object.assign(timing, {
		now: () => clock,
		monotonic: () => clock,
		sleep: async (ms: number) => {
			sleeps.push(ms);
			clock += ms;
		},
	});
});
afterAll(async () => {
	Object.assign(timing, realTiming);
	await sim.stop();
});
beforeEach(() => {
	sim.control.reset();
	sleeps = [];
	// A fresh minute: the request budget spent by the previous test is back.
	clock += 61_000;
});
afterEach(() => jest.restoreAllMocks());

const credentials = () => ({
	certnApi: { apiKey: sim.apiKey, environment: 'custom', baseUrl: sim.baseUrl, webhookSecret: sim.webhookSecret },
});
const cases = (): SimCase[] => [...(sim.state.cases as Map<string, SimCase>).values()];
const caseReads = (id: string) =>
	(sim.control.requests() as unknown as Array<{ method: string; path: string }>).filter((r) => r.method === 'GET' && r.path === `/api/public/cases/${id}`);

/** A delivery as Certn signs it: X-Signature = hex HMAC-SHA256 of the raw body. */
function signed(payload: IDataObject) {
	const rawBody = Buffer.from(JSON.stringify(payload));
	const signature = createHmac('sha256', sim.webhookSecret).update(rawBody).digest('hex');
	return { method: 'POST', headers: { 'content-type': 'application/json', 'x-signature': signature }, body: payload, rawBody };
}

let eventCounter = 0;
function caseEvent(caseId: string, extra: IDataObject = {}): IDataObject {
	eventCounter += 1;
	return {
		id: `6f1c2a3b-0000-4000-8000-${String(eventCounter).padStart(12, '0')}`,
		event_type: 'CASE_STATUS_CHANGED',
		object_id: caseId,
		object_type: 'CASE',
		created: new Date(clock).toISOString(),
		...extra,
	};
}

/** One trigger node in one process: its deliveries share the node's identity and static data, as in n8n. */
function trigger(parameters: IDataObject = {}) {
	const staticData: IDataObject = {};
	const node = { id: randomUUID(), webhookId: randomUUID() };
	const deliver = async (request: ReturnType<typeof signed>) =>
		await runWebhook({
			nodeType: CertnTrigger,
			credentialType: CertnApi,
			credentials: credentials(),
			parameters: { events: ['CASE_STATUS_CHANGED'], ...parameters },
			node,
			staticData,
			request,
		});
	return { staticData, deliver };
}

const failOnce = () =>
	jest.spyOn(certnNormalize, 'normalizeCertnCase').mockImplementationOnce(() => {
		throw new Error('the item could not be built');
	});

describe('Certn Trigger › what counts as handled', () => {
	it('lets the retry of a delivery whose handling failed through, instead of answering it as a duplicate', async () => {
		const { deliver, staticData } = trigger();
		const c = cases()[0];
		const request = signed(caseEvent(c.id));
		failOnce();
		await expect(deliver(request)).rejects.toThrow('the item could not be built');

		const retry = await deliver(request);
		expect(retry.webhookResponse).toBeUndefined();
		expect(retry.workflowData?.[0]).toHaveLength(1);
		expect(retry.workflowData![0][0].json).toMatchObject({ event: 'CASE_STATUS_CHANGED', id: c.id, reference: c.short_id });

		expect(Object.keys(staticData.recentEventIds as IDataObject)).toEqual([request.body.id]);
		const again = await deliver(request);
		expect(again.workflowData).toBeUndefined();
		expect(again.webhookResponse).toEqual({ received: true, duplicate: true });
	});

	it('starts one execution for two copies of an event handled at the same time; a failed first copy lets the retry through', async () => {
		const c = cases()[1];
		const { deliver } = trigger();
		const request = signed(caseEvent(c.id));
		const both = await Promise.all([deliver(request), deliver(request)]);
		expect(both.filter((r) => r.workflowData)).toHaveLength(1);
		expect(both.filter((r) => r.webhookResponse)).toEqual([expect.objectContaining({ webhookResponse: { received: true, duplicate: true } })]);
		expect(caseReads(c.id)).toHaveLength(1);

		// The first copy fails while the second is answered as its duplicate: the vendor retries
		// the failed one, and that retry is handled.
		const other = trigger();
		const next = signed(caseEvent(c.id));
		failOnce();
		const settled = await Promise.allSettled([other.deliver(next), other.deliver(next)]);
		expect(settled.map((s) => s.status)).toEqual(['rejected', 'fulfilled']);
		expect((settled[1] as PromiseFulfilledResult<Awaited<ReturnType<typeof other.deliver>>>).value.webhookResponse).toEqual({
			received: true,
			duplicate: true,
		});
		const retry = await other.deliver(next);
		expect(retry.workflowData?.[0]).toHaveLength(1);
	});
});

describe('Certn Trigger › replays', () => {
	const minutes = (n: number) => new Date(clock + n * 60_000).toISOString();

	it('refuses (401) a correctly signed delivery older than the deduplication window, or dated in the future', async () => {
		const { deliver } = trigger();
		const c = cases()[2];
		const stale = await deliver(signed(caseEvent(c.id, { created: minutes(-61) })));
		expect(stale.workflowData).toBeUndefined();
		expect(stale.responseCaptured.status).toBe(401);
		expect(String((stale.responseCaptured.body as IDataObject).error)).toMatch(/older than 3600 s/);

		const future = await deliver(signed(caseEvent(c.id, { created: minutes(10) })));
		expect(future.responseCaptured.status).toBe(401);
		expect(String((future.responseCaptured.body as IDataObject).error)).toMatch(/in the future/);
		expect(caseReads(c.id)).toHaveLength(0);

		// Within the window, and a clock a minute ahead of ours, are fine.
		for (const created of [minutes(-59), minutes(1)]) {
			const fresh = await deliver(signed(caseEvent(c.id, { created })));
			expect(fresh.workflowData?.[0]).toHaveLength(1);
		}
	});

	it('follows the deduplication window by default, and takes an explicit maximum age', async () => {
		const c = cases()[3];
		const shortWindow = trigger({ options: { dedupeWindowSeconds: 600 } });
		const elevenMinutes = signed(caseEvent(c.id, { created: minutes(-11) }));
		expect((await shortWindow.deliver(elevenMinutes)).responseCaptured.status).toBe(401);

		const longer = trigger({ options: { maxEventAgeSeconds: 7200 } });
		const twoHoursAgo = signed(caseEvent(c.id, { created: minutes(-119) }));
		expect((await longer.deliver(twoHoursAgo)).workflowData?.[0]).toHaveLength(1);

		const off = trigger({ options: { maxEventAgeSeconds: 0 } });
		const lastWeek = signed(caseEvent(c.id, { created: minutes(-7 * 24 * 60) }));
		expect((await off.deliver(lastWeek)).workflowData?.[0]).toHaveLength(1);
	});

	it('does not let an event without an ID bypass deduplication: repeats of the same signed body start nothing', async () => {
		const { deliver } = trigger();
		const c = cases()[4];
		const { id, ...withoutId } = caseEvent(c.id);
		void id;
		const request = signed(withoutId);
		const first = await deliver(request);
		const again = await deliver(request);
		expect(first.workflowData?.[0]).toHaveLength(1);
		expect(again.workflowData).toBeUndefined();
		expect(again.webhookResponse).toEqual({ received: true, duplicate: true });
		// Another event (another body) about the same case still starts.
		const next = await deliver(signed({ ...withoutId, created: minutes(1) }));
		expect(next.workflowData?.[0]).toHaveLength(1);
	});

	it('accepts an event without a created time (Certn\'s documented example has none), deduplicated by its ID', async () => {
		const { deliver } = trigger();
		const c = cases()[5];
		const { created, ...undated } = caseEvent(c.id);
		void created;
		const request = signed(undated);
		expect((await deliver(request)).workflowData?.[0]).toHaveLength(1);
		expect((await deliver(request)).webhookResponse).toEqual({ received: true, duplicate: true });
	});
});

describe('Certn Trigger › answering in time', () => {
	it('does not wait for a spent rate-limit budget: it answers at once, with caseFetchError saying why', async () => {
		// 60 case reads by the Certn node spend the minute's budget of the same credential.
		const reads = await runNode({
			nodeType: Certn,
			credentialType: CertnApi,
			credentials: credentials(),
			parameters: { resource: 'case', operation: 'get', caseId: '={{ $json.id }}' },
			items: cases()
				.slice(0, 60)
				.map((c) => ({ id: c.id })),
		});
		expect(reads.error).toBeUndefined();
		expect(reads.items).toHaveLength(60);

		const c = cases()[61];
		const { deliver } = trigger();
		sleeps = [];
		const startedAt = clock;
		const answered = await deliver(signed(caseEvent(c.id)));
		const [item] = answered.workflowData![0];
		expect(item.json).toMatchObject({ event: 'CASE_STATUS_CHANGED', id: c.id, reference: null, caseFetchError: expect.stringMatching(/rate limit/i) });
		// Certn wants an answer within 10 s: nothing was waited for, nothing was sent.
		expect(sleeps).toEqual([]);
		expect(clock - startedAt).toBeLessThan(1000);
		expect(caseReads(c.id)).toHaveLength(0);

		// Once the budget is back, the case is read again.
		clock += 61_000;
		const later = await deliver(signed(caseEvent(c.id)));
		expect(later.workflowData![0][0].json).toMatchObject({ id: c.id, reference: c.short_id });
		expect(later.workflowData![0][0].json.caseFetchError).toBeUndefined();
	});

	it('reads the case in one attempt at most, so the answer cannot outlast the read\'s timeout', async () => {
		const c = cases()[6];
		sim.control.pushFaults({ type: 503, count: 5, method: 'GET' });
		const { deliver } = trigger();
		sleeps = [];
		const answered = await deliver(signed(caseEvent(c.id)));
		expect(answered.workflowData![0][0].json).toMatchObject({ id: c.id, caseFetchError: expect.stringMatching(/HTTP 503/) });
		expect(caseReads(c.id)).toHaveLength(1);
		expect(sleeps).toEqual([]);
	});
});
