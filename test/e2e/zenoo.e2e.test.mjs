// Zenoo end to end: the Zenoo node and trigger in a real n8n (one instance for this file), installed
// as a community package (`n8n-nodes-compliance-cases.*`), against the Zenoo simulator, the SMTP
// sink and the demo workflows. Results are checked against the simulator's own state and log.
//
//   node scripts/e2e.mjs test/e2e/zenoo.e2e.test.mjs                  (n8n 2.41.1)
//   node scripts/e2e.mjs --n8n-version=all test/e2e/zenoo.e2e.test.mjs (and n8n 1.123.81)

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { useE2e, PKG, token, workflowId, manualWorkflow, fanOutWorkflow, workflowPlanner, runWorkflow, failure, requireSim, credentialRef, byId, sleep } from './setup.mjs';
import { loadDemoWorkflows } from '../../scripts/lib/demo.mjs';

const e2e = useE2e({ vendors: ['zenoo'] });
const P = PKG.name;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const UNRESOLVED = ['Open', 'Acknowledged', 'Escalated'];

// ---------------------------------------------------------------- helpers
const sim = () => requireSim(e2e, 'zenoo');
const simCases = () => [...sim().state.cases.keys()].map((t) => sim().control.getCase(t));
const newestFirst = (list) => [...list].sort((a, b) => (a.created_at !== b.created_at ? (a.created_at < b.created_at ? 1 : -1) : a.token < b.token ? -1 : 1));
const apiLog = (filter = {}) => sim().control.requests(filter).filter((r) => r.path.startsWith('/v1/'));
function normalized(c) {
	return {
		vendor: 'zenoo',
		id: c.token,
		reference: c.name ?? null,
		status: c.status ?? null,
		outcome: c.decision ?? null,
		riskScore: c.risk_score ?? null,
		assignee: c.assigned_to ?? null,
		createdAt: c.created_at ? new Date(c.created_at).toISOString() : null,
		updatedAt: c.updated_at ? new Date(c.updated_at).toISOString() : null,
	};
}

/** Each case is used by one test only, so the tests do not depend on their order. */
const taken = new Set();
function takeCase(o, label) {
	const c = sim().control.findCase({ ...o, exclude: [...taken] });
	if (!c) throw new Error(`the simulator has no unused case for ${label}`);
	taken.add(c.token);
	return c;
}

/** A Zenoo node from `{ name, parameters, ...node settings }`; `parameters.resource` defaults to case. */
const zenooNode = (n) => ({ type: `${P}.zenoo`, credentials: credentialRef(e2e, 'zenooApi'), ...n, parameters: { resource: 'case', ...n.parameters } });
/** Manual Trigger fanned out to independent Zenoo nodes (each runs once on the trigger's item). */
const fanOut = (id, name, nodes) => fanOutWorkflow(id, name, nodes.map(zenooNode));
/** Manual Trigger → Zenoo nodes in a chain. */
const chain = (id, name, nodes) => manualWorkflow(id, name, nodes.map(zenooNode));

// Every workflow is imported in one `n8n import:workflow` (each CLI call boots n8n, ~3 s).
const { plan: planWorkflow, importPlanned } = workflowPlanner(e2e);

/** Executes an imported workflow (`n8n execute`); fails the test with n8n's error when the run failed, unless `expectOk: false`. */
const run = (wf, options) => runWorkflow(e2e, wf, options);

