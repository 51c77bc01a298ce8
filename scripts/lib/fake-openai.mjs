// A local OpenAI-compatible chat model that answers from a script, for AI Agent tests and the
// "Ask about your cases" demo. n8n's OpenAI Chat Model node (typeVersion 1.2) is pointed at it
// through its `openAiApi` credential's Base URL (`<fake.url>/v1`).
//
//   const fake = await startFakeOpenAi({ rules: [...] });
//   fake.url, fake.baseUrl (…/v1), fake.apiKey, fake.requests, fake.setRules([...]), fake.stop()
//
// Every model call goes through the same two steps:
//   1. the conversation holds no `role: "tool"` message yet → answer with `tool_calls` naming one
//      of the offered tools and the arguments the matching rule gives;
//   2. it holds the tool's answer → answer with a final assistant message built from that answer.
// A rule: { when?: RegExp | string | (prompt) => boolean,   matched against the user's prompt
//           tool?: RegExp | string,                          offered tool to call (default: the one
//                                                            with most words of its name in the prompt)
//           args?: object | ({ prompt, tool }) => object,    arguments (default: quoted values of
//                                                            the prompt, in order, to the tool's
//                                                            required parameters)
//           answer?: ({ result, content, tool, args, prompt }) => string }  final message
// The first rule whose `when` matches is used; without one the default rule applies.
//
// Endpoints: POST /v1/chat/completions (plain JSON, or server-sent events when `stream: true`),
// GET /v1/models, GET /v1/models/:id. Control (no auth, not recorded): GET/DELETE
// /__control/requests. Every model call is recorded in `fake.requests`:
// { at, method, path, authorization, body, tools: [{ name, description, parameters }],
//   prompt, toolMessages: [{ tool_call_id, content }], reply }.

import http from 'node:http';

const DEFAULT_MODEL = 'gpt-4o-mini';

/** Text of a chat message's content (string or an array of parts). */
function text(content) {
	if (content == null) return '';
	if (typeof content === 'string') return content;
	if (Array.isArray(content)) return content.map((p) => (typeof p === 'string' ? p : (p?.text ?? ''))).join('');
	return JSON.stringify(content);
}

/** The offered tools as { name, description, parameters } (OpenAI `tools` or legacy `functions`). */
export function offeredTools(body) {
	const tools = (body.tools ?? []).map((t) => t.function ?? t);
	const functions = body.functions ?? [];
	return [...tools, ...functions].map((f) => ({ name: f.name, description: f.description ?? '', parameters: f.parameters ?? {} }));
}

/** Quoted values of a prompt, in order: "…", '…', `…` or “…”. */
export function quotedValues(prompt) {
	return [...prompt.matchAll(/"([^"]*)"|“([^”]*)”|`([^`]*)`|'([^']+)'/g)].map((m) => m[1] ?? m[2] ?? m[3] ?? m[4]);
}

/** Default arguments: the prompt's quoted values to the tool's required parameters, in order. */
function defaultArgs({ prompt, tool }) {
	const props = Object.keys(tool?.parameters?.properties ?? {});
	const required = tool?.parameters?.required ?? props;
	const values = quotedValues(prompt);
	return Object.fromEntries(required.map((k, i) => [k, values[i] ?? '']));
}

/** Parses a tool's answer as JSON when it is JSON. */
function parseResult(content) {
	try {
		return JSON.parse(content);
	} catch {
		return content;
	}
}

function describeCase(c) {
	if (!c || typeof c !== 'object') return String(c);
	const name = c.reference ?? c.name ?? c.title ?? c.shortId ?? c.id;
	const bits = [c.id && c.id !== name ? `id ${c.id}` : null, c.status ? `status ${c.status}` : null, c.outcome ? `outcome ${c.outcome}` : null].filter(Boolean);
	return `${name}${bits.length ? ` (${bits.join(', ')})` : ''}`;
}

/** Default final message: the cases the tool returned (reference, id, status), or its error. */
export function defaultAnswer({ content, tool }) {
	const result = parseResult(content);
	const list = Array.isArray(result) ? result : result && typeof result === 'object' && Array.isArray(result.response) ? result.response : null;
	// n8n hands a failing tool node back as [{ "error": "<message>" }] (with On Error › Continue
	// our nodes' error item also has a "description": the hint on what to fix)
	const errors = (list ?? [result])
		.filter((r) => r && typeof r === 'object' && r.error && !r.id)
		.map((r) => `${r.error?.message ?? r.error}${typeof r.description === 'string' && r.description ? ` (${r.description})` : ''}`);
	if (errors.length) return `The tool reported an error: ${errors.join('; ')}`;
	if (list) return `${tool} returned ${list.length} case(s): ${list.slice(0, 10).map(describeCase).join('; ')}${list.length > 10 ? '; …' : ''}.`;
	if (result && typeof result === 'object') return `${tool} returned: ${describeCase(result)}.`;
	return `${tool} answered: ${String(content).slice(0, 500)}`;
}

