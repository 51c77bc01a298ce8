// Headless Chromium for the editor tests (and anyone who wants to look at a running n8n).
//
// The machines cannot download browsers (no Playwright CDN), so this uses Debian's own `chromium`
// package, driven through playwright-core (a devDependency, no browser of its own):
//
//   import { ensureChromium, launchBrowser } from './browser.mjs';
//   const exe = await ensureChromium();                 // finds /usr/bin/chromium or apt-installs it (root)
//   const browser = await launchBrowser();              // { context, page, userDataDir, executablePath, close() }
//   await browser.page.goto('http://127.0.0.1:5678/');
//   await browser.close();                              // also removes the fresh --user-data-dir
//
// Environment:
//   N8N_CC_CHROMIUM       another Chromium binary (default /usr/bin/chromium)
//   N8N_CC_NO_APT=1       never run apt-get; fail with the install command instead
//
// CLI (installs if needed, prints the version):  node scripts/lib/browser.mjs

import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export const CHROMIUM_PATH = '/usr/bin/chromium';

/** The flags every launch uses (plus a fresh --user-data-dir, which Playwright passes itself). */
export const CHROMIUM_FLAGS = Object.freeze([
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
]);

const INSTALL_HINT = 'apt-get update && apt-get install -y chromium';

const defaultLog = (m) => process.stderr.write(`[browser] ${m}\n`);

function executablePath() {
	return process.env.N8N_CC_CHROMIUM || CHROMIUM_PATH;
}

/** `chromium --version` of a binary, or null when it does not run. */
export function chromiumVersion(exe = executablePath()) {
	if (!fs.existsSync(exe)) return null;
	const r = spawnSync(exe, ['--version'], { encoding: 'utf8', timeout: 30000 });
	if (r.status !== 0) return null;
	return (r.stdout || '').trim() || null;
}

/** Runs a command, streaming its output through `log` line by line (apt's progress). */
function runLogged(cmd, args, { log, env }) {
	return new Promise((resolve, reject) => {
		const child = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
		const tail = [];
		const onData = (d) => {
			for (const line of d.toString().split('\n')) {
				const l = line.trim();
				if (!l) continue;
				tail.push(l);
				if (tail.length > 40) tail.shift();
				// apt is chatty: show the lines that mark progress
				if (/^(Fetched|Need to get|\d+ upgraded|Setting up chromium|Setting up fonts|E:|W:)/.test(l)) log(`  apt-get: ${l}`);
			}
		};
		child.stdout.on('data', onData);
		child.stderr.on('data', onData);
		child.on('error', reject);
		child.on('exit', (code, signal) => {
			if (code === 0) resolve();
			else reject(new Error(`${cmd} ${args.join(' ')} failed (${signal ?? `exit ${code}`}):\n${tail.join('\n')}`));
		});
	});
}

let ensuring = null;

/**
 * Makes sure a runnable Chromium exists and returns its path. Finds /usr/bin/chromium (or
 * N8N_CC_CHROMIUM); when missing and running as root, installs Debian's `chromium` package with
 * apt-get (a few minutes, progress shown); otherwise throws saying how to install it.
 * @param {{ log?: (msg: string) => void }} [o]
 * @returns {Promise<string>} the executable path
 */
export function ensureChromium({ log = defaultLog } = {}) {
	ensuring ??= (async () => {
		const exe = executablePath();
		const found = chromiumVersion(exe);
		if (found) {
			log(`${found} at ${exe}`);
			return exe;
		}
		if (process.env.N8N_CC_CHROMIUM) throw new Error(`N8N_CC_CHROMIUM=${exe} is not a runnable Chromium (\`${exe} --version\` failed)`);
		const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
		const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { encoding: 'utf8' }).status === 0;
		if (!isRoot || !hasApt || process.env.N8N_CC_NO_APT === '1') {
			const why = !hasApt ? 'apt-get is not available' : !isRoot ? 'this process is not root' : 'N8N_CC_NO_APT=1';
			throw new Error(
				`Chromium is not installed at ${exe}, and it cannot be installed from here (${why}). ` +
					`Browsers cannot be downloaded on these machines; install Debian's package as root:\n  ${INSTALL_HINT}\n` +
					`or point N8N_CC_CHROMIUM at another Chromium binary.`,
			);
		}
		const t = Date.now();
		const env = { DEBIAN_FRONTEND: 'noninteractive' };
		log(`Chromium is not installed: installing Debian's chromium package with apt-get (takes a few minutes)`);
		await runLogged('apt-get', ['-o', 'DPkg::Lock::Timeout=600', 'update'], { log, env });
		// Recommends (upower, mesa, notification daemons…) are not needed headless; fonts-liberation
		// gives pages the usual Arial/Times metrics.
		await runLogged(
			'apt-get',
			['-o', 'DPkg::Lock::Timeout=600', 'install', '-y', '--no-install-recommends', 'chromium', 'fonts-liberation'],
			{ log, env },
		);
		const version = chromiumVersion(exe);
		if (!version) throw new Error(`apt-get installed chromium, but \`${exe} --version\` does not run`);
		log(`installed ${version} in ${Math.round((Date.now() - t) / 1000)} s`);
		return exe;
	})();
	// a failed attempt may be retried later (e.g. after the admin installed it)
	ensuring.catch(() => (ensuring = null));
	return ensuring;
}

/**
 * Launches headless Chromium through playwright-core with a fresh profile.
 * @param {{ log?: Function, viewport?: { width: number, height: number }, args?: string[], timeoutMs?: number }} [o]
 * @returns {Promise<{ context: import('playwright-core').BrowserContext, page: import('playwright-core').Page, executablePath: string, userDataDir: string, close(): Promise<void> }>}
 */
export async function launchBrowser({ log = defaultLog, viewport = { width: 1440, height: 900 }, args = [], timeoutMs = 60000 } = {}) {
	const exe = await ensureChromium({ log });
	let playwright;
	try {
		playwright = await import('playwright-core');
	} catch (e) {
		throw new Error(`playwright-core is not installed (it is a devDependency: run npm install in the repository): ${e.message}`);
	}
	const chromium = playwright.chromium ?? playwright.default?.chromium;
	const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-cc-chromium-'));
	let context;
	try {
		// Playwright passes --user-data-dir=<userDataDir> itself (it refuses the flag in `args`).
		context = await chromium.launchPersistentContext(userDataDir, {
			executablePath: exe,
			headless: true,
			args: [...CHROMIUM_FLAGS, ...args],
			viewport,
			timeout: timeoutMs,
			locale: 'en-US',
			timezoneId: 'UTC',
		});
	} catch (e) {
		fs.rmSync(userDataDir, { recursive: true, force: true });
		throw e;
	}
	const page = context.pages()[0] ?? (await context.newPage());
	let closed = false;
	return {
		context,
		page,
		executablePath: exe,
		userDataDir,
		async close() {
			if (closed) return;
			closed = true;
			try {
				await context.close();
			} finally {
				fs.rmSync(userDataDir, { recursive: true, force: true });
			}
		},
	};
}

// ---------------------------------------------------------------- CLI
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	try {
		const exe = await ensureChromium({ log: (m) => console.log(m) });
		const b = await launchBrowser({ log: () => {} });
		await b.page.setContent('<title>ok</title><h1>Chromium works</h1>');
		console.log(`${exe}: launched headless via playwright-core, page title "${await b.page.title()}"`);
		await b.close();
	} catch (e) {
		console.error(e.message);
		process.exit(1);
	}
}
