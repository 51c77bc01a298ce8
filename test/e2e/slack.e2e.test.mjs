// Case events → n8n's own Slack node (v2, chat.postMessage) in a real n8n, offline (issue 15).
//
// n8n's Slack node always calls https://slack.com/api. The stack's Slack fake
// (scripts/lib/slack-fake.mjs) makes a test CA and a slack.com certificate with openssl, serves the
// Slack Web API over HTTPS and routes slack.com to it through a local CONNECT proxy; n8n runs with
// HTTPS_PROXY/HTTP_PROXY at that proxy, loopback in NO_PROXY (the vendor simulators stay direct)
// and the CA in NODE_EXTRA_CA_CERTS. Each demo workflow "<vendor> case event → Slack" is imported
// from demo/workflows/ and activated; a case event in the simulator must become exactly one Slack
// message with the channel, the bot token and the case's reference and status. Then the Slack
// errors a user meets: channel_not_found, invalid_auth, rate limited (429 + Retry-After).

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startStack } from '../../scripts/lib/stack.mjs';
import { loadDemoWorkflows } from '../../scripts/lib/demo.mjs';
import { connectPortalWebhooks } from '../../scripts/lib/vendors.mjs';
import { messageText } from '../../scripts/lib/slack-fake.mjs';
import { ARTIFACTS, workflowId } from './setup.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const NAME = 'slack.e2e.test';
const e2e = {};
/** The credential with a token the fake refuses (invalid_auth). Built, so no literal token sits in the file. */
const WRONG_TOKEN = ['xoxb', '1000000001', '2000000002', 'notTheRightOne'].join('-');
const WRONG_CREDENTIAL = {
	id: 'ccSlackWrongTok0',
	name: 'Slack (wrong token)',
};
let penboxCase = null;
let penboxArmed = null;
const penboxPolls = () => e2e.sim('penbox').control.requests({ method: 'GET', path: '/v1/cases' });

async function armPenbox() {
	const t0 = Date.now();
	while (!penboxPolls().length) {
		if (Date.now() - t0 > 90000) throw new Error('the Penbox Trigger did not poll within 90 s of its activation');
		await sleep(500);
	}
	await sleep(1100);
	const pb = e2e.sim('penbox');
	penboxCase = pb.control.addCase({ title: 'Slack me', reference: 'E2E-SLACK-PB' });
	await sleep(1100);
	pb.control.completeCase(penboxCase.id);
	return penboxCase;
}
const DEMO = {
	persona: 'ccDemoPersonaSlk',
	certn: 'ccDemoCertnSlack',
	zenoo: 'ccDemoZenooSlack',
	sphinx: 'ccDemoSphinxSlck',
	penbox: 'ccDemoPenboxSlck',
};

// ---------------------------------------------------------------- bad-input workflows
// Webhook → Code (one case item) → the Persona demo's Slack node with the scenario's changes. A
// webhook run happens in the n8n server (fast) where `n8n execute` starts a CLI process each time.
const CASE_ITEM = {
	vendor: 'persona',
	id: 'case_E2ESLACKERR',
	reference: 'E2E-ERR-1',
	status: 'Open',
	outcome: null,
	assignee: null,
	event: 'case.status-updated',
	updatedAt: '2026-01-01T00:00:00.000Z',
};
const NO_CHANNEL = { __rl: true, mode: 'name', value: '#no-such-channel' };
const SCENARIOS = {
	ok: {},
	noChannel: { parameters: { channelId: NO_CHANNEL } },
	noChannelContinue: {
		parameters: { channelId: NO_CHANNEL },
		node: { onError: 'continueRegularOutput' },
	},
	badAuth: { credentials: () => ({ slackApi: WRONG_CREDENTIAL }) },
	rateLimited: {},
	rateLimitedRetry: {
		node: { retryOnFail: true, maxTries: 2, waitBetweenTries: 1000 },
	},
};
const hookPath = (name) => `slack-e2e-${name.toLowerCase()}`;
const hookWorkflowId = (name) => workflowId(`slk${Object.keys(SCENARIOS).indexOf(name)}`);

