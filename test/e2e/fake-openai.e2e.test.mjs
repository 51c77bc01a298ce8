// The local OpenAI-compatible fake model (scripts/lib/fake-openai.mjs) on its own — no n8n needed.
// What n8n's OpenAI Chat Model node relies on: tool calls in the OpenAI shape, the final message once
// a tool answer is in the conversation, the same reply streamed, the key checked, the request log.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startFakeOpenAi, fakeModelCredential } from '../../scripts/lib/fake-openai.mjs';

let fake;
before(async () => {
	fake = await startFakeOpenAi();
});
after(() => fake?.stop());

const tool = (name, required) => ({
	type: 'function',
	function: { name, description: `${name} tool`, parameters: { type: 'object', properties: Object.fromEntries(required.map((k) => [k, { type: 'string', description: k }])), required } },
});
const TOOLS = [tool('Persona_case', ['caseId']), tool('Persona_cases', ['status']), tool('Zenoo_cases', ['status'])];

async function chat(body, key = fake.apiKey) {
	const res = await fetch(`${fake.baseUrl}/chat/completions`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
	return { status: res.status, text: await res.text(), type: res.headers.get('content-type') };
}

/** The assistant message a stream of chat.completion.chunk events adds up to. */
function assemble(sse) {
	const msg = { content: '', tool_calls: [] };
	let finish = null;
	for (const line of sse.split('\n')) {
		if (!line.startsWith('data: ') || line === 'data: [DONE]') continue;
		const chunk = JSON.parse(line.slice(6));
		const c = chunk.choices[0];
		if (!c) continue;
		finish = c.finish_reason ?? finish;
		if (c.delta.content) msg.content += c.delta.content;
		for (const t of c.delta.tool_calls ?? []) {
			msg.tool_calls[t.index] ??= { id: t.id, function: { name: '', arguments: '' } };
			if (t.function?.name) msg.tool_calls[t.index].function.name += t.function.name;
			if (t.function?.arguments) msg.tool_calls[t.index].function.arguments += t.function.arguments;
		}
	}
	return { msg, finish, done: sse.trimEnd().endsWith('data: [DONE]') };
}

describe('fake OpenAI model', () => {
	test('first answer: a tool call to the tool the prompt names, arguments from its quoted values', async () => {
		fake.setRules([]);
		for (const [prompt, name, args] of [
			['Which Zenoo cases wait on me? Mine are in status "In Review".', 'Zenoo_cases', { status: 'In Review' }],
			['Which Persona cases are "Open"?', 'Persona_cases', { status: 'Open' }],
			['What is the status of Persona case "case_ABC"?', 'Persona_case', { caseId: 'case_ABC' }],
		]) {
			const r = await chat({ model: 'gpt-4o-mini', messages: [{ role: 'system', content: 'be brief' }, { role: 'user', content: prompt }], tools: TOOLS });
			assert.equal(r.status, 200);
			const body = JSON.parse(r.text);
			assert.equal(body.object, 'chat.completion');
			assert.equal(body.choices[0].finish_reason, 'tool_calls');
			const [call] = body.choices[0].message.tool_calls;
			assert.equal(call.type, 'function');
			assert.equal(call.function.name, name, prompt);
			assert.deepEqual(JSON.parse(call.function.arguments), args);
		}
	});

	test('with the tool answer in the conversation: a final message quoting it (cases, or the error n8n passed on)', async () => {
		const call = { id: 'call_1', type: 'function', function: { name: 'Persona_cases', arguments: '{"status":"Open"}' } };
		const convo = (content) => [{ role: 'user', content: 'Which Persona cases are "Open"?' }, { role: 'assistant', content: null, tool_calls: [call] }, { role: 'tool', tool_call_id: 'call_1', content }];
		const ok = JSON.parse((await chat({ messages: convo(JSON.stringify([{ id: 'case_1', reference: 'R-1', status: 'Open' }, { id: 'case_2', reference: 'R-2', status: 'Open' }])), tools: TOOLS })).text);
		assert.equal(ok.choices[0].finish_reason, 'stop');
		assert.equal(ok.choices[0].message.content, 'Persona_cases returned 2 case(s): R-1 (id case_1, status Open); R-2 (id case_2, status Open).');
		const bad = JSON.parse((await chat({ messages: convo('[{"error":"Case ID: \\"x\\" is not a valid Case ID [item 0]"}]'), tools: TOOLS })).text);
		assert.equal(bad.choices[0].message.content, 'The tool reported an error: Case ID: "x" is not a valid Case ID [item 0]');
	});

	test('stream: true gives the same reply as server-sent chunks ending with [DONE]', async () => {
		fake.setRules([{ when: 'stream me', tool: 'Zenoo_cases', args: { status: 'Escalated' } }]);
		const r = await chat({ stream: true, stream_options: { include_usage: true }, messages: [{ role: 'user', content: 'stream me' }], tools: TOOLS });
		assert.match(r.type, /text\/event-stream/);
		const { msg, finish, done } = assemble(r.text);
		assert.ok(done);
		assert.equal(finish, 'tool_calls');
		assert.equal(msg.tool_calls[0].function.name, 'Zenoo_cases');
		assert.deepEqual(JSON.parse(msg.tool_calls[0].function.arguments), { status: 'Escalated' });
		const long = 'x'.repeat(100);
		fake.setRules([{ when: 'stream me', answer: () => long }]);
		const r2 = await chat({ stream: true, messages: [{ role: 'user', content: 'stream me' }, { role: 'assistant', content: null, tool_calls: [{ id: 'c', type: 'function', function: { name: 'Zenoo_cases', arguments: '{}' } }] }, { role: 'tool', tool_call_id: 'c', content: '[]' }] });
		assert.equal(assemble(r2.text).msg.content, long);
		fake.setRules([]);
	});

	test('a wrong key is refused the way OpenAI does; models are listed; every model call is recorded without the key', async () => {
		fake.clearRequests();
		const r = await chat({ messages: [{ role: 'user', content: 'hi' }] }, 'sk-wrong');
		assert.equal(r.status, 401);
		assert.equal(JSON.parse(r.text).error.code, 'invalid_api_key');
		const models = await fetch(`${fake.baseUrl}/models`, { headers: { authorization: `Bearer ${fake.apiKey}` } }).then((x) => x.json());
		assert.ok(models.data.some((m) => m.id === 'gpt-4o-mini'));
		await chat({ messages: [{ role: 'user', content: 'Which Persona cases are "Open"?' }], tools: TOOLS });
		assert.equal(fake.requests.length, 1);
		const [rec] = fake.requests;
		assert.deepEqual(rec.tools.map((t) => t.name), ['Persona_case', 'Persona_cases', 'Zenoo_cases']);
		assert.deepEqual(rec.tools[1].parameters.required, ['status']);
		assert.equal(rec.prompt, 'Which Persona cases are "Open"?');
		assert.equal(rec.reply.tool_calls[0].function.name, 'Persona_cases');
		assert.ok(!JSON.stringify(fake.requests).includes(fake.apiKey));
		const viaHttp = await fetch(`${fake.url}/__control/requests`).then((x) => x.json());
		assert.equal(viaHttp.length, 1);
		assert.deepEqual(fakeModelCredential(fake).data, { apiKey: fake.apiKey, url: fake.baseUrl });
	});
});
