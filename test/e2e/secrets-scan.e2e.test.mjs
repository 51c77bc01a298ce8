// The secrets scan the e2e harness runs after every file (scripts/lib/secrets-scan.mjs). No n8n
// needed: a planted secret must be found (as sent and URL-encoded), reported by label and place,
// and never printed.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeHits, scanExecutions, scanText, stackSecrets } from '../../scripts/lib/secrets-scan.mjs';

const key = ['persona', 'sandbox', 'planted', 'key', '42'].join('_');
const webhookSecret = ['wbhsec', 'planted', 'x9'].join('_');
const fakeStack = {
	simulators: [
		{ vendor: 'persona', apiKey: key, control: { webhooks: () => [{ id: 'wbh_1', attributes: { secrets: [{ value: webhookSecret }] } }] } },
		{ vendor: 'certn', apiKey: 'short', webhookSecret: 'certn+secret/with=chars' },
		{ vendor: 'zenoo', apiKey: 'zenoo_key_0001', state: { webhooks: new Map([['w', { id: 'whk_1', secret: 'zwhsec_abcdef123' }]]) } },
	],
};

test('stackSecrets: credential fields and the webhook secrets the simulators handed out; too-short values left out', () => {
	const labels = stackSecrets(fakeStack, [{ label: 'extra token', value: 'extra-token-1' }]).map((s) => s.label);
	assert.deepEqual(labels, ['persona apiKey', 'persona webhook wbh_1 secret', 'certn webhookSecret', 'zenoo apiKey', 'zenoo webhook whk_1 secret', 'extra token']);
});

test('scanText finds a planted secret as sent and URL-encoded, and describeHits never prints it', () => {
	const secrets = stackSecrets(fakeStack);
	const log = `GET /x?key=${encodeURIComponent('certn+secret/with=chars')}\nAuthorization: Bearer ${key}\nok`;
	const hits = scanText(log, secrets, 'n8n log');
	assert.deepEqual(hits, [
		{ where: 'n8n log', secret: 'persona apiKey', count: 1 },
		{ where: 'n8n log', secret: 'certn webhookSecret', count: 1 },
	]);
	const text = describeHits(hits);
	assert.match(text, /n8n log: persona apiKey/);
	assert.ok(!text.includes(key) && !text.includes('certn+secret'), text);
	assert.deepEqual(scanText('nothing here [redacted]', secrets, 'x'), []);
});

test('scanExecutions reads every page of executions (2.x cursor) and scans their run data', async () => {
	const pages = { '': { results: [{ id: '3' }, { id: '2' }], nextCursor: 'c1' }, c1: { results: [{ id: '1' }], nextCursor: null } };
	const data = { 3: '{"json":{"ok":true}}', 2: `{"error":"failed: Bearer ${webhookSecret}"}`, 1: '{}' };
	const n8n = {
		rest: async (_method, p) => {
			const u = new URL(`http://x/rest${p}`);
			if (u.pathname === '/rest/executions') return pages[u.searchParams.get('cursor') ?? ''];
			return { data: data[u.pathname.split('/').pop()] };
		},
	};
	const { hits, executions } = await scanExecutions(n8n, stackSecrets(fakeStack));
	assert.equal(executions, 3);
	assert.deepEqual(hits, [{ where: 'execution 2 run data', secret: 'persona webhook wbh_1 secret', count: 1 }]);
});
