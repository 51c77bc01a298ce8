// Driver side of bench/lib/sim-host.mjs: starts the simulator process and talks to it.

import { fork } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HOST = path.join(path.dirname(fileURLToPath(import.meta.url)), 'sim-host.mjs');

export async function startSimHost() {
	const child = fork(HOST, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
	const pending = new Map();
	let seq = 0;
	let exited = null;
	child.on('message', (m) => {
		const p = pending.get(m.id);
		if (!p) return;
		pending.delete(m.id);
		if (m.ok) p.resolve(m.value);
		else p.reject(new Error(`simulator host: ${m.error}`));
	});
	child.on('exit', (code, signal) => {
		exited = { code, signal };
		for (const p of pending.values()) p.reject(new Error(`simulator host exited (${signal ?? code})`));
		pending.clear();
	});
	const call = (type, args = {}) =>
		new Promise((resolve, reject) => {
			if (exited) return reject(new Error('simulator host is not running'));
			const id = ++seq;
			pending.set(id, { resolve, reject });
			child.send({ id, type, ...args });
		});

	return {
		pid: child.pid,
		/** Starts an instance; resolves { name, vendor, url, baseUrl, apiKey, webhookSecret, port }. */
		start: (name, vendor, options, latencyMs) => call('start', { name, vendor, options, latencyMs }),
		slots: (name, count) => call('slots', { name, count }),
		control: (name, fn, ...args) => call('control', { name, fn, args }),
		stats: (name) => call('stats', { name }),
		caseIds: (name, count) => call('caseIds', { name, count }),
		async stop() {
			if (exited) return;
			const done = new Promise((r) => child.once('exit', r));
			try {
				await Promise.race([call('stop'), new Promise((r) => setTimeout(r, 10000))]);
			} catch {}
			const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
			await done;
			clearTimeout(timer);
		},
	};
}
