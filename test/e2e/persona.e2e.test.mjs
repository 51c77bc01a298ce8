// Persona end to end: the Persona node and trigger in a real n8n (one instance for this file),
// installed as a community package (`n8n-nodes-compliance-cases.*`), against the Persona simulator.
// Every result is checked against the simulator's own state, not just counted.
//
//   node scripts/e2e.mjs test/e2e/persona.e2e.test.mjs            (n8n 2.41.1)
//   node scripts/e2e.mjs --n8n-version=1 test/e2e/persona.e2e.test.mjs

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { useE2e, PKG, REPO_DIR, token, workflowId, manualWorkflow, fanOutWorkflow, workflowPlanner, runWorkflow, requireSim, credentialRef, byId, sleep } from './setup.mjs';

const e2e = useE2e({ vendors: ['persona'] });
const P = PKG.name;
const require = createRequire(`${REPO_DIR}/package.json`);
const { compareCasesNewestFirst } = require('./simulators/persona/seed.js');

// ---------------------------------------------------------------- helpers
const sim = () => requireSim(e2e, 'persona');

/** Simulator records (internal, kebab-case attributes), newest first like Persona's list. */
const simCases = () => [...sim().state.cases.values()].sort(compareCasesNewestFirst);
const template = (name) => [...sim().state.templates.values()].find((t) => t.name === name);
/** The case resource as the simulator holds it now (kebab-case). */
const simCase = (id) => sim().control.getCase(id);

/** What the node's Simplify should make of a simulator case resource. */
function normalized(resource) {
	const a = resource.attributes;
	const risk = a.fields?.['risk-score']?.value;
	return {
		vendor: 'persona',
		id: resource.id,
		reference: a.name ?? null,
		status: a.status ?? null,
		outcome: a.resolution ?? null,
		riskScore: typeof risk === 'number' ? risk : null,
		assignee: a['assignee-id'] ?? null,
		createdAt: a['created-at'] ? new Date(a['created-at']).toISOString() : null,
		updatedAt: a['updated-at'] ? new Date(a['updated-at']).toISOString() : null,
	};
}

/** Each case is used by one test only, so the operations do not depend on their order. */
const taken = new Set();
function takeCase(pred = () => true, label = 'a case') {
	const c = simCases().find((x) => !taken.has(x.id) && !x.attributes['redacted-at'] && pred(x));
	if (!c) throw new Error(`the simulator has no unused case for ${label}`);
	taken.add(c.id);
	return c;
}

/** A Persona node from `{ name, parameters, ...node settings }`; `parameters.resource` defaults to case. */
const personaNode = (n) => ({ type: `${P}.persona`, credentials: credentialRef(e2e, 'personaApi'), ...n, parameters: { resource: 'case', ...n.parameters } });
/** Manual Trigger fanned out to independent Persona nodes (each gets the trigger's one item, so each operation runs once). */
const personaFanOut = (id, name, nodes) => fanOutWorkflow(id, name, nodes.map(personaNode));

// Every workflow of this file is imported in one `n8n import:workflow` (each CLI call boots n8n,
// ~3 s): a describe block plans its workflow (picking its cases from the simulator) with
// planWorkflow(), and its `before` awaits importPlanned() before using `plan.wf`.
// (A second top-level before() would not do: node:test may start it while useE2e's is still running.)
const { plan: planWorkflow, importPlanned } = workflowPlanner(e2e);

/** Executes an imported workflow (`n8n execute`); fails the test with n8n's error when the run failed, unless `expectOk: false`. */
const run = (wf, options) => runWorkflow(e2e, wf, options);

