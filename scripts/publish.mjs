#!/usr/bin/env node
// Publishes the six tarballs `npm run pack:vendors` wrote (the all-in-one package first, then one
// per vendor) with npm provenance. Run by .github/workflows/release.yml on a version tag, where
// npm's trusted publishing (OIDC, no token) signs the provenance; `--dry-run` does everything
// but the upload, and is how the release is checked anywhere else.
//
//   node scripts/publish.mjs [--dir=.pack] [--tag=v0.1.0] [--dry-run]

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_DIR } from './lib/n8n-instance.mjs';
import { ROOT_PKG, VENDOR_PACKAGES } from './lib/vendor-packages.mjs';

const argv = process.argv.slice(2);
const opt = (name, d) => {
	const a = argv.find((x) => x.startsWith(`--${name}=`));
	return a ? a.slice(name.length + 3) : d;
};
const DIR = path.resolve(opt('dir', path.join(REPO_DIR, '.pack')));
const DRY = argv.includes('--dry-run');
const TAG = opt('tag', process.env.GITHUB_REF_NAME ?? null);

const version = ROOT_PKG.version;
if (TAG && TAG !== `v${version}`) {
	console.error(`[publish] tag ${TAG} does not match package.json version ${version} (expected v${version})`);
	process.exit(1);
}
const changelog = fs.readFileSync(path.join(REPO_DIR, 'CHANGELOG.md'), 'utf8');
if (!changelog.includes(`## ${version}`)) {
	console.error(`[publish] CHANGELOG.md has no "## ${version}" section`);
	process.exit(1);
}

const names = [ROOT_PKG.name, ...Object.values(VENDOR_PACKAGES).map((v) => v.name)];
const tarballs = names.map((n) => path.join(DIR, `${n}-${version}.tgz`));
const missing = tarballs.filter((t) => !fs.existsSync(t));
if (missing.length) {
	console.error(`[publish] missing tarball(s), run npm run pack:vendors first:\n  ${missing.join('\n  ')}`);
	process.exit(1);
}

let failed = false;
for (const tarball of tarballs) {
	// --provenance needs a CI provider with OIDC; a dry run elsewhere checks everything else.
	const args = ['publish', tarball, '--access', 'public', ...(DRY ? ['--dry-run'] : ['--provenance'])];
	console.log(`[publish] npm ${args.join(' ')}`);
	const r = spawnSync('npm', args, { stdio: 'inherit' });
	if (r.status !== 0) {
		failed = true;
		console.error(`[publish] ${path.basename(tarball)}: npm publish exited ${r.status}`);
	}
}
process.exit(failed ? 1 : 0);
