import { createHash } from 'crypto';
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

/**
 * Keeps what the vendor says about the webhook. An answer without secrets (some answers omit
 * them, e.g. Persona's /enable) never replaces the secrets already known for the same webhook:
 * with an empty list every delivery would be refused until the next activation.
 */
function remember(state: WebhookState, hook: RemoteWebhook): void {
	const known = state.webhookId === hook.id ? state.webhookSecrets ?? [] : [];
	state.webhookId = hook.id;
	state.webhookUrl = hook.url;
	state.webhookEvents = [...hook.events];
	state.webhookSecrets = hook.secrets.length ? [...hook.secrets] : [...known];
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

	/** Enables the webhook if needed; the result carries the webhook's secrets whatever the enable answer held. */
	async function ensureEnabled(ctx: IHookFunctions, hook: RemoteWebhook): Promise<RemoteWebhook> {
		if (hook.enabled || !registry.enable) return hook;
		const enabled = await registry.enable(ctx, hook.id);
		if (enabled.secrets.length) return enabled;
		if (hook.secrets.length) return { ...enabled, secrets: hook.secrets };
		const reread = await registry.get(ctx, hook.id);
		return { ...enabled, secrets: reread?.secrets ?? [] };
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

/**
 * The parsed request body when it is a JSON object, else `{}`: n8n hands over `null`, numbers,
 * strings and arrays as they were sent (and text or form bodies for other content types), and a
 * trigger reads fields of it — before verification too (Zenoo's challenge). Never throws.
 */
export function bodyObjectOf(ctx: IWebhookFunctions): IDataObject {
	let body: unknown;
	try {
		body = ctx.getBodyData();
	} catch {
		return {};
	}
	return body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as IDataObject) : {};
}

/** The raw request body as received, which is what vendors sign. */
export function rawBodyOf(ctx: IWebhookFunctions): Buffer {
	const req = ctx.getRequestObject() as unknown as { rawBody?: Buffer | string; body?: unknown };
	if (Buffer.isBuffer(req.rawBody)) return req.rawBody;
	if (typeof req.rawBody === 'string') return Buffer.from(req.rawBody, 'utf8');
	return Buffer.from(typeof req.body === 'string' ? req.body : JSON.stringify(req.body ?? {}), 'utf8');
}

/** One trigger's claim on an event while its delivery is handled. */
interface HeldClaim {
	expires: number;
	committed: boolean;
	token: object;
}

const recentDeliveries = new Map<string, HeldClaim>();
const MAX_REMEMBERED_IN_MEMORY = 10_000;
/**
 * Event ids kept in static data (saved with the workflow after each delivery): enough for a
 * busy hour of one trigger, so a restart within the window still recognizes a repeat.
 */
const MAX_REMEMBERED_IN_STATIC_DATA = 1000;
/** How long an uncommitted claim holds off repeats, should its handler never settle it. */
const PENDING_CLAIM_MS = 60_000;

/** What a trigger does with a delivery it may handle: remember it once handled, or let it go. */
export interface DeliveryClaim {
	/** The output was built: remember the event for the window (in memory and in static data). */
	commit(): void;
	/** Handling failed: forget the claim, so the vendor's retry of this event is handled again. */
	release(): void;
	/** The delivery being handled (set by screenDelivery): handleClaimed answers it through this. */
	context?: IWebhookFunctions;
}

const NOTHING_TO_REMEMBER: DeliveryClaim = { commit: () => undefined, release: () => undefined };

/**
 * Claims an event for one trigger (`scope`), or returns undefined when the event was already
 * handled within `windowSeconds`, or is being handled right now. Vendors deliver at least once;
 * retries after a slow or failed answer arrive as duplicates.
 *
 * Nothing is remembered for good until `commit()`: a delivery whose handling throws must
 * `release()` its claim, so the vendor's retry is not mistaken for a duplicate. Meanwhile the
 * claim (held in memory) makes concurrent copies of the same event in this process duplicates.
 *
 * Where this holds: within one n8n process (memory) and, through the trigger's static data that
 * n8n saves after each answered delivery, across restarts. Where it does not: n8n loads and saves
 * static data per delivery and per process, whole (last write wins), so in queue mode with several
 * webhook processes (or main + webhook processes) two copies of an event handled at the same time
 * by different processes both pass, and an id one process remembered can be overwritten by
 * another process saving its own copy of the static data.
 */
export function claimDelivery(
	scope: string,
	eventId: string | undefined,
	windowSeconds: number,
	staticData?: IDataObject,
): DeliveryClaim | undefined {
	if (!eventId || windowSeconds <= 0) return NOTHING_TO_REMEMBER;
	const now = timing.now();
	for (const [key, held] of recentDeliveries) if (held.expires <= now) recentDeliveries.delete(key);
	const key = `${scope}|${eventId}`;
	const persisted = (staticData?.recentEventIds ?? {}) as Record<string, number>;
	for (const [id, expires] of Object.entries(persisted)) if (expires <= now) delete persisted[id];
	if (recentDeliveries.has(key) || persisted[eventId] !== undefined) return undefined;

	const windowMs = windowSeconds * 1000;
	const held: HeldClaim = { expires: now + Math.min(windowMs, PENDING_CLAIM_MS), committed: false, token: {} };
	recentDeliveries.set(key, held);
	if (recentDeliveries.size > MAX_REMEMBERED_IN_MEMORY)
		recentDeliveries.delete(recentDeliveries.keys().next().value as string);

	let settled = false;
	return {
		commit() {
			if (settled) return;
			settled = true;
			const expires = timing.now() + windowMs;
			held.committed = true;
			held.expires = expires;
			if (recentDeliveries.get(key) !== held) recentDeliveries.set(key, held);
			if (!staticData) return;
			const remembered = (staticData.recentEventIds ?? {}) as Record<string, number>;
			remembered[eventId] = expires;
			const ids = Object.keys(remembered);
			for (const id of ids.slice(0, Math.max(0, ids.length - MAX_REMEMBERED_IN_STATIC_DATA))) delete remembered[id];
			staticData.recentEventIds = remembered;
		},
		release() {
			if (settled) return;
			settled = true;
			if (recentDeliveries.get(key) === held) recentDeliveries.delete(key);
		},
	};
}

/**
 * The event's dedupe key: its id, or — for an event that carries none — a digest of the signed
 * raw body, so a vendor's retry of it (same bytes) is still recognized.
 */
export function deliveryKey(eventId: string | undefined, rawBody?: Buffer): string | undefined {
	if (eventId) return eventId;
	if (!rawBody?.length) return undefined;
	return `body-sha256:${createHash('sha256').update(rawBody).digest('hex').slice(0, 32)}`;
}

export type ScreenedDelivery =
	| { answer: IWebhookResponseData; claim?: undefined }
	| { answer?: undefined; claim: DeliveryClaim };

/**
 * The common tail of every trigger's webhook(): drops events the user did not select and
 * repeated deliveries, answering 200 so the vendor stops retrying (`answer`). Otherwise returns
 * the `claim` on the event: the trigger builds its output inside `handleClaimed`, which commits
 * the claim once the output exists and releases it when building throws.
 */
export function screenDelivery(
	ctx: IWebhookFunctions,
	delivery: {
		event: string;
		eventId: string | undefined;
		selectedEvents: string[];
		dedupeWindowSeconds: number;
		/** Events without an id are recognized by a digest of this. */
		rawBody?: Buffer;
	},
): ScreenedDelivery {
	const { event, selectedEvents } = delivery;
	if (selectedEvents.length && !selectedEvents.includes(event))
		return { answer: { webhookResponse: { received: true, ignored: `event ${event || '(none)'} is not selected` } } };
	const node = ctx.getNode();
	const scope = `${ctx.getWorkflow().id ?? ''}|${node.webhookId ?? node.id}`;
	const claim = claimDelivery(
		scope,
		deliveryKey(delivery.eventId, delivery.rawBody),
		delivery.dedupeWindowSeconds,
		ctx.getWorkflowStaticData('node'),
	);
	if (!claim) return { answer: { webhookResponse: { received: true, duplicate: true } } };
	return { claim: { commit: () => claim.commit(), release: () => claim.release(), context: ctx } };
}

/** What n8n answers itself for an `onReceived` webhook that starts a workflow. */
const STARTED_ANSWER = { message: 'Workflow was started' };

/**
 * Answers a delivery that starts an execution from inside webhook(), as `onReceived` would, and
 * tells n8n so (`noWebhookResponse`). Why: n8n saves the static data webhook() changed (the
 * claimed event id) when it sends the answer. n8n 1.x answers `onReceived` before it starts the
 * execution; n8n 2.x answers after starting it, and starting it rebuilds the workflow's static
 * data object from the same stored object, which clears n8n's "changed" mark — so the id was
 * never saved once the workflow had any static data (measured on 2.41.1: webhooks/
 * webhook-helpers.js defers the `onReceived` answer after WorkflowRunner.run, whose new Workflow()
 * re-creates the observable static data). An answer given before the execution starts is saved
 * by both versions.
 */
function answerBeforeExecution<T>(ctx: IWebhookFunctions, output: T): T {
	const data = output as IWebhookResponseData | undefined;
	if (!data || data.noWebhookResponse === true || data.workflowData === undefined) return output;
	const res = ctx.getResponseObject();
	if (!res.headersSent) res.status(200).json(data.webhookResponse ?? STARTED_ANSWER);
	return { ...data, noWebhookResponse: true } as T;
}

/**
 * Builds a claimed delivery's output: commits the claim once built, releases it on any failure.
 * A delivery screened by screenDelivery is then answered before n8n starts the execution (see
 * answerBeforeExecution), so n8n saves the committed id in the workflow's static data.
 */
export async function handleClaimed<T>(claim: DeliveryClaim, build: () => T | Promise<T>): Promise<T> {
	let built = false;
	let output: T;
	try {
		output = await build();
		built = true;
	} finally {
		if (built) claim.commit();
		else claim.release();
	}
	return claim.context ? answerBeforeExecution(claim.context, output) : output;
}
