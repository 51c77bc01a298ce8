// The secrets scan of an e2e run: every API key, token, client secret and webhook secret the stack's
// credentials and simulators use, looked for in n8n's log and in the data of every execution n8n
// stored. A hit is reported by where it was found and which secret (by label), never by value.
//
//   const secrets = stackSecrets(stack, extra);           // [{ label, value }]
//   const hits = [...scanText(log, secrets, 'n8n log'), ...await scanExecutions(n8n, secrets)];

import fs from 'node:fs';

/** Values shorter than this would match ordinary words; no real secret is that short. */
const MIN_LENGTH = 8;

const FIELDS = ['apiKey', 'apiToken', 'accessToken', 'clientSecret', 'webhookSecret', 'token', 'secret'];

/**
 * Every secret a running stack knows: credential fields of each simulator (API keys, access
 * token, client secret, webhook secret), the webhook secrets the simulators handed out while the
 * file ran (Persona, Zenoo). `extra`: more
 * `{ label, value }` a test file used (e.g. a trigger's shared token).
 * @returns {{ label: string, value: string }[]}
 */
export function stackSecrets(stack, extra = []) {
	const out = [];
	const add = (label, value) => {
		if (typeof value !== 'string' || value.length < MIN_LENGTH) return;
		if (!out.some((s) => s.value === value)) out.push({ label, value });
	};
	for (const sim of stack?.simulators ?? []) {
		const v = sim.vendor;
		for (const f of FIELDS) add(`${v} ${f}`, sim[f]);
		for (const [i, k] of (sim.apiKeys ?? []).entries()) add(`${v} apiKeys[${i}]`, k);
		const safe = (fn) => {
			try {
				return fn() ?? [];
			} catch {
				return [];
			}
		};
		// Persona: webhooks with their live secrets (archived included)
		for (const w of safe(() => (v === 'persona' ? sim.control.webhooks() : []))) {
			for (const s of w.attributes?.secrets ?? []) add(`persona webhook ${w.id} secret`, s.value);
			add(`persona webhook ${w.id} secret`, w.attributes?.secret);
		}
		// Zenoo: the one-time signing secrets of every webhook registered
		for (const w of safe(() => (v === 'zenoo' && sim.state?.webhooks ? [...sim.state.webhooks.values()] : []))) add(`zenoo webhook ${w.id} secret`, w.secret);
	}
	for (const s of extra) add(s.label, s.value);
	return out;
}

/** Where each secret occurs in `text`: [{ where, secret (label), count }]. */
export function scanText(text, secrets, where) {
	const hits = [];
	if (!text) return hits;
	for (const s of secrets) {
		let count = 0;
		for (const form of new Set([s.value, encodeURIComponent(s.value)])) {
			let at = text.indexOf(form);
			while (at !== -1) {
				count++;
				at = text.indexOf(form, at + form.length);
			}
		}
		if (count) hits.push({ where, secret: s.label, count });
	}
	return hits;
}

export function scanFile(file, secrets, where = file) {
	if (!fs.existsSync(file)) return [];
	return scanText(fs.readFileSync(file, 'utf8'), secrets, where);
}

/**
 * Reads every execution n8n stored (newest first, in pages) and scans its run data — the items
 * each node output, errors with their messages and descriptions — for the secrets. The workflow
 * definition stored with an execution is not scanned: node parameters (a trigger's token) are the
 * user's own configuration there, not output.
 * @returns {Promise<{ hits: { where, secret, count }[], executions: number }>}
 */
export async function scanExecutions(n8n, secrets, { concurrency = 6 } = {}) {
	// a keep-alive socket n8n closed meanwhile fails a call now and then: try again
	const rest = async (method, p) => {
		for (let attempt = 0; ; attempt++) {
			try {
				return await n8n.rest(method, p);
			} catch (e) {
				if (attempt >= 3) throw e;
				await new Promise((r) => setTimeout(r, 500 * (attempt + 1)));
			}
		}
	};
	const ids = (await listAllExecutions(n8n, { rest })).map((e) => e.id);
	const hits = [];
	let next = 0;
	const worker = async () => {
		while (next < ids.length) {
			const id = ids[next++];
			let text;
			try {
				const e = await rest('GET', `/executions/${id}`);
				text = typeof e?.data === 'string' ? e.data : JSON.stringify(e?.data ?? null);
			} catch (error) {
				hits.push({ where: `execution ${id} (could not be read: ${error.message.slice(0, 120)})`, secret: '-', count: 0, unreadable: true });
				continue;
			}
			hits.push(...scanText(text, secrets, `execution ${id} run data`));
		}
	};
	await Promise.all(Array.from({ length: concurrency }, worker));
	return { hits, executions: ids.length };
}

/**
 * Every execution n8n stored (optionally of one workflow), newest first, read in pages of 100
 * (n8n's maximum): n8n 2.x hands out `nextCursor`, 1.x pages back with `lastId`.
 * @returns {Promise<{ id: string, workflowId: string, status: string }[]>}
 */
export async function listAllExecutions(n8n, { workflowId, rest = (m, p) => n8n.rest(m, p) } = {}) {
	const out = [];
	const seen = new Set();
	let position = null;
	for (;;) {
		const q = new URLSearchParams({ limit: '100' });
		if (workflowId) q.set('filter', JSON.stringify({ workflowId: String(workflowId) }));
		if (position) q.set(position.key, position.value);
		const data = await rest('GET', `/executions?${q}`);
		const page = (Array.isArray(data) ? data : data?.results ?? []).map((e) => ({ id: String(e.id), workflowId: String(e.workflowId), status: e.status }));
		const fresh = page.filter((e) => !seen.has(e.id));
		for (const e of fresh) seen.add(e.id);
		out.push(...fresh);
		if (!fresh.length) break;
		if (data && typeof data === 'object' && 'nextCursor' in data) {
			if (!data.nextCursor) break;
			position = { key: 'cursor', value: String(data.nextCursor) };
		} else {
			if (page.length < 100) break;
			position = { key: 'lastId', value: page[page.length - 1].id };
		}
	}
	return out;
}

/** One line per hit, naming where and which secret (never its value). */
export function describeHits(hits) {
	return hits.map((h) => `  ${h.where}: ${h.secret}${h.count ? ` (${h.count}×)` : ''}`).join('\n');
}
