#!/usr/bin/env node
// `npm run pack:vendors`: the six tarballs from one build — the all-in-one package and one
// package per vendor (scripts/lib/vendor-packages.mjs) — each checked the way n8n's verification
// checks a package:
//   lint  n8n's community lint (@n8n/node-cli's eslint config, with cloud support, no rule
//         disabled) run on the package's own tree: its sources and its package.json;
//   scan  the packed JavaScript as published, with n8n's community-node rules that the
//         verification scan applies (no process / timers / globals, only allowed imports, no
//         dangerous functions) plus no dynamic require, no eval, no new Function.
// Writes the tarballs to --out (default .pack/) and prints one line per package. Exit 1 if any
// check fails.
//
//   npm run pack:vendors [-- --out=DIR --vendors=persona,certn --no-build --json=FILE]

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ESLint, Linter } from 'eslint';
import communityNodes from '@n8n/eslint-plugin-community-nodes';
import { REPO_DIR } from './lib/n8n-instance.mjs';
import { ROOT_PKG, VENDOR_PACKAGES, stageVendorPackage } from './lib/vendor-packages.mjs';

const argv = process.argv.slice(2);
const opt = (name, d) => {
	const a = argv.find((x) => x.startsWith(`--${name}=`));
	return a ? a.slice(name.length + 3) : d;
};
const OUT = path.resolve(opt('out', path.join(REPO_DIR, '.pack')));
const VENDORS = opt('vendors', Object.keys(VENDOR_PACKAGES).join(',')).split(',').filter(Boolean);
const JSON_OUT = opt('json', null);
const log = (m) => console.log(`[pack:vendors] ${m}`);

function run(cmd, args, cwd) {
	const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
	if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} (in ${cwd}) failed:\n${r.stdout}\n${r.stderr}`);
	return r.stdout;
}

/** n8n's lint on a package tree, with the tree's own eslint.config.mjs. Returns { errors, warnings, messages }. */
async function lintTree(dir) {
	const eslint = new ESLint({ cwd: dir });
	const results = await eslint.lintFiles(['.']);
	const messages = results.flatMap((r) => r.messages.map((m) => `${path.relative(dir, r.filePath)}:${m.line}: ${m.ruleId ?? 'parse'}: ${m.message}`));
	return {
		files: results.length,
		errors: results.reduce((n, r) => n + r.errorCount, 0),
		warnings: results.reduce((n, r) => n + r.warningCount, 0),
		messages,
	};
}

const noDynamicRequire = {
	meta: { type: 'problem', schema: [], messages: { dynamic: 'require() with a computed argument' } },
	create: (context) => ({
		CallExpression(node) {
			if (node.callee.type === 'Identifier' && node.callee.name === 'require' && !(node.arguments.length === 1 && node.arguments[0].type === 'Literal')) {
				context.report({ node, messageId: 'dynamic' });
			}
		},
	}),
};

/** The verification-style scan of the packed JavaScript (the tarball extracted to `dir`). */
function scanPacked(dir) {
	const linter = new Linter({ configType: 'flat' });
	const config = [
		{
			files: ['**/*.js'],
			languageOptions: { ecmaVersion: 2022, sourceType: 'commonjs' },
			plugins: { '@n8n/community-nodes': communityNodes, scan: { rules: { 'no-dynamic-require': noDynamicRequire } } },
			rules: {
				'@n8n/community-nodes/no-restricted-globals': 'error',
				'@n8n/community-nodes/no-restricted-imports': 'error',
				'@n8n/community-nodes/no-dangerous-functions': 'error',
				'scan/no-dynamic-require': 'error',
				'no-eval': 'error',
				'no-implied-eval': 'error',
				'no-new-func': 'error',
			},
		},
	];
	const files = fs.readdirSync(dir, { recursive: true }).map(String).filter((f) => f.endsWith('.js'));
	const messages = [];
	for (const f of files) {
		const out = linter.verify(fs.readFileSync(path.join(dir, f), 'utf8'), config, { filename: f });
		for (const m of out) messages.push(`${f}:${m.line}: ${m.ruleId ?? 'parse'}: ${m.message}`);
	}
	return { files: files.length, errors: messages.length, messages };
}

/** npm pack of `dir` into OUT; then the tarball extracted for the scan. */
function packAndScan(dir) {
	const [info] = JSON.parse(run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', OUT], dir));
	const tarball = path.join(OUT, info.filename);
	const x = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-scan-'));
	run('tar', ['-xzf', tarball, '-C', x], x);
	const scan = scanPacked(path.join(x, 'package'));
	const files = info.files.map((f) => f.path);
	fs.rmSync(x, { recursive: true, force: true });
	return { tarball, size: fs.statSync(tarball).size, unpackedSize: info.unpackedSize, entryCount: info.entryCount, files, scan };
}

async function main() {
	fs.mkdirSync(OUT, { recursive: true });
	if (!argv.includes('--no-build')) {
		log('npm run build');
		run('npm', ['run', '--silent', 'build'], REPO_DIR);
	}
	const results = [];

	log(`${ROOT_PKG.name} (all vendors)`);
	const rootLint = await lintTree(REPO_DIR);
	results.push({ name: ROOT_PKG.name, vendor: 'all', lint: rootLint, ...packAndScan(REPO_DIR) });

	const stageRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-vendor-pkgs-'));
	try {
		for (const vendor of VENDORS) {
			if (!VENDOR_PACKAGES[vendor]) throw new Error(`unknown vendor ${vendor}; known: ${Object.keys(VENDOR_PACKAGES).join(', ')}`);
			const stage = path.join(stageRoot, vendor);
			const { pkg } = stageVendorPackage(vendor, stage);
			log(`${pkg.name}: staged (${pkg.n8n.credentials.length} credential(s), ${pkg.n8n.nodes.length} node(s))`);
			const lint = await lintTree(stage);
			results.push({ name: pkg.name, vendor, lint, ...packAndScan(stage) });
		}
	} finally {
		fs.rmSync(stageRoot, { recursive: true, force: true });
	}

	let failed = false;
	console.log('\n| package | tarball | size | files | lint (n8n community, own tree) | scan (packed JS) |');
	console.log('|---|---|---|---|---|---|');
	for (const r of results) {
		const lintOk = r.lint.errors === 0 && r.lint.warnings === 0;
		const scanOk = r.scan.errors === 0;
		failed ||= !lintOk || !scanOk;
		console.log(
			`| ${r.name} | ${path.basename(r.tarball)} | ${(r.size / 1024).toFixed(1)} kB | ${r.entryCount} | ${lintOk ? 'pass' : 'FAIL'}: ${r.lint.files} files, ${r.lint.errors} errors, ${r.lint.warnings} warnings | ${scanOk ? 'pass' : 'FAIL'}: ${r.scan.files} .js files, ${r.scan.errors} findings |`,
		);
		for (const m of [...r.lint.messages, ...r.scan.messages].slice(0, 30)) console.log(`    ${r.name}: ${m}`);
	}
	if (JSON_OUT) {
		fs.writeFileSync(JSON_OUT, JSON.stringify(results.map(({ files, ...r }) => ({ ...r, files })), null, 2));
	}
	console.log(`\ntarballs in ${path.relative(process.cwd(), OUT) || '.'}`);
	process.exit(failed ? 1 : 0);
}

main().catch((e) => {
	console.error(`[pack:vendors] ${e.stack ?? e.message}`);
	process.exit(2);
});
