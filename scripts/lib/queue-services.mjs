// Postgres and Redis for n8n's queue mode, started from Debian's packages in a temp folder.
//
//   const pg = await startPostgres({ log });   // { host, port, user, password, database, stop() }
//   const redis = await startRedis({ log });   // { host, port, stop() }
//
// Both listen on loopback only, on a free port, with their data in a fresh temp folder that
// stop() removes. Missing packages (`postgresql`, `redis-server`) are installed with apt-get when
// the script runs as root or may sudo without a password (CI), else the error says what to run. Postgres refuses to
// run as root: as root, the cluster is created and run as the `postgres` user (runuser).

import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pickPort } from './n8n-instance.mjs';

const defaultLog = (m) => process.stderr.write(`[queue-services] ${m}\n`);
const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function which(cmd) {
	const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
	return r.status === 0 ? r.stdout.trim() : null;
}

/** The directory holding Postgres' server binaries (initdb, postgres), or null. */
function postgresBinDir() {
	const onPath = which('initdb');
	if (onPath && which('postgres')) return path.dirname(fs.realpathSync(onPath));
	const base = '/usr/lib/postgresql';
	if (!fs.existsSync(base)) return null;
	const versions = fs.readdirSync(base).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
	for (const v of versions) if (fs.existsSync(path.join(base, v, 'bin', 'initdb'))) return path.join(base, v, 'bin');
	return null;
}

/**
 * apt-get install of a Debian package: as root, or through `sudo -n` where that needs no
 * password (CI runners); otherwise an error naming the command to run.
 */
function aptInstall(pkg, log) {
	const sudo = isRoot() ? [] : spawnSync('sudo', ['-n', 'true']).status === 0 ? ['sudo', '-n'] : null;
	if (!sudo) throw new Error(`${pkg} is not installed and this is neither root nor allowed to sudo: run \`sudo apt-get install -y ${pkg}\` first`);
	const apt = (...args) => {
		const [cmd, ...rest] = [...sudo, 'env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', ...args];
		return spawnSync(cmd, rest, { stdio: 'inherit' }).status;
	};
	log(`installing the Debian package ${pkg} (apt-get install -y ${pkg})`);
	let status = apt('install', '-y', '--no-install-recommends', pkg);
	if (status !== 0) {
		log('apt-get install failed; running apt-get update and trying again');
		apt('update');
		status = apt('install', '-y', '--no-install-recommends', pkg);
	}
	if (status !== 0) throw new Error(`apt-get install -y ${pkg} failed (exit ${status})`);
}

/** Runs a command as `user` when running as root (runuser), else as the current user. */
function asUser(user, cmd, args) {
	return user ? ['runuser', ['-u', user, '--', cmd, ...args]] : [cmd, args];
}

function runSync(cmd, args, what) {
	const r = spawnSync(cmd, args, { encoding: 'utf8' });
	if (r.status !== 0) throw new Error(`${what} failed (exit ${r.status}): ${(r.stdout + r.stderr).trim().split('\n').slice(-20).join('\n')}`);
	return r;
}

function spawnDaemon(cmd, args, logFile) {
	const out = fs.openSync(logFile, 'a');
	const child = spawn(cmd, args, { stdio: ['ignore', out, out], detached: true });
	fs.closeSync(out);
	let exited = null;
	child.on('exit', (code, signal) => (exited = { code, signal }));
	return { child, exited: () => exited };
}

async function stopDaemon(child, signal = 'SIGTERM', timeoutMs = 15000) {
	if (!child || child.exitCode !== null || child.signalCode !== null) return;
	const done = new Promise((r) => child.once('exit', r));
	try {
		process.kill(-child.pid, signal);
	} catch {}
	const t = setTimeout(() => {
		try {
			process.kill(-child.pid, 'SIGKILL');
		} catch {}
	}, timeoutMs);
	await done;
	clearTimeout(t);
}

// ---------------------------------------------------------------- Postgres
/**
 * A throw-away Postgres cluster: initdb into a temp folder, `postgres` on 127.0.0.1:<free port>,
 * database `n8n` owned by user `n8n` (password auth over TCP).
 */
