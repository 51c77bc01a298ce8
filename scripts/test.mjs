#!/usr/bin/env node
// `npm test`: everything a change must pass, from a fresh clone.
// Installs the dev tree if needed, then lint, build, the six packages (npm run pack:vendors),
// jest (unit + in-process workflow runs),
// and the end-to-end suite in a real n8n (skip it with `npm test -- --no-e2e` or TEST_E2E=0).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { printFaultTables } from './lib/fault-tables.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const runE2e = !args.includes('--no-e2e') && process.env.TEST_E2E !== '0';
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const totals = { passed: 0, failed: 0, skipped: 0 };
const started = Date.now();

function step(title, command, commandArgs, options = {}) {
	const t0 = Date.now();
	console.log(`\n==> ${title}`);
	const result = spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit', env: { ...process.env, ...options.env } });
	const seconds = ((Date.now() - t0) / 1000).toFixed(1);
	console.log(`<== ${title}: ${result.status === 0 ? 'ok' : `FAILED (exit ${result.status ?? result.signal})`} in ${seconds}s`);
	return result.status === 0;
}

function depsInstalled() {
	const marker = join(root, 'node_modules', '.package-lock.json');
	if (!existsSync(marker)) return false;
	return statSync(marker).mtimeMs >= statSync(join(root, 'package-lock.json')).mtimeMs;
}

let ok = true;
if (!depsInstalled()) ok = step('install dev dependencies (npm ci --ignore-scripts)', npm, ['ci', '--ignore-scripts', '--no-audit', '--no-fund']) && ok;
if (ok) ok = step('lint (n8n community rules)', npm, ['run', '--silent', 'lint']) && ok;
if (ok) ok = step('type-check (sources and tests)', process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '--noEmit', '-p', 'tsconfig.json']) && ok;
if (ok) ok = step('build', npm, ['run', '--silent', 'build']) && ok;
if (ok) ok = step('pack the six packages (n8n lint on each tree, verification scan of each tarball)', process.execPath, [join(root, 'scripts', 'pack-vendors.mjs'), '--no-build']) && ok;

if (ok) {
	const dir = mkdtempSync(join(tmpdir(), 'cc-jest-'));
	const report = join(dir, 'jest.json');
	const jestOk = step('jest: unit and in-process workflow tests', process.execPath, [
		join(root, 'node_modules', 'jest', 'bin', 'jest.js'),
		'--json',
		`--outputFile=${report}`,
		...(process.env.CI ? ['--ci'] : []),
	]);
	if (existsSync(report)) {
		const r = JSON.parse(readFileSync(report, 'utf8'));
		totals.passed += r.numPassedTests;
		totals.failed += r.numFailedTests + (r.numRuntimeErrorTestSuites ?? 0);
		totals.skipped += r.numPendingTests + r.numTodoTests;
	} else totals.failed += 1;
	rmSync(dir, { recursive: true, force: true });
	printFaultTables(root);
	ok = jestOk && ok;
}

if (ok && runE2e) {
	const dir = mkdtempSync(join(tmpdir(), 'cc-e2e-'));
	const summary = join(dir, 'summary.json');
	const e2eOk = step('end-to-end tests in a real n8n', process.execPath, [join(root, 'scripts', 'e2e.mjs'), '--no-build', `--n8n-version=${process.env.N8N_CC_N8N_VERSION ?? 'all'}`], {
		env: { E2E_SUMMARY_FILE: summary },
	});
	if (existsSync(summary)) {
		const s = JSON.parse(readFileSync(summary, 'utf8'));
		totals.passed += s.passed;
		totals.failed += s.failed;
		totals.skipped += s.skipped ?? 0;
	} else if (!e2eOk) totals.failed += 1;
	rmSync(dir, { recursive: true, force: true });
	ok = e2eOk && ok;
} else if (!runE2e) console.log('\n(end-to-end tests skipped)');

console.log(`\nnpm test finished in ${((Date.now() - started) / 1000).toFixed(0)}s`);
console.log(`tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(ok && totals.failed === 0 ? 0 : 1);
