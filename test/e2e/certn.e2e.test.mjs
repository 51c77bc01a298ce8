// Certn end-to-end: the package installed in a real n8n as users have it (one instance for this
// whole file, see setup.mjs), against the Certn simulator, the SMTP sink and the demo workflows.
//
//   node scripts/e2e.mjs test/e2e/certn.e2e.test.mjs                 # n8n 2.41.1
//   node scripts/e2e.mjs --n8n-version=1 test/e2e/certn.e2e.test.mjs # n8n 1.123.81
//
// Every operation runs as its own workflow (Manual Trigger → Certn) through `n8n execute`; what it
// returns is compared with the simulator's state and request log. The trigger runs on n8n's
// production webhook URL, reached by the simulator the way Certn reaches it (GET challenge, signed
// POSTs). The simulator is reset before every test (seeded data, request log, 60/min window).

import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { useE2e, PKG, workflowId, requireSim, credentialRef, byId, sleep, chainRunner, assertOk, failure, firstItem, triggerWorkflow } from './setup.mjs';
import { loadDemoWorkflows } from '../../scripts/lib/demo.mjs';
import { connectPortalWebhooks } from '../../scripts/lib/vendors.mjs';

const e2e = useE2e({ vendors: ['certn'] });
const P = PKG.name; // node types are `${P}.<node>` once installed as a community package

const CANCELLABLE = ['AWAITING_APPLICANT_SUBMISSION', 'PENDING_FULFILLMENT'];
const CLOSED = ['COMPLETE', 'CANCELLED', 'SUPERSEDED'];
const CLAIMS = {
	name: { given_name: 'Jo', family_name: 'Doe', additional_name: '', type: 'LEGAL' },
	date_of_birth: '1990-01-15',
	are_consents_and_disclosures_accepted: true,
	is_general_authorization_accepted: true,
};

// ---------------------------------------------------------------- helpers
const certnSim = () => requireSim(e2e, 'certn');
const simCases = () => [...certnSim().state.cases.values()];
const newestFirst = (list) => [...list].sort((a, b) => (a.created !== b.created ? (a.created < b.created ? 1 : -1) : a.id < b.id ? -1 : 1));
/** The simulator's log of Centric API calls (presigned downloads and the control API left out). */
const apiRequests = (method) => certnSim().control.requests({ method, path: '/api/public/' });

/** A Certn action node for run(). */
const certnNode = (name, parameters, extra = {}) => ({ name, type: `${P}.certn`, parameters: { resource: 'case', ...parameters }, credentials: credentialRef(e2e, 'certnApi'), ...extra });

/** run(label, node or chain): imports Manual Trigger → <chain> under a fixed id and runs it with `n8n execute`. */
const run = chainRunner(e2e, 'certn');

/** Blocking checks as the node names them: `TYPE: STATUS` for active checks past the cancellable stage. */
const blockingChecks = (c) => c.checks.filter((k) => !CANCELLABLE.includes(k.status) && !CLOSED.includes(k.status)).map((k) => `${k.type}: ${k.status}`);

