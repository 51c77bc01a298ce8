// The vendor scenarios of ai-agent.e2e.test.mjs and the agent workflows they run, per vendor:
// Manual Trigger → AI Agent (v3, prompt defined in the node) ← OpenAI Chat Model (v1.2)
//                                                          ← "<Vendor> cases" (Get Many tool)
//                                                          ← "<Vendor> case"  (Get tool)

import { PKG, workflowId } from './setup.mjs';

/** `={{ $fromAI('key', `hint`, 'type') }}` — a parameter the model fills. */
export const fromAi = (key, hint, type = 'string') => `={{ $fromAI('${key}', \`${hint}\`, '${type}') }}`;

/** The tool name n8n gives a node: its name with other characters than [A-Za-z0-9_-] as `_`. */
export const toolNameOf = (s, which) => s.nodeNames[which].replace(/[^a-zA-Z0-9_-]/g, '_');

const BAD_ID = 'REF-1042';
const listPath = (re) => (r) => re.test(r.path);
const queryHas = (r, value) => JSON.stringify(r.query ?? {}).includes(value);

function scenario(o) {
	return {
		...o,
		nodeNames: { list: `${o.label} cases`, get: `${o.label} case` },
		badId: BAD_ID,
		badIdError: new RegExp(`"${BAD_ID}" is not a valid Case (ID|Token)`),
		// the fix hint (the error's description): the ID's form
		badIdHint: new RegExp(`for example ${o.idExample.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`),
		prompts: {
			list: `Which ${o.label} cases wait on me? ${o.list.why} "${o.list.value}".`,
			get: (id) => `What is the status of ${o.label} case "${id}"?`,
			bad: `What is the status of ${o.label} case "${BAD_ID}"?`,
		},
	};
}

export const AGENT_SCENARIOS = [
	scenario({
		vendor: 'persona',
		idExample: 'case_ABC123xyz',
		label: 'Persona',
		node: 'persona',
		credential: 'personaApi',
		idHint: 'The Persona case ID: starts with case_ (e.g. case_ABC123xyz). Not the reference ID.',
		list: {
			argName: 'status',
			value: 'Open',
			why: 'I work the cases whose status is',
			hint: 'Case status to list, exactly as named on the case template (e.g. Open, Pending, Approved)',
			param: (v) => ({ filters: { status: v } }),
			matches: (c) => c.status === 'Open',
			hit: (r) => listPath(/\/cases$/)(r) && queryHas(r, 'Open'),
		},
		getHit: (r, id) => r.path.endsWith(`/cases/${id}`),
	}),
	scenario({
		vendor: 'certn',
		idExample: '2f64d134-1c54-4028-8e8b-9cfa7bd8011c',
		label: 'Certn',
		node: 'certn',
		credential: 'certnApi',
		idHint: `The Certn case's id, a UUID (e.g. 2f64d134-1c54-4028-8e8b-9cfa7bd8011c). Not its short ID.`,
		list: {
			argName: 'overallStatus',
			value: 'CLIENT_ACTION_REQUIRED',
			why: 'Those are the cases whose overall status is',
			hint: 'Certn overall status to list, e.g. CLIENT_ACTION_REQUIRED, IN_PROGRESS, COMPLETE (several separated by commas)',
			param: (v) => ({ filters: { overallStatus: v } }),
			matches: (c) => c.status === 'CLIENT_ACTION_REQUIRED',
			hit: (r) => listPath(/\/cases\/?$/)(r) && queryHas(r, 'CLIENT_ACTION_REQUIRED'),
		},
		getHit: (r, id) => r.path.replace(/\/$/, '').endsWith(`/cases/${id}`),
	}),
	scenario({
		vendor: 'zenoo',
		idExample: 'cas_8f2k1m3n4p5q',
		label: 'Zenoo',
		node: 'zenoo',
		credential: 'zenooApi',
		idHint: `The Zenoo case token: starts with cas_ (e.g. cas_8f2k1m3n4p5q). Not the case name.`,
		list: {
			argName: 'status',
			value: 'In Review',
			why: 'Mine are the cases in status',
			hint: 'Zenoo case status: New, In Progress, In Review, Internal Review, Client Input, Escalated or Closed',
			param: (v) => ({ filters: { status: v } }),
			matches: (c) => c.status === 'In Review',
			hit: (r) => listPath(/\/v1\/cases$/)(r) && queryHas(r, 'In Review'),
		},
		getHit: (r, id) => r.path === `/v1/cases/${id}`,
	}),
	scenario({
		vendor: 'sphinx',
		idExample: '1234',
		label: 'Sphinx',
		node: 'sphinx',
		credential: 'sphinxApi',
		params: { authentication: 'accessToken' },
		// the seeded cases are decided ACCEPTED/REJECTED: one whose check needs more information
		prepare: (sim) => sim.control.completeCase(sim.control.addCase({ fullName: 'Pending Person', checks: ['PEP'] }).id, { outcome: 'PENDING' }),
		idHint: 'The Sphinx case ID, a whole number (e.g. 1234)',
		list: {
			argName: 'outcome',
			value: 'PENDING',
			why: 'Those are the cases whose outcome is',
			hint: 'Sphinx case outcome: ACCEPTED, PENDING or REJECTED',
			param: (v) => ({ filters: { outcome: v } }),
			matches: (c, sim) => sim.control.getCase(c.id)?.outcome === 'PENDING',
			hit: (r) => listPath(/\/cases\/?$/)(r) && queryHas(r, 'PENDING'),
		},
		getHit: (r, id) => r.path.replace(/\/$/, '').endsWith(`/cases/${id}`),
	}),
	scenario({
		vendor: 'penbox',
		idExample: '3fa85f64-5717-4562-b3fc-2c963f66afa6',
		label: 'Penbox',
		node: 'penbox',
		credential: 'penboxApi',
		idHint: 'The Penbox case ID, a UUID (e.g. 3fa85f64-5717-4562-b3fc-2c963f66afa6). Not its reference.',
		list: {
			argName: 'waitingFor',
			value: 'owner',
			why: 'Those are the cases waiting for',
			hint: 'Who the cases wait for: owner (you, the case owner), contact (the client) or none',
			param: (v) => ({ filters: { waitingFor: v } }),
			matches: (c, sim) => sim.control.getCase(c.id)?.waiting_for === 'owner',
			hit: (r) => listPath(/\/cases\/?$/)(r) && queryHas(r, 'owner'),
		},
		getHit: (r, id) => r.path.replace(/\/$/, '').endsWith(`/cases/${id}`),
	}),
];

