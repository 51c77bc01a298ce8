// Shared set-up of the end-to-end tests: ONE real n8n per test file (it is slow to start),
// with the package installed as users get it, the vendor simulators, the SMTP sink and
// credentials for them. Use it at the top level of a `*.e2e.test.mjs` file:
//
//   import { useE2e } from './setup.mjs';
//   const e2e = useE2e({ vendors: ['persona'] });
//   test('…', async () => { const { n8n, sink, sim, credentials } = e2e; … });
//
// Environment (set by scripts/e2e.mjs):
//   N8N_CC_N8N_VERSION      '2' (default) or '1'
//   N8N_CC_PACKAGE_TARBALL  a packed build to install (else this file builds and packs the repo)
//   N8N_CC_ARTIFACTS        folder for n8n logs (default test-artifacts/e2e)

import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { REPO_DIR } from '../../scripts/lib/n8n-instance.mjs';
import { startStack } from '../../scripts/lib/stack.mjs';
import { describeHits, scanExecutions, scanFile, stackSecrets } from '../../scripts/lib/secrets-scan.mjs';

export { REPO_DIR };
export const PKG = JSON.parse(fs.readFileSync(path.join(REPO_DIR, 'package.json'), 'utf8'));
export const ARTIFACTS = path.resolve(process.env.N8N_CC_ARTIFACTS ?? path.join(REPO_DIR, 'test-artifacts', 'e2e'));

/**
 * Starts the stack in `before` and stops it in `after`. The returned object is filled in once
 * `before` has run: { stack, n8n, sink, simulators, sim(vendor), credentials, fakeModel, version }.
 * `fakeModel: true` also starts the local OpenAI-compatible fake (scripts/lib/fake-openai.mjs)
 * with an `openAiApi` credential for it.
 */
export function useE2e({ vendors = ['persona'], fakeModel = false, name = path.basename(process.argv[1] ?? 'e2e', '.mjs'), timeoutMs = 20 * 60 * 1000 } = {}) {
	// More secrets a test file uses (e.g. a trigger's shared token): e2e.secrets.push({ label, value }).
	const e2e = { secrets: [] };
	let stack = null;
	const cleanup = async () => {
		const s = stack;
		stack = null;
		if (!s) return;
		let leak = null;
		try {
			if (s.n8n) {
				fs.mkdirSync(ARTIFACTS, { recursive: true });
				fs.copyFileSync(s.n8n.logFile, path.join(ARTIFACTS, `${name}.n8n-${s.n8n.version}.log`));
			}
		} catch {}
		if (s.n8n) leak = await secretsCheck(s, e2e.secrets, name).catch((e) => new Error(`secrets scan could not run: ${e.message}`));
		await s.stop();
		// The secrets scan (issue 13): a secret in n8n's log or in stored executions fails the file.
		if (leak) throw leak;
	};
	for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
		process.once(sig, () => cleanup().finally(() => process.exit(130)));
	}

	before(
		async () => {
			stack = await startStack({
				version: process.env.N8N_CC_N8N_VERSION ?? '2',
				vendors,
				fakeModel,
				packageTarball: process.env.N8N_CC_PACKAGE_TARBALL || undefined,
				log: (m) => process.stderr.write(`# [e2e ${name}] ${m}\n`),
			});
			Object.assign(e2e, {
				stack,
				n8n: stack.n8n,
				sink: stack.sink,
				simulators: stack.simulators,
				sim: (vendor) => stack.simulators.find((s) => s.vendor === vendor) ?? null,
				credentials: stack.credentials,
				fakeModel: stack.fakeModel ?? null,
				version: stack.n8n.version,
			});
		},
		{ timeout: timeoutMs },
	);
	after(cleanup, { timeout: 120000 });
	return e2e;
}

/**
 * Scans this file's n8n log and every stored execution's run data for each secret of the stack
 * (N8N_CC_SECRETS_SCAN=0 skips it). Returns an Error naming where (never the value), or null.
 */
async function secretsCheck(stack, extra, name) {
	if (process.env.N8N_CC_SECRETS_SCAN === '0') return null;
	const secrets = stackSecrets(stack, extra);
	const hits = scanFile(stack.n8n.logFile, secrets, `n8n log (${name}.n8n-${stack.n8n.version}.log)`);
	let executions = 0;
	if (stack.n8n.running) {
		const scanned = await scanExecutions(stack.n8n, secrets);
		hits.push(...scanned.hits);
		executions = scanned.executions;
	}
	process.stderr.write(`# [e2e ${name}] secrets scan: ${secrets.length} secrets, n8n log + ${executions} stored executions: ${hits.length} hit(s)\n`);
	return hits.length ? new Error(`secrets scan: ${hits.length} hit(s) (values not shown):\n${describeHits(hits)}`) : null;
}

