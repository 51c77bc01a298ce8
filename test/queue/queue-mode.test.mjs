// n8n queue mode (issue 13): Postgres, Redis, a main process, one webhook process and two workers,
// this package installed once in their shared user folder, against the Persona and Zenoo
// simulators (the two vendors whose triggers register their webhook through the vendor's API;
// Certn's and Penbox's webhooks are added by hand in the vendor's portal and Sphinx's per case).
//
//   npm run test:queue                          (n8n 2.41.1; --n8n-version=1|all)
//
// Figures (duplicates, rate limit) are printed as diagnostics and written to
// test-artifacts/queue/figures-<n8n version>.json.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { REPO_DIR } from '../../scripts/lib/n8n-instance.mjs';
import { simulatorCredential } from '../../scripts/lib/vendors.mjs';
import { startQueueN8n } from '../../scripts/lib/n8n-queue.mjs';
import { ids, actionPaths, workflows, delay, PERSONA_HOOK, ZENOO_HOOK, PERSONA_EVENTS, ZENOO_EVENTS, personaNormalized, zenooNormalized, perWindow } from './helpers.mjs';
import { rateLimitSuite } from './rate-limit.mjs';
import { remedySuite, remedyWorkflow } from './remedy.mjs';

const require = createRequire(path.join(REPO_DIR, 'package.json'));
const { startSimulators, startWebhookSink } = require('./simulators');
const { compareCasesNewestFirst } = require('./simulators/persona/seed.js');

const ARTIFACTS = path.resolve(process.env.N8N_CC_ARTIFACTS ?? path.join(REPO_DIR, 'test-artifacts', 'queue'));
const log = (m) => process.stderr.write(`# [queue] ${m}\n`);
const ctx = { figures: {} };
let sims;
let sink;

before(
	async () => {
		sims = await startSimulators({ vendors: ['persona', 'zenoo'], options: { persona: { caseCount: 600 }, zenoo: { caseCount: 300 } } });
		sink = await startWebhookSink();
		const creds = {};
		const credentials = [];
		for (const v of ['persona', 'zenoo']) {
			const c = simulatorCredential({ ...sims[v], vendor: v });
			credentials.push(c);
			creds[c.type] = { id: c.id, name: c.name };
		}
		const kyc = [...sims.persona.state.templates.values()].find((t) => t.name === 'KYC Review');
		ctx.q = await startQueueN8n({
			version: process.env.N8N_CC_N8N_VERSION ?? '2',
			packageTarball: process.env.N8N_CC_PACKAGE_TARBALL,
			credentials,
			workflows: [...workflows(creds, { personaTemplateId: kyc.id }), remedyWorkflow(creds)],
			log,
		});
		ctx.figures.n8n = ctx.q.main.version;
		ctx.figures.startupMs = ctx.q.timings;
	},
	{ timeout: 15 * 60 * 1000 },
);

after(
	async () => {
		try {
			fs.mkdirSync(ARTIFACTS, { recursive: true });
			fs.writeFileSync(path.join(ARTIFACTS, `figures-${ctx.figures.n8n ?? 'n8n'}.json`), JSON.stringify(ctx.figures, null, 2));
			ctx.q?.saveLogs(ARTIFACTS, `queue-${ctx.figures.n8n ?? 'n8n'}`);
		} catch {}
		await ctx.q?.stop();
		await sink?.stop();
		await sims?.stop();
	},
	{ timeout: 180000 },
);

const persona = () => sims.persona;
const zenoo = () => sims.zenoo;
const personaLive = () => persona().control.webhooks().filter((w) => w.attributes.status !== 'archived');
const zenooLive = () => zenoo().control.liveWebhooks();
const executions = (workflowId) => ctx.q.main.listExecutions({ workflowId });

/** Waits until `workflowId` has `count` finished executions (newest first). */
const waitFor = (workflowId, count, timeoutMs = 60000) => ctx.q.main.waitForExecutions({ workflowId, count, timeoutMs });