// ---------------------------------------------------------------- operations
describe('Certn node in n8n: every operation against the simulator', () => {
	beforeEach(() => certnSim().control.reset());

	test('Get Many, Return All: every case, newest first, each page once', async () => {
		const r = await run('GetAllAll', certnNode('Certn', { operation: 'getAll', returnAll: true }));
		assertOk(r);
		const items = r.items('Certn');
		const expected = newestFirst(simCases());
		assert.equal(items.length, expected.length);
		assert.ok(expected.length > 100, 'more than one page of cases');
		assert.deepEqual(
			items.map((i) => i.id),
			expected.map((c) => c.id),
		);
		assert.deepEqual(items[0], {
			vendor: 'certn',
			id: expected[0].id,
			reference: expected[0].short_id,
			status: expected[0].overall_status,
			outcome: expected[0].overall_score,
			riskScore: null,
			assignee: null,
			createdAt: new Date(expected[0].created).toISOString(),
			updatedAt: items[0].updatedAt,
		});
		// Pages after the first are fetched concurrently once the count is known: each exactly once.
		const pages = apiRequests('GET').map((q) => [q.path, q.query.page, q.query.page_size, q.status]);
		const byPage = (a, b) => Number(a[1]) - Number(b[1]);
		assert.deepEqual(pages[0], ['/api/public/cases', '1', '100', 200]);
		assert.deepEqual(
			[...pages].sort(byPage),
			Array.from({ length: Math.ceil(expected.length / 100) }, (_, i) => ['/api/public/cases', String(i + 1), '100', 200]),
		);
	});

	test('Get Many, Limit: stops fetching once the limit is reached', async () => {
		const r = await run('GetAllLimit', certnNode('Certn', { operation: 'getAll', returnAll: false, limit: 120 }));
		assertOk(r);
		const items = r.items('Certn');
		assert.deepEqual(
			items.map((i) => i.id),
			newestFirst(simCases())
				.slice(0, 120)
				.map((c) => c.id),
		);
		assert.deepEqual(
			apiRequests('GET').map((q) => [q.query.page, q.query.page_size]),
			[
				['1', '100'],
				['2', '100'],
			],
		);
	});

	test('Get Many with filters: repeated parameters, dates, only matching cases (raw, Simplify off)', async () => {
		const sim = certnSim();
		const group = sim.control.state().groups[0].id;
		const r = await run(
			'GetAllFilter',
			certnNode('Certn', {
				operation: 'getAll',
				returnAll: true,
				simplify: false,
				filters: {
					overallStatus: ['COMPLETE'],
					otherStatuses: 'in_progress',
					checkTypes: ['IDENTITY_VERIFICATION_1'],
					groups: group,
					orderTimeframeAfter: '2000-01-01T00:00:00',
					orderTimeframeBefore: '2100-12-31T00:00:00',
				},
			}),
		);
		assertOk(r);
		const expected = simCases().filter(
			(c) => ['COMPLETE', 'IN_PROGRESS'].includes(c.overall_status) && c.group === group && c.checks.some((k) => k.type === 'IDENTITY_VERIFICATION_1'),
		);
		assert.ok(expected.length > 1, 'the filters match several seeded cases');
		const items = r.items('Certn');
		assert.deepEqual(items.map((c) => c.id).sort(), expected.map((c) => c.id).sort());
		assert.ok(items.every((c) => Array.isArray(c.checks) && typeof c.short_id === 'string'), 'raw Certn cases');
		assert.deepEqual(apiRequests('GET')[0].query, {
			page: '1',
			page_size: '100',
			overall_status: ['COMPLETE', 'IN_PROGRESS'],
			check_type: 'IDENTITY_VERIFICATION_1',
			group,
			order_timeframe_after: '2000-01-01',
			order_timeframe_before: '2100-12-31',
		});

		// email (case-insensitive), tags (comma list → repeated) and ordering user
		const target = simCases().find((c) => c.tags.length && c.ordered_by);
		const r2 = await run(
			'GetAllFilter2',
			certnNode('Certn', {
				operation: 'getAll',
				returnAll: true,
				filters: { emailAddress: target.email_address.toUpperCase(), tags: `${target.tags[0]}, no-such-tag`, orderedBy: target.ordered_by },
			}),
		);
		assertOk(r2);
		assert.deepEqual(
			r2.items('Certn').map((c) => c.id),
			[target.id],
		);
		assert.deepEqual(apiRequests('GET').at(-1).query.tag, [target.tags[0], 'no-such-tag']);
	});

	test('Get: one case, normalized, and the whole Certn object with Simplify off', async () => {
		const c = certnSim().control.findCase({ status: 'COMPLETE' });
		const r = await run('Get', [
			certnNode('Simplified', { operation: 'get', caseId: byId(c.id) }),
			certnNode('Raw', { operation: 'get', caseId: byId(c.id), simplify: false }),
		]);
		assertOk(r);
		const [simplified] = r.items('Simplified');
		assert.deepEqual(
			{ vendor: simplified.vendor, id: simplified.id, reference: simplified.reference, status: simplified.status, outcome: simplified.outcome },
			{ vendor: 'certn', id: c.id, reference: c.short_id, status: 'COMPLETE', outcome: c.overall_score },
		);
		assert.deepEqual(r.items('Raw'), [certnSim().control.getCase(c.id)]);
		assert.deepEqual(
			apiRequests('GET').map((q) => `${q.path} ${q.status}`),
			[`/api/public/cases/${c.id} 200`, `/api/public/cases/${c.id} 200`],
		);
	});

	test('Order, Certn sends the invite email: check types from the list, as free text and from the arguments JSON', async () => {
		const before = simCases().length;
		const r = await run(
			'OrderEmail',
			certnNode('Certn', {
				operation: 'order',
				emailAddress: 'applicant.email@example.com',
				inviteMode: 'email',
				checkTypes: ['IDENTITY_VERIFICATION_1'],
				otherCheckTypes: 'basic_canadian_criminal_record_report_2',
				checkArguments: '{"CREDIT_REPORT_1": {"ordering_type": "EXPLICIT_ORDERING", "explicit_check_type": ["US_CREDIT_REPORT_1"]}}',
				additionalFields: { tags: 'priority, rehire', permissiblePurpose: 'EMPLOYMENT' },
			}),
		);
		assertOk(r);
		assert.equal(simCases().length, before + 1);
		const [item] = r.items('Certn');
		const created = certnSim().control.getCase(item.id);
		assert.ok(created, 'the ordered case exists in the simulator');
		assert.equal(created.email_address, 'applicant.email@example.com');
		assert.deepEqual(created.checks.map((k) => k.type).sort(), ['BASIC_CANADIAN_CRIMINAL_RECORD_REPORT_2', 'CREDIT_REPORT_1', 'IDENTITY_VERIFICATION_1']);
		assert.deepEqual(created.tags.sort(), ['priority', 'rehire']);
		assert.equal(item.reference, created.short_id);
		assert.equal(item.status, 'APPLICANT_INVITED');
		assert.equal('inviteLink' in item, false, 'no invite link when Certn sends the email');
		const [post] = apiRequests('POST');
		assert.equal(post.path, '/api/public/cases/order');
		assert.equal(post.body.send_invite_email, true);
		assert.equal(post.body.return_invite_link, false);
		assert.deepEqual(post.body.check_types_with_arguments.CREDIT_REPORT_1, { ordering_type: 'EXPLICIT_ORDERING', explicit_check_type: ['US_CREDIT_REPORT_1'] });
	});

	test('Order, Return Invite Link: the invite link is in the output (simplified and raw)', async () => {
		const r = await run('OrderLink', [
			certnNode('Simplified', { operation: 'order', emailAddress: 'link.a@example.com', inviteMode: 'link', checkTypes: ['IDENTITY_VERIFICATION_1'] }),
			certnNode('Raw', { operation: 'order', emailAddress: 'link.b@example.com', inviteMode: 'link', checkTypes: ['IDENTITY_VERIFICATION_1'], simplify: false }),
		]);
		assertOk(r);
		const [a] = r.items('Simplified');
		const createdA = certnSim().control.getCase(a.id);
		assert.equal(a.status, 'CASE_ORDERED');
		assert.match(a.inviteLink, /\/invite\//);
		assert.equal(a.inviteLink, createdA.invite_link);
		const [b] = r.items('Raw');
		assert.equal(b.email_address, 'link.b@example.com');
		assert.equal(b.invite_link, certnSim().control.getCase(b.id).invite_link);
		assert.ok(Array.isArray(b.checks));
		assert.deepEqual(
			apiRequests('POST').map((q) => [q.body.send_invite_email, q.body.return_invite_link]),
			[
				[false, true],
				[false, true],
			],
		);
	});

	test('Order, Quickscreen: the input claims reach Certn and the applicant is submitted at once', async () => {
		const r = await run(
			'OrderQuick',
			certnNode('Certn', {
				operation: 'order',
				emailAddress: 'quick@example.com',
				inviteMode: 'quickscreen',
				checkTypes: ['IDENTITY_VERIFICATION_1'],
				inputClaims: JSON.stringify(CLAIMS),
			}),
		);
		assertOk(r);
		const [item] = r.items('Certn');
		assert.equal(item.status, 'APPLICANT_SUBMITTED');
		const created = certnSim().control.getCase(item.id);
		assert.deepEqual(created.input_claims, { ...CLAIMS, email_address: 'quick@example.com' });
		assert.equal(created.ordered_with.mode, 'quickscreen');
		const [post] = apiRequests('POST');
		assert.deepEqual(post.body.input_claims, CLAIMS);
		assert.equal(post.body.send_invite_email, false);
		assert.equal(post.body.return_invite_link, false);
	});

	test('Order Package: the checks of an active package, invite link returned', async () => {
		const pkg = certnSim()
			.control.state()
			.packages.find((p) => p.is_active);
		const r = await run('OrderPackage', certnNode('Certn', { operation: 'orderPackage', packageId: pkg.id, emailAddress: 'package@example.com', inviteMode: 'link' }));
		assertOk(r);
		const [item] = r.items('Certn');
		const created = certnSim().control.getCase(item.id);
		assert.deepEqual(
			created.checks.map((k) => k.type),
			pkg.checks.map((k) => k.check_type),
		);
		assert.equal(created.package, pkg.id);
		assert.equal(item.inviteLink, created.invite_link);
		assert.equal(apiRequests('POST')[0].path, '/api/public/cases/order-package');
	});

	test('Cancel: a case whose checks are still waiting is cancelled', async () => {
		const c = certnSim().control.findCase({ cancellable: true });
		const r = await run('Cancel', certnNode('Certn', { operation: 'cancel', caseId: byId(c.id) }));
		assertOk(r);
		assert.equal(r.items('Certn')[0].id, c.id);
		assert.equal(r.items('Certn')[0].status, 'CANCELLED');
		assert.equal(certnSim().control.getCase(c.id).overall_status, 'CANCELLED');
	});

	test('Cancel: Certn\'s refusal says which checks are too far along and that nothing changed', async () => {
		// an IN_PROGRESS case with a check still running (a one-check case has none left active)
		const c = newestFirst(simCases()).find((x) => x.overall_status === 'IN_PROGRESS' && blockingChecks(x).length);
		assert.ok(c, 'the simulator has an IN_PROGRESS case with a running check');
		const blocking = blockingChecks(c);
		const r = await run('CancelRefused', certnNode('Certn', { operation: 'cancel', caseId: byId(c.id) }));
		const { message, description } = failure(r);
		assert.equal(
			message,
			`Certn refused to cancel case ${c.id}: its checks are too far along (${blocking.join(', ')}); a case can only be cancelled while every active check is AWAITING_APPLICANT_SUBMISSION or PENDING_FULFILLMENT (HTTP 400; Certn says: Case cannot be cancelled: one or more checks are past the point where they can be cancelled.)`,
		);
		assert.match(description, /Nothing was changed/);
		assert.equal(certnSim().control.getCase(c.id).overall_status, 'IN_PROGRESS');
	});

	test('Generate Report: outputs the report file id Certn made for the case', async () => {
		const c = certnSim().control.findCase({ status: 'COMPLETE' });
		const r = await run('GenerateReport', certnNode('Certn', { operation: 'generateReport', caseId: byId(c.id) }));
		assertOk(r);
		const [item] = r.items('Certn');
		assert.equal(item.caseId, c.id);
		const files = certnSim().control.state().reportFiles;
		assert.deepEqual(files, [{ id: item.reportFileId, case_id: c.id, status: 'PENDING', polls: 0 }]);
	});

	test('Get Report File: waits until complete and downloads the PDF as binary named after the case', async (t) => {
		const c = certnSim().control.findCase({ status: 'COMPLETE' });
		const r = await run('ReportFile', [
			certnNode('Generate Report', { operation: 'generateReport', caseId: byId(c.id) }),
			certnNode('Get Report File', {
				operation: 'getReportFile',
				reportFileId: '={{ $json.reportFileId }}',
				binaryPropertyName: 'report',
				reportFileOptions: { pollIntervalSeconds: 1, maxWaitSeconds: 30 },
			}),
		]);
		assertOk(r);
		const item = firstItem(r, 'Get Report File');
		const fileName = `certn-report-${c.short_id}.pdf`;
		assert.equal(item.json.caseId, c.id);
		assert.equal(item.json.reference, c.short_id);
		assert.equal(item.json.status, 'COMPLETE');
		assert.equal(item.json.fileName, fileName);
		assert.ok(!JSON.stringify(item.json).includes('X-Certn-Signature'), 'the presigned URL stays out of the output');
		const bin = item.binary?.report;
		assert.ok(bin, 'binary property "report"');
		assert.equal(bin.mimeType, 'application/pdf');
		assert.equal(bin.fileName, fileName);
		assert.equal(bin.fileExtension, 'pdf');
		if (bin.data && !bin.id) {
			// binary data kept in the execution (n8n's "default" mode): the bytes themselves
			const bytes = Buffer.from(bin.data, 'base64');
			assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-');
			assert.equal(bytes.length, item.json.fileSize);
		} else {
			// kept in n8n's binary data store: `filesystem-v2:<path>` under <user folder>/.n8n/storage
			// (2.x; `binaryData` in older folders)
			const m = /^filesystem(?:-v2)?:(.+)$/.exec(String(bin.id));
			const file = m && ['storage', 'binaryData'].map((dir) => path.join(e2e.n8n.userFolder, '.n8n', dir, m[1])).find((f) => fs.existsSync(f));
			if (file) {
				const bytes = fs.readFileSync(file);
				assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-');
				assert.equal(bytes.length, item.json.fileSize);
			} else {
				t.diagnostic(`binary stored by n8n as ${bin.id}, not found on disk: bytes checked by the demo email test only`);
			}
		}
		// PENDING twice, then COMPLETE; the presigned download without the API key
		const reportReads = apiRequests('GET').filter((q) => q.path.includes('/report-files/'));
		assert.deepEqual(
			reportReads.map((q) => q.status),
			[200, 200, 200],
		);
		const download = certnSim()
			.control.requests({ path: '/files/report/' })
			.map((q) => q.status);
		assert.deepEqual(download, [200]);
		assert.equal(certnSim().control.state().reportFiles[0].status, 'COMPLETE');
	});

	test('Get Supplementary Files and Information: each check of the case with its status', async () => {
		const c = certnSim().control.findCase({ status: 'COMPLETE' });
		const r = await run('Supplementary', [
			certnNode('Files', { operation: 'getSupplementaryFiles', caseId: byId(c.id) }),
			certnNode('Information', { operation: 'getSupplementaryInformation', caseId: byId(c.id) }),
		]);
		assertOk(r);
		const [files] = r.items('Files');
		assert.equal(files.caseId, c.id);
		assert.deepEqual(
			files.checks.map((k) => [k.id, k.type, k.status]),
			c.checks.map((k) => [k.id, k.type, k.status]),
		);
		assert.match(files.checks[0].files[0].url, /X-Certn-Signature=/);
		assert.equal(files.checks[0].files[0].name, `${c.checks[0].short_id}.pdf`);
		const [info] = r.items('Information');
		assert.equal(info.caseId, c.id);
		assert.deepEqual(
			info.checks.map((k) => [k.id, k.status, k.information?.result]),
			c.checks.map((k) => [k.id, k.status, k.score]),
		);
		assert.deepEqual(
			apiRequests('GET').map((q) => q.path),
			[`/api/public/cases/${c.id}/supplementary-files`, `/api/public/cases/${c.id}/supplementary-information`],
		);
	});

	const order503 = async () => {
		const sim = certnSim();
		const before = simCases().length;
		sim.control.pushFaults({ type: 503, count: 3, method: 'POST' });
		const r = await run('Order503', certnNode('Certn', { operation: 'order', emailAddress: 'once@example.com', checkTypes: ['IDENTITY_VERIFICATION_1'] }));
		return { r, sim, before };
	};

	test('an order that meets a 503 is not sent again: one POST (simulator log), no case, the item fails', async () => {
		const { r, sim, before } = await order503();
		const { message } = failure(r);
		assert.match(message, /^Certn ordering a case failed \(HTTP 503\)/);
		assert.equal(sim.control.requests({ method: 'POST', path: '/api/public/cases/order' }).length, 1, 'exactly one POST');
		assert.equal(sim.control.requests({ method: 'POST' }).length, 1, 'and no other POST');
		assert.equal(simCases().length, before);
	});

	// README (Certn › "Orders are never sent twice"): after a 5xx the item fails with a message
	// saying the order may have reached Certn, and it was not retried.
	test(
		'an order that meets a 503 says it may have reached Certn and must not be re-run blindly',
		async () => {
			const { r } = await order503();
			const { message, description } = failure(r);
			assert.doesNotMatch(`${message}\n${description}`, /after retries/i);
			assert.match(`${message}\n${description}`, /may have reached Certn/i);
		},
	);
});

// ---------------------------------------------------------------- trigger
describe('Certn Trigger in n8n: production webhook URL', () => {
	const id = workflowId('certnTrigger');
	const webhookId = '5b0c7a2e-8f4d-4c1a-9e3b-7d6f5a4c3b21';
	const url = () => e2e.n8n.webhookUrl(`${webhookId}/webhook`);

	before(async () => {
		certnSim().control.reset();
		await e2e.n8n.importWorkflow(
			triggerWorkflow(id, 'e2e certn: trigger', {
				name: 'Certn Trigger',
				type: `${P}.certnTrigger`,
				webhookId,
				parameters: { events: ['CASE_STATUS_CHANGED'], fetchCase: true, simplify: true },
				credentials: credentialRef(e2e, 'certnApi'),
			}),
		);
		await e2e.n8n.activate(id);
	});
	after(async () => {
		await e2e.n8n.deactivate(id).catch(() => {});
	});

	test('the GET ?challenge= handshake is answered with the challenge (the simulator performs it, as Certn\'s portal does)', async () => {
		const sim = certnSim();
		const res = await fetch(`${sim.url}/__control/certn/challenge`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ url: url() }),
		});
		assert.equal(res.status, 200);
		const check = await res.json();
		assert.equal(check.status, 200, JSON.stringify(check));
		assert.equal(check.echoed, true, `the body was the challenge: ${JSON.stringify(check)}`);
		assert.equal(check.body, check.challenge);
		assert.match(check.contentType, /^text\/plain/);
		assert.equal(check.nosniff, true);
		// and the portal step built on it: the webhook is enabled
		const hook = await (
			await fetch(`${sim.url}/__control/certn/webhooks`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ url: url(), events: ['CASE_STATUS_CHANGED'] }) })
		).json();
		assert.equal(hook.enabled, true);
		await sleep(500);
		assert.deepEqual(await e2e.n8n.listExecutions({ workflowId: id }), [], 'the handshake starts no execution');
	});

	test('a forged or unsigned event is answered 401 and starts no execution', async () => {
		const sim = certnSim();
		const c = simCases()[0];
		const forged = await sim.control.sendEvent({ caseId: c.id, eventType: 'CASE_STATUS_CHANGED', url: url(), forged: true });
		const unsigned = await sim.control.sendEvent({ caseId: c.id, eventType: 'CASE_STATUS_CHANGED', url: url(), unsigned: true });
		assert.equal(forged.deliveries[0].status, 401);
		assert.match(forged.deliveries[0].responseBody, /X-Signature did not verify/);
		assert.equal(unsigned.deliveries[0].status, 401);
		await sleep(1500);
		assert.deepEqual(await e2e.n8n.listExecutions({ workflowId: id }), [], 'no execution');
		assert.equal(apiRequests('GET').length, 0, 'the case was not fetched for a refused delivery');
	});

	test('a correctly signed event starts exactly one execution carrying the event and the fetched case', async () => {
		const sim = certnSim();
		sim.control.clearRequests();
		const c = sim.control.findCase({ status: 'COMPLETE' });
		const sent = await sim.control.sendEvent({ caseId: c.id, eventType: 'CASE_STATUS_CHANGED', url: url() });
		assert.equal(sent.deliveries[0].status, 200, JSON.stringify(sent.deliveries[0]));
		const runs = await e2e.n8n.waitForExecutions({ workflowId: id, count: 1, timeoutMs: 30000 });
		await sleep(1500);
		const all = await e2e.n8n.listExecutions({ workflowId: id });
		assert.equal(all.length, 1, 'exactly one execution');
		assert.equal(runs[0].status, 'success');
		const exec = await e2e.n8n.getExecution(runs[0].id);
		const items = exec.items('Certn Trigger');
		assert.equal(items.length, 1);
		assert.deepEqual(items[0], {
			event: 'CASE_STATUS_CHANGED',
			eventId: sent.event.id,
			eventCreatedAt: sent.event.created,
			objectType: 'CASE',
			objectId: c.id,
			vendor: 'certn',
			id: c.id,
			reference: c.short_id,
			status: 'COMPLETE',
			outcome: c.overall_score,
			riskScore: null,
			assignee: null,
			createdAt: new Date(c.created).toISOString(),
			updatedAt: items[0].updatedAt,
		});
		assert.deepEqual(
			apiRequests('GET').map((q) => `${q.path} ${q.status}`),
			[`/api/public/cases/${c.id} 200`],
			'the full case was fetched once',
		);
	});
});

