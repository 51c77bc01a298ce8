import { randomUUID } from 'crypto';
import type { IDataObject, IHookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { pick } from '../../core/normalize';
import type { RemoteWebhook, WebhookRegistry } from '../../core/webhook';
import { PERSONA_KEY_INFLECTION, PERSONA_VERSION, personaRequest, personaRequestAll } from './api';

/** Persona's webhook resource → the core's view of a webhook. */
function toRemote(resource: IDataObject): RemoteWebhook {
	const attributes = (resource.attributes ?? {}) as IDataObject;
	const status = String(pick(attributes, 'status') ?? '');
	const secrets: string[] = [];
	const list = pick(attributes, 'secrets');
	if (Array.isArray(list))
		for (const entry of list as IDataObject[]) if (typeof entry?.value === 'string') secrets.push(entry.value);
	const single = pick(attributes, 'secret');
	if (typeof single === 'string' && !secrets.includes(single)) secrets.push(single);
	return {
		id: String(resource.id),
		url: String(pick(attributes, 'url') ?? ''),
		events: ((pick(attributes, 'enabled-events') as string[] | undefined) ?? []).map(String),
		enabled: status === 'enabled',
		gone: status === 'archived',
		secrets,
	};
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The event names Persona refused when it would not register a webhook (400/422): the one its
 * error points at (`/data/attributes/enabled-events/<index>`), and any requested name its message quotes.
 */
export function refusedEventNames(error: unknown, events: string[]): string[] {
	const e = error as { httpCode?: unknown; message?: unknown; description?: unknown };
	if (!['400', '422'].includes(String(e?.httpCode ?? ''))) return [];
	const text = `${String(e.message ?? '')}\n${String(e.description ?? '')}`;
	const refused = new Set<string>();
	for (const match of text.matchAll(/enabled-events[./](\d+)/g)) {
		const named = events[Number(match[1])];
		if (named) refused.add(named);
	}
	for (const event of events)
		if (new RegExp(`(?<![\\w.-])${escapeRegExp(event)}(?![\\w-]|\\.\\w)`).test(text)) refused.add(event);
	return [...refused];
}

const webhookPath = (id: string, action = '') =>
	`/webhooks/${encodeURIComponent(id)}${action ? `/${action}` : ''}`;

export const personaWebhooks: WebhookRegistry = {
	async get(ctx: IHookFunctions, id: string) {
		const doc = await personaRequest.call(
			ctx,
			{ method: 'GET', path: webhookPath(id) },
			{ acceptStatus: [404], context: 'reading the webhook' },
		);
		return doc.data ? toRemote(doc.data as IDataObject) : undefined;
	},

	async list(ctx: IHookFunctions) {
		const hooks = await personaRequestAll.call(ctx, { method: 'GET', path: '/webhooks' }, { context: 'listing webhooks' });
		return hooks.map(toRemote);
	},

	async create(ctx: IHookFunctions, url: string, events: string[]) {
		const workflow = ctx.getWorkflow();
		const body = {
			data: {
				attributes: {
					name: `n8n: ${workflow.name ?? workflow.id ?? 'workflow'}`.slice(0, 200),
					description: `Created by the n8n Persona Trigger of workflow ${workflow.id ?? ''}`,
					url,
					'enabled-events': events,
					'api-version': PERSONA_VERSION,
					'api-key-inflection': PERSONA_KEY_INFLECTION,
				},
			},
		};
		const doc = await personaRequest
			.call(
				ctx,
				{ method: 'POST', path: '/webhooks', body, sideEffect: 'create' },
				// A fresh key per activation: retries of this call reuse it, a later re-activation must not.
				{ idempotencyKey: `n8n-${randomUUID()}`, context: 'registering the webhook' },
			)
			.catch((error: unknown) => {
				const refused = refusedEventNames(error, events);
				if (!refused.length) throw error;
				const names = refused.map((name) => `"${name}"`).join(', ');
				const e = error as { message?: string; description?: string };
				throw new NodeOperationError(
					ctx.getNode(),
					`Persona refused the webhook event ${names}: ${e.message ?? 'the event name was not accepted'}`,
					{
						description: [
							`Persona does not accept ${refused.length > 1 ? 'these event names' : 'this event name'} for webhooks in this account or API version. Remove ${refused.length > 1 ? 'them' : 'it'} from Events or Other Events, check the spelling against Persona's webhook event list, and activate the workflow again.`,
							// Persona's field pointer and request ID; not the generic hint for the status.
							...String(e.description ?? '')
								.split('\n')
								.filter((line) => /^(Field|Persona request ID): /.test(line)),
						]
							.filter(Boolean)
							.join('\n'),
					},
				);
			});
		return toRemote(doc.data as IDataObject);
	},

	async enable(ctx: IHookFunctions, id: string) {
		const doc = await personaRequest.call(ctx, { method: 'POST', path: webhookPath(id, 'enable') }, { context: 'enabling the webhook' });
		return toRemote(doc.data as IDataObject);
	},

	async remove(ctx: IHookFunctions, id: string) {
		// Persona has no DELETE for webhooks: archiving stops all deliveries for good.
		await personaRequest.call(
			ctx,
			{ method: 'POST', path: webhookPath(id, 'archive') },
			{ acceptStatus: [404], context: 'archiving the webhook' },
		);
	},
};

/**
 * The webhook's secrets as Persona has them now, read once without waiting: no retry, no wait
 * for the rate limiter, a short timeout (a trigger answering a delivery cannot wait). Empty
 * when the webhook is gone or the answer holds no secrets.
 */
export async function personaWebhookSecretsNow(ctx: IHookFunctions, id: string): Promise<string[]> {
	const doc = await personaRequest.call(
		ctx,
		{ method: 'GET', path: webhookPath(id), timeoutMs: 4000 },
		{
			acceptStatus: [404],
			context: 'reading the webhook',
			maxWaitMs: 0,
			retryPolicy: { maxRetries: 0, baseDelayMs: 0, maxDelayMs: 0, maxServerDelayMs: 0 },
		},
	);
	if (!doc.data) return [];
	const hook = toRemote(doc.data as IDataObject);
	return hook.gone ? [] : hook.secrets;
}