function errorWorkflows(credentials) {
	const demo = loadDemoWorkflows({ credentials }).find((d) => d.workflow.id === DEMO.persona).workflow;
	const { id: _id, position: _pos, ...slackNode } = demo.nodes.find((n) => n.type === 'n8n-nodes-base.slack');
	return Object.entries(SCENARIOS).map(([name, sc], i) => {
		const id = hookWorkflowId(name);
		return {
			id,
			name: `e2e slack: ${name}`,
			active: false,
			settings: { executionOrder: 'v1' },
			nodes: [
				{
					id: `${id}-w`,
					name: 'Webhook',
					type: 'n8n-nodes-base.webhook',
					typeVersion: 2,
					position: [0, 0],
					webhookId: `5a1c0de0-e2e0-4000-8000-00000000000${i}`,
					parameters: {
						httpMethod: 'POST',
						path: hookPath(name),
						responseMode: 'lastNode',
						options: {},
					},
				},
				{
					id: `${id}-c`,
					name: 'Case',
					type: 'n8n-nodes-base.code',
					typeVersion: 2,
					position: [220, 0],
					parameters: {
						jsCode: `return [{ json: ${JSON.stringify(CASE_ITEM)} }];`,
					},
				},
				{
					...slackNode,
					id: `${id}-s`,
					position: [440, 0],
					parameters: { ...slackNode.parameters, ...sc.parameters },
					credentials: sc.credentials ? sc.credentials() : slackNode.credentials,
					...sc.node,
				},
			],
			connections: {
				Webhook: { main: [[{ node: 'Case', type: 'main', index: 0 }]] },
				Case: { main: [[{ node: 'Post to Slack', type: 'main', index: 0 }]] },
			},
		};
	});
}

before(
	async () => {
		const stack = await startStack({
			version: process.env.N8N_CC_N8N_VERSION ?? '2',
			vendors: ['persona', 'certn', 'zenoo', 'sphinx', 'penbox'],
			slack: true,
			// imported before n8n starts, in one go (a CLI import while it runs takes ~20 s each)
			extraCredentials: [
				{
					id: WRONG_CREDENTIAL.id,
					name: WRONG_CREDENTIAL.name,
					type: 'slackApi',
					data: { accessToken: WRONG_TOKEN },
				},
			],
			workflows: (credentials) => [
				...loadDemoWorkflows({ credentials })
					.filter((d) => Object.values(DEMO).includes(d.workflow.id))
					.map((d) => d.workflow),
				...errorWorkflows(credentials),
			],
			packageTarball: process.env.N8N_CC_PACKAGE_TARBALL || undefined,
			log: (m) => process.stderr.write(`# [e2e ${NAME}] ${m}\n`),
		});
		Object.assign(e2e, {
			stack,
			n8n: stack.n8n,
			slack: stack.slack,
			credentials: stack.credentials,
			sim: (v) => stack.simulators.find((s) => s.vendor === v),
		});
	},
	{ timeout: 20 * 60 * 1000 },
);
after(
	async () => {
		if (!e2e.stack) return;
		try {
			fs.mkdirSync(ARTIFACTS, { recursive: true });
			fs.copyFileSync(e2e.n8n.logFile, path.join(ARTIFACTS, `${NAME}.n8n-${e2e.n8n.version}.log`));
		} catch {}
		await e2e.stack.stop();
	},
	{ timeout: 120000 },
);

/** No secret of the run anywhere in what n8n stored or said (message, description, output). */
function assertNoSecret(value, label) {
	const text = JSON.stringify(value);
	assert.ok(!text.includes(e2e.slack.token), `${label}: the bot token appears`);
	assert.ok(!text.includes(WRONG_TOKEN), `${label}: the wrong token appears`);
}

const demos = () => Object.fromEntries(loadDemoWorkflows({ credentials: e2e.credentials }).map((d) => [d.workflow.id, d]));

/** The one message for an event: waits for it, then checks no second one follows and the workflow ran once, successfully. */
async function oneMessage(vendor, pred, { timeoutMs = 30000, executionsBefore = 0 } = {}) {
	const { slack, n8n } = e2e;
	const m = await slack.waitForMessage(pred, { timeoutMs });
	const runs = await n8n.waitForExecutions({
		workflowId: DEMO[vendor],
		count: executionsBefore + 1,
		timeoutMs: 30000,
	});
	await sleep(1500);
	assert.equal(slack.messages.filter(pred).length, 1, 'exactly one Slack message for the event');
	const all = await n8n.listExecutions({ workflowId: DEMO[vendor] });
	assert.equal(all.length, executionsBefore + 1, 'exactly one execution for the event');
	assert.equal(runs[0].status, 'success');
	const execution = await n8n.getExecution(runs[0].id);
	return { message: m, execution };
}