// ---------------------------------------------------------------- operations
describe('Persona node › reading cases', () => {
	let r;
	let kyc;
	let sanctions;
	let getCase;
	const plan = planWorkflow(() => {
		kyc = template('KYC Review');
		sanctions = template('Sanctions Screening');
		getCase = takeCase((c) => c.templateId === kyc.id && typeof c.attributes.fields['risk-score']?.value === 'number' && c.attributes['assignee-id'], 'Get');
		return personaFanOut(workflowId('personaReads'), 'e2e: Persona reads', [
			{ name: 'Get Many (all)', parameters: { operation: 'getAll', returnAll: true } },
			{ name: 'Get Many (limit)', parameters: { operation: 'getAll', returnAll: false, limit: 120 } },
			{ name: 'Get Many (filtered)', parameters: { operation: 'getAll', returnAll: true, filters: { status: 'In Review', caseTemplateId: sanctions.id } } },
			{ name: 'Search', parameters: { operation: 'search', queryMode: 'fields', conditions: { statuses: 'Open, Pending', template: kyc.id }, returnAll: true } },
			{ name: 'Search (JSON, limit)', parameters: { operation: 'search', queryMode: 'json', queryJson: JSON.stringify({ and: [{ attribute: 'status', operator: 'eq', value: 'Approved' }] }), sortAttribute: 'created_at', sortDirection: 'asc', returnAll: false, limit: 5 } },
			{ name: 'Get', parameters: { operation: 'get', caseId: byId(getCase.id) } },
			{ name: 'Get (by URL, raw)', parameters: { operation: 'get', caseId: { __rl: true, mode: 'url', value: `https://app.withpersona.com/dashboard/cases/${getCase.id}` }, simplify: false, options: { include: ['accounts'] } } },
		]);
	});
	before(async () => {
		await importPlanned();
		sim().control.clearRequests();
		r = await run(plan.wf);
	});

	test('case › getAll with Return All returns every case of the simulator, newest first, normalized', () => {
		const items = r.items('Get Many (all)');
		const expected = simCases();
		assert.equal(items.length, expected.length);
		assert.deepEqual(items.map((i) => i.id), expected.map((c) => c.id), 'same cases in Persona\'s order');
		for (const [i, c] of expected.entries()) assert.deepEqual(items[i], normalized(simCase(c.id)), `item ${i} (${c.id})`);
	});

	test('case › getAll with a limit returns the newest `limit` cases and stops fetching there', () => {
		const items = r.items('Get Many (limit)');
		assert.deepEqual(items.map((i) => i.id), simCases().slice(0, 120).map((c) => c.id));
		// pages of 100: the whole list takes ceil(n/100) requests, the limit of 120 two
		const lists = sim().control.requests({ method: 'GET' }).filter((q) => q.path === '/api/v1/cases');
		const unfiltered = lists.filter((q) => !Object.keys(q.query).some((k) => k.startsWith('filter')));
		assert.equal(unfiltered.length, Math.ceil(simCases().length / 100) + 2, 'list requests of Get Many (all) + Get Many (limit)');
	});

	test('case › getAll with filters returns exactly the matching cases', () => {
		const expected = simCases().filter((c) => c.templateId === sanctions.id && c.attributes.status === 'In Review');
		assert.ok(expected.length > 0, 'the seed has Sanctions cases In Review');
		assert.deepEqual(r.items('Get Many (filtered)').map((i) => i.id), expected.map((c) => c.id));
	});

	test('case › search returns the cases matching the conditions (and a raw JSON query, sorted, limited)', () => {
		const expected = simCases().filter((c) => c.templateId === kyc.id && ['Open', 'Pending'].includes(c.attributes.status));
		const items = r.items('Search');
		assert.ok(expected.length > 0);
		assert.deepEqual(items.map((i) => i.id).sort(), expected.map((c) => c.id).sort());
		for (const item of items) assert.deepEqual(item, normalized(simCase(item.id)));

		const approvedOldestFirst = simCases().filter((c) => c.attributes.status === 'Approved').reverse();
		assert.deepEqual(r.items('Search (JSON, limit)').map((i) => i.id), approvedOldestFirst.slice(0, 5).map((c) => c.id));
	});

	test('case › get returns the case normalized, or raw with its included objects', () => {
		const [item] = r.items('Get');
		const expected = normalized(simCase(getCase.id));
		assert.deepEqual(item, expected);
		assert.equal(typeof item.riskScore, 'number');
		assert.ok(item.assignee);

		const [raw] = r.items('Get (by URL, raw)');
		assert.equal(raw.id, getCase.id);
		assert.deepEqual(raw.attributes, simCase(getCase.id).attributes);
		assert.deepEqual((raw.included ?? []).map((o) => o.id).sort(), [...getCase.accountIds].sort());
	});
});

