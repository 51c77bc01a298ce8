#!/usr/bin/env node
// `npm run test:e2e`: the end-to-end tests (test/e2e/*.e2e.test.mjs) in a real n8n.
//
//   node scripts/e2e.mjs [--n8n-version=2|1|all] [--no-build] [--only=<name-pattern>] [files…]
//
// Installs n8n first (cached; progress shown), builds and packs the package once, then runs
// `node --test` on the e2e files (each file starts its own n8n) and prints the runner's summary.
// Exit code: non-zero when any test failed. n8n logs go to test-artifacts/e2e/.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureN8n, fmtMs } from './lib/n8n-install.mjs';
import { buildPackage, packPackage, REPO_DIR } from './lib/n8n-instance.mjs';
import { nodeTestArgs, parseTestOptions } from './lib/cli-options.mjs';

const options = parseTestOptions();
const t0 = Date.now();
const log = (m) => console.log(`[e2e +${fmtMs(Date.now() - t0)}] ${m}`);

const { versions } = options;
const e2eDir = path.join(REPO_DIR, 'test', 'e2e');
let files = options.files;
if (!files.length) files = fs.readdirSync(e2eDir).filter((f) => f.endsWith('.e2e.test.mjs')).sort().map((f) => path.join(e2eDir, f));
if (!files.length) {
	console.error(`no *.e2e.test.mjs files in ${e2eDir}`);
	process.exit(1);
}

let child = null;
for (const sig of ['SIGINT', 'SIGTERM']) {
	process.on(sig, () => {
		if (child) child.kill(sig); // the runner forwards to the test files, which stop their n8n
		else process.exit(130);
	});
}

const summaries = [];
let failed = false;
try {
	for (const v of versions) {
		const install = await ensureN8n({ version: v, log });
		log(`n8n ${install.n8nVersion} on Node ${install.nodeVersion} ${install.cached ? '(cached)' : `(installed in ${fmtMs(install.durationMs)})`}`);
	}
	if (options.build) await buildPackage({ log });
	const packDir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-cc-e2e-'));
	process.on('exit', () => fs.rmSync(packDir, { recursive: true, force: true }));
	const tarball = await packPackage({ destDir: packDir, log });

	for (const v of versions) {
		const t = Date.now();
		const args = nodeTestArgs({ only: options.only, files });
		log(`running ${files.map((f) => path.relative(REPO_DIR, f)).join(', ')} against n8n ${v}.x`);
		let out = '';
		const code = await new Promise((resolve) => {
			child = spawn(process.execPath, args, {
				cwd: REPO_DIR,
				stdio: ['ignore', 'pipe', 'inherit'],
				env: { ...process.env, N8N_CC_N8N_VERSION: v, N8N_CC_PACKAGE_TARBALL: tarball },
			});
			child.stdout.on('data', (d) => {
				out += d;
				process.stdout.write(d);
			});
			child.on('exit', (c, s) => resolve(c ?? (s ? 1 : 0)));
		});
		child = null;
		const count = (k) => Number(new RegExp(`^ℹ ${k} (\\d+)`, 'm').exec(out)?.[1] ?? NaN);
		const s = { version: v, code, ms: Date.now() - t, tests: count('tests'), pass: count('pass'), fail: count('fail'), skipped: count('skipped'), todo: count('todo'), cancelled: count('cancelled') };
		summaries.push(s);
		if (code !== 0) failed = true;
	}
} catch (e) {
	console.error(`\ne2e set-up failed: ${e.message}`);
	process.exit(1);
}

console.log('\n──────── e2e summary ────────');
for (const s of summaries) {
	console.log(
		`n8n ${s.version}.x: ${s.code === 0 ? 'PASS' : 'FAIL'} — ${s.tests} tests: ${s.pass} pass, ${s.fail} fail, ${s.cancelled} cancelled, ${s.skipped} skipped, ${s.todo} todo (${fmtMs(s.ms)})`,
	);
}
console.log(`total ${fmtMs(Date.now() - t0)}; n8n logs in ${path.relative(REPO_DIR, path.join(REPO_DIR, 'test-artifacts', 'e2e')) || '.'}`);
if (process.env.E2E_SUMMARY_FILE) {
	// `npm test` adds these to its closing "N passed, N failed" line.
	const sum = (k) => summaries.reduce((n, s) => n + (Number.isFinite(s[k]) ? s[k] : 0), 0);
	fs.writeFileSync(
		process.env.E2E_SUMMARY_FILE,
		JSON.stringify({ passed: sum('pass'), failed: sum('fail') + sum('cancelled') + (failed && !sum('fail') ? 1 : 0), skipped: sum('skipped') + sum('todo') }),
	);
}
process.exit(failed ? 1 : 0);
