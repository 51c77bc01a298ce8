// Fault storms in a real n8n (issue 13): the smaller subset of test/faults/ that runs through
// n8n's own request helper, for every vendor: Get Many › Return All over 1,500 cases (15 pages)
// under a mixed storm (429 with Retry-After, 503, dropped connections, truncated JSON, an HTML page
// with 200) → exactly the cases; a create answered 503 after the vendor processed it → no
// duplicate case; a Retry-After of a day → a clear error at once. Two executions in all (every
// vendor is a branch of the same workflow: `n8n execute` costs ~30 s on a busy machine). Prints one
// table and writes it to test-artifacts/e2e/faults-n8n-<version>.md.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

import { ARTIFACTS, PKG, useE2e, workflowId } from './setup.mjs';

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
const sim = (vendor) => e2e.sim(vendor);

/** A node of `vendor` that turns its failure into an item (`{error, description}`). */
function vendorNode(vendor, name, parameters, index) {
	const key = credentialKey(vendor);
	return {
		id: `${name.replace(/\W/g, '')}-${index}`,
		name,
		type: `${PKG.name}.${vendor}`,
		typeVersion: 1,
		position: [300, 160 * index],
		onError: 'continueRegularOutput',
		parameters: { ...(SPECS[vendor].extra ?? {}), resource: 'case', ...parameters },
		credentials: { [key]: { id: e2e.credentials[key].id, name: e2e.credentials[key].name } },
	};
}

/** Manual Trigger → every node as its own branch; one execution. */
async function runBranches(label, nodes) {
	const id = workflowId(`faults${label}`);
	const trigger = { id: `${id}-t`, name: 'Manual Trigger', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} };
	await e2e.n8n.importWorkflow({
		id,
		name: `e2e faults: ${label}`,
		nodes: [trigger, ...nodes],
		connections: { 'Manual Trigger': { main: [nodes.map((n) => ({ node: n.name, type: 'main', index: 0 }))] } },
		settings: { executionOrder: 'v1' },
		active: false,
	});
	const started = Date.now();
	const run = await e2e.n8n.execute(id);
	assert.ok(run.ok, JSON.stringify(run.error));
	return { run, seconds: (Date.now() - started) / 1000 };
}

const requestsTo = (vendor, method, p) => sim(vendor).control.requests().filter((r) => r.path === p && r.method === method).length;
const failure = (items) => (items.length === 1 && typeof items[0].error === 'string' ? items[0] : null);

after(() => {
	if (!rows.length) return;
	const head = '| scenario | vendor | expected | returned | missing | duplicates | requests | outcome |\n|---|---|---:|---:|---:|---:|---:|---|\n';
	const body = rows
		.map((r) => `| ${r.scenario} | ${r.vendor} | ${r.expected} | ${r.returned} | ${r.missing} | ${r.duplicates} | ${r.requests} | ${String(r.outcome).replace(/\|/g, '/').slice(0, 160)} |`)
		.join('\n');
	const seconds = rows.seconds ? `\n(executions: ${rows.seconds.map((x) => `${x.toFixed(0)} s`).join(', ')}; the mixed storm waits Retry-After and backoff for real)\n` : '';
	const table = head + body + '\n' + seconds;
	fs.mkdirSync(ARTIFACTS, { recursive: true });
	fs.writeFileSync(path.join(ARTIFACTS, `faults-n8n-${e2e.version ?? 'unknown'}.md`), table);
	process.stdout.write(`\n# fault storms in n8n ${e2e.version}\n${table}`);
});

