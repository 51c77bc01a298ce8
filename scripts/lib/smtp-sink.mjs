// A local SMTP sink: accepts every mail (any or no login, no TLS), keeps it in memory, and shows
// it over HTTP — an HTML viewer for people and a JSON API for tests.
//
//   const sink = await startSmtpSink({ host: '127.0.0.1', smtpPort: 0, httpPort: 0 });
//   sink.smtpPort, sink.httpPort, sink.url           // viewer at sink.url
//   await sink.waitForMessage((m) => m.subject.includes('x'), { timeoutMs: 10000 })
//   sink.messages, sink.clear(), await sink.stop()
//
// HTTP:  GET /                         list of mails (HTML)
//        GET /messages/:id             one mail: headers, text, HTML (sandboxed), attachments
//        GET /messages/:id/raw         the raw message as received
//        GET /messages/:id/attachments/:n   an attachment's bytes
//        GET /api/messages             JSON array of parsed mails (no attachment bytes)
//        GET /api/messages/:id         JSON of one mail
//        DELETE /api/messages          forget all mails
//
// CLI: node scripts/lib/smtp-sink.mjs [--host=127.0.0.1] [--smtp-port=2525] [--http-port=8025]
//
// MIME is decoded here (no mailparser): header unfolding, RFC 2047 encoded words, multipart
// (nested), quoted-printable and base64 bodies, charsets TextDecoder knows, attachment names
// (RFC 2231 `filename*=` included).

import http from 'node:http';
import { pathToFileURL } from 'node:url';
import { SMTPServer } from 'smtp-server';

// ---------------------------------------------------------------- MIME decoding
function decodeBytes(buf, charset = 'utf-8') {
	try {
		return new TextDecoder(charset.toLowerCase().replace(/^"|"$/g, '') || 'utf-8').decode(buf);
	} catch {
		return new TextDecoder('utf-8').decode(buf);
	}
}

function decodeQuotedPrintable(str) {
	const soft = str.replace(/=\r?\n/g, '');
	const bytes = [];
	for (let i = 0; i < soft.length; i++) {
		const c = soft[i];
		if (c === '=' && /^[0-9A-Fa-f]{2}$/.test(soft.slice(i + 1, i + 3))) {
			bytes.push(parseInt(soft.slice(i + 1, i + 3), 16));
			i += 2;
		} else {
			for (const b of Buffer.from(c, 'latin1')) bytes.push(b);
		}
	}
	return Buffer.from(bytes);
}

// RFC 2047: =?charset?B|Q?text?=
export function decodeWords(value) {
	if (!value) return value;
	return value
		.replace(/(=\?[^?]+\?[BbQq]\?[^?]*\?=)\s+(?==\?)/g, '$1') // whitespace between encoded words is dropped
		.replace(/=\?([^?*]+)(?:\*[^?]*)?\?([BbQq])\?([^?]*)\?=/g, (_, charset, enc, text) => {
			const buf =
				enc.toUpperCase() === 'B'
					? Buffer.from(text, 'base64')
					: decodeQuotedPrintable(text.replace(/_/g, ' '));
			return decodeBytes(buf, charset);
		});
}

function splitHeaderBody(raw) {
	const s = raw.toString('latin1');
	const m = /\r?\n\r?\n/.exec(s);
	if (!m) return { head: s, body: Buffer.alloc(0) };
	return { head: s.slice(0, m.index), body: raw.subarray(Buffer.byteLength(s.slice(0, m.index + m[0].length), 'latin1')) };
}

function parseHeaders(head) {
	const headers = []; // [name lower, value] in order
	for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
		const i = line.indexOf(':');
		if (i <= 0) continue;
		// header bytes are latin1 here; re-read them as UTF-8 (SMTPUTF8 mails carry raw UTF-8)
		const value = Buffer.from(line.slice(i + 1).trim(), 'latin1').toString('utf8');
		headers.push([line.slice(0, i).trim().toLowerCase(), value]);
	}
	return headers;
}

