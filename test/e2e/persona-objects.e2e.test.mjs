// Persona beyond cases, end to end: the Inquiry, Account and Report resources of the Persona node
// and an inquiry event through the Persona Trigger, in a real n8n (one instance for this file),
// installed as a community package, against the Persona simulator. Results are checked against
// the simulator's own state.
//
//   node scripts/e2e.mjs --n8n-version=all test/e2e/persona-objects.e2e.test.mjs

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { useE2e, PKG, workflowId, sleep, requireSim, credentialRef, fanOutWorkflow, workflowPlanner, assertOk, triggerWorkflow } from './setup.mjs';

const e2e = useE2e({ vendors: ['persona'] });
const P = PKG.name;

// ---------------------------------------------------------------- helpers
const sim = () => requireSim(e2e, 'persona');
const personaCredentials = () => credentialRef(e2e, 'personaApi');
const byId = (id) => ({ __rl: true, mode: 'id', value: id });
const objects = () => sim().control.objects();
const object = (id) => sim().control.getObject(id);

const taken = new Set();
function take(list, pred, label) {
	const found = list.find((x) => !taken.has(x.id) && pred(x));
	if (!found) throw new Error(`the simulator has no unused object for ${label}`);
	taken.add(found.id);
	return found;
}
const inquiryIn = (statuses, label) => take(objects().inquiries, (q) => statuses.includes(q.attributes.status) && !q.attributes['redacted-at'], label);

/** The flat inquiry the node's Simplify makes of a simulator inquiry resource. */
const flatInquiry = (q) => ({
	vendor: 'persona',
	type: 'inquiry',
	id: q.id,
	reference: q.attributes['reference-id'],
	status: q.attributes.status,
	name: q.attributes['name-first'] ? `${q.attributes['name-first']} ${q.attributes['name-last']}` : null,
	emailAddress: q.attributes['email-address'],
	accountId: q.relationships.account.data?.id ?? null,
	templateId: q.relationships['inquiry-template'].data?.id ?? null,
	tags: q.attributes.tags,
	note: q.attributes.note,
	createdAt: q.attributes['created-at'],
	updatedAt: q.attributes['updated-at'],
	completedAt: q.attributes['completed-at'],
	decisionedAt: q.attributes['decisioned-at'],
	expiredAt: q.attributes['expired-at'],
	redactedAt: q.attributes['redacted-at'],
});

/** Manual Trigger fanned out to independent Persona nodes (each runs once). */
const personaFanOut = (id, name, nodes) => fanOutWorkflow(id, name, nodes, { type: `${P}.persona`, credentials: personaCredentials() });

// One `n8n import:workflow` for every workflow of the file (each CLI call boots n8n).
const { plan: planWorkflow, importPlanned } = workflowPlanner(e2e);

/** The first output item of a node with its binary metadata (`run.items()` gives only json). */
function firstItem(r, node) {
	const task = r.runData[node]?.[0];
	assert.ok(task, `node "${node}" did not run`);
	return task.data.main[0][0];
}

/** The bytes of a binary output, kept in the execution or in n8n's binary data store; null if neither can be read. */
function binaryBytes(bin) {
	if (bin.data && !bin.id) return Buffer.from(bin.data, 'base64');
	const m = /^filesystem(?:-v2)?:(.+)$/.exec(String(bin.id));
	const file = m && ['storage', 'binaryData'].map((dir) => path.join(e2e.n8n.userFolder, '.n8n', dir, m[1])).find((f) => fs.existsSync(f));
	return file ? fs.readFileSync(file) : null;
}

