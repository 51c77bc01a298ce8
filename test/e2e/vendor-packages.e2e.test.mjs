// The per-vendor packages (scripts/lib/vendor-packages.mjs, `npm run pack:vendors`) installed
// ALONE into a fresh n8n user folder each, as n8n installs a community package: n8n loads that
// vendor's nodes and credentials (and nothing of the other vendors), and a Get Many runs against
// the vendor's simulator. Needs a build in dist/ (scripts/e2e.mjs builds first).
//
//   node scripts/e2e.mjs --n8n-version=all test/e2e/vendor-packages.e2e.test.mjs

import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startStack } from '../../scripts/lib/stack.mjs';
import { cacheRoot } from '../../scripts/lib/n8n-install.mjs';
import { ROOT_PKG, VENDOR_PACKAGES, stageVendorPackage } from '../../scripts/lib/vendor-packages.mjs';
import { manualWorkflow, workflowId } from './setup.mjs';

const VERSION = process.env.N8N_CC_N8N_VERSION ?? '2';
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-vendor-e2e-'));
after(() => fs.rmSync(work, { recursive: true, force: true }));

/** Stages and packs one vendor package from dist/; returns { tarball, pkg }. */
function packVendor(vendor) {
	const stage = path.join(work, `stage-${vendor}`);
	const { pkg } = stageVendorPackage(vendor, stage);
	const r = spawnSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], { cwd: stage, encoding: 'utf8' });
	assert.equal(r.status, 0, `npm pack of ${pkg.name} failed: ${r.stderr}`);
	const [info] = JSON.parse(r.stdout);
	return { tarball: path.join(work, info.filename), pkg, files: info.files.map((f) => f.path) };
}

const typeName = (file) => file.slice(file.lastIndexOf('/') + 1).replace(/\.(node|credentials)\.js$/, '');

for (const vendor of Object.keys(VENDOR_PACKAGES)) {
	describe(`${VENDOR_PACKAGES[vendor].name} installed alone (n8n ${VERSION})`, () => {
		let stack = null;
		let packed = null;
		after(async () => {
			await stack?.stop();
		}, { timeout: 120000 });

		test('the tarball holds only this vendor, its core files, index.js, README and LICENSE', () => {
			packed = packVendor(vendor);
			const { dir } = VENDOR_PACKAGES[vendor];
			const others = Object.values(VENDOR_PACKAGES).filter((v) => v.dir !== dir).map((v) => v.dir);
			for (const f of packed.files) {
				assert.ok(['package.json', 'README.md', 'LICENSE', 'index.js'].includes(f) || f.startsWith('dist/'), `unexpected file ${f}`);
				for (const o of others) assert.ok(!f.includes(`/${o}/`) && !f.startsWith(`dist/credentials/${o}`), `${f} belongs to ${o}`);
			}
			for (const f of [...packed.pkg.n8n.nodes, ...packed.pkg.n8n.credentials]) assert.ok(packed.files.includes(f), `${f} is listed but not packed`);
			assert.equal(packed.pkg.n8n.strict, true);
			assert.deepEqual(packed.pkg.dependencies ?? {}, {});
			assert.deepEqual(packed.pkg.peerDependencies, { 'n8n-workflow': '*' });
			assert.ok(packed.pkg.keywords.includes('n8n-community-node-package'));
		});

		test('n8n loads its nodes and credentials, and a Get Many reads the simulator', { timeout: 10 * 60 * 1000 }, async () => {
			assert.ok(packed, 'the tarball was not packed');
			stack = await startStack({
				version: VERSION,
				vendors: [vendor],
				packageTarball: packed.tarball,
				log: (m) => process.stderr.write(`# [e2e vendor-packages ${vendor}] ${m}\n`),
			});
			const n8n = stack.n8n;
			const P = packed.pkg.name;
			const editor = new Set((await n8n.nodeTypes()).map((n) => n.name));
			const nodeNames = packed.pkg.n8n.nodes.map((f) => {
				const cls = typeName(f);
				return cls.charAt(0).toLowerCase() + cls.slice(1);
			});
			for (const name of nodeNames) assert.ok(editor.has(`${P}.${name}`), `n8n did not register ${P}.${name}`);
			assert.ok(editor.has(`${P}.${vendor}Tool`), `the action node is not registered as a tool (${P}.${vendor}Tool)`);
			assert.deepEqual([...editor].filter((t) => t.startsWith(`${ROOT_PKG.name}.`)), [], 'nodes of the all-in-one package are registered');
			const credentialTypes = new Set((await n8n.credentialTypes()).map((c) => c.name));
			for (const f of packed.pkg.n8n.credentials) {
				const cls = typeName(f);
				assert.ok(credentialTypes.has(cls.charAt(0).toLowerCase() + cls.slice(1)), `credential ${cls} is not registered`);
			}
			const loadErrors = n8n
				.logs()
				.split('\n')
				.map((l) => l.replaceAll(cacheRoot(), '<cache>'))
				.filter((l) => l.includes(P) && /error|failed|cannot/i.test(l));
			assert.deepEqual(loadErrors, []);

			const credType = Object.keys(stack.credentials).find((t) => t.startsWith(vendor));
			assert.ok(credType, `no simulator credential for ${vendor}`);
			const id = workflowId(`vendorpkg${vendor}${VERSION}`);
			const parameters = { resource: 'case', operation: 'getAll', returnAll: false, limit: 5, ...(vendor === 'sphinx' ? { authentication: 'accessToken' } : {}) };
			await n8n.importWorkflow(
				manualWorkflow(id, `e2e ${P}: get many`, [
					{ name: 'Cases', type: `${P}.${vendor}`, parameters, credentials: { [credType]: { id: stack.credentials[credType].id, name: stack.credentials[credType].name } } },
				]),
			);
			const run = await n8n.execute(id);
			assert.ok(run.ok, `execution failed: ${JSON.stringify(run.error)}`);
			const items = run.items('Cases');
			assert.equal(items.length, 5);
			for (const item of items) {
				assert.equal(item.vendor, vendor);
				assert.equal(typeof item.id, 'string');
			}
		});
	});
}
