'use strict';
// What the package's index.js says, read as text and as a module (tests must not use `process`
// or the file system from .ts, and index.js lives outside the TypeScript tree).
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..', '..');

/** The `require('./dist/…')` paths of index.js in order, and the export name each is read as. */
function indexRequires() {
	const source = fs.readFileSync(path.join(root, 'index.js'), 'utf8');
	return [...source.matchAll(/get (\w+)\(\) \{\s*return require\('\.\/([^']+)'\)\.(\w+);/g)].map((m) => ({
		exportName: m[1],
		file: `${m[2]}.js`,
		className: m[3],
	}));
}

/** index.js loaded fresh, and one of the dist files it points at. */
function loadIndex() {
	return require(path.join(root, 'index.js'));
}
function loadDist(file) {
	return require(path.join(root, file));
}

module.exports = { indexRequires, loadIndex, loadDist };
