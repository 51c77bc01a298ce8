// The editor, seen in a browser: headless Chromium (Debian's package, through playwright-core;
// scripts/lib/browser.mjs installs it with apt-get when missing) signs in to a real n8n with the
// package installed, opens a workflow with the Persona Trigger and the Persona node, and checks
// what a user sees there: the operations and fields render, the Persona credentials can be picked,
// the Case list loads through the chosen credential, and the choices are saved.
// Screenshots go to test-artifacts/e2e/screenshots/ (one per step, and one when a step fails).
//
//   node scripts/e2e.mjs test/e2e/editor.e2e.test.mjs
//   node scripts/e2e.mjs --n8n-version=1 test/e2e/editor.e2e.test.mjs

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { useE2e, ARTIFACTS, PKG, REPO_DIR } from './setup.mjs';
import { launchBrowser } from '../../scripts/lib/browser.mjs';

const e2e = useE2e({ vendors: ['persona'] });
const P = PKG.name;
const require = createRequire(`${REPO_DIR}/package.json`);
const { compareCasesNewestFirst } = require('./simulators/persona/seed.js');

const SHOTS = path.join(ARTIFACTS, 'screenshots');
const WORKFLOW_ID = 'e2eEditorPersona';
const TRIGGER_WEBHOOK_ID = '5b0e3c1a-7d2f-4e8a-9b6c-1f2e3d4c5b6a';
const OTHER_CREDENTIAL = { id: 'ccPersonaProd001', name: 'Persona (production)', type: 'personaApi' };

/** The operation names (labels) of the contract's Persona operations, as the editor lists them. */
const OPERATIONS = ['Add Comment', 'Add Objects', 'Add Tag', 'Assign', 'Create', 'Get', 'Get Many', 'Redact', 'Remove Objects', 'Remove Tag', 'Search', 'Set Status', 'Set Tags', 'Update'];

let browser;
let page;
let shotSeq = 0;

/** Saves a full-window screenshot as an artifact; returns its path. */
async function screenshot(label) {
	fs.mkdirSync(SHOTS, { recursive: true });
	const file = path.join(SHOTS, `editor-${String(++shotSeq).padStart(2, '0')}-${label}.n8n-${e2e.version}.png`);
	await page.waitForTimeout(400); // let dropdowns finish their opening animation
	await page.screenshot({ path: file });
	return file;
}

/** A test step that leaves a screenshot behind when it fails. */
function step(name, fn) {
	test(name, async (t) => {
		try {
			await fn(t);
		} catch (e) {
			if (page) await screenshot(`FAILED-${name.replace(/[^A-Za-z0-9]+/g, '-').slice(0, 60)}`).catch(() => {});
			throw e;
		}
	});
}

const ndv = () => page.locator('[data-test-id="ndv"]');
/**
 * Opens an n8n (Element Plus) select and returns its own option list (the combobox's
 * aria-controls), so options of a dropdown that is still closing are never mixed in.
 */
async function openSelect(container) {
	const combo = container.locator('[role="combobox"]').first();
	await container.click();
	const listbox = page.locator(`[id="${await combo.getAttribute('aria-controls')}"]`);
	await listbox.waitFor({ state: 'visible', timeout: 15000 });
	const options = listbox.locator('.el-select-dropdown__item');
	const names = async () => (await options.allInnerTexts()).map((t) => t.split('\n')[0].trim());
	return {
		names,
		async choose(name) {
			const list = await names();
			const i = list.indexOf(name);
			assert.ok(i >= 0, `option "${name}" in ${JSON.stringify(list)}`);
			await options.nth(i).click();
		},
		async close() {
			if (await listbox.isVisible()) await page.keyboard.press('Escape');
			await listbox.waitFor({ state: 'hidden', timeout: 10000 });
		},
	};
}
/** The label texts of the parameters the NDV shows now. */
const parameterLabels = async () =>
	(await ndv().locator('[data-test-id="node-parameters"] [data-test-id="parameter-item"] label').allInnerTexts()).map((t) => t.split('\n')[0].trim()).filter(Boolean);
