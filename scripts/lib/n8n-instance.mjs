// Starts and drives a real n8n with this package installed as a community package.
//
//   import { startN8n } from './n8n-instance.mjs';
//   const n8n = await startN8n({ version: '2' });          // builds + packs the repo, installs, starts
//   await n8n.importCredentials([{ id, name, type, data }]);
//   await n8n.importWorkflow({ id, name, nodes, connections });
//   const run = await n8n.execute(id);                      // `n8n execute --id X --rawOutput`
//   run.items('Node name')                                  // [{...json}, ...]
//   await n8n.activate(id); await n8n.restart(); await n8n.stop();
//
// See the JSDoc of startN8n for every option and method.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { ensureN8n, fmtMs } from './n8n-install.mjs';

export const REPO_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const PACKAGE_NAME = JSON.parse(fs.readFileSync(path.join(REPO_DIR, 'package.json'), 'utf8')).name;

/** The fixed demo login created on every instance. */
export const DEMO_OWNER = Object.freeze({
	email: 'demo@example.com',
	password: 'Demo-n8n-2024',
	firstName: 'Demo',
	lastName: 'Owner',
});

const BROWSER_ID = 'n8n-cc-harness';

function defaultLog(msg) {
	process.stderr.write(`[n8n] ${msg}\n`);
}

// ---------------------------------------------------------------- processes we started
const live = new Set(); // child processes (process-group leaders) still running
process.on('exit', () => {
	for (const child of live) {
		try {
			process.kill(-child.pid, 'SIGKILL');
		} catch {}
	}
});

function killGroup(child, signal) {
	try {
		process.kill(-child.pid, signal);
	} catch {
		try {
			child.kill(signal);
		} catch {}
	}
}

async function stopChild(child, { timeoutMs = 30000 } = {}) {
	if (!child || child.exitCode !== null || child.signalCode !== null) {
		live.delete(child);
		return;
	}
	const exited = new Promise((r) => child.once('exit', r));
	killGroup(child, 'SIGTERM');
	const timer = setTimeout(() => killGroup(child, 'SIGKILL'), timeoutMs);
	await exited;
	clearTimeout(timer);
	killGroup(child, 'SIGKILL'); // stragglers of the group (task runners)
	live.delete(child);
}

// ---------------------------------------------------------------- ports
const reserved = new Set();

export function isPortFree(port, host = '127.0.0.1') {
	return new Promise((resolve) => {
		const srv = net.createServer();
		srv.once('error', () => resolve(false));
		srv.listen({ port, host, exclusive: true }, () => srv.close(() => resolve(true)));
	});
}

async function freePort(host) {
	for (;;) {
		const port = await new Promise((resolve, reject) => {
			const srv = net.createServer();
			srv.once('error', reject);
			srv.listen(0, host, () => {
				const p = srv.address().port;
				srv.close(() => resolve(p));
			});
		});
		if (!reserved.has(port)) {
			reserved.add(port);
			return port;
		}
	}
}

/**
 * A port to listen on: `requested` when it is free; when it is taken, another free one
 * (logging which port was taken), or an error naming the port when `strict`.
 */
export async function pickPort(requested, { host = '127.0.0.1', label = 'port', strict = false, log = defaultLog } = {}) {
	if (requested) {
		if (await isPortFree(Number(requested), host)) {
			reserved.add(Number(requested));
			return Number(requested);
		}
		if (strict) throw Object.assign(new Error(`${label}: port ${requested} on ${host} is already in use`), { code: 'EADDRINUSE', port: requested });
		const port = await freePort(host);
		log(`${label}: port ${requested} on ${host} is taken — using ${port} instead`);
		return port;
	}
	return freePort(host);
}

// ---------------------------------------------------------------- small helpers
/**
 * Runs a command and resolves with { code, signal, stdout, stderr, timedOut } once it has exited
 * AND its output has been read to the end: 'exit' can come before the last chunks of a pipe are
 * read, and a chunk can end inside a UTF-8 character, so the bytes are joined before decoding.
 * (This makes the text complete only as far as the command wrote it: n8n's CLI calls
 * process.exit() right after printing, which drops what a slow reader has not taken yet —
 * see execute(), which therefore reads the run from n8n.)
 */