// ---------------------------------------------------------------- operations
describe('Persona node › inquiries, accounts, reports', () => {
	let r;
	const s = {};
	const plan = planWorkflow(() => {
		const o = objects();
		s.listAccount = o.inquiries[0].relationships.account.data.id;
		s.get = take(o.inquiries, () => true, 'Get');
		s.approve = inquiryIn(['completed', 'needs_review'], 'Approve');
		s.decline = inquiryIn(['completed', 'failed'], 'Decline');
		s.expire = inquiryIn(['created', 'pending'], 'Expire');
		s.tag = take(o.inquiries, () => true, 'Add Tag');
		s.untag = take(o.inquiries, () => true, 'Remove Tag');
		s.redact = take(o.inquiries, () => true, 'Redact');
		s.print = take(o.inquiries, () => true, 'Print');
		s.account = o.accounts[3];
		s.tagAccount = o.accounts[4];
		s.report = take(o.reports, (x) => x.type === 'report/watchlist', 'Report');
		s.noPdf = take(o.reports, (x) => x.type === 'report/email-address', 'Print without PDF');
		const node = (name, resource, parameters, extra = {}) => ({ name, parameters: { resource, ...parameters }, ...extra });
		return personaFanOut(workflowId('personaObjects'), 'e2e: Persona inquiries, accounts, reports', [
			node('Inquiries (all)', 'inquiry', { operation: 'getAll', returnAll: true }),
			node('Inquiries (account, limit)', 'inquiry', { operation: 'getAll', returnAll: false, limit: 3, filters: { accountId: s.listAccount } }),
			node('Inquiry Get', 'inquiry', { operation: 'get', inquiryId: byId(s.get.id), simplify: false, options: { include: ['account'] } }),
			node('Approve', 'inquiry', { operation: 'approve', inquiryId: byId(s.approve.id), comment: 'e2e approve' }),
			node('Decline', 'inquiry', { operation: 'decline', inquiryId: byId(s.decline.id) }),
			node('Expire', 'inquiry', { operation: 'expire', inquiryId: byId(s.expire.id) }),
			node('Inquiry Add Tag', 'inquiry', { operation: 'addTag', inquiryId: byId(s.tag.id), tag: 'e2e-tag' }),
			node('Inquiry Remove Tag', 'inquiry', { operation: 'removeTag', inquiryId: byId(s.untag.id), tag: 'e2e-old' }),
			node('Redact', 'inquiry', { operation: 'redact', inquiryId: byId(s.redact.id) }),
			node('Inquiry Print', 'inquiry', { operation: 'print', inquiryId: byId(s.print.id), binaryPropertyName: 'pdf' }),
			node('Accounts (reference)', 'account', { operation: 'getAll', returnAll: true, filters: { referenceId: s.account.attributes['reference-id'] } }),
			node('Account Get', 'account', { operation: 'get', accountId: byId(s.account.id) }),
			node('Account Add Tag', 'account', { operation: 'addTag', accountId: byId(s.tagAccount.id), tag: 'e2e-account' }),
			node('Report Get', 'report', { operation: 'get', reportId: byId(s.report.id) }),
			node('Report Rerun', 'report', { operation: 'rerun', reportId: byId(s.report.id) }),
			node('Report Print', 'report', { operation: 'print', reportId: byId(s.report.id) }),
			node('Print Without PDF', 'report', { operation: 'print', reportId: byId(s.noPdf.id) }, { onError: 'continueRegularOutput' }),
			node('Unknown Inquiry', 'inquiry', { operation: 'get', inquiryId: byId('inq_DoesNotExist1') }, { onError: 'continueRegularOutput' }),
		]);
	});
	before(async () => {
		await importPlanned();
		// The inquiry Remove Tag acts on carries the tag beforehand (added through the Persona API).
		const res = await fetch(`${sim().baseUrl}/inquiries/${s.untag.id}/add-tag`, {
			method: 'POST',
			headers: { authorization: `Bearer ${sim().apiKey}`, 'content-type': 'application/json' },
			body: JSON.stringify({ meta: { 'tag-name': 'e2e-old' } }),
		});
		assert.equal(res.status, 200);
		r = await e2e.n8n.execute(plan.wf.id);
		assertOk(r);
	});

	test('inquiry › getAll walks every page; with a filter and a limit it returns that account\'s newest inquiries', () => {
		const all = r.items('Inquiries (all)');
		assert.deepEqual(all.map((i) => i.id), objects().inquiries.map((q) => q.id));
		const expected = objects().inquiries.filter((q) => q.relationships.account.data?.id === s.listAccount).slice(0, 3);
		assert.deepEqual(r.items('Inquiries (account, limit)').map((i) => i.id), expected.map((q) => q.id));
		for (const item of r.items('Inquiries (account, limit)')) assert.equal(item.accountId, s.listAccount);
	});

	test('inquiry › get with include returns Persona\'s object and its account', () => {
		const [item] = r.items('Inquiry Get');
		assert.equal(item.id, s.get.id);
		assert.equal(item.type, 'inquiry');
		assert.deepEqual(item.included.map((x) => [x.type, x.id]), [['account', s.get.relationships.account.data.id]]);
	});

	test('inquiry › approve, decline and expire change the inquiry in Persona and return it flat', () => {
		for (const [node, q, status] of [['Approve', s.approve, 'approved'], ['Decline', s.decline, 'declined'], ['Expire', s.expire, 'expired']]) {
			const [item] = r.items(node);
			assert.equal(object(q.id).attributes.status, status, `${node}: Persona's state`);
			assert.deepEqual(item, flatInquiry(object(q.id)), `${node}: output`);
		}
		const approvals = sim().control.requests({ method: 'POST', path: `/api/v1/inquiries/${s.approve.id}/approve` });
		assert.deepEqual(approvals.map((q) => q.body), [{ meta: { comment: 'e2e approve' } }]);
	});

	test('inquiry › add and remove tag; redact removes the personal data', () => {
		assert.deepEqual(object(s.tag.id).attributes.tags, ['e2e-tag']);
		assert.deepEqual(r.items('Inquiry Add Tag')[0].tags, ['e2e-tag']);
		assert.deepEqual(object(s.untag.id).attributes.tags, []);
		const [redacted] = r.items('Redact');
		assert.equal(redacted.name, null);
		assert.equal(redacted.emailAddress, null);
		assert.ok(object(s.redact.id).attributes['redacted-at']);
	});

	test('inquiry and report › print gives a PDF as binary', (t) => {
		for (const [node, field, id, kind] of [['Inquiry Print', 'pdf', s.print.id, 'inquiry'], ['Report Print', 'data', s.report.id, 'report']]) {
			const item = firstItem(r, node);
			const bin = item.binary?.[field];
			assert.ok(bin, `${node}: binary property "${field}"`);
			assert.equal(bin.mimeType, 'application/pdf');
			assert.equal(bin.fileName, `persona-${kind}-${id}.pdf`);
			assert.deepEqual({ id: item.json.id, type: item.json.type }, { id, type: kind });
			const bytes = binaryBytes(bin);
			if (bytes) {
				assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-');
				assert.equal(bytes.length, item.json.fileSize);
			} else t.diagnostic(`${node}: binary stored by n8n as ${bin.id}, not found on disk; bytes not checked`);
		}
	});

	test('account › getAll by filter[reference-id], get and add tag', () => {
		const ref = s.account.attributes['reference-id'];
		assert.deepEqual(r.items('Accounts (reference)').map((a) => [a.id, a.reference]), [[s.account.id, ref]]);
		const [got] = r.items('Account Get');
		assert.equal(got.type, 'account');
		assert.equal(got.id, s.account.id);
		assert.equal(got.reference, ref);
		assert.deepEqual(object(s.tagAccount.id).attributes.tags, [{ name: 'e2e-account' }]);
		assert.deepEqual(r.items('Account Add Tag')[0].tags, ['e2e-account']);
	});

	test('report › get and rerun (Persona runs it again)', () => {
		const [got] = r.items('Report Get');
		assert.equal(got.type, 'report/watchlist');
		assert.equal(got.reportType, 'watchlist');
		assert.equal(got.id, s.report.id);
		assert.equal(got.hasMatch, s.report.attributes['has-match']);
		assert.equal(sim().control.requests({ method: 'POST', path: `/api/v1/reports/${s.report.id}/run` }).length, 1);
		assert.equal(r.items('Report Rerun')[0].completedAt, object(s.report.id).attributes['completed-at']);
	});

	test('bad input › a report without a PDF and an unknown inquiry become error items naming the field / the 404', () => {
		const [noPdf] = r.items('Print Without PDF');
		assert.match(String(noPdf.error), new RegExp(`^Report ID: Persona has no PDF for report ${s.noPdf.id} `));
		const [unknown] = r.items('Unknown Inquiry');
		assert.match(String(unknown.error), /^Persona getting inquiry inq_DoesNotExist1 failed \(HTTP 404\)/);
		assert.ok(!JSON.stringify(r.run ?? {}).includes(sim().apiKey), 'the API key is not in the run data');
	});
});