// ---------------------------------------------------------------- reading
describe('Zenoo node › reading cases, alerts, entities, risk', () => {
	let r;
	let caseA;
	let closed;
	let entity;
	const plan = planWorkflow(() => {
		caseA = takeCase({ openAlerts: true, assessment: 'Active' }, 'reads');
		closed = takeCase({ status: 'Closed' }, 'report');
		entity = sim().state.links.find((l) => l.case_token === caseA.token).entity_token;
		const assessment = sim().control.currentAssessment(caseA.token);
		return fanOut(workflowId('zenooReads'), 'e2e: Zenoo reads', [
			{ name: 'Cases (all)', parameters: { operation: 'getAll', returnAll: true } },
			{ name: 'Cases (limit)', parameters: { operation: 'getAll', returnAll: false, limit: 30 } },
			{ name: 'Cases (filtered)', parameters: { operation: 'getAll', returnAll: true, simplify: false, filters: { status: 'In Progress', riskTier: 'High' } } },
			{ name: 'Case', parameters: { operation: 'get', caseId: byId(caseA.token) } },
			{ name: 'Audit trail', parameters: { operation: 'getAuditTrail', caseId: byId(caseA.token), returnAll: true } },
			{ name: 'Checks', parameters: { operation: 'getChecks', caseId: byId(caseA.token), returnAll: true } },
			{ name: 'Alerts of case', parameters: { operation: 'getAlerts', caseId: byId(caseA.token), returnAll: true } },
			{ name: 'Risk', parameters: { operation: 'getRiskAssessment', caseId: byId(caseA.token) } },
			{ name: 'Alert queue', parameters: { resource: 'alert', operation: 'getAll', returnAll: true, alertFilters: { status: 'Open' }, alertSort: '-priority_score' } },
			{ name: 'Entity', parameters: { resource: 'entity', operation: 'get', entityId: entity } },
			{ name: 'Assessment', parameters: { resource: 'riskAssessment', operation: 'get', riskAssessmentId: assessment.token } },
			{ name: 'Report (JSON)', parameters: { operation: 'generateReport', caseId: byId(closed.token) } },
			{ name: 'Report (PDF)', parameters: { operation: 'generateReport', caseId: byId(closed.token), reportFormat: 'pdf', binaryPropertyName: 'report' } },
		]);
	});
	before(async () => {
		await importPlanned();
		sim().control.clearRequests();
		r = await run(plan.wf);
	});

	test('case › getAll: every case newest first, normalized; a limit stops early; filters reach Zenoo', () => {
		const expected = newestFirst(simCases());
		assert.ok(expected.length > 100, 'more than one page');
		assert.deepEqual(r.items('Cases (all)'), expected.map(normalized));
		assert.deepEqual(r.items('Cases (limit)').map((c) => c.id), expected.slice(0, 30).map((c) => c.token));
		const filtered = r.items('Cases (filtered)');
		assert.deepEqual(filtered.map((c) => c.token).sort(), simCases().filter((c) => c.status === 'In Progress' && c.risk_tier === 'High').map((c) => c.token).sort());
		const lists = apiLog({ method: 'GET', path: '/v1/cases' }).filter((q) => q.path === '/v1/cases');
		assert.ok(lists.some((q) => q.query.status === 'In Progress' && q.query.risk_tier === 'High'));
		assert.ok(lists.some((q) => q.query.limit === '30'));
		assert.ok(apiLog().every((q) => q.auth.valid), 'X-API-KEY on every request');
	});

	test('case › get, audit trail, checks, alerts, risk assessment of one case', () => {
		assert.deepEqual(r.items('Case'), [normalized(sim().control.getCase(caseA.token))]);
		assert.deepEqual(r.items('Audit trail'), sim().control.audit(caseA.token));
		assert.deepEqual(r.items('Checks').map((k) => k.token), [...sim().state.checks.values()].filter((k) => k.case_token === caseA.token).map((k) => k.token));
		assert.deepEqual(r.items('Alerts of case').map((a) => a.token), sim().control.caseAlerts(caseA.token).map((a) => a.token));
		assert.equal(r.items('Risk')[0].token, sim().control.currentAssessment(caseA.token).token);
	});

	test('alert › getAll (the queue, highest priority first), entity › get, riskAssessment › get', () => {
		const open = [...sim().state.alerts.values()].filter((a) => a.status === 'Open').sort((a, b) => (a.priority_score === b.priority_score ? (a.token < b.token ? -1 : 1) : b.priority_score - a.priority_score));
		assert.deepEqual(r.items('Alert queue').map((a) => a.token), open.map((a) => a.token));
		assert.equal(r.items('Entity')[0].token, entity);
		assert.equal(r.items('Assessment')[0].case_token, caseA.token);
	});

	test('case › generateReport: the JSON report, and the PDF as binary data', () => {
		assert.equal(r.items('Report (JSON)')[0].case_token, closed.token);
		assert.equal(r.items('Report (JSON)')[0].case_status, 'Closed');
		const task = r.runData['Report (PDF)'][0].data.main[0][0];
		assert.equal(task.json.fileName, `compliance-report-${closed.name}.pdf`);
		assert.equal(task.binary.report.mimeType, 'application/pdf');
		assert.ok(task.json.fileSize > 100);
	});
});

