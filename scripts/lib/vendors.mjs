// Which credential each vendor simulator gets in a real n8n, and how to start the simulators.
//
// A simulator (from simulators/index.js) is { vendor, url, baseUrl, apiKey, stop(), ... }.
// CREDENTIALS[vendor](sim) returns the credential `data` pointing n8n at that simulator
// (field names from shared/CONTRACT.md). A vendor joins `npm start` and the e2e tests by having
// a simulator and an entry here.

import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_DIR, PACKAGE_NAME } from './n8n-instance.mjs';

/** The simulators `npm start` runs unless told otherwise (`--vendors=`). */
export const DEFAULT_VENDORS = ['persona', 'certn', 'zenoo', 'sphinx', 'penbox'];

export const CREDENTIALS = {
	persona: { type: 'personaApi', name: 'Persona (simulator)', data: (s) => ({ apiKey: s.apiKey, baseUrl: s.baseUrl, ...(s.webhookSecret ? { webhookSecret: s.webhookSecret } : {}) }) },
	certn: { type: 'certnApi', name: 'Certn (simulator)', data: (s) => ({ apiKey: s.apiKey, environment: 'custom', baseUrl: s.baseUrl, ...(s.webhookSecret ? { webhookSecret: s.webhookSecret } : {}) }) },
	sphinx: { type: 'sphinxApi', name: 'Sphinx (simulator)', data: (s) => ({ accessToken: s.accessToken ?? s.apiKey, baseUrl: s.baseUrl }) },
	penbox: { type: 'penboxApi', name: 'Penbox (simulator)', data: (s) => ({ apiKey: s.apiKey, baseUrl: s.baseUrl }) },
	zenoo: { type: 'zenooApi', name: 'Zenoo (simulator)', data: (s) => ({ apiKey: s.apiKey, environment: 'custom', baseUrl: s.baseUrl }) },
};

/** A stable 16-character id per credential, e.g. ccSimPersona0000. */
export function credentialId(key) {
	const k = key.replace(/[^A-Za-z0-9]/g, '');
	return `ccSim${k[0].toUpperCase()}${k.slice(1)}0000000000000000`.slice(0, 16);
}

/** n8n credential JSON (for importCredentials) for one running simulator. */
export function simulatorCredential(sim) {
	const def = CREDENTIALS[sim.vendor];
	if (!def) return null;
	return { id: credentialId(sim.vendor), name: def.name, type: def.type, data: def.data(sim) };
}

/** The SMTP credential (n8n type `smtp`) for the local sink. */
export function smtpCredential(sink) {
	return {
		id: credentialId('smtpSink'),
		name: 'SMTP sink (local)',
		type: 'smtp',
		data: { user: 'demo', password: 'demo', host: sink.host, port: sink.smtpPort, secure: false, disableStartTls: true },
	};
}

export const SIMULATORS_ENTRY = path.join(REPO_DIR, 'simulators', 'index.js');

/**
 * Starts the vendor simulators through simulators/index.js. Resolves to [] with `missing: true`
 * when that file does not exist yet.
 */
export async function startVendorSimulators({ vendors = ['persona'], host = '127.0.0.1', log = () => {} } = {}) {
	if (!fs.existsSync(SIMULATORS_ENTRY)) {
		log(`WARNING: ${path.relative(REPO_DIR, SIMULATORS_ENTRY)} does not exist yet — starting without vendor simulators`);
		return Object.assign([], { missing: true });
	}
	const mod = await import(pathToFileURL(SIMULATORS_ENTRY).href);
	const start = mod.startSimulators ?? mod.default?.startSimulators;
	if (typeof start !== 'function') throw new Error(`${SIMULATORS_ENTRY} does not export startSimulators()`);
	const res = await start({ vendors, host });
	return normalizeSimulators(res, vendors);
}

// simulators/index.js resolves to { persona: {...}, vendors: [...], stop() }; an array of
// { vendor, ... } is accepted as well. Always returns [{ vendor, url, baseUrl, apiKey, stop(), ... }].
function normalizeSimulators(res, vendors) {
	if (Array.isArray(res)) return res;
	if (!res || typeof res !== 'object') return [];
	const names = Array.isArray(res.vendors) ? res.vendors : vendors.filter((v) => res[v]);
	const list = names.map((vendor) => Object.assign(res[vendor], { vendor: res[vendor].vendor ?? vendor }));
	// stop each simulator through the group's stop() when it has no own stop()
	if (typeof res.stop === 'function' && list.some((s) => typeof s.stop !== 'function')) {
		let stopped = null;
		for (const s of list) if (typeof s.stop !== 'function') s.stop = () => (stopped ??= res.stop());
	}
	return list;
}

