// n8n in queue mode, the way n8n documents it for production: Postgres, Redis, a main process
// (`n8n start`: editor, REST API, activation of triggers), one webhook process (`n8n webhook`:
// production webhooks) and workers (`n8n worker`: executions), all with the same encryption key
// and one N8N_USER_FOLDER, so each process loads this package from the same community-nodes folder.
//
//   const q = await startQueueN8n({ version: '2', packageTarball, credentials, workflows });
//   q.main                      // the main process: startN8n()'s API (REST, import, activate, executions)
//   q.webhookUrl('<path>')      // production URL on the webhook process
//   q.workerOf(executionId)     // which worker ran an execution (from the workers' logs)
//   await q.restartAll();       // every process stopped, then started again on the same DB and Redis
//   await q.stop();
//
// The production webhook URL n8n gives vendors (WEBHOOK_URL) is the webhook process', so
// vendors deliver there, as behind a load balancer that routes /webhook/* to webhook processes.
// The main process still answers /webhook/* too (n8n's default): the duplicate-delivery test
// sends one copy to each.

import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureN8n, fmtMs } from './n8n-install.mjs';
import { startN8n, pickPort } from './n8n-instance.mjs';
import { startPostgres, startRedis } from './queue-services.mjs';

const defaultLog = (m) => process.stderr.write(`[queue] ${m}\n`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const live = new Set();
process.on('exit', () => {
	for (const c of live) {
		try {
			process.kill(-c.pid, 'SIGKILL');
		} catch {}
	}
});

async function stopProcess(child, timeoutMs = 30000) {
	if (!child || child.exitCode !== null || child.signalCode !== null) return live.delete(child);
	const exited = new Promise((r) => child.once('exit', r));
	try {
		process.kill(-child.pid, 'SIGTERM');
	} catch {}
	const t = setTimeout(() => {
		try {
			process.kill(-child.pid, 'SIGKILL');
		} catch {}
	}, timeoutMs);
	await exited;
	clearTimeout(t);
	try {
		process.kill(-child.pid, 'SIGKILL'); // task runners left in the group
	} catch {}
	live.delete(child);
}

/**
 * One extra n8n process (`webhook` or `worker`) on the shared user folder, database and Redis.
 * Ready when its health endpoint answers and it printed its ready line.
 */
function extraProcess({ install, name, args, env, port, readyLine, logFile, log }) {
	const proc = { name, port, child: null, lines: [], logFile };
	proc.start = async () => {
		const t = Date.now();
		fs.appendFileSync(logFile, `\n----- ${name} start ${new Date().toISOString()} -----\n`);
		const child = spawn(install.nodeBin, [install.n8nBin, ...args], { cwd: env.N8N_USER_FOLDER, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
		live.add(child);
		proc.child = child;
		let ready = false;
		let rest = '';
		const onData = (d) => {
			fs.appendFileSync(logFile, d);
			const lines = (rest + d.toString()).split('\n');
			rest = lines.pop();
			for (const l of lines) {
				proc.lines.push(l);
				if (l.includes(readyLine)) ready = true;
			}
			if (proc.lines.length > 20000) proc.lines.splice(0, proc.lines.length - 20000);
		};
		child.stdout.on('data', onData);
		child.stderr.on('data', onData);
		let exit = null;
		child.on('exit', (code, signal) => {
			exit = { code, signal };
			live.delete(child);
		});
		const deadline = Date.now() + 180000;
		for (;;) {
			if (exit) throw new Error(`n8n ${name} exited during start-up (${exit.signal ?? `exit ${exit.code}`}); log ${logFile}:\n${proc.lines.slice(-30).join('\n')}`);
			if (Date.now() > deadline) throw new Error(`n8n ${name} not ready within 180 s; log ${logFile}:\n${proc.lines.slice(-30).join('\n')}`);
			if (ready) {
				try {
					const r = await fetch(`http://127.0.0.1:${port}/healthz`);
					if (r.ok) break;
				} catch {}
			}
			await sleep(250);
		}
		log(`${name} ready on port ${port} in ${fmtMs(Date.now() - t)}`);
	};
	proc.stop = () => stopProcess(proc.child);
	proc.log = () => proc.lines.join('\n');
	return proc;
}

/**
 * @param {object} o
 * @param {'2'|'1'} [o.version]
 * @param {string} o.packageTarball     the packed package to install (shared by every process)
 * @param {number} [o.workers]          default 2
 * @param {number} [o.workerConcurrency] jobs each worker runs at once (default 1, so that two
 *                                      executions started together run on two different workers)
 * @param {object[]} [o.credentials]    imported before the processes start
 * @param {object[]} [o.workflows]      imported before the processes start
 * @param {object} [o.env]              extra environment for every process
 * @param {Function} [o.log]
 */
export async function startQueueN8n(o = {}) {
	const log = o.log ?? defaultLog;
	const host = '127.0.0.1';
	const version = String(o.version ?? '2');
	const t0 = Date.now();
	const started = [];
	const q = { pg: null, redis: null, main: null, webhook: null, workers: [], timings: {} };
	q.stop = async () => {
		for (const s of started.splice(0).reverse()) {
			try {
				await s();
			} catch (e) {
				log(`while stopping: ${e.message}`);
			}
		}
	};
	try {
		const install = await ensureN8n({ version, log });
		let t = Date.now();
		q.pg = await startPostgres({ log });
		started.push(() => q.pg.stop());
		q.redis = await startRedis({ log });
		started.push(() => q.redis.stop());
		q.timings.services = Date.now() - t;

		const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-cc-queue-'));
		started.push(() => (process.env.N8N_CC_KEEP === '1' ? log(`user folder kept: ${userFolder}`) : fs.rmSync(userFolder, { recursive: true, force: true })));
		q.userFolder = userFolder;
		const webhookPort = await pickPort(0, { host, label: 'webhook process', log });
		q.webhookBase = `http://${host}:${webhookPort}`;
		const queueEnv = {
			EXECUTIONS_MODE: 'queue',
			...q.pg.n8nEnv(),
			...q.redis.n8nEnv(),
			N8N_ENCRYPTION_KEY: crypto.randomBytes(24).toString('hex'),
			WEBHOOK_URL: `${q.webhookBase}/`,
			QUEUE_HEALTH_CHECK_ACTIVE: 'true',
			OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
			N8N_LOG_LEVEL: 'info',
			EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'all',
			N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '10',
			...o.env,
		};

		t = Date.now();
		q.main = await startN8n({
			version,
			userFolder,
			keepUserFolder: true,
			packageTarball: o.packageTarball,
			build: false,
			env: queueEnv,
			credentials: o.credentials,
			workflows: o.workflows,
			log,
		});
		started.push(() => q.main.stop());
		q.timings.main = Date.now() - t;

		// the same environment as main, with each process' own ports
		const baseEnv = { ...process.env, ...install.env };
		delete baseEnv.NODE_TEST_CONTEXT;
		const common = {
			...baseEnv,
			N8N_USER_FOLDER: userFolder,
			N8N_LISTEN_ADDRESS: host,
			N8N_HOST: host,
			N8N_PROTOCOL: 'http',
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
			N8N_LOG_OUTPUT: 'console',
			N8N_RUNNERS_BROKER_LISTEN_ADDRESS: host,
			...queueEnv,
		};
		t = Date.now();
		q.webhook = extraProcess({
			install,
			name: 'webhook',
			args: ['webhook'],
			port: webhookPort,
			readyLine: 'Webhook listener waiting for requests',
			logFile: path.join(userFolder, 'n8n-webhook.log'),
			env: { ...common, N8N_PORT: String(webhookPort), N8N_RUNNERS_BROKER_PORT: String(await pickPort(0, { host, log })) },
			log,
		});
		started.push(() => q.webhook.stop());
		const concurrency = String(o.workerConcurrency ?? 1);
		for (let i = 1; i <= (o.workers ?? 2); i++) {
			const port = await pickPort(0, { host, label: `worker ${i}`, log });
			const w = extraProcess({
				install,
				name: `worker${i}`,
				args: ['worker', `--concurrency=${concurrency}`],
				port,
				readyLine: 'n8n worker is now ready',
				logFile: path.join(userFolder, `n8n-worker${i}.log`),
				env: { ...common, QUEUE_HEALTH_CHECK_PORT: String(port), N8N_WORKER_SERVER_ADDRESS: host, N8N_RUNNERS_BROKER_PORT: String(await pickPort(0, { host, log })) },
				log,
			});
			q.workers.push(w);
			started.push(() => w.stop());
		}
		await Promise.all([q.webhook.start(), ...q.workers.map((w) => w.start())]);
		q.timings.extra = Date.now() - t;
	} catch (e) {
		await q.stop();
		throw e;
	}

	/** Production webhook URL of a path on the webhook process. */
	q.webhookUrl = (p = '') => `${q.webhookBase}/webhook/${String(p).replace(/^\//, '')}`;
	/** The same path on the main process. */
	q.mainWebhookUrl = (p = '') => q.main.webhookUrl(p);
	/** Names of the workers whose log says they started `executionId`. */
	q.workersOf = (executionId) => q.workers.filter((w) => w.lines.some((l) => l.includes(`Worker started execution ${executionId} `))).map((w) => w.name);
	/** Waits until a worker logged the start of `executionId`; returns its name(s). */
	q.waitForWorkerOf = async (executionId, timeoutMs = 30000) => {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const names = q.workersOf(executionId);
			if (names.length || Date.now() > deadline) return names;
			await sleep(200);
		}
	};
	/** Lines of a process' log ('main', 'webhook', 'worker1', …) that match `re`. */
	q.logLines = (name, re) => {
		const text = name === 'main' ? q.main.logs() : (name === 'webhook' ? q.webhook : q.workers.find((w) => w.name === name)).log();
		return text.split('\n').filter((l) => re.test(l));
	};
	/** Stops every process (workers, webhook, main), then starts them again. */
	q.restartAll = async () => {
		const t = Date.now();
		await Promise.all([...q.workers.map((w) => w.stop()), q.webhook.stop()]);
		await q.main.restart();
		await Promise.all([q.webhook.start(), ...q.workers.map((w) => w.start())]);
		log(`every process restarted in ${fmtMs(Date.now() - t)}`);
	};
	/** Copies every process' log into `dir`. */
	q.saveLogs = (dir, prefix) => {
		fs.mkdirSync(dir, { recursive: true });
		for (const [name, file] of [['main', q.main?.logFile], ['webhook', q.webhook?.logFile], ...q.workers.map((w) => [w.name, w.logFile])]) {
			try {
				fs.copyFileSync(file, path.join(dir, `${prefix}.${name}.log`));
			} catch {}
		}
	};
	log(`queue mode up in ${fmtMs(Date.now() - t0)}: main ${q.main.url}, webhook ${q.webhookBase}, ${q.workers.length} workers`);
	return q;
}
