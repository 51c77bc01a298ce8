import type { IDataObject } from 'n8n-workflow';

import { PenboxWebhookTrigger } from '../../nodes/Penbox/PenboxWebhookTrigger.node';
import { runWebhook, startTestServer } from '../harness';
import { penboxTestBed } from './penbox-helpers';

const bed = penboxTestBed({ caseCount: 2 });
const URL_ = 'https://n8n.example.com/webhook/penbox-hook/webhook';

async function call(
	body: string,
	o: { tamper?: string; url?: string; parameters?: IDataObject; headers?: Record<string, string>; now?: number; webhookId?: string; staticData?: IDataObject } = {},
) {
	const signed = bed.sim.control.signHeaders({ url: o.url ?? URL_, method: 'POST', body, tamper: o.tamper, now: o.now }) as Record<string, string>;
	return await runWebhook({
		nodeType: PenboxWebhookTrigger,
		parameters: { keySource: 'pem', publicKey: bed.sim.control.publicKeyPem(), ...o.parameters },
		webhookUrl: URL_,
		...(o.webhookId ? { node: { webhookId: o.webhookId }, workflowId: 'penboxReplayWf01' } : {}),
		...(o.staticData ? { staticData: o.staticData } : {}),
		request: { method: 'POST', rawBody: body, body: JSON.parse(body), headers: { 'content-type': 'application/json', ...signed, ...o.headers } },
	});
}

describe('Penbox Webhook Trigger (signed automation calls)', () => {
	const body = JSON.stringify({ event: 'case.closed', case_id: 'c-1', status: 'approved' });

	it('starts the workflow with a call signed by Penbox (Digest over the raw body, JWT with issuer, audience, method, expiry)', async () => {
		const res = await call(body);
		expect(res.responseCaptured.status).not.toBe(401);
		expect(res.workflowData?.[0][0].json).toEqual({ event: 'case.closed', case_id: 'c-1', status: 'approved' });
	});

	it.each([
		['body', 'the Digest does not match the body'],
		['digest', 'the digest claim does not match the body'],
		['signature', 'the signature does not match the public key'],
		['audience', 'audience'],
		['method', 'the method claim does not match'],
		['expired', 'the signature has expired'],
	])('answers 401 and starts nothing when the %s is wrong', async (tamper, reason) => {
		const sent = tamper === 'body' ? await call(body, { headers: { digest: `SHA-512=${Buffer.from('x').toString('base64')}` } }) : await call(body, { tamper });
		expect(sent.responseCaptured.status).toBe(401);
		expect(JSON.stringify(sent.responseCaptured.body)).toContain(reason);
		expect(sent.workflowData).toBeUndefined();
	});

	it('answers 401 without signature headers, or without a configured key', async () => {
		const unsigned = await runWebhook({ nodeType: PenboxWebhookTrigger, parameters: { keySource: 'pem', publicKey: bed.sim.control.publicKeyPem() }, webhookUrl: URL_, request: { method: 'POST', rawBody: body, body: JSON.parse(body) } });
		expect(unsigned.responseCaptured.status).toBe(401);
		const noKey = await call(body, { parameters: { publicKey: '' } });
		expect(noKey.responseCaptured.status).toBe(401);
		expect(JSON.stringify(noKey.responseCaptured.body)).toContain('no readable public key');
	});

	it('a replay of a signed call (same headers, same body) starts no second run, also after a restart (static data); a new signature does', async () => {
		const signed = bed.sim.control.signHeaders({ url: URL_, method: 'POST', body }) as Record<string, string>;
		const staticData: IDataObject = {};
		const send = async (headers: Record<string, string>, webhookId = 'penbox-replay-hook', nodeStaticData = staticData) =>
			await runWebhook({
				nodeType: PenboxWebhookTrigger,
				parameters: { keySource: 'pem', publicKey: bed.sim.control.publicKeyPem() },
				webhookUrl: URL_,
				node: { webhookId },
				workflowId: 'penboxReplayWf01',
				staticData: nodeStaticData,
				request: { method: 'POST', rawBody: body, body: JSON.parse(body), headers: { 'content-type': 'application/json', ...headers } },
			});
		const first = await send(signed);
		expect(first.workflowData?.[0]).toHaveLength(1);
		const replay = await send(signed);
		expect(replay.workflowData).toBeUndefined();
		expect(replay.webhookResponse).toEqual({ received: true, duplicate: true });
		// the id is kept in static data, which n8n saves: a replay after a restart is still recognized
		expect(Object.keys((staticData.recentEventIds ?? {}) as IDataObject)).toHaveLength(1);
		// another trigger (its own webhook and static data) is not affected by this one's memory
		const elsewhere = await send(signed, 'another-penbox-hook', {});
		expect(elsewhere.workflowData?.[0]).toHaveLength(1);
		// Penbox signing the same body again (a later second) is a new call
		const resigned = bed.sim.control.signHeaders({ url: URL_, method: 'POST', body, now: bed.clock + 2000 }) as Record<string, string>;
		expect(resigned['x-pnbx-signature']).not.toBe(signed['x-pnbx-signature']);
		const again = await send(resigned);
		expect(again.workflowData?.[0]).toHaveLength(1);
	});

	it('answers 401 to a signature dated in the future beyond the clock tolerance, and accepts one within it', async () => {
		const future = await call(body, { now: bed.clock + 3600_000 });
		expect(future.responseCaptured.status).toBe(401);
		expect(JSON.stringify(future.responseCaptured.body)).toContain('dated in the future');
		expect(future.workflowData).toBeUndefined();
		const skewed = await call(body, { now: bed.clock + 10_000 });
		expect(skewed.workflowData?.[0]).toHaveLength(1);
	});

	it('verifies with keys read from a JWKS URL, and accepts the public URL set behind a proxy', async () => {
		const jwks = bed.sim.control.jwks() as IDataObject;
		const server = await startTestServer(() => ({ status: 200, body: jwks }));
		try {
			const ok = await call(body, { parameters: { keySource: 'jwks', jwksUrl: `${server.url}/jwks.json` } });
			expect(ok.workflowData?.[0][0].json.event).toBe('case.closed');
			const proxied = await call(body, { url: 'https://public.example.com/hook', parameters: { options: { audience: 'https://public.example.com/hook' } } });
			expect(proxied.workflowData).toHaveLength(1);
		} finally {
			await server.close();
		}
	});
});
