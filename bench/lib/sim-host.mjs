// The benchmark's vendor simulators, in a process of their own (forked by bench/lib/sims.mjs), so
// that neither n8n nor the raw fetch loop shares an event loop with them.
//
// Messages (IPC, each answered with { id, ok, value | error }):
//   start  { name, vendor, options, latencyMs }   a simulator instance (options go to start<Vendor>Simulator)
//   slots  { name, count }                        `count` extra ports forwarding to that instance
//   control{ name, fn, args }                     sim.control[fn](...args)
//   stats  { name }                               requests received since the last clear, how many got 429, connections opened
//   caseIds{ name, count }                        the first `count` case ids, newest first
//   stop   {}
//
// A "slot" is a TCP port that forwards to an instance. Every measured run talks to the simulator
// through a slot of its own, so it reaches n8n with a base URL (and credential) of its own: the
// node's in-process rate limiter then starts each run with an empty budget, as a single
// workflow run in a user's n8n would, instead of inheriting the requests of the runs before it.

import net from 'node:net';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const simulators = require('../../simulators');

const instances = new Map(); // name → { sim, vendor, servers: net.Server[] }

function starterFor(vendor) {
	const name = `start${vendor[0].toUpperCase()}${vendor.slice(1)}Simulator`;
	const fn = simulators[name];
	if (typeof fn === 'function') return fn;
	return (options) => simulators.startSimulators({ vendors: [vendor], options: { [vendor]: options } }).then((s) => s[vendor]);
}

function portOf(url) {
	return Number(new URL(url).port);
}

function forwarder(targetPort, host) {
	const sockets = new Set();
	const server = net.createServer((client) => {
		client.setNoDelay(true);
		const upstream = net.connect({ port: targetPort, host }, () => upstream.setNoDelay(true));
		sockets.add(client).add(upstream);
		const close = () => {
			client.destroy();
			upstream.destroy();
			sockets.delete(client);
			sockets.delete(upstream);
		};
		client.on('error', close).on('close', close);
		upstream.on('error', close).on('close', close);
		client.pipe(upstream);
		upstream.pipe(client);
	});
	server.closeAll = () => {
		for (const s of sockets) s.destroy();
		return new Promise((r) => server.close(() => r()));
	};
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, host, () => resolve(server));
	});
}

const handlers = {
	async start({ name, vendor, options = {}, latencyMs = 0 }) {
		const t = Date.now();
		const sim = await starterFor(vendor)({ host: '127.0.0.1', ...options });
		if (latencyMs > 0) sim.control.pushFaults({ type: 'slow', delayMs: latencyMs, count: 1e9 });
		instances.set(name, { sim, vendor, servers: [] });
		return {
			name,
			vendor,
			url: sim.url,
			baseUrl: sim.baseUrl,
			apiKey: sim.apiKey,
			webhookSecret: sim.webhookSecret ?? null,
			port: portOf(sim.url),
			seedMs: Date.now() - t,
		};
	},
	async slots({ name, count }) {
		const inst = instances.get(name);
		const ports = [];
		for (let i = 0; i < count; i++) {
			const server = await forwarder(portOf(inst.sim.url), '127.0.0.1');
			inst.servers.push(server);
			ports.push(server.address().port);
		}
		return ports;
	},
	async control({ name, fn, args = [] }) {
		const inst = instances.get(name);
		const value = await inst.sim.control[fn](...args);
		return value === undefined ? null : JSON.parse(JSON.stringify(value));
	},
	async stats({ name }) {
		const log = instances.get(name).sim.control.requests();
		const byStatus = {};
		for (const e of log) byStatus[e.status] = (byStatus[e.status] ?? 0) + 1;
		return { requests: log.length, refused: byStatus[429] ?? 0, byStatus, connections: instances.get(name).sim.control.connectionsOpened() };
	},
	async caseIds({ name, count }) {
		const { sim, vendor } = instances.get(name);
		const headers = vendor === 'certn' ? { Authorization: `Api-Key ${sim.apiKey}` } : vendor === 'zenoo' ? { 'X-API-KEY': sim.apiKey } : { Authorization: `Bearer ${sim.apiKey}` };
		// Through the API (control paths differ per vendor); the request log is cleared by the caller.
		const ids = [];
		if (vendor === 'persona') {
			let next = `${sim.baseUrl}/cases?page%5Bsize%5D=100`;
			while (next && ids.length < count) {
				const doc = await (await fetch(next, { headers })).json();
				ids.push(...doc.data.map((c) => c.id));
				next = doc.links?.next ? new URL(doc.links.next, sim.url).toString() : null;
			}
		} else if (vendor === 'certn') {
			for (let page = 1; ids.length < count; page++) {
				const doc = await (await fetch(`${sim.baseUrl}/api/public/cases/?page=${page}&page_size=100`, { headers })).json();
				ids.push(...doc.results.map((c) => c.id));
				if (!doc.pagination?.next_page && !doc.next) break;
			}
		} else if (vendor === 'zenoo') {
			// Zenoo names cases by token (cas_…).
			let cursor = null;
			do {
				const doc = await (await fetch(`${sim.baseUrl}/v1/cases?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { headers })).json();
				ids.push(...doc.data.map((c) => c.token));
				cursor = doc.meta?.page?.has_more ? doc.meta.page.cursor : null;
			} while (cursor && ids.length < count);
		} else if (vendor === 'sphinx') {
			for (let next = `${sim.baseUrl}/api/cases/?page_size=100`; next && ids.length < count; ) {
				const doc = await (await fetch(next, { headers })).json();
				ids.push(...doc.results.map((c) => String(c.id)));
				next = doc.next;
			}
		} else if (vendor === 'penbox') {
			for (let page = 1; ids.length < count; page++) {
				const doc = await (await fetch(`${sim.baseUrl}/cases?page%5Bsize%5D=100&page%5Bnumber%5D=${page}&sort=-created_at`, { headers })).json();
				ids.push(...doc.data.map((c) => c.id));
				if (!(doc.meta?.current_page < doc.meta?.total_pages)) break;
			}
		} else throw new Error(`caseIds: no recipe for ${vendor}`);
		return ids.slice(0, count);
	},
	async stop() {
		for (const { sim, servers } of instances.values()) {
			await Promise.all(servers.map((s) => s.closeAll()));
			await sim.stop();
		}
		instances.clear();
		return null;
	},
};

process.on('message', async (msg) => {
	try {
		const value = await handlers[msg.type](msg);
		process.send({ id: msg.id, ok: true, value });
		if (msg.type === 'stop') setTimeout(() => process.exit(0), 50);
	} catch (e) {
		process.send({ id: msg.id, ok: false, error: e?.stack ?? String(e) });
	}
});
process.on('disconnect', () => process.exit(0));