/** Asserts the execution ran on exactly one worker, and neither on main nor the webhook process. */
async function assertOnWorker(executionId) {
	const names = await ctx.q.waitForWorkerOf(executionId);
	assert.equal(names.length, 1, `execution ${executionId} started on exactly one worker (workers: ${JSON.stringify(names)})`);
	for (const p of ['main', 'webhook']) assert.deepEqual(ctx.q.logLines(p, new RegExp(`started execution ${executionId} `)), [], `not on ${p}`);
	return names[0];
}

// ---------------------------------------------------------------- triggers
const vendors = [
	{
		vendor: 'persona',
		workflowId: ids.personaTrigger,
		node: 'Persona Trigger',
		hookPath: `${PERSONA_HOOK}/webhook`,
		events: PERSONA_EVENTS,
		live: () => personaLive().map((w) => ({ id: w.id, url: w.attributes.url, events: w.attributes['enabled-events'], on: w.attributes.status === 'enabled' })),
		/** A case event in the vendor (through its dashboard); resolves to { caseId, deliveries }. */
		async emit(take) {
			const c = [...persona().state.cases.values()].sort(compareCasesNewestFirst).find((x) => x.attributes.status === 'Open' && !take.has(x.id));
			take.add(c.id);
			persona().control.clearDeliveries();
			persona().control.setCaseStatus(c.id, 'Pending');
			return { caseId: c.id, deliveries: await persona().control.flushDeliveries() };
		},
		/** A signed copy of a case event captured at the sink: { body, headers }. */
		async signedCopy(take) {
			const c = [...persona().state.cases.values()].find((x) => !take.has(x.id));
			take.add(c.id);
			const secret = personaLive()[0].attributes.secrets[0].value;
			sink.clear();
			await persona().control.sendEvent({ caseId: c.id, name: 'case.status-updated', url: `${sink.url}/capture`, secretOverride: secret });
			const [r] = sink.requests;
			return { body: r.rawBody, headers: { 'content-type': 'application/json', 'persona-signature': r.headers['persona-signature'] } };
		},
	},
	{
		vendor: 'zenoo',
		workflowId: ids.zenooTrigger,
		node: 'Zenoo Trigger',
		hookPath: `${ZENOO_HOOK}/webhook`,
		events: ZENOO_EVENTS,
		live: () => zenooLive().map((w) => ({ id: w.id, url: w.url, events: w.events, on: w.status === 'active' })),
		async emit(take) {
			const c = zenoo().control.findCase({ notStatus: 'Closed', exclude: [...take] });
			take.add(c.token);
			zenoo().control.clearDeliveries();
			zenoo().control.createAlert({ caseToken: c.token, category: 'Sanctions Hit', priority: 'Critical' });
			return { caseId: c.token, deliveries: await zenoo().control.flushDeliveries() };
		},
		async signedCopy(take) {
			const c = zenoo().control.findCase({ notStatus: 'Closed', exclude: [...take] });
			take.add(c.token);
			sink.clear();
			await zenoo().control.sendEvent({ caseToken: c.token, eventType: 'case.status_changed', url: `${sink.url}/capture`, secret: zenooLive()[0].secret });
			const [r] = sink.requests;
			return { body: r.rawBody, headers: { 'content-type': 'application/json', 'x-zenoo-signature': r.headers['x-zenoo-signature'] } };
		},
	},
];

