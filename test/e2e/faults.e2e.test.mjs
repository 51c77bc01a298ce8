// Fault storms in a real n8n (issue 13): the smaller subset of test/faults/ that runs through
// n8n's own request helper, per vendor: Get Many › Return All over 1,500 cases (15+ pages) under a
// mixed storm (429 with Retry-After, 503, dropped connections, truncated JSON, an HTML page with
// 200) → exactly the cases; a Retry-After of a day → a clear error at once; a create answered 503
// after the vendor processed it → no duplicate case. Prints one table and writes it to
// test-artifacts/e2e/faults-n8n-<version>.md.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

import { ARTIFACTS, PKG, manualWorkflow, useE2e, workflowId } from './setup.mjs';

const VENDORS = ['persona', 'certn', 'zenoo', 'sphinx', 'penbox'];
const CASES = 1500;
const e2e = useE2e({ vendors: VENDORS });

const values = (sim, field) => [...sim.state[field].values()];
/** Per vendor: the node, what Get Many must return, and a create with a key of its own. */
const SPECS = {
	persona: {
		listPath: '/api/v1/cases',
		createPath: '/api/v1/cases',
		ids: (sim) => values(sim, 'cases').map((c) => c.id),
		itemId: (j) => j.id,
		create: (sim) => ({ operation: 'create', caseTemplateId: values(sim, 'templates')[0].id }),
		created: (sim, _tag, before) => values(sim, 'cases').length - before,
	},
	certn: {
		listPath: '/api/public/cases',
		createPath: '/api/public/cases/order',
		ids: (sim) => values(sim, 'cases').map((c) => c.id),
		itemId: (j) => j.id,
		create: (_sim, tag) => ({ operation: 'order', emailAddress: `${tag}@example.com`, inviteMode: 'email', checkTypes: ['IDENTITY_VERIFICATION_1'] }),
		created: (sim, tag) => values(sim, 'cases').filter((c) => c.email_address === `${tag}@example.com`).length,
	},
	zenoo: {
		listPath: '/v1/cases',
		createPath: '/v1/cases',
		ids: (sim) => values(sim, 'cases').map((c) => c.token),
		itemId: (j) => j.token ?? j.id,
		create: (_sim, tag) => ({ operation: 'create', caseType: 'Review', entityCategory: 'Person', firstName: 'Jo', lastName: 'Doe', additionalFields: { externalReference: tag } }),
		created: (sim, tag) => values(sim, 'cases').filter((c) => c.external_reference === tag).length,
	},
	sphinx: {
		listPath: '/api/cases',
		createPath: '/api/cases',
		extra: { authentication: 'accessToken' },
		ids: (sim) => values(sim, 'cases').map((c) => String(c.id)),
		itemId: (j) => String(j.id),
		create: (_sim, tag) => ({
			operation: 'create',
			customerSource: 'new',
			customerFullName: 'Ada Lovelace',
			customerFields: { externalId: `cust-${tag}`, customerType: 'INDIVIDUAL' },
			checks: { check: [{ checkType: 'PEP', inputDetails: '{"person_name": "Ada Lovelace"}' }] },
			additionalFields: { externalId: tag },
		}),
		created: (sim, tag) => values(sim, 'cases').filter((c) => c.external_id === tag).length,
	},
	penbox: {
		listPath: '/v1/cases',
		createPath: '/v1/cases',
		ids: (sim) => values(sim, 'cases').filter((c) => !c.archived_at).map((c) => c.id),
		itemId: (j) => j.id,
		create: (sim, tag) => ({
			operation: 'create',
			templateId: sim.control.templates()[0].id,
			workspaceId: sim.control.workspaces()[0].id,
			title: 'Onboarding ACME',
			mainContact: { email: 'jane@acme.example', given_name: 'Jane', family_name: 'Doe' },
			additionalFields: { reference: tag },
		}),
		created: (sim, tag) => values(sim, 'cases').filter((c) => c.reference === tag).length,
	},
};

const rows = [];
const credentialKey = (vendor) => `${vendor}Api`;

async function runNode(vendor, label, parameters) {
	const spec = SPECS[vendor];
	const key = credentialKey(vendor);
	const id = workflowId(`flt${vendor}${label}`);
	const name = `${vendor} ${label}`;
	await e2e.n8n.importWorkflow(
		manualWorkflow(id, `e2e faults: ${name}`, [
			{
				name: 'Node',
				type: `${PKG.name}.${vendor}`,
				parameters: { ...(spec.extra ?? {}), resource: 'case', ...parameters },
				credentials: { [key]: { id: e2e.credentials[key].id, name: e2e.credentials[key].name } },
			},
		]),
	);
	const started = Date.now();
	const run = await e2e.n8n.execute(id);
	return { run, seconds: (Date.now() - started) / 1000 };
}

const listRequests = (sim, p) => sim.control.requests().filter((r) => r.path === p && r.method === 'GET').length;

