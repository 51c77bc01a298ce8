// Issue 15 (AI agents): n8n's AI Agent calls our nodes as tools, in a real n8n.
//
// Manual Trigger → AI Agent (typeVersion 3, prompt defined in the node) with the OpenAI Chat Model
// (typeVersion 1.2, its `openAiApi` credential pointed at the local fake model,
// scripts/lib/fake-openai.mjs) and two of our nodes attached as tools per vendor:
// "<Vendor> cases" (Case › Get Many, a filter filled by `$fromAI()`) and "<Vendor> case"
// (Case › Get, the case ID filled by `$fromAI()`). The fake answers with `tool_calls` first, then
// with a final message quoting the tool's answer.
//
// Per vendor: "which cases wait on me?" (Get Many with the status the model chose), "what is the
// status of case X?" (Get with the id), and a malformed id (the tool's error reaches the model,
// which answers with it; no secret in it). Checked from n8n's stored execution (our node ran as a
// step with the model's arguments), the simulator's request log and the fake's request log (the
// tools offered with their JSON schema, what the tool returned).

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { useE2e, PKG, ARTIFACTS } from './setup.mjs';
import { loadDemoWorkflows } from '../../scripts/lib/demo.mjs';
import { AGENT_SCENARIOS, agentNames, agentRules, agentWorkflow, secretsOf, toolNameOf } from './ai-agent.scenarios.mjs';

const DEMO_ID = 'ccDemoAskCases01';

const e2e = useE2e({ vendors: AGENT_SCENARIOS.map((s) => s.vendor), fakeModel: true });

const credsOf = (s) => ({ [s.credential]: { id: e2e.credentials[s.credential].id, name: e2e.credentials[s.credential].name } });
const model = () => ({ openAiApi: { id: e2e.credentials.openAiApi.id, name: e2e.credentials.openAiApi.name } });

/** The run data of a tool node: [{ items, error }] per time the agent called it. */
function toolRuns(run, nodeName) {
	return (run.runData[nodeName] ?? []).map((task) => ({
		task,
		items: Object.values(task.data ?? {}).flat(2).filter(Boolean).map((i) => i.json),
		error: task.error ?? null,
	}));
}

/** An agent's final answer (its `output`). */
function answerOf(run, agentName) {
	const items = run.items(agentName);
	assert.equal(items.length, 1, `${agentName} gave ${items.length} items`);
	return String(items[0].output ?? '');
}

function dump(label, run, extra = {}) {
	try {
		fs.mkdirSync(ARTIFACTS, { recursive: true });
		fs.writeFileSync(
			path.join(ARTIFACTS, `ai-agent.${label}.n8n-${e2e.version}.json`),
			JSON.stringify({ ok: run.ok, error: run.error, runData: run.runData, ...extra }, null, 2),
		);
	} catch {}
}

/** Model calls the fake received for one prompt. */
const callsFor = (prompt) => e2e.fakeModel.requests.filter((r) => r.prompt.includes(prompt));

/** The error text n8n handed back to the model for a failing tool: [{ "error": "…" }]. */
function toolErrorText(content) {
	try {
		const parsed = JSON.parse(content);
		return [parsed].flat().map((r) => `${r?.error?.message ?? r?.error ?? ''} ${r?.description ?? ''}`).join('\n');
	} catch {
		return content;
	}
}

/**
 * One `n8n execute` per prompt kind, all vendors' agents in one workflow (n8n's CLI is slow to
 * start, the machine is shared): each scenario's tests read the same stored execution.
 */
const runs = {};
function runOnce(which, build) {
	runs[which] ??= (async () => {
		const wf = build();
		if (which === 'get') await e2e.n8n.importWorkflow(wf);
		for (const s of AGENT_SCENARIOS) e2e.sim(s.vendor).control.clearRequests();
		const run = await e2e.n8n.execute(wf.id);
		const simLog = Object.fromEntries(AGENT_SCENARIOS.map((s) => [s.vendor, e2e.sim(s.vendor).control.requests()]));
		dump(which, run, { fake: e2e.fakeModel.requests });
		return { run, simLog };
	})();
	return runs[which];
}
const listRun = () => runOnce('list', () => agentWorkflow('list', { credsOf, model: model() }));
/** Every vendor's agent, the tools' On Error › Continue (so our node answers with an error item). */
const badWorkflow = () => agentWorkflow('bad', { credsOf, model: model(), toolsContinueOnFail: true });
const badRun = () => runOnce('bad', badWorkflow);
/** Persona's agent alone, everything at n8n's defaults (the tool's On Error: Stop Workflow). */
const badDefaultWorkflow = () => agentWorkflow('bad', { credsOf, model: model(), scenarios: AGENT_SCENARIOS.slice(0, 1), idLabel: 'baddefault' });
const isN8n1 = () => String(e2e.version).startsWith('1.');
const getRun = async () => {
	const { run } = await listRun();
	const caseIds = Object.fromEntries(AGENT_SCENARIOS.map((s) => [s.vendor, String(toolRuns(run, s.nodeNames.list)[0]?.items[0]?.id ?? 'none')]));
	return runOnce('get', () => agentWorkflow('get', { credsOf, model: model(), caseIds }));
};

