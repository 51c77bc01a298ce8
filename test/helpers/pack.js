'use strict';
// What `npm pack` would put into the published tarball (needs a build in dist/ first).
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..', '..');

function packedFiles() {
	const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
		cwd: root,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	const [report] = JSON.parse(out);
	return report.files.map((f) => f.path);
}

function packageJson() {
	return JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
}

function distExists() {
	return fs.existsSync(path.join(root, 'dist'));
}

module.exports = { packedFiles, packageJson, distExists };