describe('Persona node › changing cases', () => {
	let r;
	const c = {};
	let account;
	let assignee;
	const comment = `Checked by n8n e2e ${token()}`;
	let startedAt;
	let finishedAt;
	/** An SLA `seconds` ahead of when the workflow ran (the simulator computes it on receipt). */
	const assertSlaAhead = (iso, seconds) => {
		const at = Date.parse(iso);
		assert.ok(at >= startedAt + seconds * 1000 - 1000 && at <= finishedAt + seconds * 1000 + 1000, `SLA ${iso} is ${seconds} s after the run`);
	};
	const plan = planWorkflow(() => {
		const st = sim().control.state();
		const kyc = template('KYC Review');
		account = st.accounts[0].id;
		assignee = st.users.find((u) => u.email === 'grace.hopper@example.com')?.email ?? st.users[1].email;
		c.update = takeCase((x) => x.templateId === kyc.id, 'Update');
		c.assign = takeCase((x) => x.attributes['assignee-id'] !== assignee, 'Assign');
		c.setStatus = takeCase((x) => x.templateId === kyc.id && x.attributes.status === 'Open', 'Set Status');
		c.addComment = takeCase(undefined, 'Add Comment');
		c.redact = takeCase(undefined, 'Redact');
		return personaFanOut(workflowId('personaWrites'), 'e2e: Persona case changes', [
			{
				name: 'Create',
				parameters: {
					operation: 'create',
					caseTemplateId: kyc.id,
					additionalFields: {
						customFields: { field: [{ key: 'country_code', value: 'DE' }] },
						customFieldsJson: '{"risk-score": 42}',
						objectIds: account,
						slaExpiresInSeconds: 3600,
					},
				},
			},
			{
				name: 'Update',
				parameters: {
					operation: 'update',
					caseId: byId(c.update.id),
					updateFields: { customFields: { field: [{ key: 'sourceOfFunds', value: 'salary' }] }, slaExpiresInSeconds: 7200 },
				},
			},
			{ name: 'Assign', parameters: { operation: 'assign', caseId: byId(c.assign.id), userEmailAddress: assignee } },
			{ name: 'Set Status', parameters: { operation: 'setStatus', caseId: byId(c.setStatus.id), status: 'Approved' } },
			{ name: 'Add Comment', parameters: { operation: 'addComment', caseId: byId(c.addComment.id), message: comment } },
			{ name: 'Redact', parameters: { operation: 'redact', caseId: byId(c.redact.id), simplify: false } },
		]);
	});
	before(async () => {
		await importPlanned();
		startedAt = Date.now();
		r = await run(plan.wf);
		finishedAt = Date.now();
	});

	test('case › create makes one case from the template with its fields, objects and SLA', () => {
		const [item] = r.items('Create');
		const created = sim().state.cases.get(item.id);
		assert.ok(created, `the simulator has the created case ${item.id}`);
		assert.equal(created.templateId, template('KYC Review').id);
		assert.equal(created.attributes.fields.country_code.value, 'DE');
		assert.equal(created.attributes.fields['risk-score'].value, 42);
		assert.deepEqual(created.accountIds, [account]);
		assertSlaAhead(created.attributes['sla-expires-at'], 3600);
		assert.deepEqual(item, normalized(simCase(item.id)));
		assert.match(item.reference, /^KCAS-\d+$/);
		assert.equal(item.status, 'Open');
		assert.equal(item.riskScore, 42);
		const creates = sim().control.requests({ method: 'POST' }).filter((q) => q.path === '/api/v1/cases');
		assert.equal(creates.length, 1, 'one create request');
		assert.match(creates[0].headers['idempotency-key'] ?? '', /^n8n-/);
	});

	test('case › update changes the custom field and the SLA', () => {
		const [item] = r.items('Update');
		const now = simCase(c.update.id);
		assert.equal(now.attributes.fields.sourceOfFunds.value, 'salary');
		assertSlaAhead(now.attributes['sla-expires-at'], 7200);
		assert.deepEqual(item, normalized(now));
	});

	test('case › assign sets the assignee', () => {
		const [item] = r.items('Assign');
		assert.equal(simCase(c.assign.id).attributes['assignee-id'], assignee);
		assert.equal(item.assignee, assignee);
		assert.deepEqual(item, normalized(simCase(c.assign.id)));
	});

	test('case › setStatus moves the case to the status (and resolves it for an end status)', () => {
		const [item] = r.items('Set Status');
		const now = simCase(c.setStatus.id);
		assert.equal(now.attributes.status, 'Approved');
		assert.equal(now.attributes.resolution, 'Approved');
		assert.deepEqual(item, normalized(now));
		assert.equal(item.outcome, 'Approved');
	});

	test('case › addComment adds the comment to the case', () => {
		const [item] = r.items('Add Comment');
		assert.equal(item.id, c.addComment.id);
		const comments = sim().state.cases.get(c.addComment.id).commentIds.map((id) => sim().state.comments.get(id));
		assert.equal(comments.filter((x) => x.message === comment).length, 1, 'exactly one comment with the text');
	});

	test('case › redact deletes the case data', () => {
		const [item] = r.items('Redact');
		const now = simCase(c.redact.id);
		assert.ok(now.attributes['redacted-at'], 'redacted in the simulator');
		assert.deepEqual(now.attributes.fields, {});
		assert.equal(item.id, c.redact.id);
		assert.equal(item.attributes['redacted-at'], now.attributes['redacted-at']);
	});
});

