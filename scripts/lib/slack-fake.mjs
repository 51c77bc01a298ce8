// A local Slack Web API fake for n8n's own Slack node, reached without touching slack.com:
//
//   n8n ──HTTPS_PROXY──▶ CONNECT proxy ──(slack.com:443 only)──▶ HTTPS fake (cert for slack.com
//                                                                 from a test CA made at start)
//
// n8n's Slack node (v2) and its `slackApi` credential have no base URL: every request goes to
// https://slack.com/api/<method>. n8n (≥ 1.98) sends node requests through HTTPS_PROXY unless the
// host is in NO_PROXY, and Node trusts the extra CA named by NODE_EXTRA_CA_CERTS, so
// `slackFake.n8nEnv` is all the n8n process needs. Loopback stays in NO_PROXY: the vendor
// simulators are called directly.
//
//   const slack = await startSlackFake({ log });
//   slack.token          the bot token (xoxb-…) the fake accepts; slackCredential(slack) imports it
//   slack.n8nEnv         { HTTPS_PROXY, HTTP_PROXY, NO_PROXY, NODE_EXTRA_CA_CERTS } for n8n
//   slack.messages       chat.postMessage calls received: { id, ts, channel, channelName, text,
//                        blocks, tokenOk, at }
//   slack.requests       every API call: { at, method, path, api, status, error, tokenOk }
//   slack.tunnels        CONNECT requests seen by the proxy: { at, target, routed }
//   slack.failNext({ api?, error?, status?, retryAfter?, count? })  scripted failures
//   slack.waitForMessage(pred, { timeoutMs }), slack.clear(), slack.url (viewer), slack.stop()
//
// API methods: auth.test, users.profile.get (the credential test), chat.postMessage,
// conversations.list (the channel picker), conversations.info, users.list. Errors as Slack gives
// them: HTTP 200 `{ ok: false, error }` (`not_authed`, `invalid_auth`, `channel_not_found`,
// `no_text`), and rate limiting as HTTP 429 with `Retry-After` and `{ ok: false, error: 'ratelimited' }`.
// The viewer (plain HTTP, loopback) lists the messages: GET / (HTML), GET /api/messages (JSON,
// no tokens), POST /api/fail (a failNext() body), DELETE /api/messages.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const SLACK_HOSTS = ['slack.com', 'www.slack.com'];

/**
 * A test CA and a server certificate for slack.com made with the openssl CLI (node:crypto cannot
 * issue X.509 certificates). Files in `dir`: ca.pem (give it to NODE_EXTRA_CA_CERTS), key.pem, cert.pem.
 */