test('every vendor: Return All over 1,500 cases under a mixed storm gives every case once; a create answered 503 after processing makes no duplicate', async () => {
	const expected = {};
	const tags = {};
	const before = {};
	for (const vendor of VENDORS) {
		const spec = SPECS[vendor];
		sim(vendor).control.reset({ caseCount: CASES });
		expected[vendor] = new Set(spec.ids(sim(vendor)));
		tags[vendor] = `flte2e${vendor}${Date.now().toString(36)}`;
		before[vendor] = values(sim(vendor), 'cases').length;
		const on = (f) => ({ method: 'GET', path: spec.listPath, ...f });
		sim(vendor).control.pushFaults([
			on({ type: 429, retryAfterSeconds: 1, resetSeconds: 1, count: 3, every: 3 }),
			on({ type: 503, count: 2, every: 4 }),
			on({ type: 'reset', count: 2, every: 5 }),
			on({ type: 'truncated', mode: 'cut', count: 1, every: 6 }),
			on({ type: 'html', count: 1, every: 7 }),
			{ method: 'POST', path: spec.createPath, type: 503, after: true },
		]);
	}
	const nodes = VENDORS.flatMap((vendor, i) => [
		vendorNode(vendor, `${vendor} list`, { operation: 'getAll', returnAll: true, simplify: false }, 2 * i),
		vendorNode(vendor, `${vendor} create`, SPECS[vendor].create(sim(vendor), tags[vendor]), 2 * i + 1),
	]);
	const { run, seconds } = await runBranches('storm', nodes);
	rows.seconds = [seconds];
	const problems = [];
	for (const vendor of VENDORS) {
		const spec = SPECS[vendor];
		const items = run.items(`${vendor} list`);
		const failed = failure(items);
		const ids = failed ? [] : items.map(spec.itemId);
		const unique = new Set(ids);
		const missing = [...expected[vendor]].filter((id) => !unique.has(id)).length;
		rows.push({
			scenario: 'Return All, mixed storm: 429 (Retry-After 1) ×3, 503 ×2, reset ×2, truncated, HTML 200',
			vendor,
			expected: expected[vendor].size,
			returned: ids.length,
			missing,
			duplicates: ids.length - unique.size,
			requests: requestsTo(vendor, 'GET', spec.listPath),
			outcome: failed ? `error: ${failed.error}` : 'all cases',
		});
		if (failed || missing || ids.length !== unique.size) problems.push(`${vendor} list: ${failed?.error ?? `${missing} missing, ${ids.length - unique.size} duplicates`}`);

		const created = spec.created(sim(vendor), tags[vendor], before[vendor]);
		const createdItems = run.items(`${vendor} create`);
		const createFailed = failure(createdItems);
		const posts = requestsTo(vendor, 'POST', spec.createPath);
		rows.push({
			scenario: 'create: 503 after the vendor processed it',
			vendor,
			expected: 1,
			returned: created,
			missing: created ? 0 : 1,
			duplicates: Math.max(0, created - 1),
			requests: posts,
			outcome: createFailed ? `error: ${createFailed.error} — ${String(createFailed.description ?? '').split('\n')[0]}` : 'created once',
		});
		if (created !== 1) problems.push(`${vendor} create: ${created} cases`);
		if (vendor === 'certn') {
			// No idempotency key, no lookup key: not repeated, and the error says where to look.
			if (!createFailed || posts !== 1 || !/Check in Certn whether it was created/.test(`${createFailed.error} ${createFailed.description}`))
				problems.push(`certn create: expected one POST and an error saying where to look, got ${posts} POSTs, ${JSON.stringify(createFailed)}`);
		} else if (createFailed) problems.push(`${vendor} create failed: ${createFailed.error}`);
	}
	assert.deepEqual(problems, []);
});

test('every vendor: a Retry-After of a day stops Return All at once with a clear error, no retry (only pages already on their way were sent)', async () => {
	for (const vendor of VENDORS) {
		sim(vendor).control.clearRequests();
		sim(vendor).control.clearFaults();
		sim(vendor).control.pushFaults({ method: 'GET', path: SPECS[vendor].listPath, type: 429, retryAfterSeconds: 86400, resetSeconds: 86400, count: 1, every: 2 });
	}
	const nodes = VENDORS.map((vendor, i) => vendorNode(vendor, `${vendor} list`, { operation: 'getAll', returnAll: true, simplify: false }, i));
	const { run, seconds } = await runBranches('day', nodes);
	rows.seconds = [...(rows.seconds ?? []), seconds];
	const problems = [];
	for (const vendor of VENDORS) {
		const failed = failure(run.items(`${vendor} list`));
		const requests = requestsTo(vendor, 'GET', SPECS[vendor].listPath);
		rows.push({ scenario: '429 with Retry-After: 86400', vendor, expected: SPECS[vendor].ids(sim(vendor)).length, returned: 0, missing: '-', duplicates: 0, requests, outcome: failed ? `error: ${failed.error}` : 'no error!' });
		if (!failed || !/asked to wait 86400 s before the next request/.test(failed.error) || requests > 10)
			problems.push(`${vendor}: ${requests} requests, ${JSON.stringify(failed)}`);
	}
	assert.deepEqual(problems, []);
	assert.ok(seconds < 120, `took ${seconds} s`);
});