export async function startPostgres({ log = defaultLog, host = '127.0.0.1' } = {}) {
	let bin = postgresBinDir();
	if (!bin) {
		aptInstall('postgresql', log);
		bin = postgresBinDir();
		if (!bin) throw new Error('postgresql was installed but initdb/postgres were not found');
	}
	const runAs = isRoot() ? 'postgres' : null;
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-cc-pg-'));
	const dataDir = path.join(dir, 'data');
	const socketDir = path.join(dir, 'run');
	fs.mkdirSync(socketDir);
	const logFile = path.join(dir, 'postgres.log');
	if (runAs) runSync('chown', ['-R', `${runAs}:`, dir], 'chown of the Postgres folder');
	const password = `n8n-${Math.random().toString(36).slice(2, 10)}`;
	const pwFile = path.join(dir, 'pw');
	fs.writeFileSync(pwFile, `${password}\n`, { mode: 0o600 });
	if (runAs) runSync('chown', [`${runAs}:`, pwFile], 'chown of the password file');
	const t = Date.now();
	runSync(...asUser(runAs, path.join(bin, 'initdb'), ['-D', dataDir, '-U', 'n8n', '--auth-local=trust', '--auth-host=scram-sha-256', `--pwfile=${pwFile}`, '-E', 'UTF8', '--no-locale']), 'initdb');
	fs.rmSync(pwFile, { force: true });
	const port = await pickPort(0, { host, label: 'postgres', log });
	const args = ['-D', dataDir, '-c', `listen_addresses=${host}`, '-c', `port=${port}`, '-c', `unix_socket_directories=${socketDir}`, '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=200'];
	const { child, exited } = spawnDaemon(...asUser(runAs, path.join(bin, 'postgres'), args), logFile);
	const deadline = Date.now() + 60000;
	for (;;) {
		if (exited()) throw new Error(`postgres exited during start-up (${JSON.stringify(exited())}); log ${logFile}:\n${fs.readFileSync(logFile, 'utf8').slice(-2000)}`);
		const r = spawnSync(...asUser(runAs, 'psql', ['-h', socketDir, '-p', String(port), '-U', 'n8n', '-d', 'postgres', '-tAc', 'select 1']), { encoding: 'utf8' });
		if (r.status === 0) break;
		if (Date.now() > deadline) throw new Error(`postgres not ready within 60 s; log ${logFile}`);
		await sleep(200);
	}
	runSync(...asUser(runAs, 'psql', ['-h', socketDir, '-p', String(port), '-U', 'n8n', '-d', 'postgres', '-c', 'CREATE DATABASE n8n OWNER n8n']), 'CREATE DATABASE n8n');
	log(`postgres (${path.basename(path.dirname(bin))}) on ${host}:${port}${runAs ? ` as ${runAs}` : ''}, data ${dataDir} (${Date.now() - t} ms)`);
	/** Runs SQL in the n8n database; returns the rows as arrays of strings (psql -tA, `|`-separated). */
	function query(sql) {
		const r = runSync(...asUser(runAs, 'psql', ['-h', socketDir, '-p', String(port), '-U', 'n8n', '-d', 'n8n', '-tAc', sql]), `psql ${sql}`);
		return r.stdout.split('\n').filter(Boolean).map((l) => l.split('|'));
	}
	return {
		host,
		port,
		user: 'n8n',
		password,
		database: 'n8n',
		dir,
		logFile,
		query,
		/** n8n's DB_* environment for this server. */
		n8nEnv: () => ({
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: host,
			DB_POSTGRESDB_PORT: String(port),
			DB_POSTGRESDB_DATABASE: 'n8n',
			DB_POSTGRESDB_USER: 'n8n',
			DB_POSTGRESDB_PASSWORD: password,
		}),
		async stop({ keep = false } = {}) {
			await stopDaemon(child, 'SIGINT'); // fast shutdown
			if (!keep) fs.rmSync(dir, { recursive: true, force: true });
		},
	};
}

// ---------------------------------------------------------------- Redis
/** redis-server on 127.0.0.1:<free port>, no persistence, data folder in a temp dir. */
export async function startRedis({ log = defaultLog, host = '127.0.0.1' } = {}) {
	let bin = which('redis-server');
	if (!bin) {
		aptInstall('redis-server', log);
		bin = which('redis-server');
		if (!bin) throw new Error('redis-server was installed but is not on PATH');
	}
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-cc-redis-'));
	const logFile = path.join(dir, 'redis.log');
	const port = await pickPort(0, { host, label: 'redis', log });
	const t = Date.now();
	const { child, exited } = spawnDaemon(bin, ['--bind', host, '--port', String(port), '--dir', dir, '--save', '', '--appendonly', 'no', '--protected-mode', 'yes', '--daemonize', 'no'], logFile);
	const net = await import('node:net');
	const ping = () =>
		new Promise((resolve) => {
			const s = net.connect(port, host);
			s.setTimeout(1000);
			s.once('connect', () => s.write('PING\r\n'));
			s.once('data', (d) => {
				s.destroy();
				resolve(d.toString().startsWith('+PONG'));
			});
			s.once('error', () => resolve(false));
			s.once('timeout', () => (s.destroy(), resolve(false)));
		});
	const deadline = Date.now() + 30000;
	for (;;) {
		if (exited()) throw new Error(`redis-server exited during start-up; log ${logFile}:\n${fs.readFileSync(logFile, 'utf8').slice(-2000)}`);
		if (await ping()) break;
		if (Date.now() > deadline) throw new Error(`redis-server not ready within 30 s; log ${logFile}`);
		await sleep(100);
	}
	log(`redis-server on ${host}:${port} (${Date.now() - t} ms)`);
	return {
		host,
		port,
		dir,
		logFile,
		n8nEnv: () => ({ QUEUE_BULL_REDIS_HOST: host, QUEUE_BULL_REDIS_PORT: String(port) }),
		async stop({ keep = false } = {}) {
			await stopDaemon(child);
			if (!keep) fs.rmSync(dir, { recursive: true, force: true });
		},
	};
}
