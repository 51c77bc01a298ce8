import type {
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { dedupeWindowOption } from '../../core/descriptions';
import { listParameter } from '../../core/validate';
import { pick } from '../../core/normalize';
import { WEBHOOK_TRIGGER_VERSIONS, credentialSecrets } from '../../core/triggerRuntime';
import { verifyTimestampedSignature } from '../../core/signature';
import { timing } from '../../core/timing';
import { bodyObjectOf, handleClaimed, rawBodyOf, rejectDelivery, screenDelivery, type WebhookState, webhookLifecycle } from '../../core/webhook';
import { PERSONA_EVENT_NAME_PATTERN, PERSONA_EVENT_OPTIONS, personaEventItem } from './objects';
import { personaWebhookSecretsNow, personaWebhooks } from './webhooks';

/**
 * Every event the trigger registers and lets through: the picked ones (a saved workflow may still
 * hold a name no longer offered in the list; n8n keeps it and so does this) plus Other Events.
 */
const selectedEvents = (ctx: IHookFunctions | IWebhookFunctions) => [
	...new Set([
		...listParameter(ctx.getNodeParameter('events', []) as string[]),
		...listParameter(ctx.getNodeParameter('otherEvents', '') as string),
	]),
];

const lifecycle = webhookLifecycle(personaWebhooks, selectedEvents);

const isAutomatic = (ctx: IHookFunctions | IWebhookFunctions) =>
	ctx.getNodeParameter('registration', 'automatic') === 'automatic';

/** The delivery as one item: raw, the event name beside the body unchanged (as before). */
function eventItem(body: IDataObject, simplify: boolean): IDataObject {
	const event = (body.data ?? {}) as IDataObject;
	if (simplify) return personaEventItem(event, true);
	return { event: String(pick(event.attributes, 'name') ?? ''), ...body };
}

/** Names typed under Other Events that cannot be Persona event names (refused before registering). */
function malformedOtherEvents(ctx: IHookFunctions): string[] {
	const typed = listParameter(ctx.getNodeParameter('otherEvents', '') as string);
	return typed.filter((name) => !PERSONA_EVENT_NAME_PATTERN.test(name));
}

const SECRET_REFRESH_INTERVAL_MS = 60_000;

/** When each trigger's webhook secrets were last re-read, in this process (monotonic ms). */
const secretsCheckedAt = new Map<string, number>();

/**
 * Re-reads the registered webhook's live secrets after a delivery did not verify; returns only
 * secrets not tried yet. Anyone who knows the URL can send a delivery that does not verify, so
 * this read is cheap and harmless: at most once a minute per webhook in this process, never
 * waiting for the rate limiter or retrying (Persona waits for the answer), never failing the
 * delivery, and an answer without secrets never replaces the secrets already known.
 */
async function refreshSecrets(ctx: IWebhookFunctions): Promise<string[]> {
	const state = ctx.getWorkflowStaticData('node') as WebhookState;
	const now = timing.monotonic();
	if (!state.webhookId) return [];
	const key = `${ctx.getWorkflow().id ?? ''}|${ctx.getNode().id}|${state.webhookId}`;
	if (now - (secretsCheckedAt.get(key) ?? -Infinity) < SECRET_REFRESH_INTERVAL_MS) return [];
	secretsCheckedAt.set(key, now);
	if (secretsCheckedAt.size > 10_000) secretsCheckedAt.delete(secretsCheckedAt.keys().next().value as string);
	let live: string[];
	try {
		live = await personaWebhookSecretsNow(ctx as unknown as IHookFunctions, state.webhookId);
	} catch {
		return [];
	}
	if (!live.length) return [];
	const known = new Set(state.webhookSecrets ?? []);
	state.webhookSecrets = live;
	return live.filter((secret) => !known.has(secret));
}

export class PersonaTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Persona Trigger',
		name: 'personaTrigger',
		icon: { light: 'file:persona.svg', dark: 'file:persona.dark.svg' },
		group: ['trigger'],
		// 1.1: n8n skips a per-delivery expression for it (core/triggerRuntime.ts)
		version: WEBHOOK_TRIGGER_VERSIONS,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description: 'Starts the workflow when a Persona case, inquiry, account or report changes (verified webhooks)',
		defaults: { name: 'Persona Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'personaApi', required: true }],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
		properties: [
			{
				displayName: 'Webhook Setup',
				name: 'registration',
				type: 'options',
				options: [
					{
						name: 'Automatic',
						value: 'automatic',
						description: 'The trigger registers, updates and archives its own webhook through the Persona API',
					},
					{
						name: 'Manual (Dashboard Webhook)',
						value: 'manual',
						description:
							'You create the webhook in the Persona dashboard with this node\'s URL and put its secret in the credential',
					},
				],
				default: 'automatic',
			},
			{
				displayName:
					'In the Persona dashboard (Integration › Webhooks), create a webhook with this node\'s production URL and the same events, then put its secret into the credential\'s "Webhook Secrets" field.',
				name: 'manualNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { registration: ['manual'] } },
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				options: PERSONA_EVENT_OPTIONS,
				default: ['case.status-updated'],
				description: 'The case, inquiry, account and report events that start the workflow',
			},
			{
				displayName: 'Other Events',
				name: 'otherEvents',
				type: 'string',
				default: '',
				placeholder: 'e.g. case-comment.created, case-message.received',
				description:
					'Further Persona event names, comma-separated, for events not in the list above (Persona names more in its API than it documents, and adds events over time). They are registered with the webhook and start the workflow like the selected ones. If Persona refuses a name, activation fails and says which.',
			},
			{
				displayName: 'Simplify',
				name: 'simplify',
				type: 'boolean',
				default: true,
				description:
					'Whether to output the event name with a flat item instead of the raw Persona event: the normalized case for case events, the inquiry, account or report in its own flat shape (ID, type, status, reference, dates…) for theirs',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					dedupeWindowOption('Persona', 600),
					{
						displayName: 'Signature Tolerance (Seconds)',
						name: 'toleranceSeconds',
						type: 'number',
						typeOptions: { minValue: 0 },
						default: 300,
						description:
							'Reject deliveries whose signed timestamp is older (or newer) than this, to stop replays. 0 turns the check off.',
					},
				],
			},
		],
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				if (!isAutomatic(this)) return true;
				return await lifecycle.checkExists.call(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				if (!isAutomatic(this)) return true;
				const malformed = malformedOtherEvents(this);
				if (malformed.length)
					throw new NodeOperationError(
						this.getNode(),
						`Other Events: ${malformed.map((name) => `"${name.slice(0, 80)}"`).join(', ')} is not a Persona event name`,
						{
							description:
								'Persona event names are lower-case, with one dot between the object and the action, e.g. inquiry.completed, account.tag-added or report/watchlist.matched. Fix the name under Other Events and activate the workflow again; nothing was registered.',
						},
					);
				if (!selectedEvents(this).length)
					throw new NodeOperationError(this.getNode(), 'Select at least one event, or name one under Other Events', {
						description: 'Persona registers a webhook only for the events it names.',
					});
				return await lifecycle.create.call(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				if (!isAutomatic(this)) return true;
				return await lifecycle.delete.call(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const tolerance = (options.toleranceSeconds as number | undefined) ?? 300;
		const dedupeWindow = (options.dedupeWindowSeconds as number | undefined) ?? 600;

		let secrets: string[];
		if (isAutomatic(this)) {
			secrets = (this.getWorkflowStaticData('node') as WebhookState).webhookSecrets ?? [];
		} else {
			secrets = await credentialSecrets(this, 'personaApi', 'webhookSecret');
		}
		if (!secrets.length) return rejectDelivery(this, 401, 'No webhook secret is configured for this trigger');

		const rawBody = rawBodyOf(this);
		const header = this.getHeaderData()['persona-signature'] as string | undefined;
		const verify = (candidates: string[]) =>
			verifyTimestampedSignature({
				rawBody,
				header,
				secrets: candidates,
				toleranceSeconds: tolerance,
				nowSeconds: Math.floor(timing.now() / 1000),
			});
		let verification = verify(secrets);
		if (!verification.valid && verification.reason === 'mismatch') {
			// The secret may have been rotated: re-read it (automatic: from Persona, at most once a
			// minute; manual: from the credential, which is otherwise kept for a few seconds).
			const refreshed = isAutomatic(this)
				? await refreshSecrets(this)
				: await credentialSecrets(this, 'personaApi', 'webhookSecret', { afterMismatch: true });
			if (refreshed.length) verification = verify(refreshed);
		}
		if (!verification.valid)
			return rejectDelivery(this, 401, `Persona-Signature did not verify (${verification.reason})`);

		const body = bodyObjectOf(this);
		const simplify = this.getNodeParameter('simplify', true) as boolean;
		const attributes = ((body.data ?? {}) as IDataObject).attributes;
		const screened = screenDelivery(this, {
			event: String(pick(attributes, 'name') ?? ''),
			eventId: ((body.data ?? {}) as IDataObject).id as string | undefined,
			selectedEvents: selectedEvents(this),
			dedupeWindowSeconds: dedupeWindow,
			rawBody,
		});
		if (screened.answer) return screened.answer;

		// Remembered as handled only once the item exists; a failure lets Persona's retry through.
		return await handleClaimed(screened.claim, () => ({
			workflowData: [this.helpers.returnJsonArray([eventItem(body, simplify)])],
		}));
	}
}
