// One package per vendor, from the same sources and the same build as the all-in-one package
// (n8n verifies community packages one service per package). For each vendor this stages, in a
// temp folder: the vendor's credential(s) and nodes from dist/, the core files they require (the
// closure of their relative requires, nothing else), an index.js, package.json, README and
// LICENSE — and the TypeScript sources of exactly those files, so that n8n's lint can run on
// the package's own tree. Used by scripts/pack-vendors.mjs (`npm run pack:vendors`).

import fs from 'node:fs';
import path from 'node:path';
import { REPO_DIR } from './n8n-instance.mjs';

export const ROOT_PKG = JSON.parse(fs.readFileSync(path.join(REPO_DIR, 'package.json'), 'utf8'));

/**
 * The per-vendor packages. `dir` is the vendor's folder under nodes/ and the prefix of its
 * credential files. Names: all six were free on registry.npmjs.org on 2026-11-26 (`npm view
 * <name>` answered 404); check again before the first publish (README › Releases).
 */
export const VENDOR_PACKAGES = {
	persona: { name: 'n8n-nodes-persona-cases', dir: 'Persona', title: 'Persona', about: 'Persona (withpersona.com) cases: list, read, create, update, assign, resolve and search cases; signed webhooks and polling as triggers' },
	certn: { name: 'n8n-nodes-certn-cases', dir: 'Certn', title: 'Certn', about: 'Certn background-check cases: order checks and packages, list, read, cancel, reports as PDF; signed webhooks and polling as triggers' },
	zenoo: { name: 'n8n-nodes-zenoo-cases', dir: 'Zenoo', title: 'Zenoo', about: 'Zenoo compliance cases: list, read, create, update, close, reports, audit trail, comments; signed webhooks and polling as triggers' },
	sphinx: { name: 'n8n-nodes-sphinx-cases', dir: 'Sphinx', title: 'Sphinx', about: 'Sphinx compliance cases, checks and customers; webhook and polling triggers' },
	penbox: { name: 'n8n-nodes-penbox-cases', dir: 'Penbox', title: 'Penbox', about: 'Penbox cases (requests), files and contacts; polling and signed-webhook triggers' },
};

const KEEP = (f) => !f.endsWith('.map') && !f.endsWith('.d.ts') && !f.endsWith('.tsbuildinfo');

/** The `n8n` section of a vendor package: the root's entries of that vendor, in the root's order. */
export function vendorN8nSection(vendor) {
	const { dir } = VENDOR_PACKAGES[vendor];
	const credentials = ROOT_PKG.n8n.credentials.filter((f) => f.startsWith(`dist/credentials/${dir}`));
	const nodes = ROOT_PKG.n8n.nodes.filter((f) => f.startsWith(`dist/nodes/${dir}/`));
	if (!credentials.length || !nodes.length) throw new Error(`${vendor}: no credential or node of it in package.json's n8n section`);
	return { n8nNodesApiVersion: ROOT_PKG.n8n.n8nNodesApiVersion, strict: true, credentials, nodes };
}

/** Relative requires of a built file, resolved to repo-relative paths (`dist/core/request.js`). */
function relativeRequires(file) {
	const src = fs.readFileSync(path.join(REPO_DIR, file), 'utf8');
	const out = [];
	for (const m of src.matchAll(/require\("(\.{1,2}\/[^"]+)"\)/g)) {
		const base = path.posix.normalize(path.posix.join(path.posix.dirname(file), m[1]));
		const candidates = [base, `${base}.js`, `${base}/index.js`];
		const hit = candidates.find((c) => fs.existsSync(path.join(REPO_DIR, c)) && fs.statSync(path.join(REPO_DIR, c)).isFile());
		if (!hit) throw new Error(`${file}: require("${m[1]}") does not resolve inside dist/`);
		out.push(hit);
	}
	return out;
}

/**
 * Every dist file a vendor package needs: its credentials and nodes, the transitive closure of
 * their relative requires, and the assets (icons, codex) of its node folder. Throws if the
 * closure reaches another vendor's folder or leaves dist/: the core must not depend on a vendor.
 */
export function vendorDistFiles(vendor) {
	const { dir } = VENDOR_PACKAGES[vendor];
	const section = vendorN8nSection(vendor);
	const seen = new Set();
	const queue = [...section.credentials, ...section.nodes];
	while (queue.length) {
		const f = queue.pop();
		if (seen.has(f)) continue;
		if (!f.startsWith('dist/')) throw new Error(`${vendor}: ${f} is outside dist/`);
		const other = /^dist\/nodes\/([^/]+)\//.exec(f);
		if (other && other[1] !== dir) throw new Error(`${vendor}: needs ${f}, which belongs to another vendor`);
		const cred = /^dist\/credentials\/([^/]+)$/.exec(f);
		if (cred && !cred[1].startsWith(dir)) throw new Error(`${vendor}: needs ${f}, another vendor's credential`);
		seen.add(f);
		if (f.endsWith('.js')) queue.push(...relativeRequires(f));
	}
	const nodeDir = path.join(REPO_DIR, 'dist', 'nodes', dir);
	for (const f of fs.readdirSync(nodeDir, { recursive: true })) {
		const rel = `dist/nodes/${dir}/${String(f).split(path.sep).join('/')}`;
		if (fs.statSync(path.join(REPO_DIR, rel)).isFile() && KEEP(rel) && !rel.endsWith('.js')) seen.add(rel);
	}
	return [...seen].sort();
}