/** The credential picker once it is interactive (2.x shows a disabled stand-in while loading). */
const credentialSelect = () => ndv().locator('div[data-test-id="node-credentials-select"]');
const credentialValue = async () => (await credentialSelect().locator('input').first().inputValue()).trim();

async function openNode(name) {
	await page.locator(`[data-test-id="canvas-node"][data-node-name="${name}"]`).dblclick();
	await ndv().waitFor({ state: 'visible', timeout: 20000 });
	await credentialSelect().waitFor({ state: 'visible', timeout: 30000 });
}
async function closeNode() {
	await page.locator('[data-test-id="ndv-close-button"]:visible, [data-test-id="back-to-canvas"]:visible').first().click();
	await ndv().waitFor({ state: 'hidden', timeout: 10000 });
}

describe('the editor (headless Chromium)', () => {
	before(async () => {
		const { n8n } = e2e;
		await n8n.importCredentials({ ...OTHER_CREDENTIAL, data: { apiKey: 'persona_production_not_a_real_key', baseUrl: 'https://api.withpersona.com/api/v1' } });
		// As a user would have it after dropping the two nodes on the canvas: no credential yet.
		await n8n.importWorkflow({
			id: WORKFLOW_ID,
			name: 'e2e: Persona in the editor',
			nodes: [
				{ id: 'ed-1', name: 'Persona Trigger', type: `${P}.personaTrigger`, typeVersion: 1, position: [0, 0], webhookId: TRIGGER_WEBHOOK_ID, parameters: { events: ['case.status-updated'] } },
				{ id: 'ed-2', name: 'Persona', type: `${P}.persona`, typeVersion: 1, position: [320, 0], parameters: { resource: 'case', operation: 'setStatus', caseId: { __rl: true, mode: 'list', value: '' }, status: 'Approved' } },
			],
			connections: { 'Persona Trigger': { main: [[{ node: 'Persona', type: 'main', index: 0 }]] } },
			settings: { executionOrder: 'v1' },
		});
		browser = await launchBrowser({ log: (m) => process.stderr.write(`# [browser] ${m}\n`) });
		page = browser.page;
		page.setDefaultTimeout(20000);
	});
	after(async () => {
		await browser?.close();
	});

	step('signs in with the owner login', async () => {
		const { n8n } = e2e;
		await page.goto(`${n8n.url}/signin`);
		const email = page.locator('input[name="emailOrLdapLoginId"], input[name="email"]').first();
		await email.waitFor({ state: 'visible' });
		await email.fill(n8n.owner.email);
		await page.locator('input[name="password"]').fill(n8n.owner.password);
		await screenshot('signin');
		await page.locator('[data-test-id="form-submit-button"]').click();
		await page.waitForURL((u) => !u.pathname.includes('signin'), { timeout: 30000 });
	});

	step('opens the workflow: the Persona Trigger and the Persona node on the canvas, with the package\'s icon', async () => {
		await page.goto(`${e2e.n8n.url}/workflow/${WORKFLOW_ID}`);
		const trigger = page.locator('[data-test-id="canvas-node"][data-node-name="Persona Trigger"]');
		const action = page.locator('[data-test-id="canvas-node"][data-node-name="Persona"]');
		await trigger.waitFor({ state: 'visible', timeout: 30000 });
		await action.waitFor({ state: 'visible' });
		assert.equal(await trigger.getAttribute('data-node-type'), `${P}.personaTrigger`);
		assert.equal(await action.getAttribute('data-node-type'), `${P}.persona`);
		// the icon comes from the installed package and loads (no fallback)
		for (const node of [trigger, action]) {
			const img = node.locator('img').first();
			await img.waitFor({ state: 'visible' });
			assert.match((await img.getAttribute('src')) ?? '', /persona\.svg/);
			assert.ok(await img.evaluate((el) => el.complete && el.naturalWidth > 0), 'the icon image loaded');
		}
		// subtitles: the selected event, the operation
		const canvasText = await page.locator('[data-test-id="canvas-node"]').allInnerTexts();
		assert.ok(canvasText.some((t) => t.includes('case.status-updated')), `trigger subtitle in ${JSON.stringify(canvasText)}`);
		assert.ok(canvasText.some((t) => t.includes('setStatus: case')), `node subtitle in ${JSON.stringify(canvasText)}`);
		await screenshot('canvas');
	});

	step('Persona node: the operations and the fields of Set Status and Get Many render', async () => {
		await openNode('Persona');
		assert.deepEqual((await parameterLabels()).filter((l) => /^(Resource|Operation|Case|Status|Simplify)$/.test(l)), ['Resource', 'Operation', 'Case', 'Status', 'Simplify']);
		const operation = await openSelect(ndv().locator('[data-test-id="parameter-input-operation"]'));
		const ops = await operation.names();
		for (const op of OPERATIONS) assert.ok(ops.includes(op), `operation "${op}" in ${JSON.stringify(ops)}`);
		await screenshot('persona-operations');
		await operation.choose('Get Many');
		await ndv().locator('[data-test-id="parameter-input-returnAll"]').waitFor({ state: 'visible' });
		const labels = await parameterLabels();
		for (const l of ['Return All', 'Limit', 'Filters', 'Simplify']) assert.ok(labels.includes(l), `"${l}" in ${JSON.stringify(labels)}`);
		assert.ok(!labels.includes('Case'), 'no Case picker for Get Many');
		await screenshot('persona-get-many');
		await (await openSelect(ndv().locator('[data-test-id="parameter-input-operation"]'))).choose('Set Status');
		await ndv().locator('[data-test-id="resource-locator-caseId"]').waitFor({ state: 'visible' });
		// the Case resource locator offers its three modes
		const modes = await openSelect(ndv().locator('[data-test-id="resource-locator-caseId"] [data-test-id="rlc-mode-selector"]'));
		assert.deepEqual(await modes.names(), ['From list', 'By ID', 'By URL']);
		await modes.close();
	});

	step('Persona node: the Persona credentials can be selected, and the Case list loads through the chosen one', async () => {
		const picker = await openSelect(credentialSelect());
		assert.deepEqual((await picker.names()).sort(), [OTHER_CREDENTIAL.name, 'Persona (simulator)'], 'both Persona credentials, nothing of another type');
		await screenshot('persona-credentials');
		await picker.choose(OTHER_CREDENTIAL.name);
		await assertEventually(async () => assert.equal(await credentialValue(), OTHER_CREDENTIAL.name));
		await (await openSelect(credentialSelect())).choose('Persona (simulator)');
		await assertEventually(async () => assert.equal(await credentialValue(), 'Persona (simulator)'));

		// "From list" asks the simulator (through the node's list search and this credential)
		const newest = [...e2e.sim('persona').state.cases.values()].sort(compareCasesNewestFirst)[0];
		const rl = ndv().locator('[data-test-id="resource-locator-caseId"]');
		await rl.locator('[data-test-id="rlc-input"]').click();
		const items = page.locator('[data-test-id="rlc-item"]:visible');
		await items.first().waitFor({ timeout: 20000 });
		const first = (await items.allInnerTexts()).map((t) => t.trim());
		assert.equal(first[0], `${newest.attributes.name} (${newest.attributes.status})`, 'the newest case of the simulator first');
		await screenshot('persona-case-list');
		await items.first().click();
		await assertEventually(async () => assert.equal(await rl.locator('[data-test-id="rlc-input"]').inputValue(), first[0]));
		// switching operations reset Status (n8n drops hidden parameters): fill it in again
		const status = ndv().locator('[data-test-id="parameter-input-status"] input');
		await status.fill('Approved');
		await assertEventually(async () => assert.equal(await status.inputValue(), 'Approved'));
		await screenshot('persona-set-status');
		await closeNode();
		// fully configured: the canvas shows no warning on the node
		await assertEventually(async () =>
			assert.equal(await page.locator('[data-test-id="canvas-node"][data-node-name="Persona"] [data-test-id="node-issues"]').count(), 0, 'no parameter issues on the Persona node'),
		);
	});

	step('Persona Trigger: webhook setup, the events multi-select and the production URL render', async () => {
		await openNode('Persona Trigger');
		const labels = await parameterLabels();
		for (const l of ['Webhook Setup', 'Events', 'Simplify', 'Options']) assert.ok(labels.includes(l), `"${l}" in ${JSON.stringify(labels)}`);
		const picker = await openSelect(credentialSelect());
		assert.deepEqual((await picker.names()).sort(), [OTHER_CREDENTIAL.name, 'Persona (simulator)']);
		await picker.choose('Persona (simulator)');
		await assertEventually(async () => assert.equal(await credentialValue(), 'Persona (simulator)'));

		const setup = await openSelect(ndv().locator('[data-test-id="parameter-input-registration"]'));
		assert.deepEqual(await setup.names(), ['Automatic', 'Manual (Dashboard Webhook)']);
		await setup.close();

		const events = ndv().locator('[data-test-id="parameter-input-events"]');
		assert.match(await events.innerText(), /Case Status Updated/);
		const eventList = await openSelect(events);
		const offered = await eventList.names();
		// every documented event the trigger declares (case, inquiry, account, report), none other
		const { PERSONA_EVENT_OPTIONS } = require(path.join(REPO_DIR, 'dist', 'nodes', 'Persona', 'objects.js'));
		assert.deepEqual([...offered].sort(), PERSONA_EVENT_OPTIONS.map((o) => o.name).sort(), 'the events offered are the documented ones');
		for (const e of ['Case Comment Created', 'Case Message Sent']) assert.ok(!offered.includes(e), `undocumented event "${e}" not offered`);
		for (const e of ['Case Assigned', 'Case Created', 'Case Resolved', 'Case Status Updated', 'Inquiry Completed']) assert.ok(offered.includes(e), `event "${e}" in ${JSON.stringify(offered)}`);
		await eventList.choose('Case Assigned');
		await screenshot('trigger-events-open');
		await eventList.close();
		await assertEventually(async () => assert.match(await events.innerText(), /Case Assigned/));
		await screenshot('trigger-events');

		// the "Webhook URLs" section shows the production URL the trigger registers with Persona
		await ndv().getByText('Webhook URLs').first().click();
		await page.getByText('Production URL', { exact: false }).first().click().catch(() => {});
		const productionUrl = e2e.n8n.webhookUrl(`${TRIGGER_WEBHOOK_ID}/webhook`);
		await assertEventually(async () => assert.ok((await ndv().innerText()).includes(productionUrl), `${productionUrl} shown`));
		await screenshot('trigger-webhook-urls');
		await closeNode();
	});

	step('saving keeps the chosen credential, case and events', async () => {
		await page.locator('[data-test-id="canvas-node"][data-node-name="Persona"]').click();
		await page.keyboard.press('Control+s');
		const newest = [...e2e.sim('persona').state.cases.values()].sort(compareCasesNewestFirst)[0];
		const simulatorCredential = e2e.credentials.personaApi.id;
		await assertEventually(
			async () => {
				const wf = await e2e.n8n.rest('GET', `/workflows/${WORKFLOW_ID}`);
				const node = wf.nodes.find((n) => n.name === 'Persona');
				const trigger = wf.nodes.find((n) => n.name === 'Persona Trigger');
				assert.equal(node.credentials?.personaApi?.id, simulatorCredential);
				assert.equal(node.parameters.caseId.value, newest.id);
				assert.equal(node.parameters.caseId.mode, 'list');
				assert.equal(node.parameters.operation, 'setStatus');
				assert.equal(node.parameters.status, 'Approved');
				assert.equal(trigger.credentials?.personaApi?.id, simulatorCredential);
				assert.deepEqual(trigger.parameters.events, ['case.status-updated', 'case.assigned']);
			},
			{ timeoutMs: 20000 },
		);
		await screenshot('saved');
	});
});

/** Retries an assertion until it passes (the editor updates asynchronously). */
async function assertEventually(fn, { timeoutMs = 10000, intervalMs = 200 } = {}) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		try {
			return await fn();
		} catch (e) {
			if (Date.now() > deadline) throw e;
			await new Promise((r) => setTimeout(r, intervalMs));
		}
	}
}