function row(scenario, vendor, o) {
	rows.push({ scenario, vendor, ...o });
}

after(() => {
	if (!rows.length) return;
	const head = '| scenario | vendor | expected | returned | missing | duplicates | requests | seconds | outcome |\n|---|---|---:|---:|---:|---:|---:|---:|---|\n';
	const body = rows
		.map((r) => `| ${r.scenario} | ${r.vendor} | ${r.expected} | ${r.returned} | ${r.missing} | ${r.duplicates} | ${r.requests} | ${r.seconds.toFixed(1)} | ${String(r.outcome).replace(/\|/g, '/').slice(0, 160)} |`)
		.join('\n');
	const table = head + body + '\n';
	fs.mkdirSync(ARTIFACTS, { recursive: true });
	fs.writeFileSync(path.join(ARTIFACTS, `faults-n8n-${e2e.version ?? 'unknown'}.md`), table);
	process.stdout.write(`\n# fault storms in n8n ${e2e.version}\n${table}`);
});

for (const vendor of VENDORS) {
	describe(`${vendor}: faults in a real n8n`, () => {
		const sim = () => e2e.sim(vendor);
		const spec = SPECS[vendor];

		test('Get Many › Return All over 1,500 cases under a mixed storm: every case once', async () => {
			sim().control.reset({ caseCount: CASES });
			const expected = new Set(spec.ids(sim()));
			const on = (f) => ({ method: 'GET', path: spec.listPath, ...f });
			sim().control.pushFaults([
				on({ type: 429, retryAfterSeconds: 1, resetSeconds: 1, count: 3, every: 3 }),
				on({ type: 503, count: 2, every: 4 }),
				on({ type: 'reset', count: 2, every: 5 }),
				on({ type: 'truncated', mode: 'cut', count: 1, every: 6 }),
				on({ type: 'html', count: 1, every: 7 }),
			]);
			const { run, seconds } = await runNode(vendor, 'storm', { operation: 'getAll', returnAll: true, simplify: false });
			const ids = run.ok ? run.items('Node').map(spec.itemId) : [];
			const unique = new Set(ids);
			const missing = [...expected].filter((id) => !unique.has(id)).length;
			row('mixed storm: 429 (Retry-After 1), 503, reset, truncated, HTML 200', vendor, {
				expected: expected.size,
				returned: ids.length,
				missing,
				duplicates: ids.length - unique.size,
				requests: listRequests(sim(), spec.listPath),
				seconds,
				outcome: run.ok ? 'all cases' : `error: ${run.error?.message}`,
			});
			assert.ok(run.ok, JSON.stringify(run.error));
			assert.deepEqual({ missing, duplicates: ids.length - unique.size }, { missing: 0, duplicates: 0 });
			assert.equal(sim().control.faults().length, 0, 'every injected fault was met');
		});

		test('a Retry-After of a day: a clear error at once, nothing more sent', async () => {
			sim().control.clearRequests();
			sim().control.pushFaults({ method: 'GET', path: spec.listPath, type: 429, retryAfterSeconds: 86400, resetSeconds: 86400, count: 1, every: 2 });
			const { run, seconds } = await runNode(vendor, 'day', { operation: 'getAll', returnAll: true, simplify: false });
			const requests = listRequests(sim(), spec.listPath);
			row('429 with Retry-After: 86400', vendor, { expected: spec.ids(sim()).length, returned: 0, missing: '-', duplicates: 0, requests, seconds, outcome: run.ok ? 'no error!' : `error: ${run.error?.message}` });
			assert.equal(run.ok, false);
			assert.match(run.error?.message ?? '', /asked to wait 86400 s before the next request/);
			assert.ok(seconds < 60, `stopped after ${seconds} s`);
			sim().control.clearFaults();
		});

		test('a create answered 503 after the vendor processed it: no duplicate case', async () => {
			const tag = `flte2e${vendor}${Date.now().toString(36)}`;
			const before = values(sim(), 'cases').length;
			sim().control.clearRequests();
			sim().control.pushFaults({ method: 'POST', path: spec.createPath, type: 503, after: true });
			const { run, seconds } = await runNode(vendor, 'create', spec.create(sim(), tag));
			const created = spec.created(sim(), tag, before);
			const posts = sim().control.requests().filter((r) => r.method === 'POST' && r.path === spec.createPath).length;
			row('create: 503 after processing', vendor, { expected: 1, returned: created, missing: created ? 0 : 1, duplicates: Math.max(0, created - 1), requests: posts, seconds, outcome: run.ok ? 'created once' : `error: ${run.error?.message}` });
			assert.equal(created, 1);
			if (vendor === 'certn') {
				// No idempotency key, no lookup key: not repeated, and the error says where to look.
				assert.equal(run.ok, false);
				assert.equal(posts, 1);
				assert.match(`${run.error?.message} ${run.error?.description}`, /Check in Certn whether it was created/);
			} else assert.ok(run.ok, JSON.stringify(run.error));
		});
	});
}