// ---------------------------------------------------------------- webhooks set up by hand
// Certn has no API to register webhooks: a user adds the trigger's Production URL in the Client
// Portal, which checks it with `GET ?challenge=`. For `npm start` the simulator plays the portal.

/** Vendor → its trigger node and how to "add the URL in the portal" of its simulator. */
export const PORTAL_WEBHOOKS = {
	certn: {
		triggerType: 'certnTrigger',
		path: 'webhook',
		add: (sim, url, node) => {
			const events = Array.isArray(node.parameters?.events) && node.parameters.events.length ? node.parameters.events : undefined;
			return sim.control.addWebhook({ url, secret: sim.webhookSecret, events });
		},
	},
};

/**
 * For an active workflow: adds the production URL of each of its triggers whose vendor sets
 * webhooks up by hand to that vendor's simulator (the portal step). Returns one line per webhook.
 * @param {{ workflow: object, n8n: { webhookUrl(path: string): string }, simulators: object[] }} o
 * @returns {Promise<string[]>}
 */
export async function connectPortalWebhooks({ workflow, n8n, simulators }) {
	const lines = [];
	for (const node of workflow.nodes ?? []) {
		for (const [vendor, def] of Object.entries(PORTAL_WEBHOOKS)) {
			if (node.type !== `${PACKAGE_NAME}.${def.triggerType}` || node.disabled) continue;
			const sim = simulators.find((s) => s.vendor === vendor);
			if (!sim || !node.webhookId) continue;
			const url = n8n.webhookUrl(`${node.webhookId}/${def.path}`);
			const hook = await def.add(sim, url, node);
			lines.push(
				`${vendor} simulator: webhook for "${workflow.name}" → ${url} ${hook.enabled ? '(challenge answered, enabled)' : `(NOT enabled: the challenge got ${hook.challenge?.status ?? '?'}${hook.challenge?.error ? ` ${hook.challenge.error}` : ''})`}`,
			);
		}
	}
	return lines;
}

/** Lines for `npm start` to print: how to make each simulator emit an event. */
export function simulatorHints(simulators) {
	const lines = [];
	const certn = simulators.find((s) => s.vendor === 'certn');
	if (certn?.control?.findCase) {
		const c = certn.control.findCase({ status: 'IN_PROGRESS' }) ?? certn.control.findCase({});
		if (c)
			lines.push(
				`Certn: change case ${c.short_id}'s status (emits CASE_STATUS_CHANGED):`,
				`  curl -s -X POST ${certn.url}/__control/certn/cases/${c.id}/status -H 'content-type: application/json' -d '{"status":"COMPLETE","score":"CLEAR"}'`,
			);
	}
	const sphinx = simulators.find((s) => s.vendor === 'sphinx');
	if (sphinx?.control?.addCase)
		lines.push(
			'Sphinx: open "Sphinx case completed → email" and run "Create Sphinx case": the case gets the trigger\'s URL,',
			`  the simulator (${sphinx.url}) decides it after 3 s and calls the trigger, which sends the email.`,
		);
	const penbox = simulators.find((s) => s.vendor === 'penbox');
	if (penbox?.control?.completeCase)
		lines.push(
			'Penbox: open "Penbox case completed → email with the merged PDF" and run "Run to open a case", then let the client',
			'  answer (files uploaded, case closed); the trigger polls every minute and emails the documents as one PDF:',
			`  curl -s -X POST ${penbox.url}/__control/penbox/cases/latest/complete`,
		);
	const zenoo = simulators.find((s) => s.vendor === 'zenoo');
	if (zenoo?.control?.findCase) {
		const c = zenoo.control.findCase({ status: 'In Progress' }) ?? zenoo.control.findCase({ notStatus: 'Closed' });
		if (c)
			lines.push(
				`Zenoo: raise an alert on case ${c.name} (emits alert.created):`,
				`  curl -s -X POST ${zenoo.url}/__control/zenoo/cases/${c.token}/alerts -H 'content-type: application/json' -d '{"category":"Sanctions Hit","priority":"Critical"}'`,
			);
	}
	return lines;
}