describe('Persona node › tags and objects', () => {
	let r;
	const c = {};
	let inquiryToAdd;
	let inquiryToRemove;
	let tagToRemove;
	const plan = planWorkflow(() => {
		c.addTag = takeCase((x) => !x.attributes.tags.includes('PEP'), 'Add Tag');
		c.removeTag = takeCase((x) => x.attributes.tags.length > 0, 'Remove Tag');
		tagToRemove = c.removeTag.attributes.tags[0];
		c.setTags = takeCase((x) => x.attributes.tags.length > 0 && !x.attributes.tags.includes('VIP'), 'Set Tags');
		c.addObjects = takeCase(undefined, 'Add Objects');
		inquiryToAdd = sim().control.state().inquiries.map((q) => q.id).find((id) => !c.addObjects.inquiryIds.includes(id));
		c.removeObjects = takeCase((x) => x.inquiryIds.length > 0, 'Remove Objects');
		inquiryToRemove = c.removeObjects.inquiryIds[0];
		return personaFanOut(workflowId('personaTags'), 'e2e: Persona tags and objects', [
			{ name: 'Add Tag', parameters: { operation: 'addTag', caseId: byId(c.addTag.id), tag: 'PEP', simplify: false } },
			{ name: 'Remove Tag', parameters: { operation: 'removeTag', caseId: byId(c.removeTag.id), tag: tagToRemove, simplify: false } },
			{ name: 'Set Tags', parameters: { operation: 'setTags', caseId: byId(c.setTags.id), tags: 'VIP, FRAUD', simplify: false } },
			{ name: 'Add Objects', parameters: { operation: 'addObjects', caseId: byId(c.addObjects.id), objectIds: inquiryToAdd, simplify: false } },
			{ name: 'Remove Objects', parameters: { operation: 'removeObjects', caseId: byId(c.removeObjects.id), objectIds: inquiryToRemove, simplify: false } },
		]);
	});
	before(async () => {
		await importPlanned();
		r = await run(plan.wf);
	});

	test('case › addTag adds the tag', () => {
		const tags = simCase(c.addTag.id).attributes.tags;
		assert.ok(tags.includes('PEP'));
		assert.deepEqual(r.items('Add Tag')[0].attributes.tags, tags);
	});

	test('case › removeTag removes the tag (and only it)', () => {
		const tags = simCase(c.removeTag.id).attributes.tags;
		assert.ok(!tags.includes(tagToRemove));
		assert.equal(tags.length, c.removeTag.attributes.tags.length);
		assert.deepEqual(r.items('Remove Tag')[0].attributes.tags, tags);
	});

	test('case › setTags replaces all tags', () => {
		assert.deepEqual([...simCase(c.setTags.id).attributes.tags].sort(), ['FRAUD', 'VIP']);
		assert.deepEqual([...r.items('Set Tags')[0].attributes.tags].sort(), ['FRAUD', 'VIP']);
	});

	test('case › addObjects attaches the inquiry', () => {
		assert.ok(sim().state.cases.get(c.addObjects.id).inquiryIds.includes(inquiryToAdd));
		assert.ok(r.items('Add Objects')[0].relationships.inquiries.data.some((d) => d.id === inquiryToAdd));
	});

	test('case › removeObjects detaches the inquiry', () => {
		assert.ok(!sim().state.cases.get(c.removeObjects.id).inquiryIds.includes(inquiryToRemove));
		assert.ok(!r.items('Remove Objects')[0].relationships.inquiries.data.some((d) => d.id === inquiryToRemove));
	});
});

