// Webhook fuzzing in a real n8n (issue 13): every webhook trigger of the package gets at least
// 1,000 generated deliveries (test/e2e/fuzz-gen.mjs, seeded: the seed is printed; rerun one with
// N8N_CC_FUZZ_SEED=<seed>) — random and malformed JSON, huge bodies, wrong content types,
// missing / empty / duplicated / oversized / non-ASCII signatures, signatures for another body or
// with another secret, stale and future timestamps, replays — mixed with valid signed deliveries,
// sent concurrently. Asserted per trigger: every unverified delivery is answered 401 and starts
// nothing; every valid delivery is answered 2xx and executed exactly once (its marker appears in
// exactly one stored execution), replays start nothing; n8n stays up (health endpoint answers).

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { createRequire } from 'node:module';
import { useE2e, PKG, workflowId, REPO_DIR } from './setup.mjs';
import { fuzzSeed, generateDeliveries, tally } from './fuzz-gen.mjs';
import { listAllExecutions } from '../../scripts/lib/secrets-scan.mjs';
import { personaProfile, certnProfile, zenooProfile, sphinxProfile, penboxProfile } from './fuzz-profiles.mjs';

const require = createRequire(import.meta.url);
const P = PKG.name;
const SEED = fuzzSeed();
// 1,000 per trigger on n8n 2.x (the issue's floor); 300 on 1.x, which runs the same generator as a
// compatibility check so that CI stays inside its time budget (N8N_CC_FUZZ_COUNT overrides both).
const COUNT = Number(process.env.N8N_CC_FUZZ_COUNT ?? ((process.env.N8N_CC_N8N_VERSION ?? '2') === '1' ? 300 : 1000));
process.stderr.write(`# fuzz seed ${SEED} (rerun with N8N_CC_FUZZ_SEED=${SEED}), ${COUNT} deliveries per trigger\n`);

const e2e = useE2e({ vendors: ['persona', 'certn', 'zenoo', 'sphinx', 'penbox'], name: 'fuzz.e2e.test' });
const sim = (v) => e2e.sim(v);
const cred = (type) => ({ [type]: { id: e2e.credentials[type].id, name: e2e.credentials[type].name } });
const SPHINX_TOKEN = ['fuzz', 'sphinx', 'shared', 'token', String(SEED)].join('-');

/** The triggers the package declares (package.json n8n.nodes) that receive webhooks. */
const TRIGGERS = [
	{ vendor: 'persona', type: 'personaTrigger', webhookId: 'f0a1b2c3-0001-4000-8000-00000000f001', parameters: { events: ['case.status-updated'], simplify: true }, credentials: () => cred('personaApi') },
	{ vendor: 'certn', type: 'certnTrigger', webhookId: 'f0a1b2c3-0002-4000-8000-00000000f002', parameters: { events: ['CASE_STATUS_CHANGED'], fetchCase: false, simplify: true }, credentials: () => cred('certnApi') },
	{ vendor: 'zenoo', type: 'zenooTrigger', webhookId: 'f0a1b2c3-0003-4000-8000-00000000f003', parameters: { events: ['case.status_changed'], simplify: true, options: { fetchCase: false } }, credentials: () => cred('zenooApi') },
	{ vendor: 'sphinx', type: 'sphinxTrigger', webhookId: 'f0a1b2c3-0004-4000-8000-00000000f004', parameters: () => ({ authentication: 'accessToken', events: ['case.completed', 'case.failed'], token: SPHINX_TOKEN }), credentials: () => cred('sphinxApi') },
	{ vendor: 'penbox', type: 'penboxWebhookTrigger', webhookId: 'f0a1b2c3-0005-4000-8000-00000000f005', parameters: () => ({ keySource: 'pem', publicKey: sim('penbox').control.publicKeyPem() }), credentials: () => ({}) },
];
const PROFILES = { persona: personaProfile, certn: certnProfile, zenoo: zenooProfile, sphinx: sphinxProfile, penbox: penboxProfile };

