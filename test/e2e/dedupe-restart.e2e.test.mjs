// Does a trigger's dedupe / poll position survive an n8n restart? (issue 13 follow-up)
//
//   node scripts/e2e.mjs --n8n-version=all test/e2e/dedupe-restart.e2e.test.mjs
//
// Single-process n8n (sqlite, `n8n start`), one instance for this file (setup.mjs), restarted with
// n8n.restart() on the same user folder. Webhook triggers (Certn Trigger with the credential's
// manual secret, Persona Trigger with the secret of the webhook it registered): event E → one
// execution; restart; the very same signed delivery of E again → no second execution; a new event
// F → one execution. The workflow's static data is read back from n8n each time (REST, else
// `n8n export:workflow`) and the test logs whether the event id is in it.
// Poll trigger (Persona Poll Trigger, every minute): restart after a poll that emitted nothing and
// after one that emitted; no event is emitted twice and none is missed (one happens right before
// a restart).

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { useE2e, PKG, workflowId, sleep, requireSim, credentialRef, triggerWorkflow, pollTriggerWorkflow } from './setup.mjs';

const e2e = useE2e({ vendors: ['certn', 'persona'] });
const P = PKG.name;
const note = (m) => process.stderr.write(`# [dedupe-restart n8n ${e2e.version}] ${m}\n`);

const sim = (vendor) => requireSim(e2e, vendor);
const cred = (key) => credentialRef(e2e, key);

/** The workflow's static data as n8n stored it: REST GET /rest/workflows/:id, else `n8n export:workflow`. */
async function storedStaticData(id) {
	const wf = await e2e.n8n.rest('GET', `/workflows/${id}`);
	if (wf && 'staticData' in wf) return { via: 'REST', data: wf.staticData ?? null };
	const file = path.join(os.tmpdir(), `dedupe-restart-${process.pid}-${id}.json`);
	await e2e.n8n.cli(['export:workflow', `--id=${id}`, `--output=${file}`]);
	try {
		const list = JSON.parse(fs.readFileSync(file, 'utf8'));
		return { via: 'export:workflow', data: [].concat(list)[0]?.staticData ?? null };
	} finally {
		fs.rmSync(file, { force: true });
	}
}
/** Static data as text for the log, with webhook secrets left out (only their number shown). */
const stringify = (d) => (typeof d === 'string' ? d : JSON.stringify(d, (k, v) => (k === 'webhookSecrets' && Array.isArray(v) ? `[${v.length} secret(s)]` : v)));

async function waitStored(workflow, count, timeoutMs = 30000) {
	const runs = await e2e.n8n.waitForExecutions({ workflowId: workflow, count, timeoutMs });
	await sleep(1500); // any further execution would have started by now
	return runs;
}

async function resend(url, headers, body) {
	const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
	return { status: res.status, body: await res.text() };
}

/**
 * The restart scenario for one webhook trigger. `send()` makes a new event and delivers it once,
 * returning { eventId, status, replay: { headers, body } } (the exact signed delivery).
 */
async function restartScenario({ label, id, url, send }) {
	const E = await send();
	assert.equal(E.status, 200, `${label}: E answered 200`);
	const first = await waitStored(id, 1);
	assert.equal(first.length, 1, `${label}: E started one execution`);
	assert.equal(first[0].status, 'success');
	const before = await storedStaticData(id);
	const hadE = stringify(before.data ?? '').includes(E.eventId);
	note(`${label}: after E, static data (${before.via}) holds E's id: ${hadE} — ${stringify(before.data).slice(0, 400)}`);
	assert.ok(hadE, `${label}: E's id is in the workflow's static data as n8n stored it`);

	await e2e.n8n.restart();
	note(`${label}: after the restart, static data ${stringify((await storedStaticData(id)).data).slice(0, 400)}`);
	const again = await resend(url(), E.replay.headers, E.replay.body);
	assert.equal(again.status, 200, `${label}: the repeat of E is answered 200 (${again.body})`);
	await sleep(3000);
	const afterRepeat = await e2e.n8n.listExecutions({ workflowId: id });
	note(`${label}: executions after the repeat of E across the restart: ${afterRepeat.length}; answer ${again.body}`);
	assert.equal(afterRepeat.length, 1, `${label}: the repeat of E after the restart starts no second execution (static data had E: ${hadE})`);
	assert.match(again.body, /duplicate/, `${label}: answered as a duplicate`);

	const F = await send();
	assert.equal(F.status, 200);
	const both = await waitStored(id, 2);
	assert.equal(both.length, 2, `${label}: the new event F started exactly one execution`);
	await sleep(2000);
	const stored = await storedStaticData(id);
	const text = stringify(stored.data ?? '');
	note(`${label}: after F, static data holds E: ${text.includes(E.eventId)}, F: ${text.includes(F.eventId)}`);
	assert.ok(text.includes(F.eventId), `${label}: F's id is in the stored static data`);
}

