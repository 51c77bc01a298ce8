import { createHash, type KeyObject } from 'crypto';
import type { IDataObject, IHookFunctions, INodeType, INodeTypeDescription, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { decodeJwt, publicKeyFrom, sha512Digest, verifyJwtSignature } from '../../core/jwt';
import { safeEqual } from '../../core/signature';
import { timing } from '../../core/timing';
import { handleClaimed, rawBodyOf, rejectDelivery, screenDelivery } from '../../core/webhook';
import { WEBHOOK_TRIGGER_VERSIONS } from '../../core/triggerRuntime';

/** JWKS documents fetched, per URL: reused for 10 minutes, re-read (at most once a minute) when a key does not match. */
const jwksCache = new Map<string, { keys: KeyObject[]; at: number }>();
const JWKS_TTL_MS = 10 * 60_000;
const JWKS_REREAD_MS = 60_000;

async function jwksKeys(ctx: IWebhookFunctions, url: string, fresh: boolean): Promise<KeyObject[]> {
	const cached = jwksCache.get(url);
	const now = timing.monotonic();
	if (cached && now - cached.at < (fresh ? JWKS_REREAD_MS : JWKS_TTL_MS)) return cached.keys;
	// The key document is public and carries no credential: n8n's request helper, no vendor API call.
	const doc = (await ctx.helpers.httpRequest({ method: 'GET', url, json: true, timeout: 5000 })) as IDataObject;
	const keys = ((Array.isArray(doc?.keys) ? doc.keys : []) as IDataObject[])
		.map((jwk) => publicKeyFrom(jwk as never))
		.filter((k): k is KeyObject => !!k);
	jwksCache.set(url, { keys, at: now });
	return keys;
}

/** How long a signed call without `exp` is remembered as handled. */
const REPLAY_WINDOW_WITHOUT_EXP_SECONDS = 3600;
/** A call signed to stay valid for longer is still remembered for at most a day. */
const MAX_REPLAY_WINDOW_SECONDS = 86_400;

const header = (headers: IDataObject, name: string): string | undefined => {
	const value = headers[name.toLowerCase()];
	return Array.isArray(value) ? String(value[0]) : typeof value === 'string' ? value : undefined;
};

export class PenboxWebhookTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Penbox Webhook Trigger',
		name: 'penboxWebhookTrigger',
		icon: { light: 'file:penbox.svg', dark: 'file:penbox.dark.svg' },
		group: ['trigger'],
		// 1.1: n8n skips a per-delivery expression for it (core/triggerRuntime.ts)
		version: WEBHOOK_TRIGGER_VERSIONS,
		subtitle: 'Signed case-template automation calls',
		description: "Starts the workflow when a Penbox case-template automation calls this URL, signed by Penbox (Digest and x-pnbx-signature)",
		defaults: { name: 'Penbox Webhook Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
		properties: [
			{
				displayName:
					"Penbox has no API to register webhooks: add an HTTP action to a case-template automation in Penbox with this node's Production URL (method POST, a JSON body of your choice). Penbox signs its calls; the key it signs with is not published, so enter the public key Penbox gives you.",
				name: 'setupNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Public Key Source',
				name: 'keySource',
				type: 'options',
				options: [
					{ name: 'PEM', value: 'pem', description: 'Paste the public key (-----BEGIN PUBLIC KEY-----)' },
					{ name: 'JWKS URL', value: 'jwks', description: 'A URL serving the keys as JSON Web Key Set' },
				],
				default: 'pem',
			},
			{
				displayName: 'Public Key (PEM)',
				name: 'publicKey',
				type: 'string',
				typeOptions: { rows: 4 },
				default: '',
				placeholder: '-----BEGIN PUBLIC KEY-----',
				displayOptions: { show: { keySource: ['pem'] } },
			},
			{
				displayName: 'JWKS URL',
				name: 'jwksUrl',
				type: 'string',
				default: '',
				placeholder: 'https://connect.penbox.io/.well-known/jwks.json',
				displayOptions: { show: { keySource: ['jwks'] } },
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Issuer',
						name: 'issuer',
						type: 'string',
						default: 'https://connect.penbox.io/',
						description: 'The iss claim Penbox puts in its signature',
					},
					{
						displayName: 'Public URL',
						name: 'audience',
						type: 'string',
						default: '',
						description: 'The URL Penbox calls, when it differs from the URL n8n shows (behind a proxy): the aud claim must equal it',
					},
					{
						displayName: 'Clock Tolerance (Seconds)',
						name: 'clockToleranceSeconds',
						type: 'number',
						typeOptions: { minValue: 0, maxValue: 300 },
						default: 30,
					},
				],
			},
		],
	};

	// Penbox has no API to register webhooks: the URL is pasted into a template automation by hand,
	// so there is nothing to create or remove on Penbox's side.
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const request = this.getRequestObject();
		const headers = this.getHeaderData() as IDataObject;
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const raw = rawBodyOf(this);
		const fail = (why: string) => rejectDelivery(this, 401, `Penbox signature did not verify: ${why}`);

		const digest = header(headers, 'digest');
		const expectedDigest = sha512Digest(raw);
		if (!digest) return fail('no Digest header');
		if (!safeEqual(digest.trim(), expectedDigest)) return fail('the Digest does not match the body');
		const jwt = decodeJwt(header(headers, 'x-pnbx-signature'));
		if (!jwt) return fail('no readable x-pnbx-signature');

		const source = this.getNodeParameter('keySource', 'pem') as string;
		let keys: KeyObject[];
		try {
			if (source === 'jwks') {
				const url = String(this.getNodeParameter('jwksUrl', '') ?? '').trim();
				if (!url) return fail('no JWKS URL is set on the trigger');
				keys = await jwksKeys(this, url, false);
				if (!verifyJwtSignature(jwt, keys).valid) keys = await jwksKeys(this, url, true);
			} else {
				const key = publicKeyFrom(String(this.getNodeParameter('publicKey', '') ?? ''));
				if (!key) return fail('no readable public key is set on the trigger');
				keys = [key];
			}
		} catch (error) {
			return fail(`the keys could not be read (${(error as Error).message})`);
		}
		const signature = verifyJwtSignature(jwt, keys);
		if (!signature.valid) return fail(signature.reason);

		const claims = jwt.claims;
		const now = timing.now() / 1000;
		const tolerance = Number(options.clockToleranceSeconds ?? 30) || 0;
		const issuer = String(options.issuer || 'https://connect.penbox.io/');
		const audience = String(options.audience || this.getNodeWebhookUrl('default') || '');
		const trim = (u: unknown) => String(u ?? '').replace(/\/+$/, '');
		if (trim(claims.iss) !== trim(issuer)) return fail(`issuer ${String(claims.iss)} is not ${issuer}`);
		if (String(claims.aud ?? '') !== audience) return fail(`audience ${String(claims.aud)} is not this URL (${audience}); set Options > Public URL behind a proxy`);
		if (String(claims.method ?? '').toUpperCase() !== String(request.method ?? '').toUpperCase()) return fail('the method claim does not match');
		if (typeof claims.digest === 'string' && !safeEqual(claims.digest, expectedDigest)) return fail('the digest claim does not match the body');
		if (typeof claims.exp === 'number' && claims.exp + tolerance < now) return fail('the signature has expired');
		if (typeof claims.nbf === 'number' && claims.nbf - tolerance > now) return fail('the signature is not valid yet');
		// A signature dated ahead of this clock (beyond the tolerance) would stay replayable for longer than its exp says.
		if (typeof claims.iat === 'number' && claims.iat - tolerance > now) return fail('the signature is dated in the future (check the server clock)');

		let body: IDataObject;
		try {
			const parsed = raw.length ? (JSON.parse(raw.toString('utf8')) as unknown) : {};
			body = parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as IDataObject) : { body: parsed as IDataObject[string] };
		} catch {
			body = { body: raw.toString('utf8') };
		}
		// Penbox signs each call anew (iat, exp) and its body carries no event id: the same signed call
		// received twice is a replay (or a retry of a call that was already handled). It is recognized
		// by its signature token until the token expires, so a captured call cannot start a second run.
		const token = String(header(headers, 'x-pnbx-signature') ?? '').trim();
		const expiresIn = typeof claims.exp === 'number' ? Math.ceil(claims.exp + tolerance - now) : REPLAY_WINDOW_WITHOUT_EXP_SECONDS;
		const screened = screenDelivery(this, {
			event: String(body.event ?? ''),
			eventId: `pnbx-signature:${createHash('sha256').update(token).digest('hex').slice(0, 32)}`,
			selectedEvents: [],
			dedupeWindowSeconds: Math.max(1, Math.min(expiresIn, MAX_REPLAY_WINDOW_SECONDS)),
		});
		if (screened.answer) return screened.answer;
		return await handleClaimed(screened.claim, () => ({ workflowData: [[{ json: { event: body.event ?? null, ...body } }]] }));
	}
}
