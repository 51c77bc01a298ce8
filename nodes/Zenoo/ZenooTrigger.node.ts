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
import { verifyBodySignature } from '../../core/signature';
import { bodyObjectOf, handleClaimed, rawBodyOf, rejectDelivery, screenDelivery, type WebhookState, webhookLifecycle } from '../../core/webhook';
import { WEBHOOK_EVENTS } from './catalog';
import { challengeOf, eventItem, fetchEventCase } from './events';
import { zenooWebhooks } from './webhooks';
import { WEBHOOK_TRIGGER_VERSIONS } from '../../core/triggerRuntime';

/** Zenoo retries a failed delivery after 1 min, 5 min, 30 min, 2 h and 24 h: the window covers them all. */
const DEFAULT_DEDUPE_WINDOW_SECONDS = 25 * 3600;

const selectedEvents = (ctx: IHookFunctions | IWebhookFunctions) => ctx.getNodeParameter('events', []) as string[];
const lifecycle = webhookLifecycle(zenooWebhooks, selectedEvents);
const stateOf = (ctx: IHookFunctions | IWebhookFunctions) => ctx.getWorkflowStaticData('node') as WebhookState;

export class ZenooTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Zenoo Trigger',
		name: 'zenooTrigger',
		icon: { light: 'file:zenoo.svg', dark: 'file:zenoo.dark.svg' },
		group: ['trigger'],
		// 1.1: n8n skips a per-delivery expression for it (core/triggerRuntime.ts)
		version: WEBHOOK_TRIGGER_VERSIONS,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description: 'Starts the workflow on Zenoo case, alert, check, risk and SLA events (verified webhooks)',
		defaults: { name: 'Zenoo Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'zenooApi', required: true }],
		webhooks: [
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' },
			// Zenoo's verification challenge is not documented; a GET ?challenge= is answered too.
			{ name: 'setup', httpMethod: 'GET', responseMode: 'onReceived', path: 'webhook' },
		],
		properties: [
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				options: WEBHOOK_EVENTS,
				required: true,
				default: ['case.status_changed'],
				description: 'The events that start the workflow. On activation the trigger registers this node\'s URL for them with Zenoo and answers Zenoo\'s verification challenge.',
			},
			{
				displayName: 'Simplify',
				name: 'simplify',
				type: 'boolean',
				default: true,
				description: 'Whether to output the event with the normalized case (read from Zenoo when the event carries only tokens) instead of the raw Zenoo event',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					dedupeWindowOption('Zenoo', DEFAULT_DEDUPE_WINDOW_SECONDS),
					{
						displayName: 'Fetch Case',
						name: 'fetchCase',
						type: 'boolean',
						default: true,
						description: 'Whether to read the case from Zenoo (with Simplify) when the event names only its token, e.g. alert, check, risk and SLA events',
					},
				],
			},
		],
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				if (!(await lifecycle.checkExists.call(this))) return false;
				// A webhook whose one-time secret is not known here (static data lost) cannot be
				// verified: replace it, so Zenoo hands out a new secret.
				const state = stateOf(this) as WebhookState;
				if (state.webhookSecrets?.length) return true;
				await lifecycle.delete.call(this);
				return false;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await lifecycle.create.call(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await lifecycle.delete.call(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const res = this.getResponseObject();
		if (this.getWebhookName() === 'setup') {
			const challenge = challengeOf(this.getQueryData() as IDataObject);
			if (!challenge) return rejectDelivery(this, 400, 'Missing or invalid challenge parameter');
			res.status(200).type('text/plain').send(challenge);
			return { noWebhookResponse: true };
		}

		const body = bodyObjectOf(this);
		// The verification challenge starts nothing and may come before the secret is stored.
		const challenge = body.event_id === undefined ? challengeOf(body) : undefined;
		if (challenge) {
			res.status(200).json({ challenge });
			return { noWebhookResponse: true };
		}

		const secrets = stateOf(this).webhookSecrets ?? [];
		if (!secrets.length) return rejectDelivery(this, 401, 'This trigger holds no signing secret for its webhook: deactivate and activate the workflow to register it again');
		const rawBody = rawBodyOf(this);
		const verification = verifyBodySignature({ rawBody, signature: this.getHeaderData()['x-zenoo-signature'] as string | undefined, secrets });
		if (!verification.valid) return rejectDelivery(this, 401, `X-Zenoo-Signature did not verify (${verification.reason})`);

		const options = this.getNodeParameter('options', {}) as IDataObject;
		const screened = screenDelivery(this, {
			event: String(body.event_type ?? ''),
			eventId: typeof body.event_id === 'string' ? body.event_id : undefined,
			selectedEvents: selectedEvents(this),
			dedupeWindowSeconds: (options.dedupeWindowSeconds as number | undefined) ?? DEFAULT_DEDUPE_WINDOW_SECONDS,
			rawBody,
		});
		if (screened.answer) return screened.answer;

		// Remembered as handled only once the item exists; a failure lets Zenoo's retry through.
		return await handleClaimed(screened.claim, async () => {
			const simplify = this.getNodeParameter('simplify', true) as boolean;
			const fetched = simplify && options.fetchCase !== false ? await fetchEventCase(this, body) : undefined;
			return { workflowData: [this.helpers.returnJsonArray([eventItem(body, simplify, fetched)])] };
		});
	}
}
