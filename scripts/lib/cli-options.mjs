// The command-line options scripts/e2e.mjs and scripts/test-queue.mjs share:
//
//   --n8n-version=2|1|all   n8n major to test against (default: N8N_CC_N8N_VERSION, else 2);
//                           `all` is 2, then 1
//   --no-build              use the current dist/ (no `npm run build` first)
//   --only=<name-pattern>   passed to `node --test` as --test-name-pattern
//   anything not starting with `--`: a test file (scripts/e2e.mjs only; test-queue ignores them)
//   --help                  prints this and exits
//
// An unknown `--…` argument is an error (it used to be ignored, so a mistyped option ran every
// test file).

import fs from 'node:fs';

const KNOWN = ['--n8n-version=', '--no-build', '--only=', '--help'];

/**
 * @param {string[]} [argv] the script's arguments (default process.argv.slice(2))
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {{ versions: string[], build: boolean, only: string | undefined, files: string[] }}
 */
export function parseTestOptions(argv = process.argv.slice(2), env = process.env) {
	if (argv.includes('--help')) {
		const text = fs.readFileSync(new URL(import.meta.url), 'utf8').split('\n');
		console.log(text.slice(0, text.findIndex((l) => !l.startsWith('//'))).map((l) => l.replace(/^\/\/ ?/, '')).join('\n'));
		process.exit(0);
	}
	const unknown = argv.filter((a) => a.startsWith('--') && !KNOWN.some((k) => (k.endsWith('=') ? a.startsWith(k) : a === k)));
	if (unknown.length) {
		console.error(`unknown option ${unknown.join(', ')} (see --help)`);
		process.exit(2);
	}
	const opt = (name, d) => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? d;
	const versionArg = opt('n8n-version', env.N8N_CC_N8N_VERSION ?? '2');
	return {
		versions: versionArg === 'all' ? ['2', '1'] : [versionArg],
		build: !argv.includes('--no-build'),
		only: opt('only'),
		files: argv.filter((a) => !a.startsWith('--')),
	};
}

/** `node --test` arguments for one run: spec reporter, one file at a time, the --only pattern, then the files. */
export function nodeTestArgs({ only, files }) {
	const args = ['--test', '--test-reporter=spec', '--test-concurrency=1'];
	if (only) args.push(`--test-name-pattern=${only}`);
	args.push(...files);
	return args;
}