export function runCapture(cmd, args, { cwd, env, timeoutMs = 0, input, closeGraceMs = 5000 } = {}) {
	return new Promise((resolve, reject) => {
		const child = spawn(cmd, args, { cwd, env, stdio: ['pipe', 'pipe', 'pipe'], detached: true });
		live.add(child);
		const out = [];
		const err = [];
		child.stdout.on('data', (d) => out.push(d));
		child.stderr.on('data', (d) => err.push(d));
		if (input !== undefined) child.stdin.end(input);
		else child.stdin.end();
		let timedOut = false;
		const timer = timeoutMs
			? setTimeout(() => {
					timedOut = true;
					killGroup(child, 'SIGKILL');
				}, timeoutMs)
			: null;
		let exit = null;
		let done = false;
		const finish = () => {
			if (done || !exit) return;
			done = true;
			clearTimeout(graceTimer);
			resolve({ ...exit, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), timedOut });
		};
		let graceTimer = null;
		child.on('error', (e) => {
			if (timer) clearTimeout(timer);
			live.delete(child);
			done = true;
			reject(e);
		});
		child.on('exit', (code, signal) => {
			if (timer) clearTimeout(timer);
			live.delete(child);
			exit = { code, signal };
			killGroup(child, 'SIGKILL'); // e.g. the task runner `n8n execute` started
			// a grandchild outside the group could keep the pipes open: do not wait for it forever
			graceTimer = setTimeout(finish, closeGraceMs);
		});
		child.on('close', finish);
	});
}

async function runOrThrow(cmd, args, opts) {
	const r = await runCapture(cmd, args, opts);
	if (r.code !== 0) {
		throw new Error(`${path.basename(cmd)} ${args.join(' ')} failed (${r.timedOut ? 'timed out' : r.signal ?? `exit ${r.code}`}):\n${(r.stdout + r.stderr).trim().split('\n').slice(-40).join('\n')}`);
	}
	return r;
}

const npmEnv = () => {
	const env = { ...process.env };
	delete env.NODE_TEST_CONTEXT;
	return env;
};

/** Finds the last complete top-level JSON object printed by `n8n execute --rawOutput`. */
export function lastJsonObject(text) {
	const lines = text.split('\n');
	for (let i = lines.length - 1; i >= 0; i--) {
		if (lines[i] !== '{') continue;
		for (let j = lines.length - 1; j > i; j--) {
			if (lines[j] !== '}') continue;
			try {
				return JSON.parse(lines.slice(i, j + 1).join('\n'));
			} catch {}
		}
	}
	return undefined;
}

const UNSETTLED = ['new', 'running'];
const tail = (text, n = 20) => text.trim().split('\n').slice(-n).join('\n');

/**
 * The result of an `n8n execute` run, read from the execution n8n stored (`stored`, as
 * getExecution() returns it) when there is one. The CLI's exit status and stdout are not trusted
 * for it: the CLI's stdout loses its tail when the reader is slow (n8n calls process.exit() right
 * after printing) and is mangled where a chunk ends inside a UTF-8 character; and a run judged by
 * the exit status came out as "failed" with the tail of its own JSON as the message whenever the
 * CLI ended non-zero after a successful run (issue 7 item 15). Only when n8n stored nothing
 * (`stored` null/undefined: the CLI failed before running the workflow, the workflow's settings
 * save no execution, or n8n was not running to be asked) is the run read from the CLI's stdout.
 *
 * @param {{ code: number|null, signal: string|null, timedOut?: boolean, stdout: string, stderr: string }} cli
 * @param {object|null} [stored]
 */