for (const v of vendors) {
	describe(`${v.vendor} trigger in queue mode`, () => {
		const take = new Set();
		let hookId;
		const figures = (ctx.figures[v.vendor] = {});

		test('activation in main registers exactly one vendor webhook, pointing at the webhook process', async () => {
			assert.deepEqual(v.live(), [], 'none before');
			await ctx.q.main.activate(v.workflowId);
			if (v.vendor === 'zenoo') await zenoo().control.flushChallenges();
			await delay(1500); // a second process registering late would show up here
			const hooks = v.live();
			assert.equal(hooks.length, 1, JSON.stringify(hooks));
			assert.equal(hooks[0].url, ctx.q.webhookUrl(v.hookPath));
			assert.deepEqual(hooks[0].events, v.events);
			assert.equal(hooks[0].on, true, 'enabled (Zenoo: its challenge answered by the webhook process)');
			hookId = hooks[0].id;
			figures.webhooksAfterActivation = hooks.length;
		});

		test('a vendor delivery arrives at the webhook process and runs on one worker', async () => {
			const { caseId, deliveries } = await v.emit(take);
			const mine = deliveries.filter((d) => d.url === ctx.q.webhookUrl(v.hookPath));
			assert.deepEqual(mine.map((d) => d.status), [200], JSON.stringify(deliveries.map((d) => [d.url, d.status])));
			const [exec] = await waitFor(v.workflowId, 1);
			assert.equal(exec.status, 'success');
			assert.equal(exec.mode, 'webhook');
			figures.deliveryWorker = await assertOnWorker(exec.id);
			const [item] = (await ctx.q.main.getExecution(exec.id)).items(v.node);
			assert.equal(item.id, caseId);
			assert.ok(v.events.includes(item.event), item.event);
		});

		test('one signed delivery sent to both the webhook process and main: executions started (measured)', async () => {
			const wh = ctx.q.webhookUrl(v.hookPath);
			const main = ctx.q.mainWebhookUrl(v.hookPath);
			const count = async () => (await executions(v.workflowId)).length;
			const send = (url, copy) => fetch(url, { method: 'POST', headers: copy.headers, body: copy.body }).then((r) => r.status);
			const result = {};
			// one after the other: the second copy 2 s after the first was answered
			let before = await count();
			let copy = await v.signedCopy(take);
			const s1 = await send(wh, copy);
			await delay(2000);
			// what the webhook process saved of the event in the workflow's static data (Postgres)
			const eventId = ((b) => b.data?.id ?? b.event_id)(JSON.parse(copy.body));
			const staticData = () => ctx.q.pg.query(`select "staticData"::text from workflow_entity where id = '${v.workflowId}'`)[0]?.[0] ?? '';
			const savedBeforeSecond = staticData().includes(eventId);
			const s2 = await send(main, copy);
			await delay(3000);
			result.sequential = { statuses: [s1, s2], executions: (await count()) - before, eventIdInDbStaticDataBeforeSecondCopy: savedBeforeSecond, eventIdInDbStaticDataAfter: staticData().includes(eventId) };
			// at the same moment, three rounds
			const rounds = [];
			for (let i = 0; i < 3; i++) {
				before = await count();
				copy = await v.signedCopy(take);
				const statuses = await Promise.all([send(wh, copy), send(main, copy)]);
				await delay(3000);
				rounds.push({ statuses, executions: (await count()) - before });
			}
			result.concurrent = rounds;
			// the same copy twice to the webhook process (one process): the in-process dedupe
			before = await count();
			copy = await v.signedCopy(take);
			const same = await Promise.all([send(wh, copy), send(wh, copy)]);
			await delay(3000);
			result.sameProcess = { statuses: same, executions: (await count()) - before };
			figures.duplicates = result;
			log(`${v.vendor} duplicates: ${JSON.stringify(result)}`);
			for (const s of [...result.sequential.statuses, ...rounds.flatMap((r) => r.statuses), ...same]) assert.equal(s, 200);
			assert.equal(result.sameProcess.executions, 1, 'two copies in one process start one execution');
			assert.ok(result.sequential.executions >= 1 && rounds.every((r) => r.executions >= 1 && r.executions <= 2), 'each event started at least one and at most two executions');
		});

		test('a restart of every process keeps one webhook, and deliveries still run on a worker', async () => {
			if (v.vendor === 'persona') await ctx.q.restartAll(); // once for both vendors
			if (v.vendor === 'zenoo') await zenoo().control.flushChallenges();
			await delay(1500);
			const hooks = v.live();
			assert.equal(hooks.length, 1, JSON.stringify(hooks));
			assert.equal(hooks[0].id, hookId, 'the same webhook');
			assert.equal(hooks[0].on, true);
			figures.webhooksAfterRestart = hooks.length;
			const n = (await executions(v.workflowId)).length;
			const { caseId, deliveries } = await v.emit(take);
			assert.deepEqual(deliveries.filter((d) => d.url === ctx.q.webhookUrl(v.hookPath)).map((d) => d.status), [200]);
			const list = await waitFor(v.workflowId, n + 1);
			assert.equal(list.length, n + 1);
			await assertOnWorker(list[0].id);
			assert.equal((await ctx.q.main.getExecution(list[0].id)).items(v.node)[0].id, caseId);
		});
	});
}

