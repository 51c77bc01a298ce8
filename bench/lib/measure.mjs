// Measuring in a running n8n: start a workflow through its webhook, read n8n's own timing of
// the nodes from the saved execution, watch the n8n process's memory.

import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';

export const median = (xs) => {
	const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
	if (!s.length) return NaN;
	const m = Math.floor(s.length / 2);
	return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** POSTs `body` to the workflow's webhook and waits for the answer (the last node finished). */
export async function postWebhook(n8n, path, body, { timeoutMs = 600000 } = {}) {
	const t0 = performance.now();
	const res = await fetch(n8n.webhookUrl(path), {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body ?? {}),
		signal: AbortSignal.timeout(timeoutMs),
	});
	const text = await res.text();
	return { status: res.status, ok: res.ok, text, wallMs: performance.now() - t0 };
}

/**
 * The finished execution of a workflow that ran once: status, startedAt/stoppedAt and, per node,
 * n8n's `executionTime` and the number of output items.
 */
export async function executionSummary(n8n, workflowId, { timeoutMs = 60000 } = {}) {
	const [latest] = await n8n.waitForExecutions({ workflowId, count: 1, timeoutMs, intervalMs: 150 });
	const exec = await n8n.getExecution(latest.id);
	const runData = exec.data?.resultData?.runData ?? {};
	const nodes = {};
	for (const [name, tasks] of Object.entries(runData)) {
		const task = tasks[0];
		nodes[name] = {
			ms: task.executionTime,
			items: task.data?.main?.[0]?.length ?? 0,
			error: task.error?.message ?? null,
		};
	}
	return {
		id: latest.id,
		status: exec.status ?? latest.status,
		execMs: Date.parse(exec.stoppedAt) - Date.parse(exec.startedAt),
		error: exec.data?.resultData?.error?.message ?? null,
		nodes,
		firstItem: (name) => exec.items(name)[0],
	};
}

// ---------------------------------------------------------------- memory of the n8n process

/** Pid of the process listening on `port` (127.0.0.1), from `ss`. */
export function pidListeningOn(port) {
	const out = execFileSync('ss', ['-ltnpH', `sport = :${port}`], { encoding: 'utf8' });
	const m = /pid=(\d+)/.exec(out);
	if (!m) throw new Error(`no process found listening on port ${port} (ss: ${out.trim() || 'nothing'})`);
	return Number(m[1]);
}

/** VmRSS and VmHWM (peak RSS) of a process, in bytes. */
export function memoryOf(pid) {
	const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
	const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
	return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
}

/** Resets the kernel's peak-RSS mark (VmHWM) of a process we own; false when not allowed. */
export function resetPeak(pid) {
	try {
		fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
		return true;
	} catch {
		return false;
	}
}

/** Samples RSS every `everyMs` until stop() is called; resolves { peak, samples }. */
export function sampleRss(pid, everyMs = 25) {
	let peak = 0;
	let samples = 0;
	const timer = setInterval(() => {
		try {
			peak = Math.max(peak, memoryOf(pid).rss);
			samples++;
		} catch {}
	}, everyMs);
	return {
		stop() {
			clearInterval(timer);
			try {
				peak = Math.max(peak, memoryOf(pid).rss);
			} catch {}
			return { peak, samples };
		},
	};
}

export const mb = (bytes) => bytes / (1024 * 1024);

/**
 * Has the n8n process collect its garbage (through its inspector, opened with SIGUSR1) and returns
 * its memoryUsage() afterwards, or null with the reason when that was not possible. An n8n just
 * started holds a few hundred MB of start-up garbage; a run that reuses it would look smaller
 * than it is, and whether V8 reuses it or grows the heap changes from run to run.
 */
// n8n 1.x runs on Node 20, whose WebSocket is behind this flag (Node 22+ accepts it too).
const HEAP_GC = ['--experimental-websocket', new URL('./heap-gc.mjs', import.meta.url).pathname];

export function collectGarbage(pid, nodeBin) {
	const r = spawnSync(nodeBin, [...HEAP_GC, String(pid)], { encoding: 'utf8', timeout: 30000 });
	if (r.status !== 0) {
		const lines = (r.stderr || r.error?.message || `exit ${r.status}`).trim().split('\n');
		return { usage: null, why: lines.find((l) => /^\w*Error: /.test(l))?.trim() ?? lines.pop() };
	}
	try {
		return { usage: JSON.parse(r.stdout.trim()), why: null };
	} catch {
		return { usage: null, why: `unreadable answer: ${r.stdout.slice(0, 120)}` };
	}
}

/**
 * Watches the live heap of the n8n process while a run goes on: every 2 s a forced collection and
 * memoryUsage() after it. stop() ends it and returns the highest live heap seen. The collections
 * change how the heap grows, so a run watched this way is not the one whose peak RSS is reported.
 */
export function watchLiveHeap(pid, nodeBin) {
	const child = spawn(nodeBin, [...HEAP_GC, String(pid), 'watch'], { stdio: ['ignore', 'pipe', 'pipe'] });
	let out = '';
	let err = '';
	child.stdout.on('data', (d) => (out += d));
	child.stderr.on('data', (d) => (err += d));
	const exited = new Promise((resolve) => child.on('exit', resolve));
	return {
		async stop() {
			child.kill('SIGTERM');
			const ended = await Promise.race([exited.then(() => true), new Promise((r) => setTimeout(() => r(false), 10000))]);
			if (!ended) child.kill('SIGKILL');
			const samples = [];
			for (const line of out.trim().split('\n').filter(Boolean))
				try {
					samples.push(JSON.parse(line));
				} catch {}
			if (!samples.length) return { maxHeapUsed: null, samples: 0, why: err.trim().split('\n').pop() || 'no sample' };
			return { maxHeapUsed: Math.max(...samples.map((s) => s.heapUsed)), samples: samples.length, why: null };
		},
	};
}