function matches(when, prompt) {
	if (when == null) return true;
	if (typeof when === 'function') return Boolean(when(prompt));
	if (when instanceof RegExp) return when.test(prompt);
	return prompt.toLowerCase().includes(String(when).toLowerCase());
}

/** Default tool: the offered tool with most words of its name in the prompt (ties: the first offered). */
function toolNamedIn(prompt, tools) {
	const words = (t) => t.name.split(/[^A-Za-z0-9]+/).filter(Boolean);
	const score = (t) => words(t).filter((w) => new RegExp(`\\b${w}\\b`, 'i').test(prompt)).length;
	return tools.reduce((best, t) => (best === null || score(t) > score(best) ? t : best), null);
}

function pickTool(rule, tools, prompt) {
	if (rule.tool == null) return toolNamedIn(prompt, tools);
	return tools.find((t) => (rule.tool instanceof RegExp ? rule.tool.test(t.name) : t.name === rule.tool)) ?? null;
}

let callCounter = 0;

/** The reply (an OpenAI assistant message) for one chat request. */
export function reply(body, rules) {
	const messages = body.messages ?? [];
	const tools = offeredTools(body);
	const prompt = messages.filter((m) => m.role === 'user').map((m) => text(m.content)).join('\n');
	const rule = rules.find((r) => matches(r.when, prompt)) ?? {};
	const toolMessages = messages.filter((m) => m.role === 'tool' || m.role === 'function');
	if (!toolMessages.length) {
		const tool = pickTool(rule, tools, prompt);
		if (!tool) return { role: 'assistant', content: tools.length ? `No offered tool matches ${rule.tool}.` : 'No tool was offered to me.' };
		const args = typeof rule.args === 'function' ? rule.args({ prompt, tool }) : (rule.args ?? defaultArgs({ prompt, tool }));
		callCounter += 1;
		return {
			role: 'assistant',
			content: null,
			tool_calls: [{ id: `call_fake_${callCounter}`, type: 'function', function: { name: tool.name, arguments: JSON.stringify(args) } }],
		};
	}
	// the last tool answer, with the call it answers
	const last = toolMessages[toolMessages.length - 1];
	const content = text(last.content);
	const call = messages.flatMap((m) => m.tool_calls ?? []).find((c) => c.id === last.tool_call_id);
	const tool = call?.function?.name ?? last.name ?? 'the tool';
	let args = {};
	try {
		args = JSON.parse(call?.function?.arguments ?? '{}');
	} catch {}
	const answer = (rule.answer ?? defaultAnswer)({ result: parseResult(content), content, tool, args, prompt });
	return { role: 'assistant', content: answer };
}

function completion(body, message) {
	return {
		id: `chatcmpl-fake-${Date.now().toString(36)}`,
		object: 'chat.completion',
		created: Math.floor(Date.now() / 1000),
		model: body.model ?? DEFAULT_MODEL,
		choices: [{ index: 0, message, logprobs: null, finish_reason: message.tool_calls ? 'tool_calls' : 'stop' }],
		usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
	};
}

/** The same reply as server-sent events (`chat.completion.chunk`s, then `[DONE]`). */
function streamChunks(body, message) {
	const base = { id: `chatcmpl-fake-${Date.now().toString(36)}`, object: 'chat.completion.chunk', created: Math.floor(Date.now() / 1000), model: body.model ?? DEFAULT_MODEL };
	const chunk = (delta, finish = null) => ({ ...base, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] });
	const out = [chunk({ role: 'assistant', content: message.tool_calls ? null : '' })];
	if (message.tool_calls) {
		message.tool_calls.forEach((c, index) => {
			out.push(chunk({ tool_calls: [{ index, id: c.id, type: 'function', function: { name: c.function.name, arguments: '' } }] }));
			out.push(chunk({ tool_calls: [{ index, function: { arguments: c.function.arguments } }] }));
		});
		out.push(chunk({}, 'tool_calls'));
	} else {
		for (const piece of message.content.match(/[\s\S]{1,40}/g) ?? ['']) out.push(chunk({ content: piece }));
		out.push(chunk({}, 'stop'));
	}
	if (body.stream_options?.include_usage) out.push({ ...base, choices: [], usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 } });
	return out;
}