const agent = new http.Agent({ keepAlive: true, maxSockets: 12 });

/** One POST with exact headers (arrays = repeated header lines, latin1 strings = raw bytes). */
function send(url, d) {
	return new Promise((resolve) => {
		const u = new URL(url + d.query);
		const req = http.request(
			{ method: 'POST', host: u.hostname, port: u.port, path: u.pathname + u.search, agent, headers: { ...d.headers, 'content-length': String(d.body.length) } },
			(res) => {
				const chunks = [];
				res.on('data', (c) => chunks.push(c));
				res.on('end', () => resolve({ status: res.statusCode, text: Buffer.concat(chunks).toString('utf8').slice(0, 300) }));
				res.on('error', (e) => resolve({ status: 0, text: e.message }));
			},
		);
		req.setTimeout(60_000, () => req.destroy(new Error('timeout')));
		req.on('error', (e) => resolve({ status: 0, text: e.code ?? e.message }));
		req.end(d.body);
	});
}

async function pool(items, size, fn) {
	let next = 0;
	const results = new Array(items.length);
	await Promise.all(
		Array.from({ length: size }, async () => {
			while (next < items.length) {
				const i = next++;
				results[i] = await fn(items[i], i);
			}
		}),
	);
	return results;
}

/** A REST call, retried a few times: a keep-alive socket n8n closed meanwhile fails the first try. */
async function rest(method, p) {
	for (let attempt = 0; ; attempt++) {
		try {
			return await e2e.n8n.rest(method, p);
		} catch (e) {
			if (attempt >= 3 || !/fetch failed|socket|ECONNRESET/i.test(`${e.message} ${e.cause?.message ?? ''}`)) throw e;
			await new Promise((r) => setTimeout(r, 500 * (attempt + 1)));
		}
	}
}

async function executionCount(id) {
	const q = new URLSearchParams({ limit: '1', filter: JSON.stringify({ workflowId: id }) });
	const data = await rest('GET', `/executions?${q}`);
	return typeof data?.count === 'number' ? data.count : (await listAllExecutions(e2e.n8n, { workflowId: id, rest })).length;
}

/** Waits until the count stops changing (3 s) or reaches `want` and holds; returns it. */
async function settledCount(id, want, timeoutMs = 90_000) {
	const deadline = Date.now() + timeoutMs;
	let last = -1;
	let stableSince = Date.now();
	for (;;) {
		const n = await executionCount(id);
		if (n !== last) {
			last = n;
			stableSince = Date.now();
		}
		if (Date.now() - stableSince > (n >= want ? 2500 : 6000) || Date.now() > deadline) return n;
		await new Promise((r) => setTimeout(r, 500));
	}
}

/** Every stored execution's run data, as text (to find which valid deliveries it carries). */
async function executionTexts(id) {
	const list = await listAllExecutions(e2e.n8n, { workflowId: id, rest });
	return {
		statuses: list.map((e) => e.status),
		texts: await pool(list, 6, async (e) => {
			const full = await rest('GET', `/executions/${e.id}`);
			return typeof full?.data === 'string' ? full.data : JSON.stringify(full?.data ?? null);
		}),
	};
}

const isOk = (s) => s >= 200 && s < 300;
/**
 * n8n 1.x never answers a POST whose Content-Type is XML and whose body is not XML (its XML body
 * parser fails without a response; 2.x answers 422). That happens before any node runs: the
 * request is left hanging until the client gives up, and nothing starts.
 */
const unansweredByN8n1 = (d) => String(e2e.version).startsWith('1') && /xml/i.test(String(d.headers['content-type'] ?? ''));
const rows = [];