export function runResult(cli, stored) {
	const cliEnd = cli.timedOut ? 'timed out' : cli.signal ? `was killed (${cli.signal})` : `exited ${cli.code}`;
	let run;
	let ok;
	let error = null;
	if (stored) {
		const { id, data, mode, startedAt, stoppedAt, status, finished } = stored;
		run = { id: String(id), data, mode, startedAt, stoppedAt, status, finished };
		const err = data?.resultData?.error ?? null;
		ok = status === 'success' && !err;
		if (err) error = err;
		else if (UNSETTLED.includes(status)) error = { message: `n8n execute ${cliEnd} while execution ${id} was still "${status}"`, cliOutput: tail(cli.stdout + cli.stderr) };
		else if (!ok) error = { message: `execution ${id} ended with status "${status}"`, cliOutput: tail(cli.stdout + cli.stderr) };
	} else {
		run = lastJsonObject(cli.stdout);
		const err = run?.data?.resultData?.error ?? null;
		ok = cli.code === 0 && Boolean(run) && !err;
		if (err) error = err;
		else if (!ok) error = { message: `no execution stored by n8n and ${run ? `n8n execute ${cliEnd}` : `no run in the output of n8n execute (it ${cliEnd})`}:\n${tail(cli.stdout + cli.stderr)}` };
	}
	const resultData = run?.data?.resultData;
	const runData = resultData?.runData ?? {};
	return {
		ok,
		source: stored ? 'n8n' : 'stdout',
		executionId: stored ? String(stored.id) : null,
		status: run?.status ?? null,
		exitCode: cli.code,
		signal: cli.signal ?? null,
		timedOut: Boolean(cli.timedOut),
		run,
		runData,
		error,
		lastNode: resultData?.lastNodeExecuted ?? null,
		items(node = resultData?.lastNodeExecuted, output = 0, runIndex = 0) {
			const task = runData[node]?.[runIndex];
			if (!task) throw new Error(`node "${node}" did not run (ran: ${Object.keys(runData).join(', ') || 'none'})`);
			if (task.error) throw Object.assign(new Error(`node "${node}" failed: ${task.error.message}`), { nodeError: task.error });
			return (task.data?.main?.[output] ?? []).map((i) => i.json);
		},
		stdout: cli.stdout,
		stderr: cli.stderr,
	};
}

// ---------------------------------------------------------------- the package
/** `npm run build` in the repository (output shown only on failure). */
export async function buildPackage({ repoDir = REPO_DIR, log = defaultLog } = {}) {
	const t = Date.now();
	log('building the package (npm run build)');
	await runOrThrow('npm', ['run', 'build', '--silent'], { cwd: repoDir, env: npmEnv() });
	log(`built in ${fmtMs(Date.now() - t)}`);
}

/** `npm pack` of the repository into a temp folder; returns the tarball's path. */
export async function packPackage({ repoDir = REPO_DIR, destDir, log = defaultLog } = {}) {
	destDir ??= fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-cc-pack-'));
	const r = await runOrThrow('npm', ['pack', '--json', '--pack-destination', destDir], { cwd: repoDir, env: npmEnv() });
	const info = lastJsonArray(r.stdout);
	const file = path.join(destDir, info[0].filename);
	log(`packed ${info[0].filename} (${info[0].entryCount} files, ${Math.round(info[0].size / 1024)} kB)`);
	return file;
}

function lastJsonArray(text) {
	const i = text.indexOf('[\n');
	return JSON.parse(text.slice(i >= 0 ? i : text.indexOf('[')));
}

/**
 * Installs a package tarball into `<userFolder>/.n8n/nodes` exactly as n8n 2.x's
 * CommunityPackagesService.downloadPackage does: untar into node_modules/<name>, drop
 * dev/peer/optional dependencies from its package.json, `npm install` its dependencies there,
 * then record it in nodes/package.json. n8n loads it at start as `<name>.<node>`.
 */
export async function installPackageInto(userFolder, tarball, { log = defaultLog } = {}) {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const tmpx = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-cc-untar-'));
	await runOrThrow('tar', ['-xzf', tarball, '-C', tmpx, '--strip-components=1']);
	const pkgJsonPath = path.join(tmpx, 'package.json');
	const { devDependencies, peerDependencies, optionalDependencies, ...pkg } = JSON.parse(fs.readFileSync(pkgJsonPath, 'utf8'));
	const dest = path.join(nodesDir, 'node_modules', ...pkg.name.split('/'));
	fs.rmSync(dest, { recursive: true, force: true });
	fs.mkdirSync(path.dirname(dest), { recursive: true });
	fs.cpSync(tmpx, dest, { recursive: true });
	fs.rmSync(tmpx, { recursive: true, force: true });
	fs.writeFileSync(path.join(dest, 'package.json'), JSON.stringify(pkg, null, 2));
	await runOrThrow(
		'npm',
		['install', '--audit=false', '--fund=false', '--bin-links=false', '--install-strategy=shallow', '--ignore-scripts=true', '--package-lock=false'],
		{ cwd: dest, env: npmEnv() },
	);
	const nodesPkgPath = path.join(nodesDir, 'package.json');
	let nodesPkg = { name: 'installed-nodes', private: true, dependencies: {} };
	try {
		nodesPkg = JSON.parse(fs.readFileSync(nodesPkgPath, 'utf8'));
	} catch {}
	nodesPkg.dependencies = { ...nodesPkg.dependencies, [pkg.name]: pkg.version };
	fs.writeFileSync(nodesPkgPath, JSON.stringify(nodesPkg, null, 2));
	log(`installed ${pkg.name}@${pkg.version} into ${path.relative(userFolder, dest)}`);
	return dest;
}