// "text/plain; charset=utf-8; name*=UTF-8''a%20b.pdf" -> { value, params }
export function parseHeaderValue(v = '') {
	const parts = [];
	let cur = '';
	let q = false;
	for (const ch of v) {
		if (ch === '"') q = !q;
		if (ch === ';' && !q) {
			parts.push(cur);
			cur = '';
		} else cur += ch;
	}
	parts.push(cur);
	const params = {};
	const continued = {};
	for (const p of parts.slice(1)) {
		const i = p.indexOf('=');
		if (i < 0) continue;
		let key = p.slice(0, i).trim().toLowerCase();
		let val = p.slice(i + 1).trim().replace(/^"(.*)"$/s, '$1');
		const m = /^([^*]+)\*(\d+)?(\*)?$/.exec(key); // RFC 2231: name*=, name*0=, name*0*=
		if (m) {
			(continued[m[1]] ??= []).push({ n: Number(m[2] ?? 0), val, encoded: Boolean(m[3]) || m[2] === undefined });
			continue;
		}
		params[key] = decodeWords(val);
	}
	for (const [key, list] of Object.entries(continued)) {
		list.sort((a, b) => a.n - b.n);
		let charset = 'utf-8';
		let joined = '';
		for (const [idx, { val, encoded }] of list.entries()) {
			let v2 = val;
			if (encoded && idx === 0 && /^[^']*'[^']*'/.test(v2)) {
				charset = v2.split("'")[0] || 'utf-8';
				v2 = v2.split("'").slice(2).join("'");
			}
			joined += encoded ? v2 : encodeURIComponent(v2);
		}
		try {
			params[key] = decodeBytes(Buffer.from(joined.replace(/%([0-9A-Fa-f]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16))), 'latin1'), charset);
		} catch {
			params[key] = joined;
		}
	}
	return { value: parts[0].trim().toLowerCase(), params };
}

function decodeBody(body, encoding) {
	switch ((encoding || '').toLowerCase()) {
		case 'base64':
			return Buffer.from(body.toString('latin1').replace(/[^A-Za-z0-9+/=]/g, ''), 'base64');
		case 'quoted-printable':
			return decodeQuotedPrintable(body.toString('latin1'));
		default:
			return body;
	}
}

function parsePart(raw, out, depth = 0) {
	const { head, body } = splitHeaderBody(raw);
	const headers = parseHeaders(head);
	const get = (n) => headers.find(([k]) => k === n)?.[1];
	const ct = parseHeaderValue(get('content-type') || 'text/plain; charset=us-ascii');
	const cd = parseHeaderValue(get('content-disposition') || '');
	if (ct.value.startsWith('multipart/') && ct.params.boundary && depth < 20) {
		const s = body.toString('latin1');
		const delim = `--${ct.params.boundary}`;
		const pieces = s.split(new RegExp(`\\r?\\n?${delim.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:--)?[ \\t]*\\r?\\n?`));
		// pieces[0] is the preamble, the last one after the closing delimiter the epilogue
		for (const piece of pieces.slice(1, -1)) parsePart(Buffer.from(piece, 'latin1'), out, depth + 1);
		return headers;
	}
	if (ct.value === 'message/rfc822') {
		out.attachments.push({ filename: cd.params.filename || ct.params.name || 'message.eml', contentType: ct.value, content: decodeBody(body, get('content-transfer-encoding')) });
		return headers;
	}
	const content = decodeBody(body, get('content-transfer-encoding'));
	const filename = cd.params.filename || ct.params.name;
	const isAttachment = cd.value === 'attachment' || (filename && !ct.value.startsWith('text/')) || (filename && cd.value !== 'inline');
	const asText = () => decodeBytes(content, ct.params.charset).replace(/\r\n/g, '\n');
	if (!isAttachment && ct.value === 'text/plain' && out.text === null) out.text = asText();
	else if (!isAttachment && ct.value === 'text/html' && out.html === null) out.html = asText();
	else
		out.attachments.push({
			filename: filename || null,
			contentType: ct.value,
			contentId: get('content-id')?.replace(/^<|>$/g, '') || null,
			disposition: cd.value || null,
			content,
		});
	return headers;
}

function parseAddressList(v) {
	if (!v) return [];
	const list = [];
	let cur = '';
	let q = false;
	let angle = 0;
	for (const ch of v) {
		if (ch === '"') q = !q;
		if (ch === '<') angle++;
		if (ch === '>') angle--;
		if (ch === ',' && !q && angle <= 0) {
			list.push(cur);
			cur = '';
		} else cur += ch;
	}
	list.push(cur);
	return list
		.map((a) => a.trim())
		.filter(Boolean)
		.map((a) => {
			const m = /^(.*?)\s*<([^>]*)>$/.exec(a);
			return m ? { name: decodeWords(m[1].replace(/^"|"$/g, '')), address: m[2] } : { name: '', address: a };
		});
}

/** Parses a raw RFC 5322 message into { headers, from, to, cc, subject, date, messageId, text, html, attachments }. */
export function parseMail(raw) {
	const out = { text: null, html: null, attachments: [] };
	const headers = parsePart(raw, out);
	const get = (n) => headers.find(([k]) => k === n)?.[1];
	const headerObj = {};
	for (const [k, v] of headers) headerObj[k] = headerObj[k] === undefined ? decodeWords(v) : [].concat(headerObj[k], decodeWords(v));
	return {
		headers: headerObj,
		from: parseAddressList(get('from'))[0] ?? null,
		to: parseAddressList(get('to')),
		cc: parseAddressList(get('cc')),
		replyTo: parseAddressList(get('reply-to')),
		subject: decodeWords(get('subject') ?? ''),
		date: get('date') ?? null,
		messageId: get('message-id')?.replace(/^<|>$/g, '') ?? null,
		text: out.text,
		html: out.html,
		attachments: out.attachments,
	};
}

// ---------------------------------------------------------------- HTTP viewer
const esc = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
const fmtAddr = (a) => (a ? (a.name ? `${a.name} <${a.address}>` : a.address) : '');

function toJson(m) {
	return {
		...m,
		raw: undefined,
		attachments: m.attachments.map(({ content, ...a }, i) => ({ ...a, index: i, size: content.length })),
	};
}

function page(title, body) {
	return `<!doctype html><html><head><meta charset="utf-8"><title>${esc(title)}</title>
<style>body{font:14px system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;width:100%}
td,th{border-bottom:1px solid #ddd;padding:.4em;text-align:left;vertical-align:top}tr:hover{background:#f6f6f6}
pre{background:#f6f6f6;padding:1em;white-space:pre-wrap;word-break:break-word}iframe{width:100%;height:60vh;border:1px solid #ccc}
.meta td:first-child{font-weight:600;width:8em}a{color:#0b62d6}</style></head><body>${body}</body></html>`;
}

function listPage(messages) {
	const rows = messages
		.slice()
		.reverse()
		.map(
			(m) => `<tr><td>${esc(m.receivedAt)}</td><td>${esc(fmtAddr(m.from) || m.envelope.from)}</td>
<td>${esc(m.to.map(fmtAddr).join(', ') || m.envelope.to.join(', '))}</td>
<td><a href="/messages/${m.id}">${esc(m.subject || '(no subject)')}</a></td><td>${m.attachments.length || ''}</td></tr>`,
		)
		.join('');
	return page(
		'SMTP sink',
		`<h1>SMTP sink — ${messages.length} mail(s)</h1><p><a href="/">refresh</a> · <a href="/api/messages">JSON</a></p>
<table><tr><th>received</th><th>from</th><th>to</th><th>subject</th><th>📎</th></tr>${rows || '<tr><td colspan=5>No mail yet.</td></tr>'}</table>`,
	);
}

function messagePage(m) {
	const att = m.attachments
		.map((a, i) => `<li><a href="/messages/${m.id}/attachments/${i}">${esc(a.filename || `(unnamed ${a.contentType})`)}</a> — ${esc(a.contentType)}, ${a.content.length} bytes</li>`)
		.join('');
	return page(
		m.subject,
		`<p><a href="/">← all mails</a> · <a href="/messages/${m.id}/raw">raw</a> · <a href="/api/messages/${m.id}">JSON</a></p>
<h1>${esc(m.subject || '(no subject)')}</h1>
<table class="meta"><tr><td>From</td><td>${esc(fmtAddr(m.from))}</td></tr><tr><td>To</td><td>${esc(m.to.map(fmtAddr).join(', '))}</td></tr>
${m.cc.length ? `<tr><td>Cc</td><td>${esc(m.cc.map(fmtAddr).join(', '))}</td></tr>` : ''}
<tr><td>Date</td><td>${esc(m.date)}</td></tr><tr><td>Envelope</td><td>${esc(m.envelope.from)} → ${esc(m.envelope.to.join(', '))}</td></tr>
<tr><td>Received</td><td>${esc(m.receivedAt)}</td></tr></table>
${m.html !== null ? `<h2>HTML</h2><iframe sandbox srcdoc="${esc(m.html)}"></iframe>` : ''}
${m.text !== null ? `<h2>Text</h2><pre>${esc(m.text)}</pre>` : ''}
<h2>Attachments</h2>${att ? `<ul>${att}</ul>` : '<p>none</p>'}`,
	);
}

// ---------------------------------------------------------------- server
function listen(server, port, host) {
	return new Promise((resolve, reject) => {
		const onError = (e) => {
			server.off?.('listening', onListen);
			reject(e.code === 'EADDRINUSE' ? Object.assign(new Error(`port ${port} on ${host} is already in use`), { code: 'EADDRINUSE', port }) : e);
		};
		const onListen = () => {
			server.off?.('error', onError);
			resolve(server.address().port);
		};
		server.once('error', onError);
		server.listen(port, host, onListen);
	});
}

/**
 * Starts the SMTP sink and its HTTP viewer. Ports 0 (default) pick free ones.
 * @returns {Promise<{ host, smtpPort, httpPort, url, messages, clear(), waitForMessage(pred, opts), stop() }>}
 */
export async function startSmtpSink({ host = '127.0.0.1', smtpPort = 0, httpPort = 0, log = () => {} } = {}) {
	const messages = [];
	const waiters = new Set();
	let seq = 0;

	const smtp = new SMTPServer({
		secure: false,
		authOptional: true,
		allowInsecureAuth: true,
		disabledCommands: ['STARTTLS'],
		banner: 'n8n-nodes-compliance-cases SMTP sink',
		size: 50 * 1024 * 1024,
		logger: false,
		onAuth(auth, _session, cb) {
			cb(null, { user: auth.username || 'anonymous' });
		},
		onData(stream, session, cb) {
			const chunks = [];
			stream.on('data', (c) => chunks.push(c));
			stream.on('end', () => {
				const raw = Buffer.concat(chunks);
				let parsed;
				try {
					parsed = parseMail(raw);
				} catch (e) {
					parsed = { headers: {}, from: null, to: [], cc: [], replyTo: [], subject: `(unparsable: ${e.message})`, date: null, messageId: null, text: raw.toString('utf8'), html: null, attachments: [] };
				}
				const m = {
					id: String(++seq),
					receivedAt: new Date().toISOString(),
					envelope: { from: session.envelope.mailFrom?.address ?? '', to: session.envelope.rcptTo.map((r) => r.address) },
					auth: session.user ?? null,
					size: raw.length,
					...parsed,
					raw,
				};
				messages.push(m);
				log(`mail ${m.id} from ${m.envelope.from} to ${m.envelope.to.join(', ')}: ${m.subject}`);
				for (const w of waiters) w();
				cb(null, `queued as ${m.id}`);
			});
		},
	});
	smtp.on('error', (e) => log(`smtp error: ${e.message}`));

	const server = http.createServer((req, res) => {
		const url = new URL(req.url, 'http://x');
		const send = (code, type, body) => {
			res.writeHead(code, { 'content-type': type, 'cache-control': 'no-store' });
			res.end(body);
		};
		const json = (code, v) => send(code, 'application/json; charset=utf-8', JSON.stringify(v, null, 2));
		const find = (id) => messages.find((m) => m.id === id);
		let m;
		if (req.method === 'DELETE' && url.pathname === '/api/messages') {
			messages.length = 0;
			return json(200, { deleted: true });
		}
		if (req.method !== 'GET') return json(405, { error: 'method not allowed' });
		if (url.pathname === '/') return send(200, 'text/html; charset=utf-8', listPage(messages));
		if (url.pathname === '/api/messages') return json(200, messages.map(toJson));
		if ((m = /^\/api\/messages\/([^/]+)$/.exec(url.pathname))) {
			const msg = find(m[1]);
			return msg ? json(200, toJson(msg)) : json(404, { error: 'no such message' });
		}
		if ((m = /^\/messages\/([^/]+)$/.exec(url.pathname))) {
			const msg = find(m[1]);
			return msg ? send(200, 'text/html; charset=utf-8', messagePage(msg)) : send(404, 'text/plain', 'no such message');
		}
		if ((m = /^\/messages\/([^/]+)\/raw$/.exec(url.pathname))) {
			const msg = find(m[1]);
			return msg ? send(200, 'message/rfc822', msg.raw) : send(404, 'text/plain', 'no such message');
		}
		if ((m = /^\/messages\/([^/]+)\/attachments\/(\d+)$/.exec(url.pathname))) {
			const a = find(m[1])?.attachments[Number(m[2])];
			if (!a) return send(404, 'text/plain', 'no such attachment');
			res.writeHead(200, {
				'content-type': a.contentType || 'application/octet-stream',
				'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(a.filename || 'attachment')}`,
			});
			return res.end(a.content);
		}
		return send(404, 'text/plain', 'not found');
	});

	const realSmtpPort = await listen(smtp.server, smtpPort, host).catch((e) => {
		throw Object.assign(new Error(`SMTP sink: ${e.message}`), { code: e.code, port: e.port });
	});
	let realHttpPort;
	try {
		realHttpPort = await listen(server, httpPort, host);
	} catch (e) {
		await new Promise((r) => smtp.close(r));
		throw Object.assign(new Error(`SMTP sink viewer: ${e.message}`), { code: e.code, port: e.port });
	}

	return {
		host,
		smtpPort: realSmtpPort,
		httpPort: realHttpPort,
		url: `http://${host}:${realHttpPort}/`,
		messages,
		clear() {
			messages.length = 0;
		},
		/** Resolves with the first mail (received already or later) matching `pred`. */
		waitForMessage(pred = () => true, { timeoutMs = 30000 } = {}) {
			return new Promise((resolve, reject) => {
				const check = () => {
					const m = messages.find(pred);
					if (!m) return false;
					waiters.delete(check);
					clearTimeout(timer);
					resolve(m);
					return true;
				};
				const timer = setTimeout(() => {
					waiters.delete(check);
					reject(new Error(`no matching mail within ${timeoutMs} ms (${messages.length} received: ${messages.map((x) => JSON.stringify(x.subject)).join(', ')})`));
				}, timeoutMs);
				waiters.add(check);
				check();
			});
		},
		async stop() {
			for (const w of waiters) waiters.delete(w);
			server.closeAllConnections?.();
			await Promise.all([new Promise((r) => server.close(() => r())), new Promise((r) => smtp.close(() => r()))]);
		},
	};
}

// ---------------------------------------------------------------- CLI
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	const arg = (n, d) => process.argv.find((a) => a.startsWith(`--${n}=`))?.split('=')[1] ?? d;
	const sink = await startSmtpSink({
		host: arg('host', '127.0.0.1'),
		smtpPort: Number(arg('smtp-port', 2525)),
		httpPort: Number(arg('http-port', 8025)),
		log: (m) => console.log(m),
	}).catch((e) => {
		console.error(e.message);
		process.exit(1);
	});
	console.log(`SMTP sink: smtp://${sink.host}:${sink.smtpPort}  viewer: ${sink.url}`);
	const bye = () => sink.stop().then(() => process.exit(0));
	process.on('SIGINT', bye);
	process.on('SIGTERM', bye);
}