/**
 * @param {{ host?: string, port?: number, apiKey?: string, rules?: object[], log?: (m: string) => void }} [o]
 */
export async function startFakeOpenAi(o = {}) {
	const host = o.host ?? '127.0.0.1';
	const apiKey = o.apiKey ?? ['sk', 'fake', 'local', 'model'].join('-');
	let rules = o.rules ?? [];
	const requests = [];
	const send = (res, status, body) => {
		res.writeHead(status, { 'content-type': 'application/json' });
		res.end(JSON.stringify(body));
	};
	const error = (res, status, message, type = 'invalid_request_error', code = null) => send(res, status, { error: { message, type, param: null, code } });

	const server = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => {
			const url = new URL(req.url, 'http://fake');
			const p = url.pathname.replace(/\/+$/, '');
			if (p === '/__control/requests') {
				if (req.method === 'DELETE') requests.length = 0;
				return send(res, 200, requests);
			}
			if (p === '/__control/health') return send(res, 200, { ok: true });
			const auth = req.headers.authorization ?? '';
			if (auth !== `Bearer ${apiKey}`)
				return error(res, 401, 'Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys.', 'invalid_request_error', 'invalid_api_key');
			if (req.method === 'GET' && (p === '/v1/models' || p === '/models'))
				return send(res, 200, { object: 'list', data: [DEFAULT_MODEL, 'gpt-4o', 'gpt-4.1-mini'].map((id) => ({ id, object: 'model', created: 1700000000, owned_by: 'fake' })) });
			const model = /^\/(?:v1\/)?models\/([^/]+)$/.exec(p);
			if (req.method === 'GET' && model) return send(res, 200, { id: decodeURIComponent(model[1]), object: 'model', created: 1700000000, owned_by: 'fake' });
			if (req.method !== 'POST' || (p !== '/v1/chat/completions' && p !== '/chat/completions'))
				return error(res, 404, `The fake model serves POST /v1/chat/completions and GET /v1/models, not ${req.method} ${p}.`);
			let body;
			try {
				body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
			} catch (e) {
				return error(res, 400, `We could not parse the JSON body of your request. (${e.message})`);
			}
			const messages = body.messages ?? [];
			const entry = {
				at: new Date().toISOString(),
				method: req.method,
				path: p,
				authorization: auth ? 'Bearer ***' : '',
				body,
				tools: offeredTools(body),
				prompt: messages.filter((m) => m.role === 'user').map((m) => text(m.content)).join('\n'),
				toolMessages: messages.filter((m) => m.role === 'tool' || m.role === 'function').map((m) => ({ tool_call_id: m.tool_call_id, name: m.name, content: text(m.content) })),
				reply: null,
			};
			requests.push(entry);
			let message;
			try {
				message = reply(body, rules);
			} catch (e) {
				o.log?.(`fake model: script failed: ${e.stack ?? e.message}`);
				return error(res, 500, `The fake model's script failed: ${e.message}`, 'server_error');
			}
			entry.reply = message;
			if (!body.stream) return send(res, 200, completion(body, message));
			res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
			for (const c of streamChunks(body, message)) res.write(`data: ${JSON.stringify(c)}\n\n`);
			res.end('data: [DONE]\n\n');
		});
	});
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(o.port ?? 0, host, resolve);
	});
	const url = `http://${host}:${server.address().port}`;
	return {
		url,
		baseUrl: `${url}/v1`,
		apiKey,
		requests,
		/** Model calls whose offered tools include `toolName` (or all). */
		calls: (toolName) => (toolName ? requests.filter((r) => r.tools.some((t) => t.name === toolName)) : requests.slice()),
		clearRequests: () => {
			requests.length = 0;
		},
		setRules: (r) => {
			rules = r ?? [];
		},
		stop: () =>
			new Promise((resolve) => {
				server.closeAllConnections?.();
				server.close(() => resolve());
			}),
	};
}

/** The n8n `openAiApi` credential (for import) pointing at a running fake. */
export function fakeModelCredential(fake) {
	return {
		id: 'ccFakeOpenAi0000',
		name: 'OpenAI (local fake model)',
		type: 'openAiApi',
		data: { apiKey: fake.apiKey, url: fake.baseUrl },
	};
}