/**
 * The node and credential type names the package declares in package.json `n8n`, read from the
 * built files in dist/ (as n8n does: class named after the file, `description.name` / `name`).
 * A file that cannot be loaded (not built?) comes back with `error` and `name: null`.
 * @returns {{ nodes: { file, name, usableAsTool, error? }[], credentials: { file, name, error? }[] }}
 */
export function declaredTypes() {
	const require = createRequire(path.join(REPO_DIR, 'package.json'));
	const load = (file, suffix) => {
		const abs = path.join(REPO_DIR, file);
		const mod = require(abs);
		const className = path.basename(file).replace(suffix, '');
		const Cls = mod[className] ?? Object.values(mod).find((v) => typeof v === 'function');
		if (typeof Cls !== 'function') throw new Error(`${file} exports no class ${className}`);
		return new Cls();
	};
	const nodes = (PKG.n8n?.nodes ?? []).map((file) => {
		try {
			const inst = load(file, /\.node\.js$/);
			const d = inst.description ?? {};
			const latest = inst.nodeVersions ? inst.nodeVersions[inst.currentVersion]?.description ?? d : d;
			return { file, name: d.name, usableAsTool: Boolean(latest.usableAsTool ?? d.usableAsTool) };
		} catch (e) {
			return { file, name: null, error: e.message.split('\n')[0] };
		}
	});
	const credentials = (PKG.n8n?.credentials ?? []).map((file) => {
		try {
			return { file, name: load(file, /\.credentials\.js$/).name };
		} catch (e) {
			return { file, name: null, error: e.message.split('\n')[0] };
		}
	});
	return { nodes, credentials };
}

/** A unique-enough token for a test run (mail subjects, webhook paths). */
export function token(prefix = 'e2e') {
	return `${prefix}-${process.pid}-${Date.now().toString(36)}`;
}

/** A 16-character workflow id derived from a label, stable within a run. */
export function workflowId(label) {
	return `e2e${label.replace(/[^A-Za-z0-9]/g, '')}0000000000000000`.slice(0, 16);
}

/** Manual Trigger → <nodes…> chained in order: the shape of most operation tests. */
export function manualWorkflow(id, name, chain) {
	const nodes = [{ id: `${id}-0`, name: 'Manual Trigger', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} }];
	const connections = {};
	let prev = 'Manual Trigger';
	chain.forEach((n, i) => {
		nodes.push({ id: `${id}-${i + 1}`, position: [260 * (i + 1), 0], typeVersion: 1, parameters: {}, ...n });
		connections[prev] = { main: [[{ node: n.name, type: 'main', index: 0 }]] };
		prev = n.name;
	});
	return { id, name, nodes, connections, settings: { executionOrder: 'v1' }, active: false };
}

// ---------------------------------------------------------------- helpers the test files share

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The running simulator of `vendor` ('persona', …); throws when it did not start. */
export function requireSim(e2e, vendor) {
	const sim = e2e.sim(vendor);
	if (!sim) throw new Error(`the ${vendor[0].toUpperCase()}${vendor.slice(1)} simulator did not start (simulators/index.js)`);
	return sim;
}

/** A resource locator set "By ID" (a node parameter such as `caseId`): byId('case_…') → { __rl: true, mode: 'id', value: 'case_…' }. */
export const byId = (id) => ({ __rl: true, mode: 'id', value: String(id) });

/** A node's `credentials` for an imported credential: credentialRef(e2e, 'personaApi') → { personaApi: { id, name } }. */
export function credentialRef(e2e, key) {
	return { [key]: { id: e2e.credentials[key].id, name: e2e.credentials[key].name } };
}

/** A workflow of one trigger node (node id `<id>-t`, version 1, at 0,0 unless `node` says otherwise), imported inactive. */
export function triggerWorkflow(id, name, node) {
	return { id, name, nodes: [{ id: `${id}-t`, typeVersion: 1, position: [0, 0], ...node }], connections: {}, settings: { executionOrder: 'v1' }, active: false };
}

/** A workflow of one polling trigger (`type`, node `name`) that polls every minute for `events`. */
export function pollTriggerWorkflow(id, name, { node, type, events, credentials }) {
	return triggerWorkflow(id, name, { name: node, type, parameters: { pollTimes: { item: [{ mode: 'everyMinute' }] }, events }, credentials });
}