/** The TypeScript sources behind those dist files (plus the node folder's codex and icons). */
export function vendorSourceFiles(vendor) {
	const out = new Set();
	for (const f of vendorDistFiles(vendor)) {
		const rel = f.slice('dist/'.length);
		const ts = rel.replace(/\.js$/, '.ts');
		if (f.endsWith('.js')) {
			if (!fs.existsSync(path.join(REPO_DIR, ts))) throw new Error(`${vendor}: no source ${ts} for ${f}`);
			out.add(ts);
		} else out.add(rel);
	}
	return [...out].sort();
}

/** index.js: every credential and node class of an `n8n` section by class name, loaded on first use. */
export function renderIndex(section, packageName) {
	const line = (f) => {
		const cls = f.slice(f.lastIndexOf('/') + 1).replace(/\.(node|credentials)\.js$/, '');
		return `\tget ${cls}() {\n\t\treturn require('./${f.replace(/\.js$/, '')}').${cls};\n\t},`;
	};
	return [
		`// ${packageName}: every credential and node class of package.json's \`n8n\` section, by`,
		'// class name, from dist/, each loaded on first use. n8n itself loads the files the `n8n`',
		'// section lists; this is for programmatic users and tests.',
		"'use strict';",
		'',
		'module.exports = {',
		'\t// credentials',
		...section.credentials.map(line),
		'\t// nodes',
		...section.nodes.map(line),
		'};',
		'',
	].join('\n');
}

export function vendorPackageJson(vendor) {
	const v = VENDOR_PACKAGES[vendor];
	const pick = (k) => (ROOT_PKG[k] === undefined ? {} : { [k]: ROOT_PKG[k] });
	return {
		name: v.name,
		version: ROOT_PKG.version,
		description: `n8n nodes for ${v.about}. Built from ${ROOT_PKG.name}.`,
		keywords: ['n8n-community-node-package', 'n8n', vendor, 'kyc', 'compliance'],
		license: 'MIT',
		...pick('homepage'),
		...pick('author'),
		...pick('repository'),
		...pick('engines'),
		main: 'index.js',
		files: ['dist', 'index.js'],
		n8n: vendorN8nSection(vendor),
		peerDependencies: { 'n8n-workflow': '*' },
	};
}

/** One `## ` section of the root README, by its heading, links made absolute. */
function readmeSection(readme, heading) {
	const start = readme.indexOf(`\n## ${heading}\n`);
	if (start < 0) return '';
	const end = readme.indexOf('\n## ', start + 4);
	const repo = String(ROOT_PKG.homepage ?? '').replace(/\/$/, '');
	return readme
		.slice(start + 1, end < 0 ? undefined : end)
		.replace(/\]\(#([^)]+)\)/g, `](${repo}#$1)`)
		.replace(/\]\((?!https?:|#)([^)]+)\)/g, `](${repo}/blob/main/$1)`)
		.trimEnd();
}

export function vendorReadme(vendor) {
	const v = VENDOR_PACKAGES[vendor];
	const readme = fs.readFileSync(path.join(REPO_DIR, 'README.md'), 'utf8');
	const parts = [
		`# ${v.name}`,
		'',
		`n8n community nodes for ${v.about}.`,
		'',
		`This package holds only the ${v.title} nodes of [${ROOT_PKG.name}](${ROOT_PKG.homepage}), built from the same`,
		`sources and tested by the same suite. Install either this package or ${ROOT_PKG.name}, not both:`,
		'they declare the same credential types.',
		'',
		'## Install',
		'',
		`In n8n: *Settings › Community Nodes › Install*, package name \`${v.name}\`. Self-hosted from the`,
		`command line: \`npm install ${v.name}\` in \`~/.n8n/nodes\`, then restart n8n.`,
		'',
		readmeSection(readme, v.title),
		'',
		readmeSection(readme, 'The normalized case (*Simplify*)'),
		'',
		readmeSection(readme, 'Duplicate deliveries (webhook triggers)'),
		'',
		readmeSection(readme, 'Compatibility'),
		'',
		'## License',
		'',
		'MIT',
		'',
	];
	return parts.join('\n');
}

/**
 * Stages a vendor package in `stageDir`: dist files, their sources, index.js, package.json,
 * README.md, LICENSE, and the lint set-up (eslint.config.mjs, tsconfig.json, and node_modules
 * linked to the repository's so n8n's lint and TypeScript resolve as in the repository).
 */
export function stageVendorPackage(vendor, stageDir) {
	fs.rmSync(stageDir, { recursive: true, force: true });
	fs.mkdirSync(stageDir, { recursive: true });
	const copy = (rel) => {
		const to = path.join(stageDir, rel);
		fs.mkdirSync(path.dirname(to), { recursive: true });
		fs.copyFileSync(path.join(REPO_DIR, rel), to);
	};
	const dist = vendorDistFiles(vendor);
	const sources = vendorSourceFiles(vendor);
	for (const f of [...dist, ...sources, 'LICENSE', 'eslint.config.mjs']) copy(f);
	const pkg = vendorPackageJson(vendor);
	fs.writeFileSync(path.join(stageDir, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
	fs.writeFileSync(path.join(stageDir, 'index.js'), renderIndex(pkg.n8n, pkg.name));
	fs.writeFileSync(path.join(stageDir, 'README.md'), vendorReadme(vendor));
	const tsconfig = JSON.parse(fs.readFileSync(path.join(REPO_DIR, 'tsconfig.json'), 'utf8'));
	tsconfig.include = ['credentials/**/*', 'nodes/**/*', 'core/**/*'];
	tsconfig.compilerOptions.types = ['node'];
	fs.writeFileSync(path.join(stageDir, 'tsconfig.json'), `${JSON.stringify(tsconfig, null, 2)}\n`);
	fs.symlinkSync(path.join(REPO_DIR, 'node_modules'), path.join(stageDir, 'node_modules'), 'dir');
	return { pkg, dist, sources };
}
