#!/usr/bin/env node
// `npm start`: a real n8n on 127.0.0.1 with this package installed as a community package,
// the vendor simulators, a local SMTP sink, credentials and the demo workflows. Ctrl-C stops it all.
//
//   npm start [-- --port=5678 --smtp-port=2525 --smtp-http-port=8025 --n8n-version=2|1
//              --fresh --user-folder=<dir> --no-build --strict-ports --vendors=persona,...]
//
// n8n's data persists between runs in <cache>/npm-start (see --fresh / --user-folder).

import fs from 'node:fs';
import path from 'node:path';
import { cacheRoot, fmtMs } from './lib/n8n-install.mjs';
import { startStack } from './lib/stack.mjs';
import { loadDemoWorkflows } from './lib/demo.mjs';
import { DEFAULT_VENDORS, connectPortalWebhooks, simulatorHints } from './lib/vendors.mjs';

const argv = process.argv.slice(2);
const flag = (name) => argv.includes(`--${name}`);
const opt = (name, d) => {
	const a = argv.find((x) => x.startsWith(`--${name}=`));
	return a ? a.slice(name.length + 3) : d;
};

if (flag('help')) {
	console.log(`usage: npm start -- [options]
  --port=<n>            n8n editor/webhook port (default 5678; taken → another free port)
  --smtp-port=<n>       SMTP sink port (default 2525)
  --smtp-http-port=<n>  SMTP viewer port (default 8025)
  --strict-ports        fail with the name of a taken port instead of picking another
  --n8n-version=2|1     n8n 2.41.1 on Node 24 (default) or n8n 1.123.81 on Node 20
  --vendors=a,b         simulators to start (default ${DEFAULT_VENDORS.join(',')})
  --user-folder=<dir>   N8N_USER_FOLDER (default ${path.join(cacheRoot(), 'npm-start')})
  --fresh               start from an empty user folder
  --no-build            install the current dist/ without running npm run build
  --no-slack-fake       no local Slack fake/proxy: n8n reaches the real slack.com (give the
                        "… → Slack" demos your own Slack credential, then activate them)`);
	process.exit(0);
}

const t0 = Date.now();
const log = (m) => console.log(`[start +${fmtMs(Date.now() - t0)}] ${m}`);
const version = opt('n8n-version', process.env.N8N_CC_N8N_VERSION ?? '2');
const userFolder = path.resolve(opt('user-folder', path.join(cacheRoot(), version === '2' ? 'npm-start' : `npm-start-n8n${version}`)));
if (flag('fresh') && fs.existsSync(userFolder)) {
	log(`--fresh: removing ${userFolder}`);
	fs.rmSync(userFolder, { recursive: true, force: true });
}

let stack = null;
let demo = [];
let stopping = false;
async function shutdown(signal, code = 0) {
	if (stopping) {
		console.log('\nStill stopping… (press Ctrl-C again in a few seconds to force)');
		if (signal === 'SIGINT' && stopping === 'again') process.exit(130);
		stopping = 'again';
		return;
	}
	stopping = true;
	if (signal) console.log(`\n${signal}: stopping everything npm start started…`);
	const t = Date.now();
	await stack?.stop();
	if (signal) console.log(`stopped in ${fmtMs(Date.now() - t)}`);
	process.exit(code);
}
process.on('SIGINT', () => shutdown('SIGINT', 130));
process.on('SIGTERM', () => shutdown('SIGTERM', 143));
process.on('SIGHUP', () => shutdown('SIGHUP', 129));

try {
	stack = await startStack({
		version,
		vendors: opt('vendors', DEFAULT_VENDORS.join(',')).split(',').filter(Boolean),
		port: Number(opt('port', 5678)),
		smtpPort: Number(opt('smtp-port', 2525)),
		smtpHttpPort: Number(opt('smtp-http-port', 8025)),
		strictPorts: flag('strict-ports'),
		userFolder,
		keepUserFolder: true,
		build: !flag('no-build'),
		fakeModel: true, // the local OpenAI-compatible model of the "Ask about your cases" demo
		slack: flag('no-slack-fake') ? false : { viewerPort: 0 }, // the local Slack API fake (via a proxy) of the "… → Slack" demos
		workflows: (credentials) => {
			demo = loadDemoWorkflows({ credentials });
			return demo.map((w) => w.workflow);
		},
		log,
	});
	if (stopping) await new Promise(() => {}); // Ctrl-C during start-up: shutdown() is running

	const { n8n } = stack;
	const workflows = demo;
	for (const w of workflows) {
		if (w.missing.length) log(`WARNING: demo "${w.workflow.name}" needs credentials that were not created: ${w.missing.join(', ')}`);
	}
	if (workflows.length) log(`demo workflows imported: ${workflows.map((w) => `"${w.workflow.name}"`).join(', ')}`);
	const activated = [];
	for (const w of workflows) {
		const wf = w.workflow;
		const isTriggered = wf.nodes.some((n) => /trigger$/i.test(n.type) && !n.type.endsWith('manualTrigger'));
		if (!isTriggered) continue;
		if (w.missing.length) {
			log(`not activating "${wf.name}": missing ${w.missing.join(', ')}`);
			continue;
		}
		try {
			await n8n.activate(wf.id);
			activated.push(wf.name);
			log(`activated "${wf.name}"`);
			// vendors without a webhook API (Certn): the simulator stands in for the portal step
			for (const line of await connectPortalWebhooks({ workflow: wf, n8n, simulators: stack.simulators })) log(line);
		} catch (e) {
			log(`WARNING: could not activate "${wf.name}": ${e.message.split('\n')[0]}`);
		}
	}

	const line = '─'.repeat(72);
	const hints = simulatorHints(stack.simulators);
	console.log(`
${line}
 n8n ${n8n.version} (Node ${n8n.nodeVersion}) with ${n8n.packageName} is running

 Editor          ${n8n.url}/
 Login           ${n8n.owner.email}  /  ${n8n.owner.password}
 SMTP sink       smtp://${stack.sink.host}:${stack.sink.smtpPort}  (credential "${stack.credentials.smtp.name}")
 Received mail   ${stack.sink.url}
${stack.slack ? ` Slack messages  ${stack.slack.url}  (local Slack fake, credential "${stack.credentials.slackApi.name}", channel #compliance-alerts; n8n reaches it through ${stack.slack.proxyUrl})\n` : ''}${stack.fakeModel ? ` Fake AI model   ${stack.fakeModel.baseUrl}  (credential "${stack.credentials.openAiApi.name}"; requests: ${stack.fakeModel.url}/__control/requests)\n` : ''}${stack.simulators.map((s) => ` Simulator       ${s.vendor.padEnd(8)} ${s.baseUrl ?? s.url}${s.url && s.baseUrl && s.url !== s.baseUrl ? `  (control ${s.url})` : ''}\n`).join('')}${stack.simulatorsMissing ? ' Simulators      none (simulators/index.js does not exist yet)\n' : ''} Workflows       ${workflows.map((w) => `${n8n.url}/workflow/${w.workflow.id}  ${w.workflow.name}${activated.includes(w.workflow.name) ? ' (active)' : ''}`).join('\n                 ')}
${hints.length ? ` Try             ${hints.join('\n                 ')}\n` : ''} User folder     ${n8n.userFolder}
 n8n log         ${n8n.logFile}

 Ready in ${fmtMs(Date.now() - t0)}. Press Ctrl-C to stop everything.
${line}
`);
} catch (e) {
	console.error(`\nnpm start failed: ${e.message}`);
	await shutdown(null, 1);
}
