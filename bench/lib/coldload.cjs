'use strict';
// One cold load, in a fresh process: node bench/lib/coldload.cjs <json {files, preload, instantiate}>
// Prints {ms, cpuMs, perFile}: the time to require (and construct, as n8n does) each file, after
// n8n-workflow is already loaded (n8n has it in memory before it loads any package).

const { performance } = require('node:perf_hooks');

const { files, preload = [] } = JSON.parse(process.argv[2]);
for (const p of preload) require(p);

const perFile = {};
const cpu0 = process.cpuUsage();
const t0 = performance.now();
for (const file of files) {
	const t = performance.now();
	const mod = require(file);
	for (const value of Object.values(mod)) {
		// n8n instantiates every node and credential class it loads (descriptions are built then).
		if (typeof value === 'function' && value.prototype && /^class\s/.test(Function.prototype.toString.call(value))) new value();
	}
	perFile[file] = performance.now() - t;
}
const ms = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
process.stdout.write(JSON.stringify({ ms, cpuMs: (cpu.user + cpu.system) / 1000, perFile }));
