// Vendor profiles for the webhook fuzzer (see fuzz-gen.mjs): how each trigger's vendor signs a
// delivery, and every way to get it wrong. Valid bodies are the simulator's own event documents
// (one captured per vendor) with a fresh event id carrying the marker `fz<seed>x<i>`.

import crypto from 'node:crypto';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { createSigner } = require('../../simulators/penbox/signing.js');

const hmacHex = (secret, data) => crypto.createHmac('sha256', secret).update(data).digest('hex');
const nowSec = () => Math.floor(Date.now() / 1000);
/** UTF-8 bytes of non-ASCII text as a latin1 string: Node sends them as raw header bytes. */
const rawUtf8 = (text) => Buffer.from(text, 'utf8').toString('latin1');
const NON_ASCII = ['签名', 'ü', 'é', '✓', 'Ω', '🙂'];
const DEAD_URL = 'http://127.0.0.1:9/';

/** Header-signature variants shared by the HMAC vendors. `sig(raw, secret, t)` is the header value. */
function headerAuth({ name, sig, secret, timed }) {
	const wrongSecret = `${secret}-not-it`;
	return (raw, variant, { r } = {}) => {
		const t = nowSec();
		const other = `${raw} `;
		const h = (value) => ({ headers: { [name]: value } });
		switch (variant) {
			case 'valid':
				return h(sig(raw, secret, t));
			case 'missing':
				return { headers: {} };
			case 'empty':
				return h('');
			case 'garbage':
				return h(r ? r.ascii(8 + r.int(80)) : 'garbage');
			case 'otherBody':
				return h(sig(other, secret, t));
			case 'wrongSecret':
				return h(sig(raw, wrongSecret, t));
			case 'duplicate':
				return h([sig(other, secret, t), r ? r.ascii(40) : 'garbage']);
			case 'oversized':
				return h(sig(raw, secret, t).slice(0, 10) + 'a'.repeat(7000));
			case 'tooLarge':
				return h('a'.repeat(20_000));
			case 'nonAscii':
				return h(rawUtf8(`${sig(raw, secret, t).slice(0, 20)}${r ? r.pick(NON_ASCII) : '签名'}`));
			case 'stale':
				return timed ? h(sig(raw, secret, t - 3600)) : null;
			case 'future':
				return timed ? h(sig(raw, secret, t + 3600)) : null;
			default:
				return null;
		}
	};
}

export async function personaProfile({ sim, url, seed }) {
	const hook = sim.control.webhooks().find((w) => w.attributes.url === url && w.attributes.status === 'enabled');
	if (!hook) throw new Error(`no enabled Persona webhook for ${url}`);
	const secret = hook.attributes.secrets?.[0]?.value ?? hook.attributes.secret;
	const caseId = [...sim.state.cases.keys()][0];
	const captured = await sim.control.sendEvent({ caseId, name: 'case.status-updated', url: DEAD_URL });
	const template = JSON.parse(captured.deliveries[0].requestBody);
	const marker = (i) => `fz${seed}x${i}`;
	const body = (i, name) => {
		const doc = structuredClone(template);
		doc.data.id = `evt_${marker(i)}`;
		doc.data.attributes.name = name;
		doc.data.attributes['created-at'] = new Date().toISOString();
		return JSON.stringify(doc);
	};
	return {
		vendor: 'persona',
		marker,
		validBody: (i) => body(i, 'case.status-updated'),
		ignoredBody: (i) => body(i, 'case.assigned'),
		auth: headerAuth({ name: 'persona-signature', secret, timed: true, sig: (raw, s, t) => `t=${t},v1=${hmacHex(s, `${t}.${raw}`)}` }),
		timed: true,
		signedBody: true,
	};
}

export async function certnProfile({ sim, url, seed }) {
	const secret = sim.webhookSecret;
	const c = sim.control.findCase({});
	const captured = await sim.control.sendEvent({ caseId: c.id, eventType: 'CASE_STATUS_CHANGED', url: DEAD_URL });
	const template = JSON.parse(captured.rawBody);
	const marker = (i) => `fz${seed}x${i}`;
	const body = (i, type, createdMs = Date.now()) => JSON.stringify({ ...template, id: `${marker(i)}-${c.id.slice(0, 8)}`, event_type: type, created: new Date(createdMs).toISOString() });
	const base = headerAuth({ name: 'x-signature', secret, timed: false, sig: (raw, s) => hmacHex(s, raw) });
	return {
		vendor: 'certn',
		marker,
		validBody: (i) => body(i, 'CASE_STATUS_CHANGED'),
		ignoredBody: (i) => body(i, 'CHECK_STATUS_CHANGED'),
		// Certn signs only the body; its own `created` time dates it (Max Event Age, 1 h here).
		auth: (raw, variant, ctx) => {
			if (variant !== 'stale' && variant !== 'future') return base(raw, variant, ctx);
			let doc;
			try {
				doc = JSON.parse(raw);
			} catch {
				return null;
			}
			if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return null;
			const sent = JSON.stringify({ ...doc, created: new Date(Date.now() + (variant === 'stale' ? -2 : 1) * 3600_000).toISOString() });
			return { ...base(sent, 'valid', ctx), body: sent };
		},
		timed: true,
		signedBody: true,
	};
}

