'use strict';
// Benchmarks print their table here: the lint forbids console and process in .ts files.
const { performance } = require('node:perf_hooks');

const rows = [];

function now() {
	return performance.now();
}

function record(row) {
	rows.push(row);
}

function print() {
	const lines = ['', 'benchmark                                   baseline      package   speed-up   requests (baseline → package)'];
	for (const r of rows) {
		lines.push(
			`${r.name.padEnd(42)} ${`${r.baselineMs.toFixed(0)} ms`.padStart(9)} ${`${r.packageMs.toFixed(0)} ms`.padStart(12)} ${`${(r.baselineMs / r.packageMs).toFixed(1)}x`.padStart(9)}   ${r.baselineRequests} → ${r.packageRequests}`,
		);
	}
	console.log(lines.join('\n'));
}

module.exports = { now, record, print };
