// Penbox end-to-end: the package installed in a real n8n (one instance for this file, see
// setup.mjs), against the Penbox simulator.
//
//   node scripts/e2e.mjs test/e2e/penbox.e2e.test.mjs                 # n8n 2.41.1
//   node scripts/e2e.mjs --n8n-version=1 test/e2e/penbox.e2e.test.mjs # n8n 1.123.81
//
// The whole document-collection loop: a case from a template with its main contact and data, the
// pack sent by starting a step (409 the second time), the client's files pulled back as one
// merged PDF and the form response as PDF; the polling trigger firing on its schedule inside an
// active workflow; the signed webhook trigger on n8n's production URL.

import { beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
	useE2e,
	PKG,
	workflowId,
	sleep,
	requireSim,
	credentialRef,
	chainRunner,
	assertOk,
	failure,
	triggerWorkflow,
	pollTriggerWorkflow,
	withActiveWorkflow,
	waitForTriggerRuns,
} from './setup.mjs';
import { loadDemoWorkflows } from '../../scripts/lib/demo.mjs';

const e2e = useE2e({ vendors: ['penbox'] });
const P = PKG.name;

const penboxSim = () => requireSim(e2e, 'penbox');
const apiRequests = () => penboxSim().control.requests({ path: '/v1/' });
const byId = (id) => ({ __rl: true, mode: 'id', value: String(id) });
const penboxNode = (name, parameters, extra = {}) => ({ name, type: `${P}.penbox`, parameters: { resource: 'case', ...parameters }, credentials: credentialRef(e2e, 'penboxApi'), ...extra });
const run = chainRunner(e2e, 'penbox');

beforeEach(() => penboxSim().control.reset());

describe('Penbox credential and node', () => {
	test('the editor\'s credential test passes against the same base URL, and fails with a wrong token', async () => {
		const sim = penboxSim();
		const ok = await e2e.n8n.rest('POST', '/credentials/test', { credentials: { id: e2e.credentials.penboxApi.id, name: 'Penbox', type: 'penboxApi', data: { apiKey: sim.apiKey, baseUrl: sim.baseUrl } } });
		assert.equal(ok.status, 'OK', JSON.stringify(ok));
		const bad = await e2e.n8n.rest('POST', '/credentials', { name: 'Penbox (wrong token)', type: 'penboxApi', data: { apiKey: 'pnbx_wrong', baseUrl: sim.baseUrl } });
		const refused = await e2e.n8n.rest('POST', '/credentials/test', { credentials: { id: bad.id, name: bad.name, type: 'penboxApi', data: { apiKey: 'pnbx_wrong', baseUrl: sim.baseUrl } } });
		assert.equal(refused.status, 'Error', JSON.stringify(refused));
	});

	test('the collection loop: create from a template, send the pack, 409 on a second start, pull the files back as one PDF', async () => {
		const sim = penboxSim();
		const [template] = sim.control.templates();
		const [workspace] = sim.control.workspaces();
		const create = await run('Create', [
			penboxNode('Create', {
				operation: 'create',
				templateId: template.id,
				workspaceId: workspace.id,
				title: 'Onboarding ACME',
				mainContact: { email: 'jane@acme.example', given_name: 'Jane' },
				data: { field: [{ key: 'company_name', value: 'ACME' }] },
				additionalFields: { reference: 'E2E-1' },
			}),
			penboxNode('Send Pack', { operation: 'startStep', caseId: { __rl: true, mode: 'id', value: '={{ $json.id }}' }, stepKey: 'send-onboarding-pack' }),
		]);
		assertOk(create);
		const created = create.items('Create')[0];
		assert.equal(created.reference, 'E2E-1');
		assert.equal(create.items('Send Pack')[0].status, 'pending');
		const again = await run('StartAgain', [penboxNode('Send Pack', { operation: 'startStep', caseId: byId(created.id), stepKey: 'send-onboarding-pack' })]);
		assert.match(failure(again).message, /409/);
		const done = sim.control.completeCase(created.id);
		const files = done.case.schema.filter((f) => f.type === 'file').map((f) => f.value.id);
		const pull = await run('Pull', [
			penboxNode('Merged', { resource: 'file', operation: 'downloadMerged', attachmentIds: files.join(','), fileName: 'pack.pdf' }),
			penboxNode('Response', { resource: 'formResponse', operation: 'get', responseId: done.responseId, format: 'pdf', binaryPropertyName: 'response' }),
			penboxNode('Count', { operation: 'count', groupBy: 'parent_status' }),
			penboxNode('All', { operation: 'getAll', returnAll: true }),
		]);
		assertOk(pull);
		assert.equal(pull.items('Merged')[0].fileName, 'pack.pdf');
		assert.equal(pull.items('Response')[0].mimeType, 'application/pdf');
		assert.equal(pull.items('Count')[0].by.closed >= 1, true);
		assert.equal(pull.items('All').length, pull.items('Count')[0].count);
	});

	test('bad input is refused before anything is sent: an advanced filter that is not JSON', async () => {
		const r = await run('BadFilter', [penboxNode('List', { operation: 'getAll', returnAll: true, advancedFilterMode: 'json', advancedFilterJson: '{"attributes": {' })]);
		assert.match(failure(r).message, /Advanced Filter > Filter \(JSON\): is not valid JSON/);
		assert.equal(apiRequests().length, 0);
	});
});