/** Secrets that must never reach the model or the run data. */
export function secretsOf(sim, fakeModel) {
	return [sim.apiKey, sim.accessToken, sim.clientSecret, sim.webhookSecret, fakeModel?.apiKey].filter((v) => typeof v === 'string' && v.length >= 8);
}

/** Node names of one vendor's agent in the scenario workflows. */
export const agentNames = (s) => ({ agent: `AI Agent (${s.label})`, model: `OpenAI Chat Model (${s.label})`, ...s.nodeNames });

/**
 * One workflow for one prompt kind across vendors (`which` = 'list' | 'get' | 'bad'):
 * Manual Trigger → one AI Agent per vendor, each with its own OpenAI Chat Model and that vendor's
 * two tools ("<Vendor> cases" = Get Many, "<Vendor> case" = Get). One `n8n execute` runs them all.
 * @param {{ credsOf: (s) => object, model: object, caseIds?: Record<string, string>, scenarios?: object[],
 *   toolsContinueOnFail?: boolean, idLabel?: string }} o   toolsContinueOnFail: the tools' On Error › Continue
 */
export function agentWorkflow(which, { credsOf, model, caseIds = {}, scenarios = AGENT_SCENARIOS, toolsContinueOnFail = false, idLabel = which }) {
	const id = workflowId(`aiagent${idLabel}`);
	const nodes = [{ id: `${id}-0`, name: 'Manual Trigger', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} }];
	const connections = { 'Manual Trigger': { main: [[]] } };
	const onError = toolsContinueOnFail ? { onError: 'continueRegularOutput' } : {};
	scenarios.forEach((s, k) => {
		const n = agentNames(s);
		const y = k * 420;
		const type = `${PKG.name}.${s.node}Tool`;
		const prompt = which === 'get' ? s.prompts.get(caseIds[s.vendor]) : s.prompts[which];
		nodes.push(
			{
				id: `${id}-${k}-a`,
				name: n.agent,
				type: '@n8n/n8n-nodes-langchain.agent',
				typeVersion: 3,
				position: [300, y],
				parameters: { promptType: 'define', text: prompt, options: {} },
			},
			{
				id: `${id}-${k}-m`,
				name: n.model,
				type: '@n8n/n8n-nodes-langchain.lmChatOpenAi',
				typeVersion: 1.2,
				position: [200, y + 220],
				parameters: { model: { __rl: true, mode: 'list', value: 'gpt-4o-mini' }, options: {} },
				credentials: model,
			},
			{
				id: `${id}-${k}-l`,
				name: n.list,
				type,
				typeVersion: 1,
				position: [400, y + 220],
				parameters: { ...s.params, descriptionType: 'auto', resource: 'case', operation: 'getAll', returnAll: false, limit: 10, ...s.list.param(fromAi(s.list.argName, s.list.hint)) },
				credentials: credsOf(s),
				...onError,
			},
			{
				id: `${id}-${k}-g`,
				name: n.get,
				type,
				typeVersion: 1,
				position: [600, y + 220],
				parameters: { ...s.params, descriptionType: 'auto', resource: 'case', operation: 'get', caseId: { __rl: true, mode: 'id', value: fromAi('caseId', s.idHint) } },
				credentials: credsOf(s),
				...onError,
			},
		);
		connections['Manual Trigger'].main[0].push({ node: n.agent, type: 'main', index: 0 });
		connections[n.model] = { ai_languageModel: [[{ node: n.agent, type: 'ai_languageModel', index: 0 }]] };
		connections[n.list] = { ai_tool: [[{ node: n.agent, type: 'ai_tool', index: 0 }]] };
		connections[n.get] = { ai_tool: [[{ node: n.agent, type: 'ai_tool', index: 0 }]] };
	});
	return { id, name: `e2e: AI agents (${idLabel})`, nodes, connections, settings: { executionOrder: 'v1' }, active: false };
}

/** The fake model's script for these scenarios: the list prompt calls the list tool, the others the get tool. */
export function agentRules() {
	return AGENT_SCENARIOS.flatMap((s) => [
		{ when: s.prompts.list, tool: toolNameOf(s, 'list') },
		{ when: (p) => p.includes(`status of ${s.label} case `), tool: toolNameOf(s, 'get') },
	]);
}