/** What every demo message must carry: channel, token, header + text with reference and status, the dashboard link. */
function assertCaseMessage(m, { vendor, reference, status, id, link }) {
	assert.equal(m.channel, 'C0COMPLIANCE', 'posted to #compliance-alerts');
	assert.equal(m.channelGiven, '#compliance-alerts');
	assert.equal(m.tokenOk, true, 'sent with the bot token of the credential');
	assert.ok(m.text.includes(reference) && m.text.includes(status), `notification text carries reference and status: ${m.text}`);
	assert.ok(Array.isArray(m.blocks), 'sent as Block Kit blocks');
	assert.equal(m.blocks[0].type, 'header');
	assert.ok(m.blocks[0].text.text.startsWith(`${vendor} case ${reference}`), m.blocks[0].text.text);
	const all = messageText(m);
	assert.match(all, new RegExp(`\\*Reference\\*\\n${reference.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
	assert.match(all, new RegExp(`\\*Status\\*\\n${status}`));
	assert.ok(all.includes(`<${link}|Open the case in ${vendor}>`), `dashboard link ${link} in:\n${all}`);
	assert.ok(all.includes(`Case id ${id}`));
	assert.ok(!all.includes('undefined') && !all.includes('null'), `no empty values shown as undefined/null:\n${all}`);
}

describe('demo workflows "case event → Slack" (one per vendor)', () => {
	before(async () => {
		const { n8n } = e2e;
		const d = demos();
		for (const [vendor, id] of Object.entries(DEMO)) {
			assert.ok(d[id], `demo/workflows has ${id} (${vendor})`);
			assert.deepEqual(d[id].missing, [], `${id} has all its credentials`);
		}
		e2e.sim('penbox').control.clearRequests();
		for (const id of Object.values(DEMO)) {
			await n8n.activate(id); // stays active until the stack stops (the Penbox test runs last)
			await connectPortalWebhooks({
				workflow: d[id].workflow,
				n8n,
				simulators: e2e.stack.simulators,
			});
		}
		await e2e.sim('zenoo').control.flushChallenges();
		// Penbox's trigger polls every minute and its first poll only notes where Penbox is: close a
		// case once that poll has happened; the next one (during the other tests) reports it.
		penboxArmed = armPenbox().catch((e) => e);
	});

	test('Persona: a status change → one message with reference, status, outcome and the dashboard link', async () => {
		const sim = e2e.sim('persona');
		const res = await fetch(`${sim.baseUrl}/cases?filter%5Bstatus%5D=Open&page%5Bsize%5D=1`, { headers: { authorization: `Bearer ${sim.apiKey}` } });
		const kase = (await res.json()).data[0];
		const reference = sim.control.setCaseStatus(kase.id, 'Approved').attributes.name;
		const { message } = await oneMessage('persona', (m) => m.text.includes(reference));
		assertCaseMessage(message, {
			vendor: 'Persona',
			reference,
			status: 'Approved',
			id: kase.id,
			link: `https://app.withpersona.com/dashboard/cases/${kase.id}`,
		});
		assert.equal(message.text, `Persona case ${reference} is now Approved`);
		// the request went through the proxy to "slack.com", not to a loopback URL
		assert.ok(
			e2e.slack.tunnels.some((t) => t.target === 'slack.com:443' && t.routed),
			JSON.stringify(e2e.slack.tunnels),
		);
	});

	test('Certn: a status change (portal webhook) → one message with the short id, status and outcome', async () => {
		const sim = e2e.sim('certn');
		const c = sim.control.findCase({ status: 'IN_PROGRESS' });
		const updated = sim.control.setCaseStatus(c.id, 'COMPLETE', {
			score: 'CLEAR',
		});
		const deliveries = await sim.control.flushDeliveries();
		assert.ok(
			deliveries.some((x) => x.status === 200),
			JSON.stringify(deliveries.map((x) => [x.status, x.meta])),
		);
		const { message } = await oneMessage('certn', (m) => m.text.includes(c.short_id));
		assertCaseMessage(message, {
			vendor: 'Certn',
			reference: c.short_id,
			status: 'COMPLETE',
			id: c.id,
			link: `https://app.certn.co/cases/${c.id}`,
		});
		assert.match(messageText(message), new RegExp(`\\*Outcome\\*\\n${updated.overall_score}`));
	});

	test('Zenoo: a case status change → one message with reference, new and previous status', async () => {
		const sim = e2e.sim('zenoo');
		const c = sim.control.findCase({ status: 'In Progress' }) ?? sim.control.findCase({ notStatus: 'Closed' });
		const previous = c.status;
		const next = previous === 'In Review' ? 'Escalated' : 'In Review';
		sim.control.setCaseStatus(c.token, next);
		const deliveries = await sim.control.flushDeliveries();
		assert.ok(
			deliveries.some((x) => x.status === 200),
			JSON.stringify(deliveries.map((x) => [x.status, x.meta])),
		);
		const { message } = await oneMessage('zenoo', (m) => m.text.includes(c.name));
		assertCaseMessage(message, {
			vendor: 'Zenoo',
			reference: c.name,
			status: next,
			id: c.token,
			link: `https://instance.prod.onboardapp.io/cases/${c.token}`,
		});
		assert.ok(messageText(message).includes(`${next} (was ${previous})`));
	});

	test('Sphinx: a case completing calls the trigger → one message with status and outcome', async () => {
		const sim = e2e.sim('sphinx');
		const trigger = demos()[DEMO.sphinx].workflow.nodes.find((n) => n.name === 'Sphinx Trigger');
		const url = `${e2e.n8n.webhookUrl(`${trigger.webhookId}/webhook`)}?token=${trigger.parameters.token}`;
		const c = sim.control.addCase({
			checks: ['PEP'],
			webhookUrl: url,
			externalId: 'E2E-SLACK-SX',
		});
		sim.control.completeCase(c.id, { outcome: 'ACCEPTED' });
		const deliveries = await sim.control.flushDeliveries();
		assert.ok(
			deliveries.some((x) => x.status === 200),
			JSON.stringify(deliveries.map((x) => [x.status, x.responseBody])),
		);
		const { message, execution } = await oneMessage('sphinx', (m) => m.text.includes('E2E-SLACK-SX'));
		const item = execution.items('Sphinx Trigger')[0];
		const reference = String(item.reference ?? item.id);
		assertCaseMessage(message, {
			vendor: 'Sphinx',
			reference,
			status: String(item.status),
			id: item.id,
			link: `https://app.sphinxhq.com/cases/${item.id}`,
		});
		assert.match(messageText(message), /\*Outcome\*\nACCEPTED/);
	});
});