describe('AI Agent with our nodes as tools (fake OpenAI model)', () => {
	test('the agent workflows import: Agent v3, OpenAI Chat Model v1.2, our <node>Tool types', async () => {
		const { n8n } = e2e;
		e2e.fakeModel.setRules(agentRules());
		for (const s of AGENT_SCENARIOS) await s.prepare?.(e2e.sim(s.vendor));
		const types = await n8n.nodeTypes();
		const versionsOf = (name) => types.filter((t) => t.name === name).flatMap((t) => [t.version].flat());
		assert.ok(versionsOf('@n8n/n8n-nodes-langchain.agent').includes(3), `AI Agent versions: ${versionsOf('@n8n/n8n-nodes-langchain.agent').join(', ')}`);
		assert.ok(versionsOf('@n8n/n8n-nodes-langchain.lmChatOpenAi').includes(1.2), `OpenAI Chat Model versions: ${versionsOf('@n8n/n8n-nodes-langchain.lmChatOpenAi').join(', ')}`);
		for (const s of AGENT_SCENARIOS) assert.ok(versionsOf(`${PKG.name}.${s.node}Tool`).includes(1), `${s.node}Tool is not registered`);
		const [demo] = loadDemoWorkflows({ credentials: e2e.credentials }).filter((w) => w.workflow.id === DEMO_ID);
		assert.ok(demo, 'demo/workflows has no "Ask about your cases" workflow');
		assert.deepEqual(demo.missing, []);
		await n8n.importWorkflow([agentWorkflow('list', { credsOf, model: model() }), badWorkflow(), badDefaultWorkflow(), demo.workflow]);
	});

	for (const s of AGENT_SCENARIOS) {
		const names = agentNames(s);

		test(`${s.label}: "which cases wait on me?" → Get Many with the filter the model chose, the answer quotes the cases`, async () => {
			const { run, simLog } = await listRun();
			assert.ok(run.ok, `execution failed: ${JSON.stringify(run.error)?.slice(0, 800)}`);

			// the model was offered both tools, with the $fromAI() arguments as required parameters
			const calls = callsFor(s.prompts.list);
			assert.equal(calls.length, 2, `model calls: ${calls.length} (expected the tool call, then the answer)`);
			const offered = Object.fromEntries(calls[0].tools.map((t) => [t.name, t]));
			assert.deepEqual(Object.keys(offered).sort(), [toolNameOf(s, 'get'), toolNameOf(s, 'list')].sort());
			const listTool = offered[toolNameOf(s, 'list')];
			const getTool = offered[toolNameOf(s, 'get')];
			assert.equal(listTool.parameters.type, 'object');
			assert.deepEqual(listTool.parameters.required, [s.list.argName]);
			assert.deepEqual(Object.keys(listTool.parameters.properties), [s.list.argName]);
			assert.equal(listTool.parameters.properties[s.list.argName].type, 'string');
			assert.equal(listTool.parameters.properties[s.list.argName].description, s.list.hint);
			assert.deepEqual(getTool.parameters.required, ['caseId']);
			assert.deepEqual(Object.keys(getTool.parameters.properties), ['caseId']);
			assert.equal(getTool.parameters.properties.caseId.description, s.idHint);
			// descriptionType auto: the tool's description is the operation's action
			assert.equal(listTool.description, `Get many cases matching filters in ${s.label}`);
			assert.equal(getTool.description, `Get a case by its id in ${s.label}`);

			// the model chose the list tool and the filter value from the prompt
			assert.equal(calls[0].reply.tool_calls[0].function.name, toolNameOf(s, 'list'));
			assert.deepEqual(JSON.parse(calls[0].reply.tool_calls[0].function.arguments), { [s.list.argName]: s.list.value });
			// our node ran as a step (and only that tool), with the model's argument
			const ran = toolRuns(run, s.nodeNames.list);
			assert.equal(ran.length, 1, `${s.nodeNames.list} ran ${ran.length} times`);
			assert.equal(ran[0].error, null, ran[0].error?.message);
			assert.equal(run.runData[s.nodeNames.get], undefined, 'the Get tool ran too');
			const cases = ran[0].items;
			assert.ok(cases.length > 0, `no cases with ${s.list.argName} ${s.list.value} (the simulator has none?)`);
			const sim = e2e.sim(s.vendor);
			for (const c of cases) {
				assert.equal(c.vendor, s.vendor);
				assert.ok(s.list.matches(c, sim), `a case that does not match ${s.list.value}: ${JSON.stringify(c).slice(0, 300)}`);
			}
			// it hit the simulator with that filter
			const hits = simLog[s.vendor].filter((r) => r.method === 'GET' && s.list.hit(r));
			assert.ok(hits.length >= 1, `the simulator saw no filtered list call: ${JSON.stringify(simLog[s.vendor].map((r) => [r.method, r.path, r.query]))}`);

			// the tool's answer went back to the model, and the agent's answer quotes the cases
			const toolMsg = calls[1].toolMessages.at(-1);
			assert.equal(toolMsg.tool_call_id, calls[0].reply.tool_calls[0].id);
			for (const c of cases) assert.ok(toolMsg.content.includes(String(c.id)), `the tool message does not carry ${c.id}`);
			const answer = answerOf(run, names.agent);
			assert.match(answer, new RegExp(`returned ${cases.length} case`));
			for (const c of cases) assert.ok(answer.includes(String(c.id)), `the answer does not name ${c.id}: ${answer}`);
			for (const secret of secretsOf(sim, e2e.fakeModel)) assert.ok(!JSON.stringify(calls.map((c) => c.body)).includes(secret), 'a secret reached the model');
		});

		test(`${s.label}: "what is the status of case X?" → Get with the id, the answer carries its status`, async () => {
			const { run, simLog } = await getRun();
			assert.ok(run.ok, `execution failed: ${JSON.stringify(run.error)?.slice(0, 800)}`);
			const listed = toolRuns((await listRun()).run, s.nodeNames.list)[0]?.items[0];
			assert.ok(listed, 'the list scenario gave no case to ask about');
			const id = String(listed.id);
			const calls = callsFor(s.prompts.get(id));
			assert.equal(calls.length, 2, `model calls: ${calls.length}`);
			assert.equal(calls[0].reply.tool_calls[0].function.name, toolNameOf(s, 'get'));
			assert.deepEqual(JSON.parse(calls[0].reply.tool_calls[0].function.arguments), { caseId: id });
			const ran = toolRuns(run, s.nodeNames.get);
			assert.equal(ran.length, 1, `${s.nodeNames.get} ran ${ran.length} times`);
			assert.equal(ran[0].error, null, ran[0].error?.message);
			assert.equal(run.runData[s.nodeNames.list], undefined, 'the Get Many tool ran too');
			const [got] = ran[0].items;
			assert.equal(String(got.id), id);
			assert.equal(got.vendor, s.vendor);
			assert.ok(got.status, 'the case has no status');
			const hits = simLog[s.vendor].filter((r) => r.method === 'GET' && s.getHit(r, id));
			assert.ok(hits.length >= 1, `the simulator saw no GET of case ${id}: ${JSON.stringify(simLog[s.vendor].map((r) => [r.method, r.path]))}`);
			const answer = answerOf(run, names.agent);
			assert.ok(answer.includes(id) && answer.includes(`status ${got.status}`), `answer: ${answer}`);
		});

		test(`${s.label}: a malformed case id from the model, the tool's On Error › Continue → the model gets the error and its hint, the agent answers with them (no secret)`, async () => {
			const { run, simLog } = await badRun();
			assert.ok(run.ok, `the workflow failed: ${JSON.stringify(run.error)?.slice(0, 600)}`);
			const calls = callsFor(s.prompts.bad);
			assert.equal(calls.length, 2, `model calls: ${calls.length}`);
			assert.equal(calls[0].reply.tool_calls[0].function.name, toolNameOf(s, 'get'));
			assert.deepEqual(JSON.parse(calls[0].reply.tool_calls[0].function.arguments), { caseId: s.badId });
			// the id is refused before anything is sent to the vendor
			assert.deepEqual(simLog[s.vendor].filter((r) => r.path.includes(s.badId)), []);
			// our node ran as the tool step and answered with an error item naming the field, the value and the fix
			const ran = toolRuns(run, s.nodeNames.get).filter((r) => r.items.length);
			assert.equal(ran.length, 1, `${s.nodeNames.get} answered ${ran.length} times`);
			const [item] = ran[0].items;
			assert.match(String(item.error), s.badIdError);
			assert.match(String(item.description), s.badIdHint);
			assert.equal(run.runData[s.nodeNames.list], undefined, 'the Get Many tool ran');
			// the model got it as the tool's answer and the agent answered with it
			const toolMsg = calls[1].toolMessages.at(-1);
			assert.equal(toolMsg.tool_call_id, calls[0].reply.tool_calls[0].id);
			assert.match(toolErrorText(toolMsg.content), s.badIdError);
			assert.match(toolErrorText(toolMsg.content), s.badIdHint);
			const answer = answerOf(run, names.agent);
			assert.match(answer, /^The tool reported an error: /);
			assert.match(answer, s.badIdError);
			for (const secret of secretsOf(e2e.sim(s.vendor), e2e.fakeModel)) {
				assert.ok(!toolMsg.content.includes(secret) && !answer.includes(secret), 'a secret is in the error');
				assert.ok(!JSON.stringify(run.runData).includes(secret), 'a secret is in the run data');
			}
		});
	}

	test('a malformed case id with n8n\'s defaults: 2.x hands the error to the model and the agent answers; 1.x stops the workflow with our message', async () => {
		const s = AGENT_SCENARIOS[0];
		const wf = badDefaultWorkflow();
		const before = e2e.fakeModel.requests.length;
		const run = await e2e.n8n.execute(wf.id);
		dump('bad-default', run);
		const calls = e2e.fakeModel.requests.slice(before).filter((r) => r.prompt.includes(s.prompts.bad));
		assert.deepEqual(JSON.parse(calls[0].reply.tool_calls[0].function.arguments), { caseId: s.badId });
		const failed = toolRuns(run, s.nodeNames.get).filter((r) => r.error);
		assert.equal(failed.length, 1, `${s.nodeNames.get} failed ${failed.length} times`);
		assert.match(failed[0].error.message, s.badIdError);
		let shown;
		if (isN8n1()) {
			// n8n 1.x: the tool's error fails the agent and the workflow; the model never sees it
			assert.equal(run.ok, false, 'the workflow did not fail');
			assert.equal(calls.length, 1, `model calls: ${calls.length}`);
			assert.match(run.error?.message ?? '', s.badIdError);
			assert.match(run.error?.description ?? '', s.badIdHint);
			assert.equal(run.error?.node?.name, s.nodeNames.get);
			shown = JSON.stringify(run.error);
		} else {
			// n8n 2.x: the error (message only) is the tool's answer, the agent goes on
			assert.ok(run.ok, `the workflow failed: ${JSON.stringify(run.error)?.slice(0, 600)}`);
			assert.equal(calls.length, 2, `model calls: ${calls.length}`);
			assert.match(toolErrorText(calls[1].toolMessages.at(-1).content), s.badIdError);
			const answer = answerOf(run, agentNames(s).agent);
			assert.match(answer, s.badIdError);
			shown = calls[1].toolMessages.at(-1).content + answer;
		}
		for (const secret of secretsOf(e2e.sim(s.vendor), e2e.fakeModel)) assert.ok(!shown.includes(secret), 'a secret is in the error');
	});

	test('the "Ask about your cases" demo (npm start) runs against the fake with its default script', async () => {
		const { n8n } = e2e;
		const [demo] = loadDemoWorkflows({ credentials: e2e.credentials }).filter((w) => w.workflow.id === DEMO_ID);
		const run = await n8n.execute(DEMO_ID);
		dump('demo', run);
		assert.ok(run.ok, `execution failed: ${JSON.stringify(run.error)?.slice(0, 800)}`);
		const agent = demo.workflow.nodes.find((n) => n.type === '@n8n/n8n-nodes-langchain.agent');
		assert.equal(agent.typeVersion, 3);
		// no rule of the test script matches its prompt: the fake's default (npm start's) applies
		assert.ok(!agentRules().some((r) => (typeof r.when === 'function' ? r.when(agent.parameters.text) : agent.parameters.text.includes(r.when))));
		const calls = callsFor(agent.parameters.text);
		assert.equal(calls.length, 2);
		const tools = demo.workflow.nodes.filter((n) => n.type.endsWith('Tool'));
		assert.equal(tools.length, 2 * AGENT_SCENARIOS.length);
		assert.deepEqual(calls[0].tools.map((t) => t.name).sort(), tools.map((n) => n.name.replace(/[^a-zA-Z0-9_-]/g, '_')).sort());
		assert.equal(calls[0].reply.tool_calls[0].function.name, 'Persona_cases');
		assert.deepEqual(JSON.parse(calls[0].reply.tool_calls[0].function.arguments), { status: 'Open' });
		const cases = toolRuns(run, 'Persona cases')[0].items;
		assert.ok(cases.length > 0 && cases.every((c) => c.status === 'Open'), JSON.stringify(cases).slice(0, 300));
		const answer = answerOf(run, agent.name);
		for (const c of cases) assert.ok(answer.includes(c.id), `the answer does not name ${c.id}: ${answer}`);
	});
});
