#!/usr/bin/env node
// `npm run bench`: our nodes against the baseline users actually have — n8n's own HTTP Request
// node configured well (page size 100, its built-in pagination, one request per input item) —
// in a real n8n, against the vendor simulators with injected latency, side by side in one run,
// for every vendor that has a bench/vendors/<vendor>.mjs. Prints one table of ratios
// (ours / baseline) with the absolute figures beside them and writes bench/RESULTS.md.
// Timing never fails anything: the exit code is 0 unless the bench itself could not run.
//
//   npm run bench [-- --runs=3 --latency=20 --cases=10000 --memory-cases=100000
//                     --vendors=persona,certn --only=list,limit,get,ratelimit,memory,trigger,coldload
//                     --n8n-version=2 --no-build --deliveries=120 --no-write --cpu-prof --n8n-env=NAME=value]

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

import { ensureN8n, fmtMs } from './lib/n8n-install.mjs';
import { REPO_DIR, PACKAGE_NAME, buildPackage, startN8n } from './lib/n8n-instance.mjs';
import { startSimHost } from '../bench/lib/sims.mjs';
import { benchId, httpRequest, ourNode, splitOut, triggerWorkflow, webhookWorkflow } from '../bench/lib/workflows.mjs';
import { collectGarbage, executionSummary, median, memoryOf, pidListeningOn, postWebhook, resetPeak, sampleRss, watchLiveHeap } from '../bench/lib/measure.mjs';
import { SCENARIOS, renderMarkdown, renderTable } from '../bench/lib/report.mjs';

// ---------------------------------------------------------------- options
const argv = process.argv.slice(2);
const flag = (name) => argv.includes(`--${name}`);
const opt = (name, d) => {
	const a = argv.find((x) => x.startsWith(`--${name}=`));
	return a ? a.slice(name.length + 3) : d;
};
if (flag('help')) {
	console.log(fs.readFileSync(new URL(import.meta.url), 'utf8').split('\n').slice(1, 12).join('\n').replace(/^\/\/ ?/gm, ''));
	process.exit(0);
}
const RUNS = Number(opt('runs', 3));
const LATENCY = Number(opt('latency', 20));
const CASES = Number(opt('cases', 10000));
const MEMORY_CASES = Number(opt('memory-cases', 100000));
const DELIVERIES = Number(opt('deliveries', 120));
const N8N_VERSION = opt('n8n-version', process.env.N8N_CC_N8N_VERSION ?? '2');
const ONLY = new Set(opt('only', SCENARIOS.join(',')).split(',').filter(Boolean));
const unknownScenarios = [...ONLY].filter((s) => !SCENARIOS.includes(s));
if (unknownScenarios.length) throw new Error(`unknown --only scenario(s) ${unknownScenarios.join(', ')}; known: ${SCENARIOS.join(', ')}`);
const WRITE = !flag('no-write');
// --n8n-env=NAME=value (repeatable): extra environment for n8n, e.g. to try one of its settings.
const N8N_ENV = Object.fromEntries(argv.filter((a) => a.startsWith('--n8n-env=')).map((a) => a.slice('--n8n-env='.length).split(/=(.*)/s).slice(0, 2)));
// --cpu-prof: n8n runs with V8's CPU profiler; where its time went is printed at the end.
const PROFILE_DIR = flag('cpu-prof') ? fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-bench-prof-')) : null;
const OPEN_LIMIT = 1_000_000; // "rate limit off": a budget no run comes near, reported in the headers as usual

