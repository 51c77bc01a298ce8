// Sphinx end-to-end: the package installed in a real n8n (one instance for this file, see
// setup.mjs), against the Sphinx simulator.
//
//   node scripts/e2e.mjs test/e2e/sphinx.e2e.test.mjs                 # n8n 2.41.1
//   node scripts/e2e.mjs --n8n-version=1 test/e2e/sphinx.e2e.test.mjs # n8n 1.123.81
//
// The OAuth2 credential is created through n8n's REST API the way the editor saves it (and tested
// with the editor's "Test" call); n8n then fetches the token itself, and renews it when the
// simulator expires it in the middle of a Return All. The trigger runs on n8n's production URL.

import { beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { useE2e, PKG, workflowId, requireSim, credentialRef, chainRunner, assertOk, failure, triggerWorkflow, withActiveWorkflow } from './setup.mjs';

const e2e = useE2e({ vendors: ['sphinx'] });
const P = PKG.name;

const sphinxSim = () => requireSim(e2e, 'sphinx');
const apiRequests = () => sphinxSim().control.requests({ path: '/api/' }).filter((r) => r.path !== '/api/oauth/token');
const byId = (id) => ({ __rl: true, mode: 'id', value: String(id) });

let oauth = null;
/** The OAuth2 credential as the editor creates it: POST /rest/credentials with the form's fields. */
async function oauthCredential() {
	if (oauth) return oauth;
	const sim = sphinxSim();
	const created = await e2e.n8n.rest('POST', '/credentials', {
		name: 'Sphinx OAuth2 (e2e)',
		type: 'sphinxOAuth2Api',
		data: { clientId: sim.clientId, clientSecret: sim.clientSecret, baseUrl: sim.baseUrl },
	});
	oauth = { id: created.id, name: created.name };
	return oauth;
}

async function sphinxNode(name, parameters, { auth = 'accessToken' } = {}) {
	const credentials = auth === 'oAuth2' ? { sphinxOAuth2Api: await oauthCredential() } : credentialRef(e2e, 'sphinxApi');
	return { name, type: `${P}.sphinx`, parameters: { authentication: auth, resource: 'case', ...parameters }, credentials };
}

const run = chainRunner(e2e, 'sphinx');

beforeEach(() => sphinxSim().control.reset());

describe('Sphinx OAuth2 credential, created as in the editor', () => {
	test('the editor\'s credential test passes: n8n fetches a token from <baseUrl>/api/oauth/token/', async () => {
		const sim = sphinxSim();
		const res = await e2e.n8n.rest('POST', '/credentials/test', {
			credentials: { id: (await oauthCredential()).id, name: 'Sphinx OAuth2 (e2e)', type: 'sphinxOAuth2Api', data: { clientId: sim.clientId, clientSecret: sim.clientSecret, baseUrl: sim.baseUrl } },
		});
		assert.equal(res.status, 'OK', JSON.stringify(res));
		const bad = await e2e.n8n.rest('POST', '/credentials', { name: 'Sphinx OAuth2 (wrong secret)', type: 'sphinxOAuth2Api', data: { clientId: sim.clientId, clientSecret: 'not-the-secret', baseUrl: sim.baseUrl } });
		const refused = await e2e.n8n.rest('POST', '/credentials/test', {
			credentials: { id: bad.id, name: bad.name, type: 'sphinxOAuth2Api', data: { clientId: sim.clientId, clientSecret: 'not-the-secret', baseUrl: sim.baseUrl } },
		});
		assert.equal(refused.status, 'Error', JSON.stringify(refused));
	});

	test('Get Many with Return All: the token expires mid-way, n8n renews it, every case comes once', async () => {
		const sim = sphinxSim();
		sim.control.configure({ pageSizeCap: 10 });
		sim.control.expireTokensAfter(2);
		const r = await run('OAuthAll', [await sphinxNode('Sphinx', { operation: 'getAll', returnAll: true }, { auth: 'oAuth2' })]);
		assertOk(r);
		const items = r.items('Sphinx');
		assert.equal(items.length, sim.state.cases.size);
		assert.equal(new Set(items.map((i) => i.id)).size, items.length);
		const tokens = sim.control.tokenRequests();
		assert.ok(tokens.length >= 2, `a new token was fetched (${tokens.length} token requests)`);
		assert.ok(tokens.every((t) => t.format === 'form' && t.grant_type === 'client_credentials'));
		assert.ok(apiRequests().some((q) => q.status === 401));
	});
});

describe('Sphinx node (access token)', () => {
	test('Case: create with a new customer and checks, start noop explicit, get, update, redact', async () => {
		const create = await run('Create', [
			await sphinxNode('Create', {
				operation: 'create',
				customerSource: 'new',
				customerFullName: 'Ada Lovelace',
				checks: { check: [{ checkType: 'PEP', inputDetails: '{"person_name": "Ada Lovelace"}' }] },
				autoStart: false,
				additionalFields: { externalId: 'e2e-ada' },
			}),
		]);
		assertOk(create);
		const created = create.items('Create')[0];
		assert.equal(created.reference, 'e2e-ada');
		const id = created.id;
		const flow = await run('Lifecycle', [
			await sphinxNode('Start', { operation: 'start', caseId: byId(id) }),
			await sphinxNode('Start Again', { operation: 'start', caseId: byId(id) }),
			await sphinxNode('Update', { operation: 'update', caseId: byId(id), updateFields: { metadata: '{"team": "ops"}' }, simplify: false }),
			await sphinxNode('Redact', { operation: 'redact', caseId: byId(id) }),
		]);
		assertOk(flow);
		assert.equal(flow.items('Start')[0].actionTaken, 'started');
		assert.equal(flow.items('Start Again')[0].actionTaken, 'noop_already_running');
		assert.equal(flow.items('Start Again')[0].alreadyRunning, true);
		assert.deepEqual(flow.items('Update')[0].metadata, { team: 'ops' });
		assert.deepEqual(flow.items('Redact')[0], { id: String(id), redacted: true, deleteAfter: 0 });
		assert.equal(sphinxSim().state.cases.has(Number(id)), false);
	});

	test('bad input is refused before anything is sent: checks together with a case config', async () => {
		const r = await run('BadInput', [
			await sphinxNode('Create', { operation: 'create', customerId: '2', caseConfig: 'aml-screening', checks: { check: [{ checkType: 'PEP' }] } }),
		]);
		assert.match(failure(r).message, /Checks \/ Case Config: both are set/);
		assert.equal(apiRequests().filter((q) => q.method === 'POST').length, 0);
	});

	test('Check, Customer and Document resources', async () => {
		const r = await run('Resources', [
			await sphinxNode('Customer', { resource: 'customer', operation: 'create', fullName: 'Globex GmbH', additionalFields: { externalId: 'e2e-globex', customerType: 'COMPANY' } }),
			await sphinxNode('Customer Update', { resource: 'customer', operation: 'update', externalId: 'e2e-globex', updateFields: { fullName: 'Globex AG' } }),
			await sphinxNode('Check', { resource: 'check', operation: 'create', caseId: '3', checkType: 'SANCTION' }),
			await sphinxNode('Check Get', { resource: 'check', operation: 'get', checkId: '={{ $json.id }}' }),
			{
				name: 'File',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				parameters: { jsCode: "return [{ json: {}, binary: { data: { data: Buffer.from('%PDF-1.4 e2e').toString('base64'), mimeType: 'application/pdf', fileName: 'id.pdf' } } }];" },
			},
			await sphinxNode('Upload', { resource: 'document', operation: 'upload', binaryPropertyName: 'data', linkTo: 'customer', linkId: '2' }),
		]);
		assertOk(r);
		assert.equal(r.items('Customer Update')[0].full_name, 'Globex AG');
		assert.equal(r.items('Check Get')[0].check_type, 'SANCTION');
		assert.equal(r.items('Upload')[0].original_name, 'id.pdf');
		const upload = apiRequests().find((q) => q.path === '/api/documents');
		assert.equal(upload.body.file, `data:application/pdf;base64,${Buffer.from('%PDF-1.4 e2e').toString('base64')}`);
	});
});

describe('Sphinx Trigger on n8n\'s production URL', () => {
	const webhookId = '7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f';
	const TOKEN = 'e2e-shared-token';
	test('a case completing calls the URL; 401 without the token; the workflow gets the case', async () => {
		const sim = sphinxSim();
		const workflow = triggerWorkflow(workflowId('sphinxTrigger'), 'e2e sphinx: trigger', {
			name: 'Sphinx Trigger',
			type: `${P}.sphinxTrigger`,
			webhookId,
			parameters: { authentication: 'accessToken', events: ['case.completed', 'case.failed'], token: TOKEN },
			credentials: credentialRef(e2e, 'sphinxApi'),
		});
		await withActiveWorkflow(e2e, workflow, async (id) => {
			const url = e2e.n8n.webhookUrl(`${webhookId}/webhook`);
			const refused = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id: 1 }) });
			assert.equal(refused.status, 401);
			const c = sim.control.addCase({ checks: ['PEP'], webhookUrl: `${url}?token=${TOKEN}` });
			sim.control.completeCase(c.id, { outcome: 'ACCEPTED' });
			const deliveries = await sim.control.flushDeliveries();
			assert.ok(deliveries.some((d) => d.status === 200), JSON.stringify(deliveries.map((d) => [d.status, d.responseBody])));
			const runs = await e2e.n8n.waitForExecutions({ workflowId: id, count: 1, timeoutMs: 30000 });
			const execution = await e2e.n8n.getExecution(runs[0].id);
			const out = JSON.stringify(execution);
			assert.match(out, /case\.completed/);
			assert.match(out, new RegExp(`"id":"${c.id}"`));
		});
	});
});