remedySuite({ ctx, sims: () => sims, sink: { clear: () => sink.clear(), get url() { return sink.url; }, get requests() { return sink.requests; } }, log });

// ---------------------------------------------------------------- action nodes on workers
describe('action nodes on workers: Get Many and Create give the single-process results', () => {
	before(async () => {
		for (const id of [ids.personaActions, ids.zenooActions]) await ctx.q.main.activate(id);
	});
	const start = async (p) => {
		const res = await fetch(ctx.q.webhookUrl(p), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
		assert.equal(res.status, 200);
	};

	test('Persona: Get Many (Return All) is every case newest first, normalized; Create makes one case', async () => {
		persona().control.clearRequests();
		const expected = [...persona().state.cases.values()].sort(compareCasesNewestFirst).map((c) => personaNormalized(persona().control.getCase(c.id)));
		await start(actionPaths.personaActions);
		const [exec] = await waitFor(ids.personaActions, 1, 120000);
		assert.equal(exec.status, 'success');
		ctx.figures.personaActionsWorker = await assertOnWorker(exec.id);
		const run = await ctx.q.main.getExecution(exec.id);
		assert.deepEqual(run.items('Get Many'), expected);
		const [created] = run.items('Create');
		const simCase = persona().state.cases.get(created.id);
		assert.ok(simCase, 'the simulator has the created case');
		assert.equal(simCase.attributes.fields.country_code.value, 'DE');
		assert.deepEqual(created, personaNormalized(persona().control.getCase(created.id)));
		const creates = persona().control.requests({ method: 'POST' }).filter((q) => q.path === '/api/v1/cases');
		assert.equal(creates.length, 1, 'one create request');
		assert.match(creates[0].headers['idempotency-key'] ?? '', /^n8n-/);
	});

	test('Zenoo: Get Many (Return All) is every case newest first, normalized; Create makes one case', async () => {
		zenoo().control.clearRequests();
		const newestFirst = (list) => [...list].sort((a, b) => (a.created_at !== b.created_at ? (a.created_at < b.created_at ? 1 : -1) : a.token < b.token ? -1 : 1));
		const expected = newestFirst([...zenoo().state.cases.keys()].map((t) => zenoo().control.getCase(t))).map(zenooNormalized);
		await start(actionPaths.zenooActions);
		const [exec] = await waitFor(ids.zenooActions, 1, 120000);
		assert.equal(exec.status, 'success');
		ctx.figures.zenooActionsWorker = await assertOnWorker(exec.id);
		const run = await ctx.q.main.getExecution(exec.id);
		assert.deepEqual(run.items('Get Many'), expected);
		const [created] = run.items('Create');
		const c = zenoo().control.getCase(created.id);
		assert.equal(c.external_reference, 'QUEUE-1');
		assert.deepEqual(created, zenooNormalized(c));
		const creates = zenoo().control.requests({ method: 'POST' }).filter((q) => q.path === '/v1/cases');
		assert.equal(creates.length, 1, 'one create request');
	});
});

// ---------------------------------------------------------------- rate limit across workers
rateLimitSuite({ ctx, sims: () => sims, assertOnWorker, waitFor, perWindow, log });