describe('Penbox triggers in an active workflow', () => {
	test('Penbox Trigger polls on its schedule (every minute): a case closed after activation starts one execution', async () => {
		const sim = penboxSim();
		const workflow = pollTriggerWorkflow(workflowId('penboxPoll'), 'e2e penbox: poll trigger', {
			node: 'Penbox Trigger',
			type: `${P}.penboxTrigger`,
			events: ['case.closed'],
			credentials: credentialRef(e2e, 'penboxApi'),
		});
		await withActiveWorkflow(e2e, workflow, async (id) => {
			await sleep(2000);
			const c = sim.control.addCase({ title: 'Poll me', reference: 'E2E-POLL' });
			await sleep(1100);
			sim.control.completeCase(c.id);
			const runs = await waitForTriggerRuns(e2e, id, {
				requests: apiRequests,
				formatRequest: (r) => `${r.method} ${r.path} ${r.status} ${r.query.filter ?? ''}`,
				more: () => `\ncase: ${JSON.stringify(sim.control.getCase(c.id)).slice(0, 300)}`,
			});
			const execution = JSON.stringify(await e2e.n8n.getExecution(runs[0].id));
			assert.match(execution, /case\.closed/);
			assert.match(execution, /E2E-POLL/);
			const lists = apiRequests().filter((r) => r.path === '/v1/cases');
			assert.ok(lists.some((r) => r.query.sort === '-updated_at' && /updated_at/.test(String(r.query.filter))), JSON.stringify(lists.map((r) => r.query)));
		});
	});

	test('Penbox Webhook Trigger: a signed call starts the workflow, a forged one gets 401', async () => {
		const sim = penboxSim();
		const webhookId = '3b2d7c1e-9f4a-4e2b-8c6d-1a2b3c4d5e6f';
		const workflow = triggerWorkflow(workflowId('penboxHook'), 'e2e penbox: webhook trigger', {
			name: 'Penbox Webhook Trigger',
			type: `${P}.penboxWebhookTrigger`,
			webhookId,
			parameters: { keySource: 'pem', publicKey: sim.control.publicKeyPem() },
		});
		await withActiveWorkflow(e2e, workflow, async (id) => {
			const url = e2e.n8n.webhookUrl(`${webhookId}/webhook`);
			const forged = await sim.control.sendSigned(url, { event: 'case.closed' }, { tamper: 'signature' });
			assert.equal(forged.status, 401, JSON.stringify(forged));
			const signed = await sim.control.sendSigned(url, { event: 'case.closed', reference: 'E2E-HOOK' });
			assert.equal(signed.status, 200, JSON.stringify(signed));
			const runs = await e2e.n8n.waitForExecutions({ workflowId: id, count: 1, timeoutMs: 30000 });
			assert.match(JSON.stringify(await e2e.n8n.getExecution(runs[0].id)), /E2E-HOOK/);
		});
	});
});

describe('Penbox demo workflow', () => {
	test('"Penbox case completed → email with the merged PDF": the active trigger polls on its schedule and mails the documents', async () => {
		const { sink, credentials } = e2e;
		const demo = loadDemoWorkflows({ credentials }).find((w) => w.workflow.id === 'ccDemoPenboxMail');
		assert.ok(demo, 'demo/workflows/penbox-case-completed-pdf-email.json');
		assert.deepEqual(demo.missing, []);
		await withActiveWorkflow(e2e, demo.workflow, async () => {
			await sleep(2000);
			const sim = penboxSim();
			const c = sim.control.addCase({ title: 'Demo onboarding', reference: 'E2E-DEMO' });
			await sleep(1100);
			sim.control.completeCase('latest');
			const mail = await sink.waitForMessage((m) => m.subject.includes('E2E-DEMO'), { timeoutMs: 150_000 });
			assert.equal(mail.subject, 'Penbox case E2E-DEMO completed: documents attached');
			assert.deepEqual(mail.envelope.to, ['onboarding-team@compliance.example']);
			assert.equal(mail.attachments.length, 1, JSON.stringify(mail.attachments));
			assert.equal(mail.attachments[0].filename, 'E2E-DEMO-documents.pdf');
			assert.equal(c.reference, 'E2E-DEMO');
		});
	});
});