// ---------------------------------------------------------------- trigger
describe('Persona Trigger › inquiry event', () => {
	const id = workflowId('personaInqTrigger');
	const webhookId = '5b2d3e4f-6a7b-4c8d-9e0f-1a2b3c4d5e6f';
	let hookUrl;
	let active = false;
	const liveHooks = () => sim().control.webhooks().filter((w) => w.attributes.status !== 'archived' && w.attributes.url === hookUrl);
	planWorkflow(() => {
		hookUrl = e2e.n8n.webhookUrl(`${webhookId}/webhook`);
		return triggerWorkflow(id, 'e2e: Persona inquiry completed', {
			id: `${id}-0`,
			name: 'Persona Trigger',
			type: `${P}.personaTrigger`,
			webhookId,
			parameters: { events: ['inquiry.completed', 'report/watchlist.matched'], simplify: true },
			credentials: personaCredentials(),
		});
	});
	before(() => importPlanned());
	after(async () => {
		if (active && e2e.n8n?.running) await e2e.n8n.deactivate(id).catch(() => {});
	});

	test('activation registers the inquiry and report events; a completed inquiry starts one execution with the flat inquiry', async () => {
		await e2e.n8n.activate(id);
		active = true;
		const hooks = liveHooks();
		assert.equal(hooks.length, 1);
		assert.deepEqual(hooks[0].attributes['enabled-events'], ['inquiry.completed', 'report/watchlist.matched']);

		const q = inquiryIn(['pending', 'created'], 'trigger');
		sim().control.clearDeliveries();
		sim().control.completeInquiry(q.id);
		const deliveries = (await sim().control.flushDeliveries()).filter((d) => d.url === hookUrl);
		assert.deepEqual(deliveries.map((d) => d.status), [200]);
		const [exec] = await e2e.n8n.waitForExecutions({ workflowId: id, count: 1 });
		assert.equal(exec.status, 'success');
		const items = (await e2e.n8n.getExecution(exec.id)).items('Persona Trigger');
		const event = JSON.parse(deliveries[0].requestBody).data;
		assert.deepEqual(items, [
			{ event: 'inquiry.completed', eventId: event.id, eventCreatedAt: event.attributes['created-at'], ...flatInquiry(object(q.id)), caseId: null },
		]);
		await sleep(1000);
		assert.equal((await e2e.n8n.listExecutions({ workflowId: id })).length, 1, 'exactly one execution');
	});

	test('deactivation archives the webhook', async () => {
		await e2e.n8n.deactivate(id);
		active = false;
		assert.deepEqual(liveHooks(), []);
	});
});