/** Manual Trigger fanned out to independent nodes (each gets the trigger's one item, so runs once); `defaults` (type, credentials, …) go into every node. */
export function fanOutWorkflow(id, name, nodes, defaults = {}) {
	return {
		id,
		name,
		nodes: [
			{ id: `${id}-0`, name: 'Manual Trigger', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			...nodes.map((n, i) => ({ id: `${id}-${i + 1}`, typeVersion: 1, position: [300, i * 160], ...defaults, ...n })),
		],
		connections: { 'Manual Trigger': { main: [nodes.map((n) => ({ node: n.name, type: 'main', index: 0 }))] } },
		settings: { executionOrder: 'v1' },
		active: false,
	};
}

/**
 * Every workflow of a file in one `n8n import:workflow` (each CLI call boots n8n, ~3 s): a describe
 * block plans its workflow with `plan(build)` (→ `{ wf }`, filled in on import) and its `before`
 * awaits `importPlanned()`; the first call imports them all, later calls wait for that import.
 */
export function workflowPlanner(e2e) {
	const planned = [];
	let importing = null;
	return {
		plan(build) {
			const ref = { wf: null };
			planned.push(() => (ref.wf = build()));
			return ref;
		},
		importPlanned: () => (importing ??= e2e.n8n.importWorkflow(planned.map((build) => build()))),
	};
}

/**
 * `run(label, chain)`: imports Manual Trigger → `chain` (a node or a list of nodes) as workflow
 * `<prefix><label>` (named "e2e <prefix>: <label>") and executes it (`n8n execute`) → the run
 * (see README, `execute(id)`).
 */
export function chainRunner(e2e, prefix) {
	return async (label, chain) => {
		const id = workflowId(`${prefix}${label}`);
		await e2e.n8n.importWorkflow(manualWorkflow(id, `e2e ${prefix}: ${label}`, Array.isArray(chain) ? chain : [chain]));
		return e2e.n8n.execute(id);
	};
}

/** Executes an imported workflow `wf` (`n8n execute`) → the run; fails the test (assertOk) when the run failed, unless `expectOk: false`. */
export async function runWorkflow(e2e, wf, { expectOk = true } = {}) {
	const r = await e2e.n8n.execute(wf.id);
	if (expectOk) assertOk(r, wf.name);
	return r;
}

/** Fails the test unless the run succeeded, with n8n's error and the end of its output (`label`: the workflow's name, for the message). */
export function assertOk(r, label) {
	assert.ok(r.ok, `execution${label ? ` of "${label}"` : ''} failed: ${JSON.stringify(r.error)?.slice(0, 2000)}\n${String(r.stderr ?? '').split('\n').slice(-15).join('\n')}`);
}

/** The first output item of a node with its binary metadata (`run.items()` gives only json): { json, binary?, pairedItem }. */
export function firstItem(r, node) {
	const task = r.runData[node]?.[0];
	assert.ok(task, `node "${node}" did not run`);
	return task.data.main[0][0];
}

/** The error of a run that must have failed: n8n's run-level error, else the failing node's → { message, description }. */
export function failure(r) {
	assert.equal(r.ok, false, 'the execution should have failed');
	const nodeError = Object.values(r.runData).flat().find((task) => task?.error)?.error;
	const e = r.error ?? nodeError ?? {};
	return { message: String(e.message ?? ''), description: String(e.description ?? nodeError?.description ?? '') };
}

/**
 * Imports `workflow`, activates it, runs `body(id)` and always deactivates it afterwards (then
 * waits 100 ms). Activation failing fails the test before `body` runs.
 */
export async function withActiveWorkflow(e2e, workflow, body) {
	await e2e.n8n.importWorkflow(workflow);
	await e2e.n8n.activate(workflow.id);
	try {
		return await body(workflow.id);
	} finally {
		await e2e.n8n.deactivate(workflow.id).catch(() => {});
		await sleep(100);
	}
}

/**
 * Waits for `count` finished executions of an active workflow (default 150 s: a poll trigger polls
 * every minute). On timeout the error also lists what the trigger asked the simulator
 * (`requests()`, each through `formatRequest`), the executions n8n stored and `more()`.
 */
export async function waitForTriggerRuns(e2e, workflowId, { count = 1, timeoutMs = 150_000, requests = () => [], formatRequest = (r) => `${r.method} ${r.path} ${r.status} ${JSON.stringify(r.query)}`, more = () => '' } = {}) {
	return e2e.n8n.waitForExecutions({ workflowId, count, timeoutMs }).catch(async (error) => {
		const executions = await e2e.n8n.listExecutions({ workflowId });
		throw new Error(`${error.message}\nrequests: ${requests().map(formatRequest).join('\n')}\nexecutions: ${JSON.stringify(executions)}${more()}`);
	});
}
