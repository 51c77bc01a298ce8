import { randomUUID } from 'crypto';
import type { IDataObject, IHookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { RemoteWebhook, WebhookRegistry, WebhookState } from '../../core/webhook';
import { dataOf, zenooPaths, zenooRequest, zenooResponse } from './api';
import { zenooCursor } from './paging';

/**
 * Zenoo's webhook API. Registration (`POST /v1/webhooks`) is documented; the answer carries the
 * signing secret once (read from `secret`, `signing_secret`, `webhook_secret` or `meta.secret`).
 * Listing and deleting (`GET`/`DELETE /v1/webhooks…`) are assumptions: where Zenoo answers them
 * with 404/405, the trigger trusts what it stored at registration instead.
 */

const stateOf = (ctx: IHookFunctions) => ctx.getWorkflowStaticData('node') as WebhookState;
const MISSING_ENDPOINT = [404, 405, 501];

function secretOf(body: unknown): string | undefined {
	const doc = (body && typeof body === 'object' ? body : {}) as IDataObject;
	const data = dataOf(body);
	const meta = (doc.meta ?? {}) as IDataObject;
	return [data.secret, data.signing_secret, data.webhook_secret, meta.secret, meta.signing_secret, doc.secret].find(
		(v): v is string => typeof v === 'string' && v !== '',
	);
}

/** Zenoo's webhook object → the core's view. A webhook still waiting for its challenge counts as enabled. */
export function toRemote(data: IDataObject, secrets: string[] = []): RemoteWebhook {
	const status = String(data.status ?? 'active').toLowerCase();
	return {
		id: String(data.id ?? data.token ?? ''),
		url: String(data.url ?? ''),
		events: (Array.isArray(data.events) ? data.events : []).map(String),
		enabled: !['disabled', 'inactive', 'paused'].includes(status),
		gone: ['deleted', 'failed', 'verification_failed', 'revoked'].includes(status),
		secrets,
	};
}

/** Every registered webhook, or 'unsupported' when Zenoo has no listing endpoint. */
async function listWebhooks(ctx: IHookFunctions): Promise<IDataObject[] | 'unsupported'> {
	const hooks: IDataObject[] = [];
	let request = zenooCursor.first({ method: 'GET', path: zenooPaths.webhooks }, 100);
	for (let page = 0; page < 50; page++) {
		const response = await zenooResponse.call(ctx, request, { context: 'listing webhooks', acceptStatus: MISSING_ENDPOINT });
		if (MISSING_ENDPOINT.includes(response.statusCode)) return 'unsupported';
		const { items, next } = zenooCursor.read(response.body, request, 100);
		hooks.push(...items);
		if (!next || !items.length) break;
		request = next;
	}
	return hooks;
}

/** The stored secrets belong to the stored webhook only. */
function knownSecrets(ctx: IHookFunctions, id: string): string[] {
	const state = stateOf(ctx);
	return state.webhookId === id ? [...(state.webhookSecrets ?? [])] : [];
}

export const zenooWebhooks: WebhookRegistry = {
	async get(ctx, id) {
		const hooks = await listWebhooks(ctx);
		if (hooks === 'unsupported') {
			const state = stateOf(ctx);
			if (state.webhookId !== id) return undefined;
			return { id, url: state.webhookUrl ?? '', events: state.webhookEvents ?? [], enabled: true, gone: false, secrets: knownSecrets(ctx, id) };
		}
		const hook = hooks.find((h) => String(h.id ?? h.token) === id);
		return hook ? toRemote(hook, knownSecrets(ctx, id)) : undefined;
	},

	async list(ctx) {
		const hooks = await listWebhooks(ctx);
		return hooks === 'unsupported' ? [] : hooks.map((h) => toRemote(h, knownSecrets(ctx, String(h.id ?? h.token))));
	},

	async create(ctx, url, events) {
		const response = await zenooResponse.call(
			ctx,
			{ method: 'POST', path: zenooPaths.webhooks, body: { url, events }, sideEffect: 'create' },
			// A fresh key per activation: retries of this call reuse it, a later activation must not.
			{ idempotencyKey: randomUUID(), context: 'registering the webhook' },
		);
		const data = dataOf(response.body);
		const secret = secretOf(response.body);
		const hook = toRemote(data, secret ? [secret] : []);
		if (!secret || !hook.id) {
			if (hook.id) await zenooWebhooks.remove(ctx, hook.id);
			throw new NodeOperationError(ctx.getNode(), 'Zenoo registered the webhook but its answer had no signing secret, so deliveries could not be verified', {
				description: 'The webhook was removed again. Zenoo returns the secret only once, when the webhook is registered; check that the API key may manage webhooks, then activate the workflow again.',
			});
		}
		return hook;
	},

	async remove(ctx, id) {
		await zenooRequest.call(ctx, { method: 'DELETE', path: zenooPaths.webhook(id) }, { context: 'removing the webhook', acceptStatus: [...MISSING_ENDPOINT, 410] });
	},
};
