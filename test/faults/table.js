'use strict';

// The fault suite's table (scenario × vendor), written as Markdown and JSON to test-artifacts/.
// Plain CommonJS: file access is kept out of the linted TypeScript (see ./table.d.ts).
const fs = require('node:fs');
const path = require('node:path');

const dir = path.join(__dirname, '..', '..', 'test-artifacts');

function realNow() {
	return performance.now();
}

function render(rows) {
	const head = '| scenario | vendor | expected | returned | missing | duplicates | requests | virtual s | real s | outcome |';
	const line = '|---|---|---:|---:|---:|---:|---:|---:|---:|---|';
	const body = rows.map((r) =>
		`| ${r.scenario} | ${r.vendor} | ${r.expected} | ${r.returned} | ${r.missing} | ${r.duplicates} | ${r.requests} | ${r.virtualSeconds.toFixed(1)} | ${r.realSeconds.toFixed(2)} | ${String(r.outcome).replace(/\|/g, '/').replace(/\n/g, ' ')} |`,
	);
	return [head, line, ...body].join('\n') + '\n';
}

/** Writes `test-artifacts/faults-<name>.md` and `.json`; returns the Markdown path. */
function writeTable(name, rows) {
	fs.mkdirSync(dir, { recursive: true });
	const md = path.join(dir, `faults-${name}.md`);
	fs.writeFileSync(md, render(rows));
	fs.writeFileSync(path.join(dir, `faults-${name}.json`), JSON.stringify(rows, null, 2) + '\n');
	return md;
}

module.exports = { writeTable, realNow, render };