// ---------------------------------------------------------------- changing
describe('Zenoo node › case work', () => {
	let r;
	let caseB;
	let alertX;
	let alertY;
	let caseC;
	const plan = planWorkflow(() => {
		caseB = takeCase({ notStatus: 'Closed', openAlerts: false }, 'changes');
		caseC = takeCase({ assessment: 'Approved', notStatus: 'Closed' }, 'override');
		const withAlerts = takeCase({ openAlerts: true, notStatus: 'Closed' }, 'alerts');
		[alertX, alertY] = [sim().control.createAlert({ caseToken: withAlerts.token }), sim().control.createAlert({ caseToken: withAlerts.token })];
		return fanOut(workflowId('zenooChanges'), 'e2e: Zenoo case work', [
			{ name: 'Create', parameters: { operation: 'create', caseType: 'Onboarding', entityCategory: 'Company', companyName: 'Northwind e2e Ltd', entityDetails: { registrationNumber: '09876543', country: 'GB' }, additionalFields: { externalReference: 'E2E-1', metadata: '{"channel":"n8n"}' } } },
			{ name: 'Update', parameters: { operation: 'update', caseId: byId(caseB.token), updateFields: { status: 'In Review', assignedTo: 'usr_d4vid' } } },
			{ name: 'Comment', parameters: { operation: 'addComment', caseId: byId(caseB.token), comment: 'Reviewed by n8n e2e', commentFields: { type: 'Note' } } },
			{ name: 'Add entity', parameters: { operation: 'addEntity', caseId: byId(caseB.token), entityRole: 'Director', entitySource: 'new', entityType: 'Person', firstName: 'Ada', lastName: 'Byron' } },
			{ name: 'Add reviewer', parameters: { operation: 'addReviewer', caseId: byId(caseB.token), reviewerUserId: 'usr_c4rla', reviewerRole: 'Approver' } },
			{ name: 'Recalculate risk', parameters: { operation: 'recalculateRiskAssessment', caseId: byId(caseB.token) } },
			{ name: 'Resolve', parameters: { resource: 'alert', operation: 'resolve', alertId: alertX.token, resolution: 'Approve', rationale: 'Namesake', isFalsePositive: true } },
			{ name: 'Escalate', parameters: { resource: 'alert', operation: 'escalate', alertId: alertY.token, escalateOptions: { reason: 'Needs MLRO' } } },
			{ name: 'Override', parameters: { resource: 'riskAssessment', operation: 'override', riskAssessmentId: sim().control.currentAssessment(caseC.token).token, tier: 'High', justification: 'e2e override' } },
		]);
	});
	before(async () => {
		await importPlanned();
		sim().control.clearRequests();
		r = await run(plan.wf);
	});

	test('every POST/PATCH carried its own UUID Idempotency-Key', () => {
		const mutations = apiLog().filter((q) => q.method === 'POST' || q.method === 'PATCH');
		assert.equal(mutations.length, 9);
		assert.ok(mutations.every((q) => UUID.test(q.headers['idempotency-key'])), JSON.stringify(mutations.map((q) => q.headers)));
		assert.equal(new Set(mutations.map((q) => q.headers['idempotency-key'])).size, 9);
	});

	test('case › create, update, addComment, addEntity, addReviewer, recalculateRiskAssessment changed Zenoo', () => {
		const created = sim().control.getCase(r.items('Create')[0].id);
		assert.equal(created.external_reference, 'E2E-1');
		assert.deepEqual(created.metadata, { channel: 'n8n' });
		assert.deepEqual(r.items('Create')[0], normalized(created));
		const b = sim().control.getCase(caseB.token);
		assert.equal(b.assigned_to, 'usr_d4vid');
		assert.equal(sim().control.comments(caseB.token).at(-1).body, 'Reviewed by n8n e2e');
		assert.equal(r.items('Add entity')[0].role, 'Director');
		assert.equal(sim().control.reviewers(caseB.token).at(-1).user_id, 'usr_c4rla');
		assert.equal(r.items('Recalculate risk')[0].token, sim().control.currentAssessment(caseB.token).token);
	});

	test('alert › resolve and escalate; riskAssessment › override', () => {
		assert.equal(sim().control.getAlert(alertX.token).status, 'False Positive');
		assert.equal(sim().control.getAlert(alertY.token).status, 'Escalated');
		assert.equal(r.items('Override')[0].status, 'Overridden');
		assert.equal(sim().control.getCase(caseC.token).risk_tier, 'High');
	});
});