/**
 * The describe block of one webhook trigger (node `label` with the settings `node()` gives, workflow
 * `dr<Vendor>` "e2e dedupe-restart: <vendor>"): imported and activated before its test, deactivated
 * after; the test runs `prepare(url)` (→ what `send` needs), then restartScenario() with
 * `send(url, prepared)`. (`node` is a function: the credentials exist only once useE2e's `before` ran.)
 */
function webhookTriggerRestart({ vendor, label, webhookId, node, prepare, send }) {
	describe(`${label}: dedupe across an n8n restart`, () => {
		const id = workflowId(`dr${vendor[0].toUpperCase()}${vendor.slice(1)}`);
		const url = () => e2e.n8n.webhookUrl(`${webhookId}/webhook`);
		before(async () => {
			await e2e.n8n.importWorkflow(triggerWorkflow(id, `e2e dedupe-restart: ${vendor}`, { name: label, webhookId, ...node() }));
			await e2e.n8n.activate(id);
		});
		after(async () => {
			if (e2e.n8n?.running) await e2e.n8n.deactivate(id).catch(() => {});
		});

		test('the same signed event after a restart starts no second execution; a new event starts one', async () => {
			const prepared = await prepare(url);
			await restartScenario({ label, id, url, send: () => send(url, prepared) });
		});
	});
}

webhookTriggerRestart({
	vendor: 'certn',
	label: 'Certn Trigger',
	webhookId: '3e9d8c7b-6a5f-4e4d-8c3b-2a1f0e9d8c71',
	node: () => ({ type: `${P}.certnTrigger`, parameters: { events: ['CASE_STATUS_CHANGED'], fetchCase: false, simplify: true }, credentials: cred('certnApi') }),
	prepare: () => ({ caseId: [...sim('certn').state.cases.values()][0].id }),
	send: async (url, { caseId }) => {
		const sent = await sim('certn').control.sendEvent({ caseId, eventType: 'CASE_STATUS_CHANGED', url: url() });
		const d = sent.deliveries[0];
		return { eventId: sent.event.id, status: d.status, replay: { headers: { 'X-Signature': d.signature }, body: d.requestBody } };
	},
});

webhookTriggerRestart({
	vendor: 'persona',
	label: 'Persona Trigger',
	webhookId: '3e9d8c7b-6a5f-4e4d-8c3b-2a1f0e9d8c72',
	node: () => ({ type: `${P}.personaTrigger`, parameters: { events: ['case.status-updated'], simplify: true }, credentials: cred('personaApi') }),
	prepare: (url) => {
		const caseId = [...sim('persona').state.cases.values()][0].id;
		const hooks = sim('persona').control.webhooks().filter((w) => w.attributes.status === 'enabled' && w.attributes.url === url());
		assert.equal(hooks.length, 1, 'the trigger registered its webhook');
		return { caseId, hookId: hooks[0].id };
	},
	send: async (url, { caseId, hookId }) => {
		const sent = await sim('persona').control.sendEvent({ caseId, name: 'case.status-updated', webhookId: hookId });
		const d = sent.deliveries[0];
		return { eventId: sent.event.id, status: d.status, replay: { headers: { 'Persona-Signature': d.signature }, body: d.requestBody } };
	},
});