describe('Slack API errors as n8n users meet them', () => {
	before(async () => {
		for (const name of Object.keys(SCENARIOS)) await e2e.n8n.activate(hookWorkflowId(name));
	});
	after(async () => {
		for (const name of Object.keys(SCENARIOS)) await e2e.n8n?.deactivate(hookWorkflowId(name)).catch(() => {});
	});
	/** Calls the scenario's webhook; resolves to its newest execution, checked for secrets. */
	async function run(name) {
		const id = hookWorkflowId(name);
		const before = (await e2e.n8n.listExecutions({ workflowId: id })).length;
		const res = await fetch(e2e.n8n.webhookUrl(hookPath(name)), {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: '{}',
		});
		const body = await res.text();
		const [latest] = await e2e.n8n.waitForExecutions({
			workflowId: id,
			count: before + 1,
		});
		const execution = await e2e.n8n.getExecution(latest.id);
		assertNoSecret(execution, `${name} execution`);
		assertNoSecret(body, `${name} webhook response`);
		const error = execution.data?.resultData?.error ?? null;
		return {
			ok: latest.status === 'success',
			status: latest.status,
			error,
			lastNode: execution.data?.resultData?.lastNodeExecuted,
			items: (n) => execution.items(n),
			httpStatus: res.status,
		};
	}
	// messages of these scenarios only (a demo's message, e.g. Penbox's next poll, may arrive meanwhile)
	const posted = () => e2e.slack.messages.filter((m) => m.text.includes(CASE_ITEM.reference)).length;
	const errorText = (r) => `${r.error?.message ?? ''} ${r.error?.description ?? ''}`;

	test("the demo's Slack node posts the case (baseline for the failures below)", async () => {
		const before = posted();
		const r = await run('ok');
		assert.ok(r.ok, JSON.stringify(r.error));
		assert.equal(posted(), before + 1);
		assert.equal(r.items('Post to Slack')[0].ok, true);
		assert.equal(r.items('Post to Slack')[0].channel, 'C0COMPLIANCE');
	});

	test('channel_not_found: the run fails naming the cause; with On Error → Continue the item carries it', async () => {
		const before = posted();
		const failed = await run('noChannel');
		assert.equal(failed.ok, false);
		assert.equal(failed.lastNode, 'Post to Slack');
		assert.match(errorText(failed), /channel_not_found/);
		const cont = await run('noChannelContinue');
		assert.ok(cont.ok, JSON.stringify(cont.error));
		assert.match(JSON.stringify(cont.items('Post to Slack')[0]), /channel_not_found/);
		assert.equal(posted(), before, 'nothing posted');
	});

	test('invalid_auth: a credential with a wrong token fails the run naming the cause, the token not shown', async () => {
		const before = e2e.slack.requests.length;
		const r = await run('badAuth');
		assert.equal(r.ok, false);
		assert.match(errorText(r), /invalid_auth/);
		const calls = e2e.slack.requests.slice(before);
		assert.ok(
			calls.some((c) => c.api === 'chat.postMessage' && c.error === 'invalid_auth' && c.hasToken && !c.tokenOk),
			JSON.stringify(calls),
		);
	});

	test('rate limited (429 + Retry-After): the run fails naming it; with Retry On Fail the retry posts exactly one message', async () => {
		e2e.slack.failNext({
			api: 'chat.postMessage',
			error: 'ratelimited',
			retryAfter: 1,
		});
		const before = posted();
		const failed = await run('rateLimited');
		assert.equal(failed.ok, false);
		assert.match(errorText(failed), /429|rate.?limit/i);
		assert.equal(posted(), before);

		e2e.slack.failNext({
			api: 'chat.postMessage',
			error: 'ratelimited',
			retryAfter: 1,
		});
		const retried = await run('rateLimitedRetry');
		assert.ok(retried.ok, JSON.stringify(retried.error));
		assert.equal(posted(), before + 1, 'one message after the retry');
		const calls = e2e.slack.requests.filter((c) => c.api === 'chat.postMessage').slice(-2);
		assert.deepEqual(
			calls.map((c) => c.status),
			[429, 200],
		);
	});
});