describe('Zenoo node › bulk, close, bad input, retries', () => {
	let caseD;
	let caseE;
	const bulk = planWorkflow(() =>
		chain(workflowId('zenooBulk'), 'e2e: Zenoo bulk acknowledge', [
			{ name: 'Open alerts', parameters: { resource: 'alert', operation: 'getAll', returnAll: false, limit: 120, alertFilters: { status: 'Open' } } },
			{ name: 'Acknowledge', parameters: { resource: 'alert', operation: 'bulkAcknowledge', alertIds: '={{ $json.token }}' } },
		]),
	);
	const refused = planWorkflow(() => {
		caseD = takeCase({ openAlerts: true, assessment: 'Active' }, 'close refused');
		return fanOut(workflowId('zenooCloseNo'), 'e2e: Zenoo close refused', [{ name: 'Close', parameters: { operation: 'close', caseId: byId(caseD.token), decision: 'Approve' } }]);
	});
	const closes = planWorkflow(() => {
		caseE = takeCase({ openAlerts: true, notStatus: 'Closed' }, 'close');
		return fanOut(workflowId('zenooCloseOk'), 'e2e: Zenoo close', [{ name: 'Close', parameters: { operation: 'close', caseId: byId(caseE.token), decision: 'Decline', summary: 'Confirmed match' } }]);
	});
	const bad = planWorkflow(() =>
		chain(workflowId('zenooBadInput'), 'e2e: Zenoo bad input, continue', [
			{ name: 'Three cases', parameters: { operation: 'getAll', returnAll: false, limit: 3 } },
			{
				name: 'Update',
				onError: 'continueRegularOutput',
				parameters: { operation: 'update', caseId: byId('={{ $itemIndex === 1 ? "CAS-1" : $json.id }}'), updateFields: { metadata: '={{ $itemIndex === 2 ? "{oops" : "{\\"checked\\": true}" }}' } },
			},
		]),
	);
	const create = planWorkflow(() => fanOut(workflowId('zenooCreateOnce'), 'e2e: Zenoo create once', [{ name: 'Create', parameters: { operation: 'create', caseType: 'Review', entityCategory: 'Person', firstName: 'Once', lastName: 'Only' } }]));
	before(() => importPlanned());

	test('alert › bulkAcknowledge: 120 items in three calls (50, 50, 20), each item its own result', async () => {
		const cases = simCases().filter((c) => c.status !== 'Closed');
		for (let i = 0; i < 130; i++) sim().control.createAlert({ caseToken: cases[i % cases.length].token });
		sim().control.clearRequests();
		const r = await run(bulk.wf);
		const calls = apiLog({ method: 'POST', path: '/v1/alerts/bulk/acknowledge' });
		assert.deepEqual(calls.map((q) => q.body.alert_tokens.length), [50, 50, 20]);
		const out = r.items('Acknowledge');
		assert.equal(out.length, 120);
		assert.deepEqual(out.map((o) => o.alertTokens[0]), r.items('Open alerts').map((a) => a.token));
		assert.ok(out.every((o) => o.succeeded === 1 && sim().control.getAlert(o.alertTokens[0]).status === 'Acknowledged'));
	});

	test('case › close refused: the message names the open alerts and the unapproved assessment; nothing changed', async () => {
		const r = await run(refused.wf, { expectOk: false });
		const { message, description } = failure(r);
		const open = sim().control.caseAlerts(caseD.token).filter((a) => UNRESOLVED.includes(a.status));
		assert.match(message, new RegExp(`^Zenoo refused to close case ${caseD.token}: ${open.length} alerts? (is|are) not resolved \\(${open[0].token}: ${open[0].status}`));
		assert.match(message, /its risk assessment rsk_\w+ is Active, not Approved \(HTTP 409/);
		assert.match(description, /Nothing was changed/);
		assert.notEqual(sim().control.getCase(caseD.token).status, 'Closed');
	});

	test('case › close once alerts are resolved and the assessment approved', async () => {
		sim().control.prepareForClose(caseE.token);
		const r = await run(closes.wf);
		assert.deepEqual(r.items('Close'), [normalized(sim().control.getCase(caseE.token))]);
		assert.equal(sim().control.getCase(caseE.token).decision, 'Decline');
	});

	test('bad input with Continue On Fail: error items name field and item, the good item is updated', async () => {
		sim().control.clearRequests();
		const r = await run(bad.wf);
		const out = r.items('Update');
		assert.equal(out.length, 3);
		assert.equal(out[0].vendor, 'zenoo');
		assert.equal(out[1].error, 'Case Token: "CAS-1" is not a valid Case Token [item 1]');
		assert.match(out[2].error, /^Update Fields > Metadata \(JSON\): is not valid JSON .*\[item 2\]$/);
		assert.equal(apiLog({ method: 'PATCH' }).length, 1);
	});

	test('a create whose answer is lost is retried with the same key and Zenoo replays it: one case', async () => {
		const before = sim().state.cases.size;
		sim().control.clearRequests();
		sim().control.pushFaults({ type: 'reset', after: true, method: 'POST', path: '/v1/cases' });
		const r = await run(create.wf);
		assert.equal(sim().state.cases.size, before + 1);
		const posts = apiLog({ method: 'POST', path: '/v1/cases' });
		assert.equal(posts.length, 2);
		assert.equal(posts[0].headers['idempotency-key'], posts[1].headers['idempotency-key']);
		assert.equal(posts[1].idempotentReplay, true);
		assert.equal(r.items('Create')[0].reference, sim().control.getCase(r.items('Create')[0].id).name);
	});
});

// ---------------------------------------------------------------- trigger
describe('Zenoo Trigger', () => {
	const id = workflowId('zenooTrigger');
	const webhookId = '2d4f6a8c-1e3b-4d5f-9a7c-0b2d4f6a8c1e';
	const events = ['alert.created', 'case.status_changed'];
	const mailTag = token('zenoo-trigger');
	let hookUrl;
	let hookIdBefore;
	let active = false;
	const liveHooks = () => sim().control.liveWebhooks();
	const executions = () => e2e.n8n.listExecutions({ workflowId: id });
	const triggerItems = async (executionId) => (await e2e.n8n.getExecution(executionId)).items('Zenoo Trigger');
	planWorkflow(() => {
		hookUrl = e2e.n8n.webhookUrl(`${webhookId}/webhook`);
		return {
			id,
			name: 'e2e: Zenoo event → Send Email',
			nodes: [
				{ id: `${id}-0`, name: 'Zenoo Trigger', type: `${P}.zenooTrigger`, typeVersion: 1, position: [0, 0], webhookId, parameters: { events, simplify: true }, credentials: credentialRef(e2e, 'zenooApi') },
				{
					id: `${id}-1`,
					name: 'Send Email',
					type: 'n8n-nodes-base.emailSend',
					typeVersion: 2.1,
					position: [300, 0],
					webhookId: '2d4f6a8c-1e3b-4d5f-9a7c-0b2d4f6a8c1f',
					parameters: {
						fromEmail: 'n8n compliance <n8n@compliance.example>',
						toEmail: 'compliance-team@compliance.example',
						subject: `=Zenoo {{ $json.event }} on {{ $json.reference }} [${mailTag}]`,
						emailFormat: 'text',
						text: '=Case {{ $json.reference }} ({{ $json.id }})\nStatus: {{ $json.status }}\nEvent: {{ $json.event }}\nObject: {{ $json.objectToken }}\n',
						options: { appendAttribution: false },
					},
					credentials: credentialRef(e2e, 'smtp'),
				},
			],
			connections: { 'Zenoo Trigger': { main: [[{ node: 'Send Email', type: 'main', index: 0 }]] } },
			settings: { executionOrder: 'v1' },
		};
	});
	before(() => importPlanned());
	after(async () => {
		if (active && e2e.n8n?.running) await e2e.n8n.deactivate(id).catch(() => {});
	});

	test('activation registers exactly one webhook (n8n\'s production URL, the events) and answers the challenge', async () => {
		assert.deepEqual(liveHooks(), [], 'no webhook before activation');
		await e2e.n8n.activate(id);
		active = true;
		await sim().control.flushChallenges();
		const hooks = liveHooks();
		assert.equal(hooks.length, 1, JSON.stringify(hooks));
		assert.equal(hooks[0].url, hookUrl);
		assert.deepEqual(hooks[0].events, events);
		assert.equal(hooks[0].status, 'active', `the challenge was answered: ${JSON.stringify(hooks[0].verification)}`);
		hookIdBefore = hooks[0].id;
		await sleep(1000);
		assert.deepEqual(await executions(), [], 'the challenge starts no execution');
	});

	test('a signed alert event starts exactly one execution with the event and the case, and an email', async () => {
		const c = takeCase({ notStatus: 'Closed' }, 'trigger');
		sim().control.clearDeliveries();
		const alert = sim().control.createAlert({ caseToken: c.token, category: 'Sanctions Hit', priority: 'Critical' });
		const deliveries = (await sim().control.flushDeliveries()).filter((d) => d.url === hookUrl);
		assert.deepEqual(deliveries.map((d) => d.status), [200]);
		const [exec] = await e2e.n8n.waitForExecutions({ workflowId: id, count: 1 });
		assert.equal(exec.status, 'success');
		const [item] = await triggerItems(exec.id);
		const body = JSON.parse(deliveries[0].requestBody);
		assert.deepEqual({ ...item, eventData: undefined }, { event: 'alert.created', eventId: body.event_id, eventCreatedAt: body.created_at, objectType: 'alert', objectToken: alert.token, ...normalized(sim().control.getCase(c.token)), eventData: undefined });
		assert.equal(item.eventData.category, 'Sanctions Hit');
		const mail = await e2e.sink.waitForMessage((m) => m.subject.includes(mailTag), { timeoutMs: 30000 });
		assert.equal(mail.subject, `Zenoo alert.created on ${c.name} [${mailTag}]`);
		assert.match(mail.text, new RegExp(`Object: ${alert.token}`));
		await sleep(1500);
		assert.equal((await executions()).length, 1, 'still exactly one execution');
	});

	test('forged and unsigned events are answered 401 and start no execution', async () => {
		const before = (await executions()).length;
		const c = takeCase({ notStatus: 'Closed' }, 'forged');
		const forged = await sim().control.sendEvent({ caseToken: c.token, eventType: 'case.status_changed', forged: true });
		assert.deepEqual(forged.deliveries.map((d) => d.status), [401]);
		const unsigned = await fetch(hookUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: forged.rawBody });
		assert.equal(unsigned.status, 401);
		await sleep(2000);
		assert.equal((await executions()).length, before);
	});

	test('after an n8n restart the same single webhook is kept, and deliveries still work', async () => {
		const before = (await executions()).length;
		await e2e.n8n.restart();
		const hooks = liveHooks();
		assert.equal(hooks.length, 1);
		assert.equal(hooks[0].id, hookIdBefore);
		const c = takeCase({ notStatus: 'Closed', status: 'In Progress' }, 'after restart');
		sim().control.clearDeliveries();
		sim().control.setCaseStatus(c.token, 'In Review');
		const deliveries = (await sim().control.flushDeliveries()).filter((d) => d.url === hookUrl);
		assert.deepEqual(deliveries.map((d) => d.status), [200]);
		const list = await e2e.n8n.waitForExecutions({ workflowId: id, count: before + 1 });
		const [item] = await triggerItems(list[0].id);
		assert.equal(item.event, 'case.status_changed');
		assert.equal(item.id, c.token);
		assert.equal(item.status, 'In Review');
		assert.equal(item.previousStatus, 'In Progress');
	});

	test('deactivation removes the webhook', async () => {
		await e2e.n8n.deactivate(id);
		active = false;
		assert.deepEqual(liveHooks(), []);
		const res = await fetch(hookUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
		assert.equal(res.status, 404);
	});
});

// ---------------------------------------------------------------- demo workflows
describe('Zenoo demo workflows', () => {
	test('"Zenoo case alert → email": an alert raised in Zenoo reaches the SMTP sink', async () => {
		const { n8n, sink, credentials } = e2e;
		const demo = loadDemoWorkflows({ credentials }).find((w) => w.workflow.id === 'ccDemoZenooAlrt1');
		assert.ok(demo, 'demo/workflows/zenoo-case-alert-email.json');
		assert.deepEqual(demo.missing, []);
		await n8n.importWorkflow(demo.workflow);
		await n8n.activate(demo.workflow.id);
		try {
			await sim().control.flushChallenges();
			const c = takeCase({ notStatus: 'Closed' }, 'demo');
			const alert = sim().control.createAlert({ caseToken: c.token, category: 'PEP Match', priority: 'High' });
			const deliveries = await sim().control.flushDeliveries();
			assert.ok(deliveries.some((d) => d.status === 200 && d.meta.eventId), JSON.stringify(deliveries.map((d) => [d.status, d.meta])));
			const mail = await sink.waitForMessage((m) => m.subject.includes(c.name), { timeoutMs: 30000 });
			assert.equal(mail.subject, `Zenoo alert on case ${c.name}: PEP Match (High)`);
			assert.match(mail.text, new RegExp(`Alert token: ${alert.token}`));
			assert.deepEqual(mail.envelope.to, ['compliance-team@compliance.example']);
		} finally {
			await n8n.deactivate(demo.workflow.id);
		}
	});

	test('"Zenoo open alerts, highest priority first": lists and acknowledges the queue', async () => {
		const { n8n, credentials } = e2e;
		const demo = loadDemoWorkflows({ credentials }).find((w) => w.workflow.id === 'ccDemoZenooQueu1');
		assert.ok(demo);
		await n8n.importWorkflow(demo.workflow);
		const open = [...sim().state.alerts.values()].filter((a) => a.status === 'Open').length;
		const r = await run(demo.workflow);
		assert.equal(r.items('Open alerts').length, open);
		assert.equal(r.items('Acknowledge them').length, open);
		assert.equal([...sim().state.alerts.values()].filter((a) => a.status === 'Open').length, 0);
	});
});