describe('Persona node › errors', () => {
	const missing = 'case_doesnotexist1';
	let good;
	const stop = planWorkflow(() =>
		personaFanOut(workflowId('persona404'), 'e2e: Persona 404', [{ name: 'Get', parameters: { operation: 'get', caseId: byId(missing) } }]),
	);
	// Two items (a missing case, then an existing one) into Get with "On Error: Continue".
	const goOn = planWorkflow(() => {
		good = takeCase(undefined, 'Continue On Fail');
		return manualWorkflow(workflowId('persona404cof'), 'e2e: Persona 404, continue on fail', [
			{
				name: 'Two case IDs',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				parameters: { jsCode: `return [{ json: { id: ${JSON.stringify(missing)} } }, { json: { id: ${JSON.stringify(good.id)} } }];` },
			},
			personaNode({ name: 'Get', onError: 'continueRegularOutput', parameters: { operation: 'get', caseId: '={{ $json.id }}' } }),
		]);
	});

	before(() => importPlanned());

	test('a missing case (404) fails the execution with Persona\'s message and a hint', async () => {
		const r = await run(stop.wf, { expectOk: false });
		assert.equal(r.ok, false, 'the execution fails');
		const err = r.runData.Get?.[0]?.error ?? r.error;
		assert.match(err.message, new RegExp(`Persona getting case ${missing} failed \\(HTTP 404\\)`));
		assert.match(err.description ?? '', /Check the ID/);
		assert.ok(!JSON.stringify(r.run ?? {}).includes(sim().apiKey), 'the API key is not in the run data');
	});

	test('with Continue On Fail the 404 item becomes an error item and the next item goes on', async () => {
		const r = await run(goOn.wf);
		const items = r.items('Get');
		assert.equal(items.length, 2);
		assert.match(String(items[0].error), /HTTP 404/);
		assert.deepEqual(items[1], normalized(simCase(good.id)));
	});
});