export function makeTestCertificates(dir, hosts = SLACK_HOSTS) {
	fs.mkdirSync(dir, { recursive: true });
	const f = (n) => path.join(dir, n);
	const ssl = (args) => execFileSync('openssl', args, { stdio: ['ignore', 'pipe', 'pipe'] });
	ssl([
		'req',
		'-x509',
		'-newkey',
		'rsa:2048',
		'-nodes',
		'-keyout',
		f('ca-key.pem'),
		'-out',
		f('ca.pem'),
		'-days',
		'2',
		'-subj',
		'/CN=n8n-nodes-compliance-cases test CA',
		'-addext',
		'basicConstraints=critical,CA:TRUE',
		'-addext',
		'keyUsage=critical,keyCertSign,cRLSign',
	]);
	ssl(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', f('key.pem'), '-out', f('req.csr'), '-subj', `/CN=${hosts[0]}`]);
	fs.writeFileSync(f('ext.cnf'), `subjectAltName=${hosts.map((h) => `DNS:${h}`).join(',')}\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n`);
	ssl(['x509', '-req', '-in', f('req.csr'), '-CA', f('ca.pem'), '-CAkey', f('ca-key.pem'), '-CAcreateserial', '-out', f('cert.pem'), '-days', '2', '-extfile', f('ext.cnf')]);
	return { dir, ca: f('ca.pem'), key: f('key.pem'), cert: f('cert.pem') };
}

/** The `slackApi` credential (Access Token) n8n imports for the fake. */
export function slackCredential(slack, { id = 'ccSlackFake00000', name = 'Slack (local fake)', token = slack.token } = {}) {
	return { id, name, type: 'slackApi', data: { accessToken: token } };
}

const DEFAULT_CHANNELS = [
	{ id: 'C0COMPLIANCE', name: 'compliance-alerts' },
	{ id: 'C0GENERAL01', name: 'general' },
];

function readBody(req) {
	return new Promise((resolve, reject) => {
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}

/** Slack accepts JSON, form-encoded and query-string arguments. */
function parseArgs(req, raw) {
	const url = new URL(req.url, 'https://slack.com');
	const args = Object.fromEntries(url.searchParams);
	const type = String(req.headers['content-type'] ?? '');
	if (raw) {
		if (type.includes('json')) {
			try {
				Object.assign(args, JSON.parse(raw));
			} catch {
				args.__invalidJson = true;
			}
		} else Object.assign(args, Object.fromEntries(new URLSearchParams(raw)));
	}
	for (const k of ['blocks', 'attachments']) {
		if (typeof args[k] === 'string') {
			try {
				args[k] = JSON.parse(args[k]);
			} catch {}
		}
	}
	return args;
}

const escapeHtml = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

/** All text of a message (its `text` and every text inside its blocks), for viewers and assertions. */
export function messageText(m) {
	const parts = [m.text ?? ''];
	const walk = (v) => {
		if (Array.isArray(v)) v.forEach(walk);
		else if (v && typeof v === 'object') {
			if (typeof v.text === 'string') parts.push(v.text);
			for (const [k, x] of Object.entries(v)) if (k !== 'text' || typeof x !== 'string') walk(x);
		}
	};
	walk(m.blocks ?? []);
	return parts.filter(Boolean).join('\n');
}

/**
 * @param {object} [o]
 * @param {string} [o.host]        127.0.0.1
 * @param {string} [o.token]       bot token the fake accepts (default a generated xoxb-…)
 * @param {{id,name}[]} [o.channels]
 * @param {number} [o.viewerPort]  port of the viewer (0 = any)
 * @param {string} [o.dir]         where the test CA goes (default a temp folder, removed on stop)
 * @param {(m: string) => void} [o.log]
 */
export async function startSlackFake(o = {}) {
	const host = o.host ?? '127.0.0.1';
	const log = o.log ?? (() => {});
	const ownDir = !o.dir;
	const dir = o.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-cc-slack-'));
	const certs = makeTestCertificates(dir);
	const token = o.token ?? ['xoxb', '1000000001', String(Date.now()).slice(-10), Math.random().toString(36).slice(2, 14)].join('-');
	const channels = (o.channels ?? DEFAULT_CHANNELS).map((c) => ({ ...c }));
	const messages = [];
	const requests = [];
	const tunnels = [];
	const failures = [];
	const waiters = new Set();
	let seq = 0;
	const team = { id: 'T0COMPLIANCE', name: 'Compliance (local fake)' };

	const findChannel = (value) => {
		const v = String(value ?? '').replace(/^#/, '');
		return channels.find((c) => c.id === v || c.name === v) ?? null;
	};

	const api = async (req, res) => {
		const url = new URL(req.url, 'https://slack.com');
		const method = url.pathname.replace(/^\/api\//, '');
		const raw = await readBody(req);
		const args = parseArgs(req, raw);
		const auth = String(req.headers.authorization ?? '');
		const given = auth.replace(/^Bearer\s+/i, '') || args.token || '';
		const tokenOk = given === token;
		const entry = {
			at: new Date().toISOString(),
			method: req.method,
			path: url.pathname,
			api: method,
			status: 200,
			error: null,
			tokenOk,
			hasToken: Boolean(given),
		};
		requests.push(entry);
		const send = (status, body, headers = {}) => {
			entry.status = status;
			entry.error = body.ok === false ? body.error : null;
			res.writeHead(status, {
				'content-type': 'application/json; charset=utf-8',
				...headers,
			});
			res.end(JSON.stringify(body));
		};
		const fail = (error, extra = {}) => send(200, { ok: false, error, ...extra });

		const i = failures.findIndex((f) => !f.api || f.api === method);
		if (i >= 0) {
			const f = failures[i];
			if (--f.count <= 0) failures.splice(i, 1);
			if (f.status === 429 || f.error === 'ratelimited') {
				return send(429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(f.retryAfter ?? 1) });
			}
			return send(f.status ?? 200, {
				ok: false,
				error: f.error ?? 'internal_error',
			});
		}
		if (!given) return fail('not_authed');
		if (!tokenOk) return fail('invalid_auth');

		switch (method) {
			case 'auth.test':
				return send(200, {
					ok: true,
					url: 'https://compliance-fake.slack.com/',
					team: team.name,
					user: 'n8n-bot',
					team_id: team.id,
					user_id: 'U0N8NBOT',
					bot_id: 'B0N8NBOT',
					is_enterprise_install: false,
				});
			case 'users.profile.get':
				return send(200, {
					ok: true,
					profile: {
						real_name: 'n8n bot',
						display_name: 'n8n-bot',
						email: null,
						bot_id: 'B0N8NBOT',
					},
				});
			case 'users.list':
				return send(200, {
					ok: true,
					members: [
						{
							id: 'U0N8NBOT',
							name: 'n8n-bot',
							real_name: 'n8n bot',
							is_bot: true,
						},
					],
					response_metadata: { next_cursor: '' },
				});
			case 'conversations.list':
				return send(200, {
					ok: true,
					channels: channels.map((c) => ({
						id: c.id,
						name: c.name,
						is_channel: true,
						is_private: false,
						is_archived: false,
						is_member: true,
					})),
					response_metadata: { next_cursor: '' },
				});
			case 'conversations.info': {
				const c = findChannel(args.channel);
				return c
					? send(200, {
							ok: true,
							channel: { id: c.id, name: c.name, is_channel: true },
						})
					: fail('channel_not_found');
			}
			case 'chat.postMessage': {
				if (args.__invalidJson) return fail('invalid_json');
				const c = findChannel(args.channel);
				if (!c) return fail('channel_not_found');
				const hasBlocks = Array.isArray(args.blocks) && args.blocks.length > 0;
				if (!args.text && !hasBlocks && !args.attachments) return fail('no_text');
				const ts = `${Math.floor(Date.now() / 1000)}.${String(++seq).padStart(6, '0')}`;
				const m = {
					id: seq,
					ts,
					at: new Date().toISOString(),
					channel: c.id,
					channelName: c.name,
					channelGiven: String(args.channel),
					text: args.text ?? '',
					blocks: hasBlocks ? args.blocks : null,
					attachments: args.attachments ?? null,
					username: args.username ?? null,
					tokenOk,
				};
				messages.push(m);
				for (const w of [...waiters]) w(m);
				log(`message to #${c.name}: ${String(m.text).split('\n')[0].slice(0, 100)}`);
				return send(200, {
					ok: true,
					channel: c.id,
					ts,
					message: {
						type: 'message',
						subtype: 'bot_message',
						text: m.text,
						ts,
						bot_id: 'B0N8NBOT',
						blocks: m.blocks ?? undefined,
					},
				});
			}
			default:
				return fail('unknown_method');
		}
	};

	const apiServer = https.createServer({ key: fs.readFileSync(certs.key), cert: fs.readFileSync(certs.cert) }, (req, res) => {
		api(req, res).catch((e) => {
			res.writeHead(500, { 'content-type': 'application/json' });
			res.end(
				JSON.stringify({
					ok: false,
					error: 'fatal_error',
					detail: e.message,
				}),
			);
		});
	});
	await new Promise((r) => apiServer.listen(0, host, r));
	const apiPort = apiServer.address().port;

	// CONNECT proxy: slack.com:443 → the fake; anything else is refused (the machine is offline and a
	// test must not reach the internet by accident). Plain-HTTP proxy requests are refused too.
	const sockets = new Set();
	const proxy = http.createServer((req, res) => {
		tunnels.push({
			at: new Date().toISOString(),
			target: req.url,
			routed: false,
		});
		res.writeHead(403, { 'content-type': 'text/plain' });
		res.end(`local proxy: only CONNECT to ${SLACK_HOSTS.join(', ')} is routed (to the Slack fake)\n`);
	});
	proxy.on('connect', (req, client, head) => {
		sockets.add(client);
		client.on('close', () => sockets.delete(client));
		client.on('error', () => {});
		const [h, p] = String(req.url).split(':');
		const routed = SLACK_HOSTS.includes(h.toLowerCase()) && (p ?? '443') === '443';
		tunnels.push({ at: new Date().toISOString(), target: req.url, routed });
		if (!routed) {
			client.end('HTTP/1.1 403 Forbidden\r\ncontent-type: text/plain\r\n\r\nlocal proxy: this host is not routed\n');
			return;
		}
		const upstream = net.connect(apiPort, host, () => {
			client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
			if (head?.length) upstream.write(head);
			upstream.pipe(client);
			client.pipe(upstream);
		});
		sockets.add(upstream);
		upstream.on('close', () => sockets.delete(upstream));
		upstream.on('error', () => client.destroy());
	});
	proxy.on('connection', (s) => {
		sockets.add(s);
		s.on('close', () => sockets.delete(s));
	});
	await new Promise((r) => proxy.listen(0, host, r));
	const proxyUrl = `http://${host}:${proxy.address().port}`;

	const publicMessages = () => messages.map(({ tokenOk, ...m }) => ({ ...m, tokenOk }));
	const viewer = http.createServer(async (req, res) => {
		const url = new URL(req.url, 'http://x');
		const json = (status, body) => {
			res.writeHead(status, {
				'content-type': 'application/json; charset=utf-8',
			});
			res.end(JSON.stringify(body, null, 1));
		};
		if (url.pathname === '/api/messages' && req.method === 'GET') return json(200, publicMessages());
		if (url.pathname === '/api/messages' && req.method === 'DELETE') {
			fake.clear();
			return json(200, { ok: true });
		}
		if (url.pathname === '/api/requests') return json(200, requests);
		if (url.pathname === '/api/fail' && req.method === 'POST') {
			try {
				fake.failNext(JSON.parse((await readBody(req)) || '{}'));
				return json(200, { ok: true, queued: failures });
			} catch (e) {
				return json(400, { ok: false, error: e.message });
			}
		}
		if (url.pathname !== '/') return json(404, { error: 'not found' });
		const rows = [...messages]
			.reverse()
			.map(
				(m) =>
					`<article><header><b>#${escapeHtml(m.channelName)}</b> <small>${escapeHtml(m.at)} · ts ${escapeHtml(m.ts)}${m.tokenOk ? '' : ' · WRONG TOKEN'}</small></header><pre>${escapeHtml(messageText(m))}</pre>${m.blocks ? `<details><summary>blocks (${m.blocks.length})</summary><pre>${escapeHtml(JSON.stringify(m.blocks, null, 2))}</pre></details>` : ''}</article>`,
			)
			.join('\n');
		res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
		res.end(`<!doctype html><meta charset="utf-8"><meta http-equiv="refresh" content="5"><title>Slack messages (local fake)</title>
<style>body{font:14px system-ui,sans-serif;margin:2em;max-width:60em}article{border:1px solid #ccc;border-radius:6px;padding:.6em 1em;margin:.6em 0}pre{white-space:pre-wrap}small{color:#666}</style>
<h1>Slack messages received by the local fake (${messages.length})</h1>
<p>Channels: ${channels.map((c) => `#${escapeHtml(c.name)} (${escapeHtml(c.id)})`).join(', ')} · JSON: <a href="api/messages">api/messages</a> · refreshes every 5 s</p>
${rows || '<p>No message yet.</p>'}`);
	});
	await new Promise((r) => viewer.listen(o.viewerPort ?? 0, host, r));

	const fake = {
		token,
		channels,
		messages,
		requests,
		tunnels,
		ca: certs.ca,
		apiPort,
		proxyUrl,
		url: `http://${host}:${viewer.address().port}/`,
		n8nEnv: {
			HTTPS_PROXY: proxyUrl,
			HTTP_PROXY: proxyUrl,
			https_proxy: proxyUrl,
			http_proxy: proxyUrl,
			NO_PROXY: 'localhost,127.0.0.1,::1',
			no_proxy: 'localhost,127.0.0.1,::1',
			NODE_EXTRA_CA_CERTS: certs.ca,
		},
		/** Queue scripted failures: { api?: 'chat.postMessage', error?: 'channel_not_found'|'ratelimited'|…, status?, retryAfter?, count? } */
		failNext(f = {}) {
			failures.push({ count: 1, ...f });
		},
		clear() {
			messages.splice(0);
			requests.splice(0);
			tunnels.splice(0);
			failures.splice(0);
		},
		waitForMessage(pred = () => true, { timeoutMs = 20000 } = {}) {
			const found = messages.find(pred);
			if (found) return Promise.resolve(found);
			return new Promise((resolve, reject) => {
				const timer = setTimeout(() => {
					waiters.delete(w);
					reject(
						new Error(
							`no matching Slack message within ${timeoutMs} ms (received ${messages.length}; API calls: ${requests.map((r) => `${r.api} ${r.status}${r.error ? ` ${r.error}` : ''}`).join(', ') || 'none'}; proxy tunnels: ${tunnels.map((t) => t.target).join(', ') || 'none'})`,
						),
					);
				}, timeoutMs);
				const w = (m) => {
					if (!pred(m)) return;
					clearTimeout(timer);
					waiters.delete(w);
					resolve(m);
				};
				waiters.add(w);
			});
		},
		async stop() {
			for (const s of sockets) s.destroy();
			await Promise.all([apiServer, proxy, viewer].map((s) => new Promise((r) => s.close(() => r()))));
			if (ownDir) fs.rmSync(dir, { recursive: true, force: true });
		},
	};
	log(`Slack fake: https://slack.com via proxy ${proxyUrl} (API on 127.0.0.1:${apiPort}), viewer ${fake.url}`);
	return fake;
}
