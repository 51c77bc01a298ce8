// What a user can do about duplicate deliveries across n8n processes: n8n's Remove Duplicates node
// after the trigger ("Remove Items Processed in Previous Executions" on {{ $json.eventId }}), whose
// record lives in n8n's database, shared by every process. Measured: per event sent to both the
// webhook process and main, how many executions let the event through.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { PACKAGE_NAME } from '../../scripts/lib/n8n-instance.mjs';
import { PERSONA_EVENTS, delay } from './helpers.mjs';

export const REMEDY_ID = 'qPersonaRemedy00';
const HOOK = '5b0f6c1e-9d2a-4c3b-8e7f-1a2b3c4d5e03';

/** Persona Trigger → Remove Duplicates (on the event id). */
export function remedyWorkflow(creds) {
	return {
		id: REMEDY_ID,
		name: 'queue: Persona Trigger → Remove Duplicates',
		nodes: [
			{ id: `${REMEDY_ID}-0`, name: 'Persona Trigger', type: `${PACKAGE_NAME}.personaTrigger`, typeVersion: 1, position: [0, 0], webhookId: HOOK, parameters: { events: PERSONA_EVENTS, simplify: true }, credentials: { personaApi: creds.personaApi } },
			{
				id: `${REMEDY_ID}-1`,
				name: 'Remove Duplicates',
				type: 'n8n-nodes-base.removeDuplicates',
				typeVersion: 2,
				position: [300, 0],
				parameters: { operation: 'removeItemsSeenInPreviousExecutions', logic: 'removeItemsWithAlreadySeenKeyValues', dedupeValue: '={{ $json.eventId }}', options: {} },
			},
		],
		connections: { 'Persona Trigger': { main: [[{ node: 'Remove Duplicates', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
		active: false,
	};
}

export function remedySuite({ ctx, sims, sink, log }) {
	describe('remedy: Remove Duplicates after the trigger, copies sent to two processes', () => {
		const persona = () => sims().persona;
		const url = () => ctx.q.webhookUrl(`${HOOK}/webhook`);
		const hook = () => persona().control.webhooks().find((w) => w.attributes.status !== 'archived' && w.attributes.url === url());
		before(async () => {
			await ctx.q.main.activate(REMEDY_ID);
		});
		after(async () => {
			await ctx.q.main.deactivate(REMEDY_ID).catch(() => {});
		});

		test('each event passes Remove Duplicates in exactly one execution (measured)', async () => {
			assert.ok(hook(), 'the workflow registered its webhook');
			const secret = hook().attributes.secrets[0].value;
			const cases = [...persona().state.cases.keys()].slice(-8);
			const rounds = [];
			for (const [i, caseId] of cases.entries()) {
				sink.clear();
				await persona().control.sendEvent({ caseId, name: 'case.status-updated', url: `${sink.url}/capture`, secretOverride: secret });
				const [r] = sink.requests;
				const headers = { 'content-type': 'application/json', 'persona-signature': r.headers['persona-signature'] };
				const send = (u) => fetch(u, { method: 'POST', headers, body: r.rawBody }).then((x) => x.status);
				// half the events: both copies at the same moment; the other half: 2 s apart
				const statuses = i % 2 === 0 ? await Promise.all([send(url()), send(ctx.q.mainWebhookUrl(`${HOOK}/webhook`))]) : [await send(url()), await delay(2000).then(() => send(ctx.q.mainWebhookUrl(`${HOOK}/webhook`)))];
				rounds.push({ eventId: JSON.parse(r.rawBody).data.id, statuses, concurrent: i % 2 === 0 });
			}
			// at least one execution per event; how many more depends on the trigger's own dedupe
			// (n8n 1.x keeps copies seconds apart out already), so wait until no more arrive
			await ctx.q.main.waitForExecutions({ workflowId: REMEDY_ID, count: rounds.length, timeoutMs: 60000 });
			let list = [];
			for (let seen = -1; list.length !== seen; ) {
				seen = list.length;
				await delay(4000);
				list = (await ctx.q.main.listExecutions({ workflowId: REMEDY_ID })).filter((e) => !['new', 'running', 'waiting'].includes(e.status));
			}
			const passed = new Map();
			for (const e of list) {
				const items = (await ctx.q.main.getExecution(e.id)).items('Remove Duplicates');
				for (const it of items) passed.set(it.eventId, (passed.get(it.eventId) ?? 0) + 1);
			}
			const figures = {
				events: rounds.length,
				executions: list.length,
				passedOnce: rounds.filter((r) => passed.get(r.eventId) === 1).length,
				passedTwice: rounds.filter((r) => (passed.get(r.eventId) ?? 0) > 1).length,
				concurrentPassedTwice: rounds.filter((r) => r.concurrent && (passed.get(r.eventId) ?? 0) > 1).length,
				sequentialPassedTwice: rounds.filter((r) => !r.concurrent && (passed.get(r.eventId) ?? 0) > 1).length,
			};
			ctx.figures.removeDuplicatesRemedy = figures;
			log(`Remove Duplicates after the trigger: ${JSON.stringify(figures)}`);
			for (const r of rounds) assert.deepEqual(r.statuses, [200, 200]);
			assert.equal(figures.passedOnce + figures.passedTwice, rounds.length, 'every event passed at least once');
			assert.equal(figures.sequentialPassedTwice, 0, 'copies 2 s apart: the second is removed');
		});
	});
}