// ---------------------------------------------------------------- trigger
describe('Persona Trigger', () => {
	const id = workflowId('personaTrigger');
	const webhookId = '7a1c2e3f-4b5d-4e6f-8a9b-0c1d2e3f4a5b';
	const events = ['case.status-updated', 'case.assigned'];
	const mailTag = token('persona-trigger');
	let hookUrl;
	let hookIdBefore;
	let active = false;
	const liveHooks = () => sim().control.webhooks().filter((w) => w.attributes.status !== 'archived');
	const executions = () => e2e.n8n.listExecutions({ workflowId: id });
	/** The Persona Trigger's item of an execution (as stored by n8n). */
	const triggerItems = async (executionId) => (await e2e.n8n.getExecution(executionId)).items('Persona Trigger');

	before(() => importPlanned());
	planWorkflow(() => {
		hookUrl = e2e.n8n.webhookUrl(`${webhookId}/webhook`);
		return {
			id,
			name: 'e2e: Persona case event → Send Email',
			nodes: [
				{
					id: `${id}-0`,
					name: 'Persona Trigger',
					type: `${P}.personaTrigger`,
					typeVersion: 1,
					position: [0, 0],
					webhookId,
					parameters: { events, simplify: true },
					credentials: credentialRef(e2e, 'personaApi'),
				},
				{
					id: `${id}-1`,
					name: 'Send Email',
					type: 'n8n-nodes-base.emailSend',
					typeVersion: 2.1,
					position: [300, 0],
					webhookId: '7a1c2e3f-4b5d-4e6f-8a9b-0c1d2e3f4a5c',
					parameters: {
						fromEmail: 'n8n compliance <n8n@compliance.example>',
						toEmail: 'compliance-team@compliance.example',
						subject: `=Persona case {{ $json.reference }} is now {{ $json.status }} [${mailTag}]`,
						emailFormat: 'text',
						text: '=Case {{ $json.reference }} ({{ $json.id }})\nStatus: {{ $json.status }}\nEvent: {{ $json.event }}\nEvent id: {{ $json.eventId }}\n',
						options: { appendAttribution: false },
					},
					credentials: credentialRef(e2e, 'smtp'),
				},
			],
			connections: { 'Persona Trigger': { main: [[{ node: 'Send Email', type: 'main', index: 0 }]] } },
			settings: { executionOrder: 'v1' },
		};
	});
	after(async () => {
		if (active && e2e.n8n?.running) await e2e.n8n.deactivate(id).catch(() => {});
	});

	test('activation registers exactly one webhook: n8n\'s production URL, the selected events, enabled', async () => {
		assert.deepEqual(liveHooks(), [], 'no webhook before activation');
		await e2e.n8n.activate(id);
		active = true;
		const hooks = liveHooks();
		assert.equal(hooks.length, 1, `one live webhook (${JSON.stringify(hooks.map((h) => h.attributes.url))})`);
		assert.equal(hooks[0].attributes.url, hookUrl);
		assert.deepEqual(hooks[0].attributes['enabled-events'], events);
		assert.equal(hooks[0].attributes.status, 'enabled');
		hookIdBefore = hooks[0].id;
	});

	test('a correctly signed event (a status change in Persona) starts exactly one execution carrying the event and the case', async () => {
		const kase = takeCase((x) => x.templateId === template('KYC Review').id && x.attributes.status === 'Open', 'trigger event');
		sim().control.clearDeliveries();
		sim().control.setCaseStatus(kase.id, 'Pending');
		const deliveries = (await sim().control.flushDeliveries()).filter((d) => d.url === hookUrl);
		assert.equal(deliveries.length, 1, 'one delivery, not retried');
		assert.equal(deliveries[0].status, 200);

		const [exec] = await e2e.n8n.waitForExecutions({ workflowId: id, count: 1 });
		assert.equal(exec.status, 'success');
		const items = await triggerItems(exec.id);
		assert.equal(items.length, 1);
		const eventId = JSON.parse(deliveries[0].requestBody).data.id;
		assert.deepEqual(items[0], { event: 'case.status-updated', eventId, eventCreatedAt: items[0].eventCreatedAt, ...normalized(simCase(kase.id)) });
		assert.equal(items[0].status, 'Pending');
		await sleep(1500);
		assert.equal((await executions()).length, 1, 'still exactly one execution');
	});

	test('case event → Send Email delivers a real email with the case\'s reference and status', async () => {
		const mail = await e2e.sink.waitForMessage((m) => m.subject.includes(mailTag), { timeoutMs: 30000 });
		const [exec] = await executions();
		const [item] = await triggerItems(exec.id);
		assert.equal(mail.subject, `Persona case ${item.reference} is now Pending [${mailTag}]`);
		assert.match(item.reference, /^KCAS-\d+$/);
		assert.match(mail.text, new RegExp(`Case ${item.reference} \\(${item.id}\\)`));
		assert.match(mail.text, /Status: Pending/);
		assert.match(mail.text, /Event: case\.status-updated/);
		assert.deepEqual(mail.envelope.to, ['compliance-team@compliance.example']);
		assert.equal(e2e.sink.messages.filter((m) => m.subject.includes(mailTag)).length, 1, 'one mail');
	});

	test('a forged event is answered 401 and starts no execution', async () => {
		const before = (await executions()).length;
		const kase = takeCase(undefined, 'forged event');
		const res = await sim().control.sendEvent({ caseId: kase.id, name: 'case.status-updated', forged: true });
		assert.equal(res.deliveries.length, 1);
		assert.equal(res.deliveries[0].url, hookUrl);
		assert.equal(res.deliveries[0].status, 401);
		// the same delivery without a signature at all
		const unsigned = await fetch(hookUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: res.deliveries[0].requestBody });
		assert.equal(unsigned.status, 401);
		await sleep(2000);
		assert.equal((await executions()).length, before, 'no execution started');
	});

	test('after an n8n restart there is still exactly one live webhook, and deliveries still work', async () => {
		const before = (await executions()).length;
		await e2e.n8n.restart();
		const hooks = liveHooks();
		assert.equal(hooks.length, 1, `one live webhook after the restart (${JSON.stringify(hooks.map((h) => [h.id, h.attributes.url]))})`);
		assert.equal(hooks[0].id, hookIdBefore, 'the same webhook');
		assert.equal(hooks[0].attributes.url, hookUrl);
		assert.equal(hooks[0].attributes.status, 'enabled');

		const assignee = 'alan.turing@example.com';
		const kase = takeCase((x) => x.attributes['assignee-id'] !== assignee, 'event after restart');
		sim().control.clearDeliveries();
		// an analyst assigns the case (through the Persona API): Persona sends case.assigned
		const res = await fetch(`${sim().baseUrl}/cases/${kase.id}/assign`, {
			method: 'POST',
			headers: { authorization: `Bearer ${sim().apiKey}`, 'content-type': 'application/json', 'key-inflection': 'kebab' },
			body: JSON.stringify({ meta: { 'user-email-address': assignee } }),
		});
		assert.equal(res.status, 200, 'assigned through the Persona API');
		const deliveries = (await sim().control.flushDeliveries()).filter((d) => d.url === hookUrl);
		assert.deepEqual(deliveries.map((d) => d.status), [200]);
		const list = await e2e.n8n.waitForExecutions({ workflowId: id, count: before + 1 });
		assert.equal(list.length, before + 1);
		const [item] = await triggerItems(list[0].id);
		assert.equal(item.event, 'case.assigned');
		assert.equal(item.id, kase.id);
		assert.equal(item.assignee, assignee);
	});

	test('deactivation archives the webhook', async () => {
		await e2e.n8n.deactivate(id);
		active = false;
		assert.deepEqual(liveHooks(), [], 'no live webhook');
		const archived = sim().control.webhooks().find((w) => w.id === hookIdBefore);
		assert.equal(archived?.attributes.status, 'archived');
		// n8n no longer listens there either
		const res = await fetch(hookUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
		assert.equal(res.status, 404);
	});
});