describe('Persona Poll Trigger: position across n8n restarts', () => {
	const id = workflowId('drPoll');
	const reads = () => sim('persona').control.requests({ path: '/api/v1/events' }).length;
	/** Waits for the next poll to have read the Events API (a poll every minute). */
	async function nextPoll(label, timeoutMs = 150_000) {
		const start = reads();
		const deadline = Date.now() + timeoutMs;
		while (reads() === start) {
			if (Date.now() > deadline) throw new Error(`${label}: no poll within ${timeoutMs} ms`);
			await sleep(500);
		}
		await sleep(3000); // the poll's execution (if any) is stored by now
	}
	function changeStatus(n) {
		const s = sim('persona');
		const c = [...s.state.cases.values()][n];
		const current = s.control.getCase(c.id).attributes.status;
		const next = s.state.templates.get(c.templateId).statuses.map((x) => x.name).find((x) => x !== current);
		s.control.setCaseStatus(c.id, next);
		return s.control.events().filter((e) => e.attributes.name === 'case.status-updated').at(-1).id;
	}
	/** Each emitted event id → the number of executions whose trigger output items hold it. */
	async function emittedIds() {
		const counts = {};
		for (const e of await e2e.n8n.listExecutions({ workflowId: id })) {
			// The trigger's output items only: the stored execution also holds a copy of the workflow (static data included).
			const text = JSON.stringify((await e2e.n8n.getExecution(e.id)).items('Persona Poll Trigger'));
			for (const m of new Set(text.match(/evt_[A-Za-z0-9]+/g) ?? [])) counts[m] = (counts[m] ?? 0) + 1;
		}
		return counts;
	}
	after(async () => {
		if (e2e.n8n?.running) await e2e.n8n.deactivate(id).catch(() => {});
	});

	test('restart after an empty poll and after an emitting poll: nothing emitted twice, nothing missed', { timeout: 15 * 60_000 }, async () => {
		await e2e.n8n.importWorkflow(
			pollTriggerWorkflow(id, 'e2e dedupe-restart: persona poll', { node: 'Persona Poll Trigger', type: `${P}.personaPollTrigger`, events: ['case.status-updated'], credentials: cred('personaApi') }),
		);
		await e2e.n8n.activate(id);
		await nextPoll('first (baseline) poll');
		note(`poll: after the baseline poll, static data ${stringify((await storedStaticData(id)).data).slice(0, 300)}`);
		assert.deepEqual(await e2e.n8n.listExecutions({ workflowId: id }), [], 'the baseline poll emits nothing');
		await nextPoll('an empty poll');
		note(`poll: after an empty poll, static data ${stringify((await storedStaticData(id)).data).slice(0, 300)}`);

		await e2e.n8n.restart(); // after a poll that emitted nothing
		const A = changeStatus(1);
		await waitStored(id, 1, 150_000);
		note(`poll: A emitted; static data ${stringify((await storedStaticData(id)).data).slice(0, 300)}`);

		const B = changeStatus(2); // happens before the restart, polled only after it
		await e2e.n8n.restart(); // after a poll that emitted
		await waitStored(id, 2, 150_000);
		await nextPoll('a poll after B was emitted');
		await e2e.n8n.restart();
		await nextPoll('the first poll after the last restart');

		const counts = await emittedIds();
		note(`poll: executions ${(await e2e.n8n.listExecutions({ workflowId: id })).length}; event ids per execution count ${JSON.stringify(counts)}`);
		assert.equal(counts[A], 1, 'A (after a restart that followed an empty poll) emitted exactly once');
		assert.equal(counts[B], 1, 'B (made just before a restart) emitted exactly once, not missed');
		assert.equal((await e2e.n8n.listExecutions({ workflowId: id })).length, 2, 'two executions in all');
	});
});
