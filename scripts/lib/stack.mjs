// Everything a real-n8n session needs, started together and stopped together:
// vendor simulators, the SMTP sink, n8n with this package installed, and credentials pointing
// n8n at the simulators and the sink. Used by `npm start` (scripts/start.mjs) and the e2e tests.
//
//   const stack = await startStack({ vendors: ['persona'] });
//   stack.n8n, stack.sink, stack.simulators, stack.credentials.personaApi.id
//   await stack.stop();

import fs from 'node:fs';
import path from 'node:path';
import { ensureN8n, fmtMs } from './n8n-install.mjs';
import { startN8n, buildPackage, packPackage, pickPort } from './n8n-instance.mjs';
import { startSmtpSink } from './smtp-sink.mjs';
import { startFakeOpenAi, fakeModelCredential } from './fake-openai.mjs';
import { startSlackFake, slackCredential } from './slack-fake.mjs';
import { startVendorSimulators, simulatorCredential, smtpCredential } from './vendors.mjs';

/**
 * @param {object} [o]
 * @param {'2'|'1'} [o.version]
 * @param {string[]} [o.vendors]       simulators to start (default ['persona'])
 * @param {string} [o.host]            127.0.0.1
 * @param {number} [o.port]            n8n port wanted (taken → another, logged)
 * @param {number} [o.smtpPort]        SMTP port wanted
 * @param {number} [o.smtpHttpPort]    SMTP viewer port wanted
 * @param {boolean} [o.strictPorts]    fail instead of picking another port
 * @param {string} [o.userFolder]      N8N_USER_FOLDER (default a temp folder)
 * @param {boolean} [o.build]          npm run build first (default true)
 * @param {string} [o.packageTarball]  install this tarball instead of build + pack
 * @param {object} [o.env]             extra n8n environment
 * @param {boolean|object} [o.fakeModel]  also start the local OpenAI-compatible fake model
 *                                     (scripts/lib/fake-openai.mjs; an object = its options) and
 *                                     import an `openAiApi` credential for it (stack.fakeModel)
 * @param {boolean|object} [o.slack]  also start the local Slack API fake behind a CONNECT proxy
 *                                     (scripts/lib/slack-fake.mjs; an object = its options), run n8n
 *                                     with its proxy/CA environment and import a `slackApi` credential
 *                                     (stack.slack)
 * @param {object[]} [o.extraCredentials]  more credentials to import: { id, name, type, data }
 * @param {object[]|Function} [o.workflows]  workflows imported before n8n starts, or
 *                                     (credentials: { [type]: { id, name } }) => workflows
 * @param {(msg: string) => void} [o.log]
 */
export async function startStack(o = {}) {
	const log = o.log ?? ((m) => process.stderr.write(`[stack] ${m}\n`));
	const host = o.host ?? '127.0.0.1';
	const started = [];
	const stack = {
		n8n: null,
		sink: null,
		simulators: [],
		credentials: {},
		timings: {},
		async stop() {
			for (const s of started.splice(0).reverse()) {
				try {
					await s();
				} catch (e) {
					log(`while stopping: ${e.message}`);
				}
			}
		},
	};
	try {
		let t = Date.now();
		const install = await ensureN8n({ version: o.version ?? process.env.N8N_CC_N8N_VERSION ?? '2', log });
		stack.timings.install = Date.now() - t;

		let tarball = o.packageTarball;
		if (!tarball) {
			t = Date.now();
			if (o.build !== false) await buildPackage({ log });
			tarball = await packPackage({ log });
			stack.timings.buildAndPack = Date.now() - t;
			started.push(() => fs.rmSync(path.dirname(tarball), { recursive: true, force: true }));
		}
		stack.tarball = tarball;

		t = Date.now();
		const sims = await startVendorSimulators({ vendors: o.vendors ?? ['persona'], host, log });
		stack.simulatorsMissing = Boolean(sims.missing);
		for (const s of sims) started.push(() => s.stop?.());
		stack.simulators = sims;
		for (const s of sims) log(`simulator ${s.vendor}: ${s.baseUrl ?? s.url}`);

		const smtpPort = o.smtpPort ? await pickPort(o.smtpPort, { host, label: 'SMTP sink', strict: o.strictPorts, log }) : 0;
		const smtpHttpPort = o.smtpHttpPort ? await pickPort(o.smtpHttpPort, { host, label: 'SMTP viewer', strict: o.strictPorts, log }) : 0;
		stack.sink = await startSmtpSink({ host, smtpPort, httpPort: smtpHttpPort, log: (m) => log(`smtp sink: ${m}`) });
		started.push(() => stack.sink.stop());
		log(`SMTP sink: smtp://${host}:${stack.sink.smtpPort}, viewer ${stack.sink.url}`);
		stack.timings.services = Date.now() - t;

		const creds = [smtpCredential(stack.sink), ...sims.map(simulatorCredential).filter(Boolean)];
		if (o.fakeModel) {
			stack.fakeModel = await startFakeOpenAi({ host, ...(typeof o.fakeModel === 'object' ? o.fakeModel : {}), log });
			started.push(() => stack.fakeModel.stop());
			creds.push(fakeModelCredential(stack.fakeModel));
			log(`fake model (OpenAI-compatible): ${stack.fakeModel.baseUrl}`);
		}
		if (o.slack) {
			stack.slack = await startSlackFake({ host, ...(typeof o.slack === 'object' ? o.slack : {}), log });
			started.push(() => stack.slack.stop());
			creds.push(slackCredential(stack.slack));
		}
		for (const c of creds) stack.credentials[c.type] = { id: c.id, name: c.name, type: c.type };
		creds.push(...(o.extraCredentials ?? [])); // more { id, name, type, data } to import (not in stack.credentials)
		const workflows = typeof o.workflows === 'function' ? o.workflows(stack.credentials) : (o.workflows ?? []);

		t = Date.now();
		stack.n8n = await startN8n({
			credentials: creds,
			workflows,
			version: install.n8nVersion.split('.')[0],
			host,
			port: o.port,
			strictPorts: o.strictPorts,
			userFolder: o.userFolder,
			keepUserFolder: o.keepUserFolder,
			packageTarball: tarball,
			env: stack.slack ? { ...stack.slack.n8nEnv, ...o.env } : o.env,
			log,
		});
		started.push(() => stack.n8n.stop());
		stack.timings.n8nStart = Date.now() - t;

		log(`credentials imported: ${creds.map((c) => `${c.type} (${c.id})`).join(', ')}`);
		log(`stack ready (install ${fmtMs(stack.timings.install)}, n8n start ${fmtMs(stack.timings.n8nStart)})`);
		return stack;
	} catch (e) {
		await stack.stop();
		throw e;
	}
}
