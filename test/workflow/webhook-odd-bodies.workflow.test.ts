// Webhook fuzzing regressions (issue 13): what n8n hands a trigger when the body is not a JSON
// object — `null`, a number, a string, an array (all valid JSON), text or a form (another content
// type), nothing at all. Unverified, every one must be answered 401 with no execution; the trigger
// must never throw (n8n answers a throw with 500 "Workflow could not be started").
import type { IDataObject } from 'n8n-workflow';

import { CertnApi } from '../../credentials/CertnApi.credentials';
import { PersonaApi } from '../../credentials/PersonaApi.credentials';
import { SphinxApi } from '../../credentials/SphinxApi.credentials';
import { ZenooApi } from '../../credentials/ZenooApi.credentials';
import { CertnTrigger } from '../../nodes/Certn/CertnTrigger.node';
import { PenboxWebhookTrigger } from '../../nodes/Penbox/PenboxWebhookTrigger.node';
import { PersonaTrigger } from '../../nodes/Persona/PersonaTrigger.node';
import { SphinxTrigger } from '../../nodes/Sphinx/SphinxTrigger.node';
import { ZenooTrigger } from '../../nodes/Zenoo/ZenooTrigger.node';
import { runWebhook } from '../harness';

const KEY = ['sim', 'key', '0001'].join('_');
const SECRET = ['whsec', 'odd', 'bodies', '01'].join('_');
const BASE = 'http://127.0.0.1:9';

/** body as n8n parsed it, raw bytes, content type */
const BODIES: Array<[string, unknown, string, string]> = [
	['JSON null', null, 'null', 'application/json'],
	['a JSON number', 42, '42', 'application/json'],
	['a JSON string', 'event', '"event"', 'application/json'],
	['a JSON array', [{ event_id: 'e1' }], '[{"event_id":"e1"}]', 'application/json'],
	['text/plain', 'hello', 'hello', 'text/plain'],
	['a form', Object.assign(Object.create(null) as IDataObject, { event_type: 'x', challenge: ['a', 'b'] }), 'event_type=x&challenge=a&challenge=b', 'application/x-www-form-urlencoded'],
	['nothing', undefined, '', 'application/json'],
	['an object with odd values', { event_id: { nested: true }, event_type: ['a'], data: 'x', challenge: { x: 1 } }, '{}', 'application/json'],
];

const TRIGGERS: Array<{ name: string; run: (body: unknown, raw: string, contentType: string, headers: Record<string, string>) => ReturnType<typeof runWebhook> }> = [
	{
		name: 'Persona Trigger',
		run: async (body, raw, contentType, headers) =>
			await runWebhook({
				nodeType: PersonaTrigger,
				credentialType: PersonaApi,
				credentials: { personaApi: { apiKey: KEY, baseUrl: BASE, webhookSecret: SECRET } },
				parameters: { registration: 'manual', events: ['case.status-updated'] },
				request: { method: 'POST', headers: { 'content-type': contentType, ...headers }, body: body as IDataObject, rawBody: raw },
			}),
	},
	{
		name: 'Certn Trigger',
		run: async (body, raw, contentType, headers) =>
			await runWebhook({
				nodeType: CertnTrigger,
				credentialType: CertnApi,
				credentials: { certnApi: { apiKey: KEY, environment: 'custom', baseUrl: BASE, webhookSecret: SECRET } },
				parameters: { events: ['CASE_STATUS_CHANGED'], fetchCase: false },
				request: { method: 'POST', headers: { 'content-type': contentType, ...headers }, body: body as IDataObject, rawBody: raw },
			}),
	},
	{
		name: 'Zenoo Trigger',
		run: async (body, raw, contentType, headers) =>
			await runWebhook({
				nodeType: ZenooTrigger,
				credentialType: ZenooApi,
				credentials: { zenooApi: { apiKey: KEY, environment: 'custom', baseUrl: BASE } },
				parameters: { events: ['case.status_changed'] },
				staticData: { webhookId: 'whk_1', webhookSecrets: [SECRET] },
				request: { method: 'POST', headers: { 'content-type': contentType, ...headers }, body: body as IDataObject, rawBody: raw },
			}),
	},
	{
		name: 'Sphinx Trigger',
		run: async (body, raw, contentType, headers) =>
			await runWebhook({
				nodeType: SphinxTrigger,
				credentialType: SphinxApi,
				credentials: { sphinxApi: { accessToken: KEY, baseUrl: BASE } },
				parameters: { authentication: 'accessToken', events: ['case.completed'], token: SECRET },
				request: { method: 'POST', headers: { 'content-type': contentType, ...headers }, body: body as IDataObject, rawBody: raw },
			}),
	},
	{
		name: 'Penbox Webhook Trigger',
		run: async (body, raw, contentType, headers) =>
			await runWebhook({
				nodeType: PenboxWebhookTrigger,
				parameters: { keySource: 'pem', publicKey: '' },
				request: { method: 'POST', headers: { 'content-type': contentType, ...headers }, body: body as IDataObject, rawBody: raw },
			}),
	},
];

describe.each(TRIGGERS)('$name: a body that is not a JSON object, unverified', ({ run }) => {
	it.each(BODIES)('%s → 401, no execution, no throw', async (_label, body, raw, contentType) => {
		const res = await run(body, raw, contentType, { 'x-signature': 'nope', 'persona-signature': 't=1,v1=ab', 'x-zenoo-signature': 'sha256=ab' });
		expect(res.responseCaptured.status).toBe(401);
		expect(res.workflowData).toBeUndefined();
	});
});