after(() => {
	agent.destroy();
	if (!rows.length) return;
	const head = ['trigger', 'deliveries', 'valid', 'replays', 'ignored', 'unverified', '401', '422 (n8n: unparseable)', '2xx', 'other', 'executions expected', 'seen', 's'];
	const lines = [head, ...rows.map((r) => head.map((h) => String(r[h] ?? '')))];
	const widths = head.map((_, i) => Math.max(...lines.map((l) => l[i].length)));
	const out = lines.map((l) => l.map((c, i) => c.padEnd(widths[i])).join(' | '));
	out.splice(1, 0, widths.map((w) => '-'.repeat(w)).join('-|-'));
	process.stdout.write(`\n# webhook fuzzing, n8n ${e2e.version ?? '?'}, seed ${SEED}\n${out.map((l) => `# ${l}`).join('\n')}\n`);
});

describe(`webhook fuzzing (seed ${SEED})`, () => {
	before(async () => {
		const wfs = TRIGGERS.map((t) => {
			const id = workflowId(`fuzz${t.vendor}`);
			return {
				id,
				name: `e2e fuzz: ${t.type}`,
				nodes: [
					{
						id: `${id}-t`,
						name: 'Trigger',
						type: `${P}.${t.type}`,
						typeVersion: 1,
						position: [0, 0],
						webhookId: t.webhookId,
						parameters: typeof t.parameters === 'function' ? t.parameters() : t.parameters,
						credentials: t.credentials(),
					},
				],
				connections: {},
				settings: { executionOrder: 'v1' },
			};
		});
		await e2e.n8n.importWorkflow(wfs);
		for (const wf of wfs) await e2e.n8n.activate(wf.id);
		await sim('zenoo').control.flushChallenges();
		e2e.secrets.push({ label: 'sphinx trigger token (fuzz)', value: SPHINX_TOKEN });
	});

	test('the package declares exactly these webhook triggers', () => {
		const declared = PKG.n8n.nodes.map((f) => f.split('/').pop().replace(/\.node\.js$/, '')).filter((n) => /Trigger$/.test(n) && !/Poll/.test(n));
		const webhookTriggers = declared.filter((n) => {
			const mod = require(`${REPO_DIR}/dist/nodes/${n.replace(/(Webhook)?Trigger$/, '')}/${n}.node.js`);
			return (new mod[n]().description.webhooks ?? []).length > 0;
		});
		assert.deepEqual(webhookTriggers.map((n) => n[0].toLowerCase() + n.slice(1)).sort(), TRIGGERS.map((t) => t.type).sort());
	});

	for (const t of TRIGGERS) {
		test(`${t.type}: ${COUNT} fuzzed deliveries — unverified 401 with no execution, each valid one executed exactly once`, { timeout: 10 * 60_000 }, async () => {
			const started = Date.now();
			const id = workflowId(`fuzz${t.vendor}`);
			const url = e2e.n8n.webhookUrl(`${t.webhookId}/webhook`);
			const profile = await PROFILES[t.vendor]({ sim: sim(t.vendor), url, seed: SEED, token: SPHINX_TOKEN });
			const deliveries = generateDeliveries(profile, { seed: SEED ^ t.type.length, count: COUNT, hugeBytes: 400_000 });
			const before = await executionCount(id);

			const results = await pool(deliveries, 10, async (d) => {
				const t0 = Date.now();
				const r = await send(url, d);
				return { ...r, ms: Date.now() - t0 };
			});
			const stormSeconds = ((Date.now() - started) / 1000).toFixed(0);
			const health = await fetch(`${e2e.n8n.url}/healthz`);
			assert.equal(health.status, 200, 'n8n answers its health endpoint after the storm');
			assert.ok(e2e.n8n.running, 'the n8n process is alive');

			const wrong = [];
			const byStatus = {};
			deliveries.forEach((d, i) => {
				const { status, text } = results[i];
				byStatus[`${d.kind}:${status}`] = (byStatus[`${d.kind}:${status}`] ?? 0) + 1;
				const ok =
					d.expect === 401 || d.expect === 400
						? status === d.expect
						: d.expect === 'refused'
							? status === 401 || status === 422 || (status === 0 && unansweredByN8n1(d))
							: d.expect === 'n8n'
								? !isOk(status) && status !== 401
								: isOk(status);
				if (!ok) wrong.push(`#${d.n} ${d.kind} expected ${d.expect}, got ${status} ${text.slice(0, 160)}`);
			});
			const msByKind = {};
			deliveries.forEach((d, i) => (msByKind[d.kind] = Math.max(msByKind[d.kind] ?? 0, results[i].ms)));
			process.stderr.write(
				`# ${t.type}: storm ${stormSeconds} s; kinds ${JSON.stringify(tally(deliveries))}\n# ${t.type}: kind:status ${JSON.stringify(byStatus)}\n# ${t.type}: slowest answer per kind (ms) ${JSON.stringify(msByKind)}\n`,
			);
			const valid = deliveries.filter((d) => d.expect === 'exec');
			const seen = (await settledCount(id, before + valid.length)) - before;

			// which valid delivery each execution carries: its marker, once
			const { texts, statuses } = await executionTexts(id);
			const markerCount = new Map();
			for (const text of texts) for (const m of new Set(text.match(/fz\d+x\d+/g) ?? [])) markerCount.set(m, (markerCount.get(m) ?? 0) + 1);
			const missing = valid.filter((d) => !markerCount.has(d.marker)).map((d) => d.marker);
			const twice = [...markerCount].filter(([, n]) => n > 1).map(([m]) => m);
			const strangers = [...markerCount.keys()].filter((m) => !valid.some((d) => d.marker === m));

			const count = (f) => deliveries.filter(f).length;
			rows.push({
				trigger: t.type,
				deliveries: deliveries.length,
				valid: valid.length,
				replays: count((d) => d.expect === 'dup'),
				ignored: count((d) => d.expect === 'ignored'),
				unverified: count((d) => [401, 'refused', 'n8n'].includes(d.expect)),
				'401': results.filter((r) => r.status === 401).length,
				'422 (n8n: unparseable)': results.filter((r) => r.status === 422).length,
				'2xx': results.filter((r) => isOk(r.status)).length,
				other: Object.entries(
					results.reduce((m, r) => (r.status === 401 || r.status === 422 || isOk(r.status) ? m : ((m[r.status] = (m[r.status] ?? 0) + 1), m)), {}),
				)
					.map(([s, n]) => `${s}×${n}`)
					.join(' '),
				'executions expected': valid.length,
				seen,
				s: ((Date.now() - started) / 1000).toFixed(0),
			});

			assert.deepEqual(wrong, [], `${wrong.length} deliveries answered wrongly (seed ${SEED})`);
			assert.equal(seen, valid.length, `executions: expected ${valid.length} (one per valid delivery), saw ${seen}`);
			assert.deepEqual({ missing, twice, strangers }, { missing: [], twice: [], strangers: [] }, 'each valid delivery in exactly one execution, nothing else');
			assert.ok(statuses.every((s) => s === 'success'), `execution statuses: ${JSON.stringify(tally(statuses.map((kind) => ({ kind }))))}`);
		});
	}

	test('n8n is still up after every trigger was fuzzed: health endpoint, process, and a valid delivery still runs', async () => {
		assert.ok(e2e.n8n.running);
		assert.equal((await fetch(`${e2e.n8n.url}/healthz`)).status, 200);
		const t = TRIGGERS.find((x) => x.vendor === 'certn');
		const url = e2e.n8n.webhookUrl(`${t.webhookId}/webhook`);
		const profile = await certnProfile({ sim: sim('certn'), url, seed: SEED + 1 });
		const raw = profile.validBody(424242);
		const res = await send(url, { query: '', headers: { 'content-type': 'application/json', ...profile.auth(raw, 'valid').headers }, body: Buffer.from(raw) });
		assert.equal(res.status, 200, res.text);
	});
});
