// Certn pickers end-to-end: the package installed in a real n8n, asked for a resource locator's list
// the way the editor asks (POST /rest/dynamic-node-parameters/resource-locator-results, through
// the saved Certn credential), and an order run with a package picked from that list.
//
//   node scripts/e2e.mjs --n8n-version=all test/e2e/certn-pickers.e2e.test.mjs

import { beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { useE2e, PKG, workflowId, manualWorkflow } from './setup.mjs';

const e2e = useE2e({ vendors: ['certn'] });
const P = PKG.name;

function certnSim() {
	const sim = e2e.sim('certn');
	if (!sim) throw new Error('the Certn simulator did not start (simulators/index.js)');
	return sim;
}
const state = () => certnSim().control.state();
const credentialRef = () => ({ certnApi: { id: e2e.credentials.certnApi.id, name: e2e.credentials.certnApi.name } });

/**
 * What the editor's resource locator shows: one page of `methodName`'s list for parameter
 * `parameter` of the Certn node with `parameters`, through the saved credential.
 */
async function pickerPage(methodName, parameter, parameters, { filter, paginationToken } = {}) {
	return await e2e.n8n.rest('POST', '/dynamic-node-parameters/resource-locator-results', {
		nodeTypeAndVersion: { name: `${P}.certn`, version: 1 },
		path: `parameters.${parameter}`,
		methodName,
		currentNodeParameters: parameters,
		credentials: credentialRef(),
		...(filter !== undefined ? { filter } : {}),
		...(paginationToken !== undefined ? { paginationToken } : {}),
	});
}

async function pickerAll(methodName, parameter, parameters, options = {}) {
	const items = [];
	let token;
	let pages = 0;
	do {
		const page = await pickerPage(methodName, parameter, parameters, { ...options, paginationToken: token });
		items.push(...page.results);
		token = page.paginationToken;
		pages++;
	} while (token && pages < 20);
	return { items, pages };
}

const ORDER_PACKAGE = { resource: 'case', operation: 'orderPackage', packageId: { __rl: true, mode: 'list', value: '' }, emailAddress: 'pick@example.com', inviteMode: 'link' };

async function run(label, parameters) {
	const id = workflowId(`certnPick${label}`);
	await e2e.n8n.importWorkflow(
		manualWorkflow(id, `e2e certn pickers: ${label}`, [{ name: 'Certn', type: `${P}.certn`, parameters, credentials: credentialRef() }]),
	);
	return await e2e.n8n.execute(id);
}

function assertOk(r) {
	assert.ok(r.ok, `execution failed: ${JSON.stringify(r.error)}\n${r.stderr.split('\n').slice(-15).join('\n')}`);
}

describe('Certn pickers in a real n8n', () => {
	beforeEach(() => certnSim().control.reset());

	test('the package picker lists the active packages by name, and a search narrows it', async () => {
		const active = state().packages.filter((p) => p.is_active);
		const all = await pickerPage('searchPackages', 'packageId', ORDER_PACKAGE);
		assert.deepEqual(all.results.map((r) => [r.name, r.value]), active.map((p) => [p.name, p.id]));
		assert.equal(all.paginationToken, undefined);
		const drivers = await pickerPage('searchPackages', 'packageId', ORDER_PACKAGE, { filter: 'driv' });
		assert.deepEqual(drivers.results, [{ name: 'Drivers', value: active.find((p) => p.name === 'Drivers').id }]);
		const sent = certnSim().control.requests({ method: 'GET', path: '/api/public/packages' });
		assert.equal(sent.length, 2);
		assert.equal(sent[0].query.is_active, 'true');
	});

	test('the group picker (in the order\'s Additional Fields) walks Certn\'s short pages with the token; the user picker searches by email', async () => {
		certnSim().control.configure({ directoryPageSize: 2 });
		const groups = state().groups;
		const { items, pages } = await pickerAll('searchGroups', 'additionalFields.group', ORDER_PACKAGE);
		assert.equal(pages, 2);
		assert.deepEqual(items.map((r) => r.value), groups.map((g) => g.id));
		assert.equal(items[0].name, `Head Office (${groups[0].short_id})`);
		const users = await pickerPage('searchUsers', 'additionalFields.orderedBy', ORDER_PACKAGE, { filter: 'recruiter@example.com' });
		assert.deepEqual(users.results.map((r) => r.name), ['Riley Recruiter <recruiter@example.com>']);
	});

	test('a key without access to groups: the picker answers with Certn\'s refusal explained', async () => {
		certnSim().control.configure({ directoryDenied: ['groups'] });
		await assert.rejects(pickerPage('searchGroups', 'additionalFields.group', ORDER_PACKAGE), (e) => {
			assert.match(String(e.message), /Certn refused to list groups: this API key may not read them \(HTTP 403\)/);
			return true;
		});
	});

	test('orders a case with the package and group picked from the lists', async () => {
		const picked = (await pickerPage('searchPackages', 'packageId', ORDER_PACKAGE, { filter: 'Drivers' })).results[0];
		const group = (await pickerPage('searchGroups', 'additionalFields.group', ORDER_PACKAGE, { filter: 'Warehouse' })).results[0];
		const r = await run('Order', {
			...ORDER_PACKAGE,
			packageId: { __rl: true, mode: 'list', value: picked.value, cachedResultName: picked.name },
			additionalFields: { group: { __rl: true, mode: 'list', value: group.value, cachedResultName: group.name } },
		});
		assertOk(r);
		const out = r.items('Certn')[0];
		const created = certnSim().control.getCase(out.id);
		assert.ok(created, 'the case exists in Certn');
		assert.equal(created.package, picked.value);
		assert.equal(created.group, group.value);
		assert.deepEqual(created.checks.map((k) => k.type), ['IDENTITY_VERIFICATION_1', 'MOTOR_VEHICLE_RECORD_1']);
		assert.equal(out.inviteLink, created.invite_link);
	});

	test('a workflow saved with a plain package ID string still orders; an unknown ID fails naming the field', async () => {
		const pkg = state().packages.find((p) => p.is_active);
		const plain = await run('Plain', { ...ORDER_PACKAGE, packageId: pkg.id });
		assertOk(plain);
		assert.equal(certnSim().control.getCase(plain.items('Certn')[0].id).package, pkg.id);

		const unknown = await run('Unknown', { ...ORDER_PACKAGE, packageId: { __rl: true, mode: 'id', value: '0b7c8a52-3c2e-4d8e-9f1a-6e5d4c3b2a19' } });
		assert.equal(unknown.ok, false);
		const error = unknown.error ?? Object.values(unknown.runData).flat().find((t) => t?.error)?.error ?? {};
		assert.match(String(error.message), /^Package: Certn has no such package in this account/);
	});
});