export async function zenooProfile({ sim, url, seed }) {
	const hook = [...sim.state.webhooks.values()].find((h) => h.url === url && h.status !== 'deleted');
	if (!hook) throw new Error(`no Zenoo webhook for ${url}`);
	const c = sim.control.findCase({});
	const captured = await sim.control.sendEvent({ caseToken: c.token, eventType: 'case.status_changed', url: DEAD_URL, secret: hook.secret });
	const template = JSON.parse(captured.rawBody);
	const marker = (i) => `fz${seed}x${i}`;
	const body = (i, type) => JSON.stringify({ ...template, event_id: `evt_${marker(i)}`, event_type: type, created_at: new Date().toISOString() });
	return {
		vendor: 'zenoo',
		marker,
		validBody: (i) => body(i, 'case.status_changed'),
		ignoredBody: (i) => body(i, 'case.created'),
		auth: headerAuth({ name: 'x-zenoo-signature', secret: hook.secret, timed: false, sig: (raw, s) => `sha256=${hmacHex(s, raw)}` }),
		timed: false,
		signedBody: true,
	};
}

/** Sphinx signs nothing: the trigger's shared token in the query is the only proof. */
export async function sphinxProfile({ sim, seed, token, cases = 220 }) {
	const marker = (i) => `fz${seed}x${i}`;
	const done = [];
	for (let i = 0; i < cases; i++) {
		const c = sim.control.addCase({ checks: ['PEP'], externalId: marker(i) });
		done.push(sim.control.completeCase(c.id, { outcome: i % 7 === 0 ? 'REJECTED' : 'ACCEPTED' }));
	}
	const running = [];
	for (let i = 0; i < 20; i++) running.push(sim.control.addCase({ checks: ['PEP'], externalId: `running-${seed}-${i}`, stuck: true }));
	const q = (value) => ({ query: `?token=${value}` });
	return {
		vendor: 'sphinx',
		marker,
		maxValid: done.length,
		validBody: (i) => JSON.stringify(done[i] ?? { id: 900000000 + i, external_id: marker(i), status: 'COMPLETED' }),
		ignoredBody: (i) => JSON.stringify(running[i % running.length]),
		noCaseBody: JSON.stringify({ hello: 'no case here' }),
		auth: (raw, variant, { r } = {}) => {
			switch (variant) {
				case 'valid':
					return q(encodeURIComponent(token));
				case 'missing':
					return { query: '' };
				case 'empty':
					return q('');
				case 'garbage':
					return q(r ? r.ascii(8 + r.int(40), 'abcdefghijklmnopqrstuvwxyz0123456789-') : 'garbage');
				case 'otherBody':
					return q(encodeURIComponent(`${token}-another-trigger`));
				case 'wrongSecret':
					return q(encodeURIComponent(token.slice(0, -1) + (token.endsWith('0') ? '1' : '0')));
				case 'duplicate':
					return { query: `?token=${encodeURIComponent(token)}&token=x${encodeURIComponent(token)}` };
				case 'oversized':
					return q('a'.repeat(7000));
				case 'tooLarge':
					return q('a'.repeat(20_000));
				case 'nonAscii':
					return q(encodeURIComponent(`${token.slice(0, -2)}${r ? r.pick(NON_ASCII) : '签名'}`));
				default:
					return null;
			}
		},
		timed: false,
		signedBody: false,
	};
}

/** Penbox: Digest (SHA-512 of the body) + a JWT (RS256) with iss, aud (this URL), method, digest, iat, exp. */
export async function penboxProfile({ sim, url, seed }) {
	const other = createSigner('RS256');
	const marker = (i) => `fz${seed}x${i}`;
	const sign = (raw, o = {}) => sim.control.signHeaders({ url, method: 'POST', body: raw, now: o.now ?? Date.now(), ...o });
	return {
		vendor: 'penbox',
		marker,
		validBody: (i) => JSON.stringify({ event: 'case.closed', id: marker(i), case: { id: `c-${i}`, reference: marker(i), status: 'approved' } }),
		auth: (raw, variant, { r } = {}) => {
			const good = sign(raw);
			switch (variant) {
				case 'valid':
					return { headers: good };
				case 'missing':
					return { headers: {} };
				case 'empty':
					return { headers: { Digest: '', 'x-pnbx-signature': '' } };
				case 'garbage':
					return { headers: { Digest: good.Digest, 'x-pnbx-signature': r ? `${r.ascii(20)}.${r.ascii(30)}.${r.ascii(40)}` : 'a.b.c' } };
				case 'otherBody':
					return { headers: sign(`${raw} `) };
				case 'wrongSecret':
					return { headers: other.sign({ url, method: 'POST', body: raw, now: Date.now() }) };
				case 'duplicate':
					return { headers: { Digest: good.Digest, 'x-pnbx-signature': [sign(`${raw} `)['x-pnbx-signature'], r ? r.ascii(30) : 'x'] } };
				case 'oversized':
					return { headers: { Digest: good.Digest, 'x-pnbx-signature': `${good['x-pnbx-signature']}${'A'.repeat(7000)}` } };
				case 'tooLarge':
					return { headers: { Digest: good.Digest, 'x-pnbx-signature': 'A'.repeat(20_000) } };
				case 'nonAscii':
					return { headers: { Digest: good.Digest, 'x-pnbx-signature': rawUtf8(`${good['x-pnbx-signature'].slice(0, 40)}${r ? r.pick(NON_ASCII) : '签名'}`) } };
				case 'stale':
					return { headers: sign(raw, { now: Date.now() - 3600_000 }) };
				case 'future':
					return { headers: sign(raw, { now: Date.now() + 3600_000 }) };
				default:
					return null;
			}
		},
		timed: true,
		signedBody: true,
	};
}
