import type {
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { dedupeWindowOption } from '../../core/descriptions';
import { WEBHOOK_TRIGGER_VERSIONS, credentialSecrets, forgetRequestCredentials, webhookRequestCredentials } from '../../core/triggerRuntime';
import { verifyBodySignature } from '../../core/signature';
import { timing } from '../../core/timing';
import { bodyObjectOf, handleClaimed, rawBodyOf, rejectDelivery, screenDelivery } from '../../core/webhook';
import { certnApi, certnPaths, certnRequest } from './api';
import { WEBHOOK_EVENTS } from './catalog';
import { normalizeCertnCase } from './normalize';

/** Certn wants the challenge echoed within 10 s; anything longer than this is not a challenge. */
const MAX_CHALLENGE_LENGTH = 2048;

/** The case read of Fetch Full Case, the only wait before Certn gets its answer (it wants one within 10 s). */
const CASE_FETCH_TIMEOUT_MS = 5000;

const DEFAULT_DEDUPE_WINDOW_SECONDS = 3600;
/** How far Certn's clock may run ahead of n8n's before an event counts as dated in the future. */
const CLOCK_SKEW_SECONDS = 300;

/** An event's own `created` time in ms (ISO string or Unix seconds/ms); undefined when absent or unreadable. */
export function eventCreatedMs(body: IDataObject): number | undefined {
	const value = body.created;
	let ms: number;
	if (typeof value === 'number') ms = Math.abs(value) > 1e12 ? value : value * 1000;
	else if (typeof value === 'string' && /^\d+(\.\d+)?$/.test(value)) return eventCreatedMs({ created: Number(value) });
	else if (typeof value === 'string') ms = Date.parse(value);
	else return undefined;
	return Number.isFinite(ms) ? ms : undefined;
}

/**
 * Why a verified delivery is too old or too new to accept, if it is. Certn's signature covers only
 * the body (no timestamp), so a captured delivery stays valid forever: once its ID has left the
 * deduplication window only its own `created` time tells a replay from a fresh event.
 */
export function replayReason(body: IDataObject, maxAgeSeconds: number, nowMs: number): string | undefined {
	if (maxAgeSeconds <= 0) return undefined;
	const created = eventCreatedMs(body);
	if (created === undefined) return undefined;
	const ageSeconds = Math.round((nowMs - created) / 1000);
	if (ageSeconds > maxAgeSeconds)
		return `the event was created ${ageSeconds} s ago, older than ${maxAgeSeconds} s (Max Event Age): a replay, or a retry that came too late`;
	if (-ageSeconds > CLOCK_SKEW_SECONDS)
		return `the event is dated ${-ageSeconds} s in the future (more than the ${CLOCK_SKEW_SECONDS} s clock difference allowed)`;
	return undefined;
}

/** The case a (thin) event is about; undefined when it names only a check or a report file. */
export function caseIdOfEvent(body: IDataObject): string | undefined {
	const explicit = body.case_id ?? body.case;
	if (typeof explicit === 'string' && explicit) return explicit;
	const objectType = String(body.object_type ?? 'CASE').toUpperCase();
	if (objectType === 'CASE' && typeof body.object_id === 'string' && body.object_id) return body.object_id;
	return undefined;
}

export function eventIdOf(body: IDataObject): string | undefined {
	const id = body.id ?? body.event_id;
	return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
}

/** One output item for an event: the event fields plus the normalized (or raw) case. */
export function certnEventItem(body: IDataObject, simplify: boolean, fetched?: IDataObject, fetchError?: string): IDataObject {
	const event = String(body.event_type ?? '');
	if (!simplify) return { event, ...body, ...(fetched ? { case: fetched } : {}), ...(fetchError ? { caseFetchError: fetchError } : {}) };
	const caseId = caseIdOfEvent(body);
	const caseFields = fetched
		? normalizeCertnCase(fetched)
		: normalizeCertnCase({ id: caseId ?? '', overall_status: body.case_status as string | undefined });
	return {
		event,
		eventId: eventIdOf(body) ?? null,
		eventCreatedAt: body.created ?? null,
		objectType: body.object_type ?? null,
		objectId: body.object_id ?? null,
		...caseFields,
		...(fetchError ? { caseFetchError: fetchError } : {}),
	};
}

export class CertnTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Certn Trigger',
		name: 'certnTrigger',
		icon: { light: 'file:certn.svg', dark: 'file:certn.dark.svg' },
		group: ['trigger'],
		// 1.1: n8n skips a per-delivery expression for it (core/triggerRuntime.ts)
		version: WEBHOOK_TRIGGER_VERSIONS,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description: 'Starts the workflow when Certn reports a case or check change (signed webhooks)',
		defaults: { name: 'Certn Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'certnApi', required: true }],
		webhooks: [
			// Certn verifies the URL with GET ?challenge=… on the same URL it later POSTs events to.
			{ name: 'setup', httpMethod: 'GET', responseMode: 'onReceived', path: 'webhook' },
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' },
		],
		properties: [
			{
				displayName:
					'Certn has no API to register webhooks. In the Certn Client Portal open Integrations › Webhooks, add this node\'s Production URL (the workflow must be active: Certn checks the URL right away with a GET challenge that this node answers), and copy the webhook\'s secret into the Certn credential\'s "Webhook Secret" field. Deliveries whose X-Signature does not verify are answered 401 and start nothing; without a secret in the credential every delivery is refused.',
				name: 'setupNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				options: WEBHOOK_EVENTS,
				required: true,
				default: ['CASE_STATUS_CHANGED'],
				description: 'The events that start the workflow; others are acknowledged and ignored',
			},
			{
				displayName: 'Fetch Full Case',
				name: 'fetchCase',
				type: 'boolean',
				default: true,
				description:
					'Whether to read the case from Certn before starting the workflow. Certn\'s events carry only IDs; without this the output has the IDs and, where sent, the new case status.',
			},
			{
				displayName: 'Simplify',
				name: 'simplify',
				type: 'boolean',
				default: true,
				description: 'Whether to output the event with the normalized case instead of the raw Certn payload',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					dedupeWindowOption('Certn', DEFAULT_DEDUPE_WINDOW_SECONDS),
					{
						displayName: 'Max Event Age (Seconds)',
						name: 'maxEventAgeSeconds',
						type: 'number',
						typeOptions: { minValue: 0 },
						default: DEFAULT_DEDUPE_WINDOW_SECONDS,
						description:
							'Refuse (401) deliveries whose own "created" time is older than this, or more than 5 minutes in the future. Certn signs only the body, so this stops a captured delivery from being replayed once its ID has left the deduplication window. Keep it no longer than the Deduplication Window (a replay in between would be accepted); without this option the Deduplication Window is used (1 hour when deduplication is off). 0 turns the check off.',
					},
				],
			},
		],
	};

	/**
	 * Certn has no webhook registration API: the URL is added by hand in its Client Portal, so
	 * there is nothing to create or remove. A secret cannot be required on activation either, since
	 * the portal checks the URL (GET challenge) while the user is still setting the webhook up.
	 */
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
		if (this.getWebhookName() === 'setup') return answerChallenge(this);

		const secrets = await credentialSecrets(this, 'certnApi', 'webhookSecret');
		if (!secrets.length)
			return rejectDelivery(this, 401, 'No webhook secret is set in the Certn credential, so deliveries cannot be verified');
		const rawBody = rawBodyOf(this);
		const verify = (candidates: string[]) =>
			verifyBodySignature({ rawBody, signature: this.getHeaderData()['x-signature'] as string | undefined, secrets: candidates });
		let verification = verify(secrets);
		if (!verification.valid && verification.reason === 'mismatch') {
			// The secret in the credential is kept for a few seconds: it may just have been changed.
			const reread = await credentialSecrets(this, 'certnApi', 'webhookSecret', { afterMismatch: true });
			if (reread.length) verification = verify(reread);
		}
		if (!verification.valid) return rejectDelivery(this, 401, `X-Signature did not verify (${verification.reason})`);

		const body = bodyObjectOf(this);
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const dedupeWindow = (options.dedupeWindowSeconds as number | undefined) ?? DEFAULT_DEDUPE_WINDOW_SECONDS;
		const maxAge =
			(options.maxEventAgeSeconds as number | undefined) ?? (dedupeWindow > 0 ? dedupeWindow : DEFAULT_DEDUPE_WINDOW_SECONDS);
		const replay = replayReason(body, maxAge, timing.now());
		if (replay) return rejectDelivery(this, 401, `Delivery refused: ${replay}`);

		const screened = screenDelivery(this, {
			event: String(body.event_type ?? ''),
			eventId: eventIdOf(body),
			selectedEvents: this.getNodeParameter('events', []) as string[],
			dedupeWindowSeconds: dedupeWindow,
			// An event without an ID is recognized by its signed body, so it cannot bypass deduplication.
			rawBody,
		});
		if (screened.answer) return screened.answer;

		// Remembered as handled only once the item exists: if anything here throws, the claim is
		// released and Certn's retry of this event is handled instead of answered as a duplicate.
		return await handleClaimed(screened.claim, async () => {
			let fetched: IDataObject | undefined;
			let fetchError: string | undefined;
			const caseId = caseIdOfEvent(body);
			if (caseId && this.getNodeParameter('fetchCase', true)) {
				try {
					fetched = await certnRequest.call(
						this,
						{ method: 'GET', path: certnPaths.case(caseId), timeoutMs: CASE_FETCH_TIMEOUT_MS },
						{
							context: `getting case ${caseId}`,
							// Certn wants an answer within 10 s, and the rate-limit budget is shared with
							// every Certn node in this process: read the case only when a slot is free at
							// once, in one attempt (no waits, no retries), so the answer never waits longer
							// than CASE_FETCH_TIMEOUT_MS.
							maxWaitMs: 0,
							retryPolicy: { maxRetries: 0, baseDelayMs: 0, maxDelayMs: 0, maxServerDelayMs: 0 },
							resolved: await webhookRequestCredentials(this, certnApi),
						},
					);
				} catch (error) {
					// The event still starts the workflow: losing it would be worse than a thin item.
					fetchError = (error as Error).message;
					forgetRequestCredentials(this, certnApi);
				}
			}
			const item = certnEventItem(body, this.getNodeParameter('simplify', true) as boolean, fetched, fetchError);
			return { workflowData: [this.helpers.returnJsonArray([item])] };
		});
	}
}

/** Echoes Certn's `GET ?challenge=` as plain text; starts no execution. */
function answerChallenge(ctx: IWebhookFunctions): IWebhookResponseData {
	const res = ctx.getResponseObject();
	const challenge = ctx.getQueryData() as IDataObject;
	const value = challenge.challenge;
	res.setHeader('X-Content-Type-Options', 'nosniff');
	res.setHeader('Cache-Control', 'no-store');
	if (typeof value !== 'string' || value === '' || value.length > MAX_CHALLENGE_LENGTH) {
		res.status(400).type('text/plain').send('Missing or invalid challenge parameter');
		return { noWebhookResponse: true };
	}
	res.status(200).type('text/plain').send(value);
	return { noWebhookResponse: true };
}