// ---------------------------------------------------------------- start
/**
 * Starts a real n8n.
 *
 * @param {object} [o]
 * @param {'2'|'1'} [o.version]        n8n major: '2' (2.41.1, Node 24) or '1' (1.123.81, Node 20). Default env N8N_CC_N8N_VERSION or '2'.
 * @param {string}  [o.userFolder]     N8N_USER_FOLDER; default a fresh temp folder (removed by stop() unless keepUserFolder / N8N_CC_KEEP=1).
 * @param {number}  [o.port]           editor/webhook port wanted (default: any free port). Taken → another one, logged (or an error with strictPorts).
 * @param {number}  [o.brokerPort]     task-broker port wanted (same rules).
 * @param {boolean} [o.strictPorts]
 * @param {string}  [o.host]           listen address, default 127.0.0.1.
 * @param {boolean} [o.build]          run `npm run build` first (default true unless packageTarball is given).
 * @param {string}  [o.packageTarball] install this tarball instead of packing the repo.
 * @param {boolean} [o.installPackage] default true.
 * @param {object}  [o.owner]          login to create, default DEMO_OWNER.
 * @param {object}  [o.env]            extra environment for n8n.
 * @param {object[]}[o.credentials]    credentials to import before n8n starts (see importCredentials).
 * @param {object[]}[o.workflows]      workflows to import before n8n starts (see importWorkflow).
 * @param {Function}[o.log]            progress lines; n8n's own output goes to `logFile` / `logs()`.
 * @param {boolean} [o.echo]           also print n8n's output (env N8N_CC_ECHO=1).
 */