const t0 = Date.now();
const log = (m) => console.log(`[bench +${fmtMs(Date.now() - t0)}] ${m}`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const round = (x, d = 0) => (Number.isFinite(x) ? Number(x.toFixed(d)) : null);

// ---------------------------------------------------------------- vendors
const vendorDir = path.join(REPO_DIR, 'bench', 'vendors');
const available = fs.readdirSync(vendorDir).filter((f) => f.endsWith('.mjs')).map((f) => f.replace(/\.mjs$/, '')).sort((a, b) => (a === 'persona' ? -1 : b === 'persona' ? 1 : a.localeCompare(b)));
const VENDORS = opt('vendors', available.join(',')).split(',').filter(Boolean);

const started = [];
async function stopAll() {
	for (const stop of started.splice(0).reverse()) {
		try {
			await stop();
		} catch (e) {
			log(`while stopping: ${e.message}`);
		}
	}
}
let stopping = false;
for (const sig of ['SIGINT', 'SIGTERM']) {
	process.on(sig, async () => {
		if (stopping) process.exit(130);
		stopping = true;
		log(`${sig}: stopping n8n and the simulators…`);
		await stopAll();
		process.exit(130);
	});
}

try {
	await main();
} catch (e) {
	console.error(`\nbench failed: ${e.stack ?? e.message}`);
	process.exitCode = 1;
} finally {
	await stopAll();
}

/** A clean clone has no dev tree yet (the build needs TypeScript): install it like `npm test` does. */
function ensureDevDependencies() {
	const marker = path.join(REPO_DIR, 'node_modules', '.package-lock.json');
	const fresh = fs.existsSync(marker) && fs.statSync(marker).mtimeMs >= fs.statSync(path.join(REPO_DIR, 'package-lock.json')).mtimeMs;
	if (fresh) return;
	log('installing dev dependencies (npm ci --ignore-scripts)');
	const r = spawnSync('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: REPO_DIR, stdio: 'inherit' });
	if (r.status !== 0) throw new Error('npm ci failed');
}

async function main() {
	ensureDevDependencies();
	const install = await ensureN8n({ version: N8N_VERSION, log });
	const pkgAtBuild = JSON.parse(fs.readFileSync(path.join(REPO_DIR, 'package.json'), 'utf8'));
	if (!flag('no-build')) await buildPackage({ log });
	const requireDist = createRequire(path.join(REPO_DIR, 'dist', 'package.json'));

	/** The version a new workflow gets of one of our nodes (what the editor adds today). */
	const latestVersion = (nodeName) => {
		const file = pkgAtBuild.n8n.nodes.find((f) => path.basename(f).toLowerCase() === `${nodeName.toLowerCase()}.node.js`);
		const mod = file ? requireDist(path.join(REPO_DIR, file)) : {};
		const NodeClass = Object.values(mod).find((v) => typeof v === 'function');
		const version = NodeClass ? new NodeClass().description.version : 1;
		return Array.isArray(version) ? Math.max(...version) : version;
	};

	const defs = [];
	for (const vendor of VENDORS) {
		const def = (await import(pathToFileURL(path.join(vendorDir, `${vendor}.mjs`)).href)).default;
		// The documented budget, read from the built node (the same number the node keeps under).
		const apiFile = path.join(REPO_DIR, 'dist', 'nodes', def.displayName, 'api.js');
		const api = Object.values(requireDist(apiFile)).find((v) => v && typeof v === 'object' && v.vendor === vendor && v.rateLimit);
		if (!api) throw new Error(`${apiFile} exports no VendorApi for ${vendor}`);
		// One window or several (Penbox: per minute and per hour); the first is the one a burst meets.
		def.windows = [api.rateLimit].flat().map((w) => ({ limit: w.limit, windowMs: w.intervalMs }));
		def.limit = def.windows[0].limit;
		def.windowMs = def.windows[0].windowMs;
		// A vendor without RateLimit headers cannot lift our node's documented budget, so the memory
		// list is what that budget lets through in about 3 minutes (100,000 cases would take Penbox 10).
		def.memoryCases = def.reportsBudget === false ? Math.min(MEMORY_CASES, 100 * Math.min(...def.windows.map((w) => w.limit * Math.max(1, Math.floor(180000 / w.windowMs))))) : MEMORY_CASES;
		def.getItems = Math.min(200, def.limit - 10); // a burst the budget allows
		def.overItems = def.limit + Math.ceil(def.limit / 3); // a burst it does not
		def.limitedCases = Math.max(CASES, (def.limit + Math.ceil(def.limit / 6)) * 100); // a list longer than one window's budget
		defs.push(def);
	}
	log(`vendors: ${defs.map((d) => `${d.vendor} (documented ${d.windows.map((w) => `${w.limit}/${w.windowMs / 1000}s`).join(' + ')})`).join(', ')}; ${RUNS} run(s) each, ${LATENCY} ms per request`);

	// ------------------------------------------------------------ simulators
	const sims = await startSimHost();
	started.push(() => sims.stop());
	const inst = {}; // `${vendor}:${role}` → instance info
	for (const d of defs) {
		const documented = { limit: d.limit, windowMs: d.windowMs, windows: d.windows };
		const roles = {
			open: { cases: CASES, latency: LATENCY, rateLimit: { limit: OPEN_LIMIT, windowMs: 60000 }, when: ['list', 'searchAll', 'limit', 'trigger'] },
			budget: { cases: 1000, latency: LATENCY, rateLimit: documented, when: ['get'] },
			over: { cases: 1000, latency: LATENCY, rateLimit: documented, when: ['ratelimit'] },
			limited: { cases: d.limitedCases, latency: LATENCY, rateLimit: documented, when: ['ratelimit'] },
			mem: { cases: d.memoryCases, latency: 0, rateLimit: { limit: OPEN_LIMIT, windowMs: 60000 }, when: ['memory'] },
		};
		for (const [role, r] of Object.entries(roles)) {
			if (!r.when.some((s) => ONLY.has(s))) continue;
			const name = `${d.vendor}:${role}`;
			inst[name] = await sims.start(name, d.vendor, { ...d.simOptions(r.cases), rateLimit: simRateLimit(d, r.rateLimit) }, r.latency);
			inst[name].role = role;
			inst[name].cases = r.cases;
			log(`simulator ${name}: ${r.cases} cases, ${r.latency} ms/request, ${r.rateLimit.limit === OPEN_LIMIT ? 'no rate limit' : (r.rateLimit.windows ?? [r.rateLimit]).map((w) => `${w.limit} requests/${w.windowMs / 1000}s`).join(' + ')} (seeded in ${fmtMs(inst[name].seedMs)})`);
		}
	}

	// ------------------------------------------------------------ plan: one workflow (and slot) per run
	const credentials = [];
	const workflows = [];
	const plan = []; // { key, vendor, scenario, side, rep, instance, wf, path, slot }
	const headerCred = {};
	for (const d of defs) {
		const any = Object.values(inst).find((i) => i.vendor === d.vendor);
		if (!any) continue;
		const id = benchId(`hdr${d.vendor}`);
		credentials.push({ id, name: id, type: 'httpHeaderAuth', data: d.headerAuth(any) });
		headerCred[d.vendor] = id;
	}
	const slotQueue = {};
	async function slotFor(name) {
		slotQueue[name] ??= [];
		if (!slotQueue[name].length) slotQueue[name].push(...(await sims.slots(name, 8)));
		const port = slotQueue[name].shift();
		const i = inst[name];
		const origin = `http://127.0.0.1:${port}`;
		return { port, origin, baseUrl: i.baseUrl.replace(i.url, origin), apiKey: i.apiKey };
	}
	async function addRun({ d, scenario, side, rep, role, chain, saveData = true, extra = {} }) {
		const instance = `${d.vendor}:${role}`;
		const slot = await slotFor(instance);
		const key = `${d.vendor}.${scenario}.${side}.${rep}`;
		const run = { key, vendor: d.vendor, scenario, side, rep, instance, slot, ...extra };
		if (side !== 'raw') {
			const wfId = benchId(`${d.vendor}${scenario}${side}`);
			const credId = benchId(`cr${d.vendor}`);
			const nodes = chain({ slot, credId });
			if (nodes.some((n) => n.credentials?.[d.credentialType]))
				credentials.push({ id: credId, name: credId, type: d.credentialType, data: d.credentialData(slot) });
			run.path = `bench-${wfId}`;
			run.wf = webhookWorkflow({ id: wfId, name: `bench: ${key}`, path: run.path, chain: nodes, saveData });
			workflows.push(run.wf);
		}
		plan.push(run);
		return run;
	}
	const P = (d, t) => `${PACKAGE_NAME}.${t}`;

	for (const d of defs) {
		const ourList = (simplify) => ({ slot, credId }) => [ourNode('Ours', P(d, d.node), d.ours.list(simplify), d.credentialType, credId)];
		const httpList = ({ slot }) => [httpRequest('HTTP Request', d.httpList(slot), headerCred[d.vendor]), splitOut('Split Out', d.itemsField)];
		if (ONLY.has('list'))
			for (let rep = 0; rep < RUNS; rep++) {
				// The order turns with every round: no side always runs right after the heaviest one.
				const sides = [
					() => addRun({ d, scenario: 'list', side: 'raw', rep, role: 'open' }),
					() => addRun({ d, scenario: 'list', side: 'http', rep, role: 'open', chain: httpList }),
					() => addRun({ d, scenario: 'list', side: 'ours', rep, role: 'open', chain: ourList(false) }),
					() => addRun({ d, scenario: 'list', side: 'oursSimplify', rep, role: 'open', chain: ourList(true) }),
				];
				// Odd rounds run the turned order backwards, so Simplify on does not always run right
				// after Simplify off (whose 10,000 items n8n is still collecting) — or always before it.
				const order = sides.map((_, k) => sides[(k + rep) % sides.length]);
				for (const side of rep % 2 ? order.reverse() : order) await side();
			}
		// Search › Return All where the vendor's search can be split (Persona: created_at ranges).
		if (ONLY.has('searchAll') && d.ours.searchAll)
			for (let rep = 0; rep < RUNS; rep++) {
				const sides = [
					() => addRun({ d, scenario: 'searchAll', side: 'raw', rep, role: 'open' }),
					() => addRun({ d, scenario: 'searchAll', side: 'http', rep, role: 'open', chain: ({ slot }) => [httpRequest('HTTP Request', d.httpSearch(slot), headerCred[d.vendor]), splitOut('Split Out', d.itemsField)] }),
					() => addRun({ d, scenario: 'searchAll', side: 'ours', rep, role: 'open', chain: ({ credId }) => [ourNode('Ours', P(d, d.node), d.ours.searchAll(), d.credentialType, credId)] }),
				];
				for (let k = 0; k < sides.length; k++) await sides[(k + rep) % sides.length]();
			}
		if (ONLY.has('limit'))
			for (let rep = 0; rep < RUNS; rep++) {
				await addRun({ d, scenario: 'limit', side: 'http', rep, role: 'open', chain: ({ slot }) => [httpRequest('HTTP Request', d.httpFirstPage(slot, 30), headerCred[d.vendor]), splitOut('Split Out', d.itemsField)] });
				await addRun({ d, scenario: 'limit', side: 'ours', rep, role: 'open', chain: ({ credId }) => [ourNode('Ours', P(d, d.node), d.ours.limit(30), d.credentialType, credId)] });
			}
		const getChain = (side) => ({ slot, credId }) => [
			splitOut('Items', 'body.items'),
			side === 'http' ? httpRequest('HTTP Request', d.httpGet(slot), headerCred[d.vendor]) : ourNode('Ours', P(d, d.node), d.ours.get(), d.credentialType, credId),
		];
		if (ONLY.has('get'))
			for (let rep = 0; rep < RUNS; rep++) {
				const sides = ['http', 'ours'];
				for (const side of rep % 2 ? sides.reverse() : sides) await addRun({ d, scenario: 'get', side, rep, role: 'budget', chain: getChain(side) });
			}
		if (ONLY.has('ratelimit')) {
			await addRun({ d, scenario: 'getOver', side: 'http', rep: 0, role: 'over', chain: getChain('http') });
			await addRun({ d, scenario: 'getOver', side: 'ours', rep: 0, role: 'over', chain: getChain('ours') });
			await addRun({ d, scenario: 'ratelimit', side: 'ours', rep: 0, role: 'limited', chain: ourList(true) });
		}
		if (ONLY.has('memory')) {
			await addRun({ d, scenario: 'memory', side: 'ours', rep: 0, role: 'mem', chain: ourList(false), saveData: false });
			await addRun({ d, scenario: 'memory', side: 'oursSimplify', rep: 0, role: 'mem', chain: ourList(true), saveData: false });
			await addRun({ d, scenario: 'memory', side: 'http', rep: 0, role: 'mem', chain: httpList, saveData: false });
			// The same lists again, watched with a forced collection every 2 s: what stays live.
			await addRun({ d, scenario: 'memory', side: 'oursLive', rep: 0, role: 'mem', chain: ourList(false), saveData: false });
			await addRun({ d, scenario: 'memory', side: 'oursSimplifyLive', rep: 0, role: 'mem', chain: ourList(true), saveData: false });
		}
		if (ONLY.has('trigger')) {
			const open = inst[`${d.vendor}:open`];
			const credId = benchId(`trg${d.vendor}`);
			// A trigger without a credential (Penbox Webhook Trigger: a public key in its parameters) gets none.
			const withCred = d.delivery.credential !== false;
			if (withCred) credentials.push({ id: credId, name: credId, type: d.credentialType, data: d.credentialData(open, { webhookSecret: d.delivery.secret }) });
			const wf = triggerWorkflow({
				id: benchId(`${d.vendor}trigger`),
				name: `bench: ${d.vendor} trigger`,
				node: { name: 'Trigger', type: P(d, d.trigger), typeVersion: latestVersion(d.trigger), parameters: d.delivery.params, ...(withCred ? { credentials: { [d.credentialType]: { id: credId, name: credId } } } : {}) },
			});
			workflows.push(wf);
			plan.push({ key: `${d.vendor}.trigger.ours`, vendor: d.vendor, scenario: 'trigger', side: 'ours', wf, path: `${wf.nodes[0].webhookId}/webhook` });
			const plainId = benchId(`${d.vendor}webhook`);
			const plain = webhookWorkflow({ id: plainId, name: `bench: ${d.vendor} plain webhook`, path: `bench-${plainId}`, chain: [], respond: 'onReceived' });
			workflows.push(plain);
			plan.push({ key: `${d.vendor}.trigger.webhook`, vendor: d.vendor, scenario: 'trigger', side: 'webhook', wf: plain, path: `bench-${plainId}` });
		}
	}

	// ------------------------------------------------------------ n8n
	let n8n = null;
	if (workflows.length) {
		const env = { ...N8N_ENV, ...(PROFILE_DIR ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${PROFILE_DIR}` } : {}) };
		n8n = await startN8n({ version: N8N_VERSION, build: false, credentials, workflows, env, log: (m) => log(`n8n: ${m}`) });
		started.push(() => n8n.stop());
		const ta = Date.now();
		for (const wf of workflows) await n8n.activate(wf.id);
		log(`${workflows.length} workflows active (${fmtMs(Date.now() - ta)}); ${credentials.length} credentials`);
	}

	// ------------------------------------------------------------ running
	const results = { runs: {}, meta: {} };
	const record = (run, r) => {
		results.runs[run.key] = { vendor: run.vendor, scenario: run.scenario, side: run.side, ...r };
		const bits = [`${r.ms !== undefined ? `${round(r.ms)} ms` : ''}`, r.perSecond ? `${round(r.perSecond, 1)}/s` : '', r.growth !== undefined ? `RSS +${round(r.growth / 2 ** 20)} MB (${round(r.rssBefore / 2 ** 20)} → ${round(r.rssPeak / 2 ** 20)} MB)` : '', r.liveGrowth ? `live heap +${round(r.liveGrowth / 2 ** 20)} MB (${r.liveSamples} samples)` : '', r.items !== undefined ? `${r.items} items` : '', r.requests !== undefined ? `${r.requests} requests${r.connections !== undefined ? ` on ${r.connections} connections` : ''}` : '', r.refused ? `${r.refused}×429` : '', r.error ? `ERROR ${r.error.slice(0, 160)}` : ''];
		log(`  ${run.key}: ${bits.filter(Boolean).join(', ')}`);
	};
	const runsOf = (vendor, scenario) => plan.filter((r) => r.vendor === vendor && r.scenario === scenario);

	/** A workflow run through its webhook; the time is n8n's executionTime of `measured` nodes. */
	async function runWorkflow(run, { body = {}, measured, itemsNode }) {
		await sims.control(run.instance, 'clearRequests');
		const res = await postWebhook(n8n, run.path, body);
		const stats = await sims.stats(run.instance);
		let summary = null;
		let error = res.ok ? null : `HTTP ${res.status}: ${res.text.slice(0, 300)}`;
		try {
			summary = await executionSummary(n8n, run.wf.id);
			error = summary.error ?? error;
		} catch (e) {
			error ??= e.message;
		}
		const ms = summary ? measured.reduce((sum, n) => sum + (summary.nodes[n]?.ms ?? NaN), 0) : NaN;
		return {
			ms,
			execMs: summary?.execMs,
			wallMs: res.wallMs,
			items: summary?.nodes[itemsNode]?.items,
			requests: stats.requests,
			refused: stats.refused,
			connections: stats.connections,
			error,
		};
	}

	/** One scenario; a failure is reported in the results and the bench goes on with the next. */
	async function attempt(label, fn) {
		try {
			await fn();
		} catch (e) {
			log(`${label} FAILED: ${e.stack ?? e.message}`);
			(results.failures ??= []).push(`${label}: ${String(e.message).split('\n')[0].slice(0, 300)}`);
		}
	}

	async function resetWindow(instance, d) {
		await sims.control(instance, 'setRateLimit', simRateLimit(d, { limit: d.limit, windowMs: d.windowMs, windows: d.windows }));
	}

	// ---------------------------------------------------------- 5. memory (first: on a fresh n8n each)
	// V8 keeps the heap it grew for earlier runs, so each memory run gets an n8n just (re)started.
	if (ONLY.has('memory')) {
		let restarted = false;
		for (const d of defs)
			await attempt(`${d.displayName} memory`, async () => {
				log(`${d.displayName}: peak RSS of n8n listing ${d.memoryCases} cases (no latency; execution data not saved; n8n restarted before each run)`);
				for (const run of runsOf(d.vendor, 'memory')) {
					// Start-up and the activation of every bench workflow leave a grown heap behind too.
					await n8n.restart();
					restarted = true;
					await sleep(5000); // start-up work settles
					const pid = pidListeningOn(n8n.port);
					// From n8n's live heap: start-up garbage would otherwise be reused by some runs and not others.
					const gc = collectGarbage(pid, n8n.install.nodeBin);
					if (!gc.usage) log(`  could not collect n8n's garbage before the run (${gc.why}): growth is from a heap with start-up garbage`);
					const before = memoryOf(pid).rss;
					const hwmReset = resetPeak(pid);
					const sampler = sampleRss(pid);
					const watcher = run.side.endsWith('Live') && gc.usage ? watchLiveHeap(pid, n8n.install.nodeBin) : null;
					let res;
					let sampled;
					let live = null;
					try {
						await sims.control(run.instance, 'clearRequests');
						res = await postWebhook(n8n, run.path, {});
					} finally {
						sampled = sampler.stop();
						live = watcher ? await watcher.stop() : null;
					}
					const stats = await sims.stats(run.instance);
					const peak = hwmReset ? Math.max(memoryOf(pid).hwm, sampled.peak) : sampled.peak;
					record(run, { ms: res.wallMs, rssBefore: before, rssPeak: peak, growth: peak - before, heapBefore: gc.usage?.heapUsed ?? null, collected: Boolean(gc.usage), liveGrowth: live?.maxHeapUsed ? live.maxHeapUsed - gc.usage.heapUsed : null, liveSamples: live?.samples ?? null, requests: stats.requests, refused: stats.refused, peakFrom: hwmReset ? 'VmHWM' : 'sampled', error: res.ok ? null : `HTTP ${res.status}: ${res.text.slice(0, 300)}` });
				}
			});
		if (restarted && [...ONLY].some((x) => x !== 'memory' && x !== 'coldload')) await n8n.restart();
	}

	for (const d of defs) {
		const v = d.vendor;
		// -------------------------------------------------------- 1. list all
		if (ONLY.has('list')) await attempt(`${d.displayName} list all`, async () => {
			log(`${d.displayName}: list all ${CASES} cases (${RUNS}×: raw loop, HTTP Request + Split Out, ours Simplify off/on)`);
			const warm = runsOf(v, 'list').find((r) => r.side === 'raw');
			if (warm) await d.rawList(warm.slot); // warms the simulator (and this process) up; not measured
			for (const run of runsOf(v, 'list')) {
				if (run.side === 'raw') {
					await sims.control(run.instance, 'clearRequests');
					const t = performance.now();
					const out = await d.rawList(run.slot);
					const ms = performance.now() - t;
					const stats = await sims.stats(run.instance);
					if (!results.meta[`${v}.caseBytes`]) results.meta[`${v}.caseBytes`] = out.items.reduce((s, c) => s + Buffer.byteLength(JSON.stringify(c)), 0) / out.items.length;
					// The share of the seeded cases a plain list returns (Penbox leaves its archived ones out).
					results.meta[`${v}.listedShare`] ??= out.items.length / inst[run.instance].cases;
					record(run, { ms, items: out.items.length, requests: stats.requests, refused: stats.refused, connections: stats.connections });
				} else if (run.side === 'http') record(run, await runWorkflow(run, { measured: ['HTTP Request', 'Split Out'], itemsNode: 'Split Out' }));
				else record(run, await runWorkflow(run, { measured: ['Ours'], itemsNode: 'Ours' }));
			}
		});
		// -------------------------------------------------------- 1b. search all
		if (runsOf(v, 'searchAll').length) await attempt(`${d.displayName} search all`, async () => {
			log(`${d.displayName}: search all ${CASES} cases (${RUNS}×: raw POST loop, HTTP Request + Split Out, ours)`);
			for (const run of runsOf(v, 'searchAll')) {
				if (run.side === 'raw') {
					await sims.control(run.instance, 'clearRequests');
					const t = performance.now();
					const out = await d.rawSearch(run.slot);
					const ms = performance.now() - t;
					const stats = await sims.stats(run.instance);
					record(run, { ms, items: out.items.length, requests: stats.requests, refused: stats.refused, connections: stats.connections });
				} else record(run, await runWorkflow(run, run.side === 'http' ? { measured: ['HTTP Request', 'Split Out'], itemsNode: 'Split Out' } : { measured: ['Ours'], itemsNode: 'Ours' }));
			}
		});
		// -------------------------------------------------------- 3. limit 30
		if (ONLY.has('limit')) await attempt(`${d.displayName} limit 30`, async () => {
			log(`${d.displayName}: the newest 30 cases (${RUNS}×)`);
			for (const run of runsOf(v, 'limit'))
				record(run, await runWorkflow(run, run.side === 'http' ? { measured: ['HTTP Request', 'Split Out'], itemsNode: 'Split Out' } : { measured: ['Ours'], itemsNode: 'Ours' }));
		});
		// -------------------------------------------------------- 2. get by id, within the budget
		if (ONLY.has('get')) await attempt(`${d.displayName} get by id`, async () => {
			const ids = await sims.caseIds(`${v}:budget`, d.getItems);
			log(`${d.displayName}: get ${ids.length} cases by id from ${ids.length} items, rate limit on (${d.limit}/${d.windowMs / 1000}s, fresh window each run)`);
			for (const run of runsOf(v, 'get')) {
				await resetWindow(run.instance, d);
				const node = run.side === 'http' ? 'HTTP Request' : 'Ours';
				record(run, await runWorkflow(run, { body: { items: ids.map((id) => ({ id })) }, measured: [node], itemsNode: node }));
			}
		});
	}

	// ---------------------------------------------------------- 2b + 4. over the budget (all vendors at once: mostly waiting)
	if (ONLY.has('ratelimit')) await attempt('over the budget', async () => {
		log(`over the documented budget, all vendors in parallel (each waits out a rate-limit window): ${defs.map((d) => `${d.displayName} get ${d.overItems} by id, list ${d.limitedCases}`).join('; ')}`);
		await Promise.all(
			defs.flatMap((d) => [
				(async () => {
					const ids = await sims.caseIds(`${d.vendor}:over`, d.overItems);
					for (const run of runsOf(d.vendor, 'getOver')) {
						await resetWindow(run.instance, d);
						const node = run.side === 'http' ? 'HTTP Request' : 'Ours';
						record(run, await runWorkflow(run, { body: { items: ids.map((id) => ({ id })) }, measured: [node], itemsNode: node }));
					}
				})(),
				(async () => {
					for (const run of runsOf(d.vendor, 'ratelimit')) {
						await resetWindow(run.instance, d);
						record(run, await runWorkflow(run, { measured: ['Ours'], itemsNode: 'Ours' }));
					}
				})(),
			]),
		);
	});

	// ---------------------------------------------------------- 6. trigger throughput
	if (ONLY.has('trigger'))
		for (const d of defs) await attempt(`${d.displayName} trigger`, async () => {
			const open = inst[`${d.vendor}:open`];
			const [caseId] = await sims.caseIds(`${d.vendor}:open`, 1);
			const kase = await (await fetch(`${open.baseUrl}${d.listPath.replace(/\/$/, '')}/${caseId}${d.listPath.endsWith('/') ? '/' : ''}`, { headers: { [d.headerAuth(open).name]: d.headerAuth(open).value } })).json();
			const kaseData = kase.data ?? kase;
			const ours = plan.find((r) => r.vendor === d.vendor && r.scenario === 'trigger' && r.side === 'ours');
			// What the deliveries need from the vendor (Zenoo: the secret its webhook registration handed out).
			const ctx = d.delivery.prepare ? await d.delivery.prepare({ open, webhookId: ours.wf.nodes[0].webhookId, control: (fn, ...args) => sims.control(`${d.vendor}:open`, fn, ...args) }) : {};
			const secret = ctx.secret ?? d.delivery.secret;
			log(`${d.displayName}: ${DELIVERIES} signed deliveries, 8 at a time: our trigger vs a plain Webhook node`);
			for (const side of ['webhook', 'ours', 'webhook', 'ours']) {
				const run = plan.find((r) => r.vendor === d.vendor && r.scenario === 'trigger' && r.side === side);
				const base = n8n.webhookUrl(run.path);
				const url = d.delivery.url ? d.delivery.url(base, secret) : base;
				const send = async (i) => {
					const raw = JSON.stringify(d.delivery.body(i, kaseData, ctx));
					const res = await fetch(url, { method: 'POST', headers: d.delivery.headers(raw, secret, base), body: raw });
					await res.arrayBuffer();
					return res.status;
				};
				await blast(send, 20, 4); // warm-up
				await drain(run.wf.id);
				const t = performance.now();
				const statuses = await blast(send, DELIVERIES, 8);
				const ms = performance.now() - t;
				await drain(run.wf.id);
				const accepted = statuses.filter((s) => s === 200).length;
				const prev = results.runs[run.key];
				const perSecond = (accepted / ms) * 1000;
				// two rounds, interleaved; the better one counts (a round can be hit by a neighbour's load)
				if (!prev || perSecond > prev.perSecond) record(run, { ms, perSecond, accepted, refused: statuses.length - accepted });
			}
		});

	// ---------------------------------------------------------- 7. cold load
	if (ONLY.has('coldload')) await attempt('cold load', async () => {
		// What the package lists, as built for this run (a listed file that was not built is named, not loaded).
		const listed = [...pkgAtBuild.n8n.credentials, ...pkgAtBuild.n8n.nodes].map((f) => path.join(REPO_DIR, f));
		const files = listed.filter((f) => fs.existsSync(f));
		if (files.length < listed.length) log(`cold load: not built, skipped: ${listed.filter((f) => !files.includes(f)).map((f) => path.relative(REPO_DIR, f)).join(', ')}`);
		const preload = [requireDist.resolve('n8n-workflow')];
		const n8nModules = path.join(install.dir, 'node_modules');
		const reference = [path.join(n8nModules, 'n8n-nodes-base', 'dist', 'nodes', 'HttpRequest', 'HttpRequest.node.js')];
		const once = (list, pre) => {
			const r = spawnSync(install.nodeBin, [path.join(REPO_DIR, 'bench', 'lib', 'coldload.cjs'), JSON.stringify({ files: list, preload: pre })], { encoding: 'utf8', cwd: REPO_DIR });
			if (r.status !== 0) throw new Error(`cold load failed: ${r.stderr}`);
			return JSON.parse(r.stdout);
		};
		const ours = [];
		const http = [];
		for (let i = 0; i < 7; i++) {
			ours.push(once(files, preload));
			http.push(once(reference, [path.join(n8nModules, 'n8n-workflow')]));
		}
		// The fastest of 7 fresh processes: a load is short and deterministic, so the slower ones
		// measure the neighbours' CPU use, not ours (the median and CPU time are kept beside it).
		const best = (list) => Math.min(...list.map((r) => r.ms));
		results.runs['package.coldload.ours'] = { vendor: 'package', scenario: 'coldload', side: 'ours', ms: best(ours), medianMs: median(ours.map((r) => r.ms)), cpuMs: median(ours.map((r) => r.cpuMs)), all: ours.map((r) => round(r.ms, 1)), files: files.length };
		results.runs['package.coldload.http'] = { vendor: 'package', scenario: 'coldload', side: 'http', ms: best(http), medianMs: median(http.map((r) => r.ms)) };
		log(`cold load: ${files.length} files in ${round(best(ours), 1)} ms (best of 7, median ${round(median(ours.map((r) => r.ms)), 1)} ms; n8n's HTTP Request node alone: ${round(best(http), 1)} ms)`);
	});

	// ---------------------------------------------------------- report
	results.meta = {
		...results.meta,
		date: new Date().toISOString(),
		commit: gitCommit(),
		machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GB RAM, ${os.type()} ${os.release()}`,
		load: os.loadavg().map((x) => x.toFixed(2)).join(' '),
		n8n: n8n?.version ?? install.n8nVersion,
		n8nEnv: N8N_ENV,
		node: install.nodeVersion,
		runs: RUNS,
		latencyMs: LATENCY,
		cases: CASES,
		memoryCases: MEMORY_CASES,
		deliveries: DELIVERIES,
		vendors: defs.map((d) => ({ vendor: d.vendor, displayName: d.displayName, paging: d.paging, limit: d.limit, windowMs: d.windowMs, windows: d.windows, reportsBudget: d.reportsBudget !== false, memoryCases: d.memoryCases, credentialNote: d.credentialNote, triggerNote: d.triggerNote, notApplicable: d.notApplicable, getItems: d.getItems, overItems: d.overItems, limitedCases: d.limitedCases })),
		only: [...ONLY],
		durationMs: Date.now() - t0,
	};
	console.log(`\n${renderTable(results)}\n`);
	if (WRITE) {
		fs.writeFileSync(path.join(REPO_DIR, 'bench', 'RESULTS.md'), renderMarkdown(results));
		fs.writeFileSync(path.join(REPO_DIR, 'bench', 'results.json'), `${JSON.stringify(results, null, '\t')}\n`);
		log('wrote bench/RESULTS.md and bench/results.json');
	}
	if (PROFILE_DIR && n8n) {
		await n8n.stop(); // writes the profile (stopping it again at the end is harmless)
		console.log(`\n${summarizeProfiles(PROFILE_DIR)}`);
	}
	log(`done in ${fmtMs(Date.now() - t0)}`);

	async function drain(workflowId) {
		const deadline = Date.now() + 120000;
		let last = -1;
		for (;;) {
			const data = await n8n.rest('GET', `/executions?${new URLSearchParams({ limit: '1', filter: JSON.stringify({ workflowId, status: ['running', 'new'] }) })}`);
			const running = data?.count ?? data?.results?.length ?? 0;
			if (running === 0 && last === 0) return;
			last = running;
			if (Date.now() > deadline) return log(`  (executions of ${workflowId} still running after 2 min)`);
			await sleep(300);
		}
	}
}

/** The simulator's rate-limit option for `rl` ({limit, windowMs, windows?}): the vendor's own shape where it has one. */
function simRateLimit(d, rl) {
	return d.simRateLimit ? d.simRateLimit(rl.windows ?? [rl]) : { limit: rl.limit, windowMs: rl.windowMs };
}

async function blast(send, count, concurrency) {
	const statuses = [];
	let next = 0;
	await Promise.all(
		Array.from({ length: concurrency }, async () => {
			while (next < count) {
				const i = next++;
				try {
					statuses[i] = await send(i);
				} catch {
					statuses[i] = 0;
				}
			}
		}),
	);
	return statuses;
}

/** Self time of the biggest CPU profile in `dir` (n8n's main process), by package and by function. */
function summarizeProfiles(dir) {
	const files = fs.readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).map((f) => path.join(dir, f));
	if (!files.length) return `no CPU profile was written to ${dir}`;
	const file = files.sort((a, b) => fs.statSync(b).size - fs.statSync(a).size)[0];
	const prof = JSON.parse(fs.readFileSync(file, 'utf8'));
	const self = new Map();
	for (let i = 0; i < prof.samples.length; i++) self.set(prof.samples[i], (self.get(prof.samples[i]) ?? 0) + (prof.timeDeltas[i] ?? 0));
	const byPackage = new Map();
	const byFunction = new Map();
	let total = 0;
	for (const node of prof.nodes) {
		const us = self.get(node.id) ?? 0;
		if (!us) continue;
		const { functionName, url, lineNumber } = node.callFrame;
		if (functionName === '(idle)' || functionName === '(program)') continue;
		total += us;
		const m = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*node_modules)(.*)$/.exec(url);
		const pkg = m ? m[1] : url ? (url.startsWith('node:') ? 'node (built-in)' : 'other') : functionName;
		byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + us);
		const fn = `${functionName || '(anonymous)'} ${m ? `${m[1]}/${m[2]}` : url}:${lineNumber + 1}`;
		byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
	}
	const top = (map, n) => [...map].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, us]) => `  ${(us / 1000).toFixed(0).padStart(7)} ms  ${((us / total) * 100).toFixed(1).padStart(5)}%  ${k}`);
	const ours = new Map([...byFunction].filter(([k]) => k.includes(`${PACKAGE_NAME}/`)));
	return [
		`CPU profile of n8n (${path.basename(file)}), busy ${(total / 1e6).toFixed(1)} s — by package:`,
		...top(byPackage, 15),
		'by function:',
		...top(byFunction, 30),
		`this package's own functions (self time), ${((byPackage.get(PACKAGE_NAME) ?? 0) / 1000).toFixed(0)} ms in all:`,
		...top(ours, 15),
	].join('\n');
}

function gitCommit() {
	const r = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO_DIR, encoding: 'utf8' });
	const dirty = spawnSync('git', ['status', '--porcelain', '--', 'core', 'nodes', 'credentials'], { cwd: REPO_DIR, encoding: 'utf8' }).stdout.trim();
	return `${r.stdout.trim()}${dirty ? ' + uncommitted changes in core/nodes' : ''}`;
}

