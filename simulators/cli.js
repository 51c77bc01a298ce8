#!/usr/bin/env node
'use strict';

/**
 * Starts vendor simulators and prints one JSON line per simulator:
 *   {"vendor":"persona","url":"http://127.0.0.1:41234","baseUrl":"…/api/v1","apiKey":"…"}
 * Runs until SIGINT/SIGTERM.
 *
 *   node simulators/cli.js --vendor persona --port 0
 *   node simulators/cli.js --vendor persona,certn --ports persona=4010,certn=4011 --seed 7
 *
 * Options: --vendor (repeatable or comma list; default: all), --host, --port (applies to every
 * vendor; only sensible with 0 or a single vendor), --ports vendor=port,…, --seed,
 * --case-count, --rate-limit N, --rate-window-ms MS, --retry-after, --api-key KEY.
 */

const { startSimulators, availableVendors } = require('./index');

function parseArgs(argv) {
	const args = { vendors: [], ports: {}, options: {} };
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		const [flag, inline] = arg.includes('=') && arg.startsWith('--') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
		const value = () => (inline !== undefined ? inline : argv[++i]);
		switch (flag) {
			case '--vendor':
			case '--vendors':
				args.vendors.push(...value().split(',').filter(Boolean));
				break;
			case '--host':
				args.host = value();
				break;
			case '--port':
				args.port = Number(value());
				break;
			case '--ports':
				for (const pair of value().split(',')) {
					const [vendor, port] = pair.split('=');
					args.ports[vendor] = Number(port);
				}
				break;
			case '--seed':
				args.options.seed = value();
				break;
			case '--case-count':
				args.options.caseCount = Number(value());
				break;
			case '--rate-limit':
				args.options.rateLimit = { ...(args.options.rateLimit || {}), limit: Number(value()) };
				break;
			case '--rate-window-ms':
				args.options.rateLimit = { ...(args.options.rateLimit || {}), windowMs: Number(value()) };
				break;
			case '--retry-after':
				args.options.retryAfterHeader = true;
				break;
			case '--api-key':
				args.options.apiKeys = [...(args.options.apiKeys || []), value()];
				break;
			case '--help':
			case '-h':
				process.stdout.write(`usage: node simulators/cli.js --vendor <${availableVendors().join('|')}> [--port 0] [--seed N]\n`);
				process.exit(0);
				break;
			default:
				throw new Error(`unknown argument ${arg}`);
		}
	}
	return args;
}

async function main() {
	const args = parseArgs(process.argv.slice(2));
	const vendors = args.vendors.length ? args.vendors.filter((v) => v !== 'all') : availableVendors();
	const ports = { ...args.ports };
	if (args.port !== undefined) for (const v of vendors) if (ports[v] === undefined) ports[v] = args.port;
	const seed = args.options.seed !== undefined && /^\d+$/.test(args.options.seed) ? Number(args.options.seed) : args.options.seed;
	const shared = { ...args.options, ...(seed !== undefined ? { seed } : {}) };
	const options = Object.fromEntries(vendors.map((v) => [v, shared]));

	const sims = await startSimulators({ vendors, host: args.host, ports, options });
	for (const vendor of vendors) {
		const s = sims[vendor];
		process.stdout.write(`${JSON.stringify({ vendor, url: s.url, baseUrl: s.baseUrl, apiKey: s.apiKey })}\n`);
	}

	let stopping = false;
	const shutdown = () => {
		if (stopping) return;
		stopping = true;
		sims.stop().then(() => process.exit(0), () => process.exit(1));
	};
	process.on('SIGINT', shutdown);
	process.on('SIGTERM', shutdown);
}

main().catch((err) => {
	process.stderr.write(`${err && err.message ? err.message : err}\n`);
	process.exit(1);
});