// Last: Penbox's trigger polls every minute, so its case (closed while the demos were activated)
// is picked up while the tests above run.
describe('demo workflow "case event → Slack" for Penbox (polling trigger)', () => {
	test('Penbox: a case closed → the next poll posts one message', { timeout: 180000 }, async () => {
		const armed = await penboxArmed;
		if (armed instanceof Error) throw armed;
		const { message } = await oneMessage('penbox', (m) => m.text.includes('E2E-SLACK-PB'), { timeoutMs: 150000 }).catch(async (error) => {
			const polls = penboxPolls().map((r) => `${r.at ?? ''} ${r.status} ${JSON.stringify(r.query)}`);
			const executions = await e2e.n8n.listExecutions({ workflowId: DEMO.penbox });
			throw new Error(`${error.message}\nPenbox polls: ${polls.join('\n')}\nexecutions: ${JSON.stringify(executions)}\ncase: ${JSON.stringify(e2e.sim('penbox').control.getCase(penboxCase.id)).slice(0, 400)}`);
		});
		assertCaseMessage(message, {
			vendor: 'Penbox',
			reference: 'E2E-SLACK-PB',
			status: 'closed',
			id: penboxCase.id,
			link: `https://app.penbox.io/cases/${penboxCase.id}`,
		});
	});
});

test("no Slack token in n8n's log", () => {
	const logText = fs.readFileSync(e2e.n8n.logFile, 'utf8');
	assert.ok(!logText.includes(e2e.slack.token), 'bot token in the n8n log');
	assert.ok(!logText.includes(WRONG_TOKEN), 'wrong token in the n8n log');
});