export async function startN8n(o = {}) {
	const log = o.log ?? defaultLog;
	const host = o.host ?? '127.0.0.1';
	const version = String(o.version ?? process.env.N8N_CC_N8N_VERSION ?? '2');
	const tStart = Date.now();
	const install = await ensureN8n({ version, log });
	const is1 = install.n8nVersion.startsWith('1.');

	const ownFolder = !o.userFolder;
	const userFolder = o.userFolder ?? fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-cc-user-'));
	fs.mkdirSync(userFolder, { recursive: true });
	const keepUserFolder = o.keepUserFolder ?? process.env.N8N_CC_KEEP === '1';

	if (o.installPackage !== false) {
		let tarball = o.packageTarball;
		if (!tarball) {
			if (o.build !== false) await buildPackage({ log });
			tarball = await packPackage({ log });
		}
		try {
			await installPackageInto(userFolder, tarball, { log });
		} finally {
			if (!o.packageTarball) fs.rmSync(path.dirname(tarball), { recursive: true, force: true });
		}
	}

	const port = await pickPort(o.port, { host, label: 'N8N_PORT', strict: o.strictPorts, log });
	const brokerPort = await pickPort(o.brokerPort, { host, label: 'N8N_RUNNERS_BROKER_PORT', strict: o.strictPorts, log });
	const url = `http://${host}:${port}`;
	const owner = { ...DEMO_OWNER, ...o.owner };
	const logFile = path.join(userFolder, 'n8n.log');
	const echo = o.echo ?? process.env.N8N_CC_ECHO === '1';

	const baseEnv = {
		...npmEnv(),
		...install.env,
		N8N_USER_FOLDER: userFolder,
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: host,
		N8N_HOST: host,
		N8N_PROTOCOL: 'http',
		N8N_EDITOR_BASE_URL: `${url}/`,
		WEBHOOK_URL: `${url}/`,
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_SECURE_COOKIE: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_LOG_LEVEL: process.env.N8N_LOG_LEVEL ?? 'info',
		N8N_LOG_OUTPUT: 'console',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		EXTERNAL_FRONTEND_HOOKS_URLS: '',
		N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '10',
		...o.env,
	};

	// ---------------------------------------------------------- the server process
	let child = null;
	const buffer = [];
	const MAX_LINES = 4000;
	let exitInfo = null;
	// n8n prints this after activating the active workflows (start.js: activeWorkflowManager.init())
	let editorReady = false;
	const waitForEditorLine = ['info', 'debug'].includes(baseEnv.N8N_LOG_LEVEL);

	function attach(stream) {
		let rest = '';
		stream.on('data', (d) => {
			fs.appendFileSync(logFile, d);
			if (echo) process.stderr.write(d);
			const lines = (rest + d.toString()).split('\n');
			rest = lines.pop();
			if (lines.some((l) => l.includes('Editor is now accessible via'))) editorReady = true;
			buffer.push(...lines);
			if (buffer.length > MAX_LINES) buffer.splice(0, buffer.length - MAX_LINES);
		});
	}

	async function spawnServer() {
		const t = Date.now();
		exitInfo = null;
		editorReady = false;
		if (!(await isPortFree(port, host))) throw new Error(`N8N_PORT ${port} on ${host} is already in use`);
		fs.appendFileSync(logFile, `\n----- n8n start ${new Date().toISOString()} (port ${port}, broker ${brokerPort}) -----\n`);
		child = spawn(install.nodeBin, [install.n8nBin, 'start'], {
			cwd: userFolder,
			env: baseEnv,
			stdio: ['ignore', 'pipe', 'pipe'],
			detached: true, // own process group: stop() ends n8n and its task runners together
		});
		live.add(child);
		attach(child.stdout);
		attach(child.stderr);
		const proc = child;
		proc.on('exit', (code, signal) => {
			exitInfo = { code, signal };
			live.delete(proc);
		});
		const deadline = Date.now() + (o.startTimeoutMs ?? 180000);
		for (;;) {
			if (exitInfo) throw new Error(`n8n exited during start-up (${exitInfo.signal ?? `exit ${exitInfo.code}`}); last output:\n${buffer.slice(-40).join('\n')}`);
			if (Date.now() > deadline) {
				await stopChild(proc);
				throw new Error(`n8n was not ready within ${fmtMs(o.startTimeoutMs ?? 180000)}; last output:\n${buffer.slice(-40).join('\n')}`);
			}
			try {
				const r = await fetch(`${url}/healthz/readiness`);
				if (r.ok && (editorReady || !waitForEditorLine)) {
					const s = await fetch(`${url}/rest/settings`);
					if (s.ok) break;
				}
			} catch {}
			await new Promise((r) => setTimeout(r, 250));
		}
		const ms = Date.now() - t;
		log(`n8n ${install.n8nVersion} ready at ${url} in ${fmtMs(ms)}`);
		return ms;
	}

	// ---------------------------------------------------------- REST session
	let cookie = null;
	async function rawRest(method, p, body, { auth = true } = {}) {
		const headers = { 'browser-id': BROWSER_ID, accept: 'application/json' };
		if (body !== undefined) headers['content-type'] = 'application/json';
		if (auth && cookie) headers.cookie = cookie;
		const res = await fetch(`${url}/rest${p}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
		const set = res.headers.getSetCookie?.() ?? [];
		for (const c of set) if (c.startsWith('n8n-auth=')) cookie = c.split(';')[0];
		const text = await res.text();
		let json;
		try {
			json = JSON.parse(text);
		} catch {}
		return { status: res.status, ok: res.ok, json, text };
	}

	async function signIn() {
		const setup = await rawRest('POST', '/owner/setup', owner, { auth: false });
		if (setup.ok) return log(`owner created: ${owner.email}`);
		const login = await rawRest('POST', '/login', { emailOrLdapLoginId: owner.email, email: owner.email, password: owner.password }, { auth: false });
		if (!login.ok) throw new Error(`could not set up or log in the owner ${owner.email}: setup ${setup.status} ${setup.text.slice(0, 200)}; login ${login.status} ${login.text.slice(0, 200)}`);
	}

	/** Logged-in REST call; returns the `data` of n8n's `{ data }` envelope; throws on HTTP errors. */
	async function rest(method, p, body) {
		let r = await rawRest(method, p, body);
		if (r.status === 401) {
			await signIn();
			r = await rawRest(method, p, body);
		}
		if (!r.ok) throw Object.assign(new Error(`${method} /rest${p} → ${r.status}: ${r.text.slice(0, 500)}`), { status: r.status, body: r.json ?? r.text });
		return r.json && typeof r.json === 'object' && 'data' in r.json ? r.json.data : r.json;
	}

	async function typesJson(kind) {
		const get = () => fetch(`${url}/types/${kind}.json`, { headers: { cookie: cookie ?? '', 'browser-id': BROWSER_ID } });
		let r = await get();
		if (r.status === 401) {
			await signIn();
			r = await get();
		}
		if (!r.ok) throw new Error(`/types/${kind}.json → ${r.status}`);
		return r.json();
	}

	// n8n 2.x publishes through an outbox: activation returns before the triggers are live.
	// Wait until GET /rest/workflows/:id/publication-status settles; throw if a trigger failed.
	async function settlePublication(id, { published, versionId, timeoutMs = 60000 }) {
		const deadline = Date.now() + timeoutMs;
		let st;
		for (;;) {
			try {
				st = await rest('GET', `/workflows/${id}/publication-status`);
			} catch (e) {
				if (e.status === 404) return null; // publication service disabled: activation was synchronous
				throw e;
			}
			if (st.status !== 'in_progress') {
				if (published && (st.status === 'failed' || st.status === 'partial')) {
					const why = st.triggers.filter((t) => t.status === 'failed').map((t) => t.errorMessage).join('; ');
					throw Object.assign(new Error(`workflow ${id} could not be activated: ${why || st.status}`), { publication: st });
				}
				if (published && st.status === 'published' && (!versionId || st.liveVersionId === versionId)) return st;
				if (!published && !st.triggers.some((t) => t.status === 'activated')) return st;
			}
			if (Date.now() > deadline) throw Object.assign(new Error(`workflow ${id}: publication did not settle within ${timeoutMs} ms (${JSON.stringify(st)})`), { publication: st });
			await new Promise((r) => setTimeout(r, 200));
		}
	}

	// ---------------------------------------------------------- CLI
	/** Runs `n8n <args>` against this instance's user folder (own task-broker port). */
	async function cli(args, { timeoutMs = 180000, logLevel = 'warn' } = {}) {
		const cliBroker = await freePort(host);
		try {
			return await runCapture(install.nodeBin, [install.n8nBin, ...args], {
				cwd: userFolder,
				env: { ...baseEnv, N8N_RUNNERS_BROKER_PORT: String(cliBroker), N8N_LOG_LEVEL: logLevel },
				timeoutMs,
			});
		} finally {
			reserved.delete(cliBroker);
		}
	}
	async function cliOrThrow(args, opts) {
		const r = await cli(args, opts);
		if (r.code !== 0) throw new Error(`n8n ${args.join(' ')} failed (${r.timedOut ? 'timed out' : r.signal ?? `exit ${r.code}`}):\n${(r.stdout + r.stderr).trim().split('\n').slice(-40).join('\n')}`);
		return r;
	}
	let seq = 0;
	function tmpJson(prefix, value) {
		const file = path.join(userFolder, `${prefix}-${process.pid}-${++seq}.json`);
		fs.writeFileSync(file, JSON.stringify(value, null, 2));
		return file;
	}

	/**
	 * The execution `n8n execute` stored for workflow `id`: the oldest one of mode `cli` newer
	 * than `after`, fetched by id with its run data; null when there is none. Its final status is
	 * saved before the CLI prints the run; should it still read new/running (a CLI killed mid-run),
	 * it is given a few seconds to settle.
	 */
	async function storedCliRun(id, after, { settleMs = 10000 } = {}) {
		const deadline = Date.now() + settleMs;
		for (;;) {
			const mine = (await api.listExecutions({ workflowId: id, limit: 50 })).filter((e) => e.mode === 'cli' && Number(e.id) > after);
			if (!mine.length) return null;
			const first = mine.reduce((a, b) => (Number(a.id) < Number(b.id) ? a : b));
			const execution = await api.getExecution(first.id);
			if (!UNSETTLED.includes(execution.status) || Date.now() > deadline) return execution;
			await new Promise((r) => setTimeout(r, 250));
		}
	}

	const api = {
		version: install.n8nVersion,
		nodeVersion: install.nodeVersion,
		install,
		url,
		host,
		port,
		brokerPort,
		userFolder,
		logFile,
		owner,
		packageName: PACKAGE_NAME,
		startupMs: 0,
		/** Production webhook URL of a path (`/webhook/<path>`). */
		webhookUrl: (p = '') => `${url}/webhook/${String(p).replace(/^\//, '')}`,
		/** Test webhook URL (`/webhook-test/<path>`). */
		webhookTestUrl: (p = '') => `${url}/webhook-test/${String(p).replace(/^\//, '')}`,
		/** n8n's output so far (last 4000 lines); the whole of it is in logFile. */
		logs: () => buffer.join('\n'),
		get running() {
			return Boolean(child && !exitInfo);
		},
		rest,
		cli,

		/** Imports one workflow or an array (each needs an `id`); returns the ids. */
		async importWorkflow(json) {
			const list = [].concat(json);
			for (const wf of list) if (!wf.id) throw new Error(`workflow "${wf.name}" needs an id to be imported`);
			const file = tmpJson('workflows', list.map((wf) => ({ active: false, settings: {}, connections: {}, ...wf })));
			await cliOrThrow(['import:workflow', `--input=${file}`]);
			fs.rmSync(file, { force: true });
			return list.map((wf) => wf.id);
		},

		/** Imports one credential or an array: `{ id, name, type, data: {plain fields} }` (n8n encrypts `data`). */
		async importCredentials(json) {
			const list = [].concat(json);
			const file = tmpJson('credentials', list);
			try {
				await cliOrThrow(['import:credentials', `--input=${file}`]);
			} finally {
				fs.rmSync(file, { force: true });
			}
			return list.map((c) => c.id);
		},

		/**
		 * Runs a workflow with `n8n execute --id <id> --rawOutput` and reads the run from n8n:
		 * the execution the CLI stored (mode `cli`, newer than any before the call) is fetched by
		 * id through the REST API once the CLI has exited — see runResult() for why the CLI's
		 * exit code and stdout are not used. Without a running n8n to ask, the CLI's stdout is read.
		 * Run one execute() at a time per workflow. Resolves (also for failed runs) with
		 * { ok, source, executionId, status, exitCode, signal, timedOut, run, runData, error, lastNode,
		 *   items(node, output = 0, runIndex = 0), stdout, stderr }.
		 */
		async execute(id, { timeoutMs = 180000 } = {}) {
			const ask = api.running;
			const before = ask ? Number((await api.listExecutions({ workflowId: id, limit: 1 }))[0]?.id ?? 0) : 0;
			// execute prints its result through the logger at level info
			const r = await cli(['execute', `--id=${id}`, '--rawOutput'], { timeoutMs, logLevel: 'info' });
			const stored = ask ? await storedCliRun(id, before) : undefined;
			const result = runResult(r, stored);
			if (result.ok && (r.code !== 0 || r.signal)) {
				log(`n8n execute --id=${id} ${r.timedOut ? 'timed out' : r.signal ? `was killed (${r.signal})` : `exited ${r.code}`} after execution ${result.executionId} succeeded; its output ends:\n${tail(r.stdout + r.stderr, 10)}`);
			}
			return result;
		},

		/** Activates (2.x: publishes) a workflow: through the REST API while running (immediate), else the CLI (takes effect at start). */
		async activate(id) {
			if (api.running) {
				if (is1) {
					const wf = await rest('GET', `/workflows/${id}`);
					return rest('PATCH', `/workflows/${id}`, { active: true, versionId: wf.versionId });
				}
				const wf = await rest('GET', `/workflows/${id}`);
				const res = await rest('POST', `/workflows/${id}/activate`, { versionId: wf.versionId });
				await settlePublication(id, { published: true, versionId: wf.versionId });
				return res;
			}
			return cliOrThrow(is1 ? ['update:workflow', `--id=${id}`, '--active=true'] : ['publish:workflow', `--id=${id}`]);
		},

		/** Deactivates (2.x: unpublishes) a workflow, the same way as activate(). */
		async deactivate(id) {
			if (api.running) {
				if (is1) {
					const wf = await rest('GET', `/workflows/${id}`);
					return rest('PATCH', `/workflows/${id}`, { active: false, versionId: wf.versionId });
				}
				const res = await rest('POST', `/workflows/${id}/deactivate`, {});
				await settlePublication(id, { published: false });
				return res;
			}
			return cliOrThrow(is1 ? ['update:workflow', `--id=${id}`, '--active=false'] : ['unpublish:workflow', `--id=${id}`]);
		},

		/** Executions (newest first) as { id, workflowId, status, mode, finished, startedAt, stoppedAt }; via the logged-in REST API. */
		async listExecutions({ workflowId, limit = 100 } = {}) {
			const q = new URLSearchParams({ limit: String(limit) });
			if (workflowId) q.set('filter', JSON.stringify({ workflowId: String(workflowId) }));
			const data = await rest('GET', `/executions?${q}`);
			const results = Array.isArray(data) ? data : data?.results ?? [];
			return results.map((e) => ({
				id: String(e.id),
				workflowId: String(e.workflowId),
				status: e.status,
				mode: e.mode,
				finished: e.finished,
				startedAt: e.startedAt,
				stoppedAt: e.stoppedAt,
			}));
		},

		/** One execution with its run data decoded: { ..., data: IRunExecutionData, items(node, output, runIndex) }. */
		async getExecution(id) {
			const e = await rest('GET', `/executions/${id}`);
			const require = createRequire(path.join(install.dir, 'node_modules', 'n8n', 'package.json'));
			const data = typeof e.data === 'string' ? require('flatted').parse(e.data) : e.data;
			const runData = data?.resultData?.runData ?? {};
			return {
				...e,
				data,
				items(node = data?.resultData?.lastNodeExecuted, output = 0, runIndex = 0) {
					return (runData[node]?.[runIndex]?.data?.main?.[output] ?? []).map((i) => i.json);
				},
			};
		},

		/** Waits until `workflowId` has at least `count` finished executions; returns them. */
		async waitForExecutions({ workflowId, count = 1, timeoutMs = 30000, intervalMs = 300 } = {}) {
			const deadline = Date.now() + timeoutMs;
			for (;;) {
				const list = (await api.listExecutions({ workflowId })).filter((e) => !['new', 'running', 'waiting'].includes(e.status));
				if (list.length >= count) return list;
				if (Date.now() > deadline) throw new Error(`workflow ${workflowId}: ${list.length} finished execution(s) after ${timeoutMs} ms, expected ${count}`);
				await new Promise((r) => setTimeout(r, intervalMs));
			}
		},

		/** Node types as the editor sees them (GET /types/nodes.json). */
		async nodeTypes() {
			return typesJson('nodes');
		},
		/** Credential types as the editor sees them (GET /types/credentials.json). */
		async credentialTypes() {
			return typesJson('credentials');
		},
		/** `n8n export:nodes`: every node type n8n loads, as an array of descriptions. */
		async exportNodes() {
			const file = path.join(userFolder, `nodes-export-${process.pid}-${++seq}.json`);
			await cliOrThrow(['export:nodes', `--output=${file}`]);
			for (let i = 0; i < 50 && !fs.existsSync(file); i++) await new Promise((r) => setTimeout(r, 100));
			const nodes = JSON.parse(fs.readFileSync(file, 'utf8'));
			fs.rmSync(file, { force: true });
			return nodes;
		},

		/** Stops n8n and starts it again on the same user folder and ports. */
		async restart() {
			await stopChild(child);
			api.startupMs = await spawnServer();
			cookie = null;
			await signIn();
			return api;
		},

		/** Stops n8n (SIGTERM to its process group, SIGKILL after 30 s); removes a temp user folder. */
		async stop() {
			await stopChild(child);
			child = null;
			reserved.delete(port);
			reserved.delete(brokerPort);
			if (ownFolder && !keepUserFolder) fs.rmSync(userFolder, { recursive: true, force: true });
			else log(`n8n user folder kept: ${userFolder}`);
		},
	};

	try {
		// Imported before the server starts, so it boots with them (no running copy to reconcile).
		if (o.credentials?.length) await api.importCredentials(o.credentials);
		if (o.workflows?.length) await api.importWorkflow(o.workflows);
		api.startupMs = await spawnServer();
		await signIn();
	} catch (e) {
		await stopChild(child);
		e.message += `\n(n8n log: ${logFile})`;
		throw e;
	}
	log(`n8n up in ${fmtMs(Date.now() - tStart)} in total (server start ${fmtMs(api.startupMs)})`);
	return api;
}