// ---------------------------------------------------------------- demo workflows
describe('Certn demo workflows in n8n', () => {
	beforeEach(() => certnSim().control.reset());

	test('"Certn case report → email with the PDF attached": the report reaches the SMTP sink as a PDF attachment', async () => {
		const { n8n, sink, credentials } = e2e;
		const demo = loadDemoWorkflows({ credentials }).find((w) => w.workflow.id === 'ccDemoCertnRpt01');
		assert.ok(demo, 'demo/workflows/certn-case-report-email.json');
		assert.deepEqual(demo.missing, []);
		const wf = structuredClone(demo.workflow);
		const send = wf.nodes.find((n) => n.name === 'Send Email');
		if (e2e.version.startsWith('1.')) {
			// n8n 1.x's Send Email has one "Attachments" option; 2.x split it into Inline and File.
			send.parameters.options.attachments = send.parameters.options.fileAttachments;
			delete send.parameters.options.fileAttachments;
		}
		// poll faster than the demo's 2 s so the test does not wait for nothing
		wf.nodes.find((n) => n.name === 'Get Report File').parameters.reportFileOptions.pollIntervalSeconds = 1;
		await n8n.importWorkflow(wf);
		const c = newestFirst(simCases()).find((x) => x.overall_status === 'COMPLETE');
		const r = await n8n.execute(wf.id);
		assertOk(r);
		const fileName = `certn-report-${c.short_id}.pdf`;
		assert.equal(r.items('Get Report File')[0].fileName, fileName);

		const mail = await sink.waitForMessage((m) => m.subject === `Certn report for case ${c.short_id}`, { timeoutMs: 20000 });
		assert.deepEqual(mail.envelope.to, ['compliance-team@compliance.example']);
		assert.match(mail.text, new RegExp(`Case id: ${c.id}`));
		const pdfs = mail.attachments.filter((a) => a.filename === fileName);
		assert.equal(pdfs.length, 1, `one attachment named ${fileName}: ${JSON.stringify(mail.attachments.map(({ content, ...a }) => ({ ...a, size: content?.length })))}`);
		assert.equal(pdfs[0].contentType, 'application/pdf');
		assert.equal(pdfs[0].content.subarray(0, 5).toString('latin1'), '%PDF-');
		assert.ok(pdfs[0].content.toString('latin1').includes(`Case ${c.short_id}`), 'the PDF is the report of that case');
		assert.equal(pdfs[0].content.length, r.items('Get Report File')[0].fileSize);
	});

	test('"Certn case status changed → email": a status change in Certn reaches the SMTP sink, one execution', async () => {
		const { n8n, sink, credentials } = e2e;
		const sim = certnSim();
		const demo = loadDemoWorkflows({ credentials }).find((w) => w.workflow.id === 'ccDemoCertnMail1');
		assert.ok(demo, 'demo/workflows/certn-case-status-email.json');
		assert.deepEqual(demo.missing, []);
		await n8n.importWorkflow(demo.workflow);
		await n8n.activate(demo.workflow.id);
		try {
			// the portal step, as `npm start` does it
			const lines = await connectPortalWebhooks({ workflow: demo.workflow, n8n, simulators: e2e.simulators });
			assert.equal(lines.length, 1);
			assert.match(lines[0], /challenge answered, enabled/);
			assert.equal(sim.control.webhooks().filter((h) => h.enabled).length, 1);

			const c = sim.control.findCase({ status: 'IN_PROGRESS' });
			const updated = sim.control.setCaseStatus(c.id, 'COMPLETE', { score: 'CLEAR' });
			const deliveries = await sim.control.flushDeliveries();
			assert.ok(deliveries.length >= 1 && deliveries.every((d) => d.status === 200), JSON.stringify(deliveries.map((d) => [d.status, d.meta])));

			const mail = await sink.waitForMessage((m) => m.subject.includes(c.short_id), { timeoutMs: 30000 });
			assert.equal(mail.subject, `Certn case ${c.short_id} is now COMPLETE`);
			assert.match(mail.text, /Status: COMPLETE/);
			assert.match(mail.text, new RegExp(`Outcome: ${updated.overall_score}`));
			assert.match(mail.text, new RegExp(`Case id: ${c.id}`));
			const runs = await n8n.waitForExecutions({ workflowId: demo.workflow.id, count: 1 });
			await sleep(1000);
			assert.equal((await n8n.listExecutions({ workflowId: demo.workflow.id })).length, 1, 'exactly one execution');
			assert.equal(runs[0].status, 'success');
		} finally {
			await n8n.deactivate(demo.workflow.id);
		}
	});
});
