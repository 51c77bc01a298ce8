import type { IDataObject, IHookFunctions, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { timing } from './timing';

/** A webhook subscription as the vendor reports it. */
export interface RemoteWebhook {
	id: string;
	url: string;
	events: string[];
	/** Enabled and receiving deliveries. */
	enabled: boolean;
	/** Archived or deleted: will never deliver again. */
	gone: boolean;
	secrets: string[];
}

/** The vendor's webhook registration API, described by the vendor folder. */
export interface WebhookRegistry {
	get(ctx: IHookFunctions, id: string): Promise<RemoteWebhook | undefined>;
	/** Lists subscriptions, so a lost static data entry does not lead to a second webhook. */
	list?(ctx: IHookFunctions): Promise<RemoteWebhook[]>;
	create(ctx: IHookFunctions, url: string, events: string[]): Promise<RemoteWebhook>;
	enable?(ctx: IHookFunctions, id: string): Promise<RemoteWebhook>;
	remove(ctx: IHookFunctions, id: string): Promise<void>;
}

/** What the trigger keeps in the workflow's static data (survives n8n restarts). */
export interface WebhookState extends IDataObject {
	webhookId?: string;
	webhookUrl?: string;
	webhookEvents?: string[];
	webhookSecrets?: string[];
}

const sameSet = (a: string[], b: string[]) =>
	a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');

function remember(state: WebhookState, hook: RemoteWebhook): void {
	state.webhookId = hook.id;
	state.webhookUrl = hook.url;
	state.webhookEvents = [...hook.events];
	state.webhookSecrets = [...hook.secrets];
}

function forget(state: WebhookState): void {
	delete state.webhookId;
	delete state.webhookUrl;
	delete state.webhookEvents;
	delete state.webhookSecrets;
}

/**
 * checkExists / create / delete for a trigger whose vendor has a webhook API. The registered
 * webhook must have this trigger's URL and exactly its events; anything else is replaced.
 * After a restart the stored id is re-checked; if static data was lost, a webhook already
 * registered for this URL is adopted instead of creating a second one.
 */
export function webhookLifecycle(registry: WebhookRegistry, desiredEvents: (ctx: IHookFunctions) => string[]) {
	const stateOf = (ctx: IHookFunctions) => ctx.getWorkflowStaticData('node') as WebhookState;
	const urlOf = (ctx: IHookFunctions) => ctx.getNodeWebhookUrl('default') as string;

	const matches = (hook: RemoteWebhook, url: string, events: string[]) =>
		!hook.gone && hook.url === url && sameSet(hook.events, events);

	async function ensureEnabled(ctx: IHookFunctions, hook: RemoteWebhook): Promise<RemoteWebhook> {
		if (hook.enabled || !registry.enable) return hook;
		return await registry.enable(ctx, hook.id);
	}

	return {
		async checkExists(this: IHookFunctions): Promise<boolean> {
			const state = stateOf(this);
			const url = urlOf(this);
			const events = desiredEvents(this);
			if (state.webhookId) {
				const hook = await registry.get(this, state.webhookId);
				if (hook && matches(hook, url, events)) {
					remember(state, await ensureEnabled(this, hook));
					return true;
				}
				if (hook && !hook.gone) await registry.remove(this, hook.id);
				forget(state);
			}
			if (!registry.list) return false;
			const mine = (await registry.list(this)).filter((h) => !h.gone && h.url === url);
			const keep = mine.find((h) => sameSet(h.events, events));
			for (const stale of mine) if (stale !== keep) await registry.remove(this, stale.id);
			if (!keep) return false;
			// The list may omit secrets; the single-webhook read returns them.
			const full = (await registry.get(this, keep.id)) ?? keep;
			remember(state, await ensureEnabled(this, full));
			return true;
		},

		async create(this: IHookFunctions): Promise<boolean> {
			const state = stateOf(this);
			const hook = await registry.create(this, urlOf(this), desiredEvents(this));
			remember(state, hook);
			remember(state, await ensureEnabled(this, hook));
			if (!state.webhookSecrets?.length) state.webhookSecrets = hook.secrets;
			return true;
		},

		async delete(this: IHookFunctions): Promise<boolean> {
			const state = stateOf(this);
			if (state.webhookId) await registry.remove(this, state.webhookId);
			forget(state);
			return true;
		},
	};
}

/** Answers a delivery that failed verification; starts no execution. */
export function rejectDelivery(ctx: IWebhookFunctions, status: number, message: string): IWebhookResponseData {
	const res = ctx.getResponseObject();
	res.status(status).json({ error: message });
	return { noWebhookResponse: true };
}

/** The raw request body as received, which is what vendors sign. */
export function rawBodyOf(ctx: IWebhookFunctions): Buffer {
	const req = ctx.getRequestObject() as unknown as { rawBody?: Buffer | string; body?: unknown };
	if (Buffer.isBuffer(req.rawBody)) return req.rawBody;
	if (typeof req.rawBody === 'string') return Buffer.from(req.rawBody, 'utf8');
	return Buffer.from(typeof req.body === 'string' ? req.body : JSON.stringify(req.body ?? {}), 'utf8');
}

const recentDeliveries = new Map<string, number>();
const MAX_REMEMBERED_IN_STATIC_DATA = 200;

/**
 * True when this event id was already accepted by the same trigger within `windowSeconds`
 * (vendors deliver at least once; retries after a slow answer arrive as duplicates).
 * Remembered in memory (concurrent deliveries) and in the trigger's static data, which n8n
 * persists, so a restart or another webhook process does not forget what was accepted.
 */
export function isDuplicateDelivery(
	scope: string,
	eventId: string | undefined,
	windowSeconds: number,
	staticData?: IDataObject,
): boolean {
	if (!eventId || windowSeconds <= 0) return false;
	const now = timing.now();
	for (const [key, expires] of recentDeliveries) if (expires <= now) recentDeliveries.delete(key);
	const key = `${scope}|${eventId}`;
	const persisted = (staticData?.recentEventIds ?? {}) as Record<string, number>;
	for (const [id, expires] of Object.entries(persisted)) if (expires <= now) delete persisted[id];
	if (recentDeliveries.has(key) || persisted[eventId] !== undefined) return true;

	const expires = now + windowSeconds * 1000;
	recentDeliveries.set(key, expires);
	if (recentDeliveries.size > 10_000) recentDeliveries.delete(recentDeliveries.keys().next().value as string);
	if (staticData) {
		persisted[eventId] = expires;
		const ids = Object.keys(persisted);
		for (const id of ids.slice(0, Math.max(0, ids.length - MAX_REMEMBERED_IN_STATIC_DATA))) delete persisted[id];
		staticData.recentEventIds = persisted;
	}
	return false;
}

/**
 * The common tail of every trigger's webhook(): drops events the user did not select and
 * repeated deliveries, answering 200 so the vendor stops retrying. Returns undefined when the
 * event should start an execution.
 */
export function screenDelivery(
	ctx: IWebhookFunctions,
	delivery: { event: string; eventId: string | undefined; selectedEvents: string[]; dedupeWindowSeconds: number },
): IWebhookResponseData | undefined {
	const { event, eventId, selectedEvents } = delivery;
	if (selectedEvents.length && !selectedEvents.includes(event))
		return { webhookResponse: { received: true, ignored: `event ${event || '(none)'} is not selected` } };
	const node = ctx.getNode();
	const scope = `${ctx.getWorkflow().id ?? ''}|${node.webhookId ?? node.id}`;
	if (isDuplicateDelivery(scope, eventId, delivery.dedupeWindowSeconds, ctx.getWorkflowStaticData('node')))
		return { webhookResponse: { received: true, duplicate: true } };
	return undefined;
}
