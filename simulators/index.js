'use strict';

/**
 * Entry point for the vendor simulators: start one or several on loopback.
 *
 *   const { startSimulators } = require('./simulators');
 *   const sims = await startSimulators({ vendors: ['persona'] });
 *   sims.persona.baseUrl; await sims.stop();
 */

/**
 * Vendor name → lazy loader of its start function. Each start function takes
 * `{ host, port, ...vendorOptions }` and resolves `{ url, baseUrl, apiKey, control, stop }`.
 * Add Certn, Sphinx, Penbox and Zenoo here as they are written.
 * @type {Record<string, () => (options: any) => Promise<{ url: string, baseUrl: string, apiKey: string, control: any, stop: () => Promise<unknown> }>>}
 */
const REGISTRY = {
	persona: () => require('./persona').startPersonaSimulator,
	certn: () => require('./certn').startCertnSimulator,
	sphinx: () => require('./sphinx').startSphinxSimulator,
	penbox: () => require('./penbox').startPenboxSimulator,
	zenoo: () => require('./zenoo').startZenooSimulator,
};

const availableVendors = () => Object.keys(REGISTRY);

/**
 * @param {{ vendors?: string[], host?: string, ports?: Record<string, number>, options?: Record<string, any> }} [opts]
 *   `ports`: per vendor (default 0 = any free port); `options`: per-vendor simulator options
 */
async function startSimulators(opts = {}) {
	const vendors = opts.vendors && opts.vendors.length ? opts.vendors : availableVendors();
	const unknown = vendors.filter((v) => !REGISTRY[v]);
	if (unknown.length) throw new Error(`unknown vendor(s) ${unknown.join(', ')}; available: ${availableVendors().join(', ')}`);

	/** @type {Record<string, any>} */
	const started = {};
	try {
		for (const vendor of vendors) {
			const start = REGISTRY[vendor]();
			started[vendor] = await start({
				...((opts.options && opts.options[vendor]) || {}),
				host: opts.host,
				port: opts.ports && opts.ports[vendor] !== undefined ? opts.ports[vendor] : 0,
			});
		}
	} catch (err) {
		await Promise.all(Object.values(started).map((s) => s.stop()));
		throw err;
	}
	return {
		...started,
		/** @type {string[]} */
		vendors,
		stop: () => Promise.all(Object.values(started).map((s) => s.stop())),
	};
}

module.exports = {
	startSimulators,
	availableVendors,
	startPersonaSimulator: (/** @type {any} */ options) => require('./persona').startPersonaSimulator(options),
	startCertnSimulator: (/** @type {any} */ options) => require('./certn').startCertnSimulator(options),
	startZenooSimulator: (/** @type {any} */ options) => require('./zenoo').startZenooSimulator(options),
	startSphinxSimulator: (/** @type {any} */ options) => require('./sphinx').startSphinxSimulator(options),
	startPenboxSimulator: (/** @type {any} */ options) => require('./penbox').startPenboxSimulator(options),
	startWebhookSink: require('./lib/webhook-sink').startWebhookSink,
};
