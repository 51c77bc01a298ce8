#!/usr/bin/env node
// `npm run test:queue`: the package in n8n's queue mode (test/queue/*.test.mjs) — Postgres, Redis,
// main, one webhook process and two workers (see scripts/lib/n8n-queue.mjs).
//
//   node scripts/test-queue.mjs [--n8n-version=2|1|all] [--no-build] [--only=<name-pattern>]
//
// Installs what is missing (n8n into its cache; Debian's postgresql / redis-server with apt-get
// when running as root), builds and packs the package once, then runs `node --test` per n8n
// version. Figures and every process' log land in test-artifacts/queue/.
// Exit code non-zero when a test failed. E2E_SUMMARY_FILE: as scripts/e2e.mjs.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureN8n, fmtMs } from './lib/n8n-install.mjs';
import { buildPackage, packPackage, REPO_DIR } from './lib/n8n-instance.mjs';
import { nodeTestArgs, parseTestOptions } from './lib/cli-options.mjs';

const options = parseTestOptions(); // file arguments are not used: every test/queue/*.test.mjs runs
const t0 = Date.now();
const log = (m) => console.log(`[queue +${fmtMs(Date.now() - t0)}] ${m}`);
const { versions } = options;
const dir = path.join(REPO_DIR, 'test', 'queue');
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.test.mjs')).sort().map((f) => path.join(dir, f));

let child = null;
for (const sig of ['SIGINT', 'SIGTERM']) {
	process.on(sig, () => {
		if (child) child.kill(sig);
		else process.exit(130);
	});
}

const summaries = [];
let failed = false;
try {
	for (const v of versions) await ensureN8n({ version: v, log });
	if (options.build) await buildPackage({ log });
	const packDir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-cc-queue-pack-'));
	process.on('exit', () => fs.rmSync(packDir, { recursive: true, force: true }));
	const tarball = await packPackage({ destDir: packDir, log });
	for (const v of versions) {
		const t = Date.now();
		const args = nodeTestArgs({ only: options.only, files });
		log(`running ${files.map((f) => path.relative(REPO_DIR, f)).join(', ')} against n8n ${v}.x in queue mode`);
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
		summaries.push({ version: v, code, ms: Date.now() - t, tests: count('tests'), pass: count('pass'), fail: count('fail'), skipped: count('skipped'), cancelled: count('cancelled') });
		if (code !== 0) failed = true;
	}
} catch (e) {
	console.error(`\nqueue-mode set-up failed: ${e.message}`);
	process.exit(1);
}

console.log('\n──────── queue mode summary ────────');
for (const s of summaries) {
	console.log(`n8n ${s.version}.x: ${s.code === 0 ? 'PASS' : 'FAIL'} — ${s.tests} tests: ${s.pass} pass, ${s.fail} fail, ${s.cancelled} cancelled, ${s.skipped} skipped (${fmtMs(s.ms)})`);
}
console.log(`total ${fmtMs(Date.now() - t0)}; figures and logs in test-artifacts/queue/`);
if (process.env.E2E_SUMMARY_FILE) {
	const sum = (k) => summaries.reduce((n, s) => n + (Number.isFinite(s[k]) ? s[k] : 0), 0);
	fs.writeFileSync(process.env.E2E_SUMMARY_FILE, JSON.stringify({ passed: sum('pass'), failed: sum('fail') + sum('cancelled') + (failed && !sum('fail') ? 1 : 0), skipped: sum('skipped') }));
}
process.exit(failed ? 1 : 0);
