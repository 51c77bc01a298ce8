import { timingSafeEqual } from 'crypto';
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
import { bodyObjectOf, handleClaimed, rejectDelivery, screenDelivery } from '../../core/webhook';
import { sphinxApi, sphinxPaths, sphinxRequest } from './api';
import { authenticationField, sphinxCredentials } from './description';
import { caseEventOf, normalizeSphinxCase, withCheckReasoningText } from './normalize';
import { forgetTriggerUrl, rememberTriggerUrl, withToken } from './triggerUrl';
import { WEBHOOK_TRIGGER_VERSIONS, forgetRequestCredentials, webhookRequestCredentials } from '../../core/triggerRuntime';

/** The case read before the workflow starts; Sphinx's call should not wait long for its answer. */
const CASE_FETCH_TIMEOUT_MS = 5000;

export const CASE_EVENTS = [
	{ name: 'Case Completed', value: 'case.completed', description: 'Sphinx decided the case (is_complete, or status COMPLETED)' },
	{ name: 'Case Failed', value: 'case.failed', description: 'Sphinx could not finish the case (failed, or status ERROR)' },
];

function safeEqual(a: string, b: string): boolean {
	const x = Buffer.from(a);
	const y = Buffer.from(b);
	return x.length === y.length && timingSafeEqual(x, y);
}

/** The case id of Sphinx's call: the case object itself, or a thinner `{id}` / `{case_id}` / `{case: {id}}`. */
export function caseIdOfCall(body: IDataObject): string | undefined {
	const nested = body.case && typeof body.case === 'object' ? (body.case as IDataObject).id : undefined;
	const id = body.case_id ?? nested ?? body.id;
	return (typeof id === 'number' || typeof id === 'string') && /^[0-9]{1,18}$/.test(String(id)) ? String(id) : undefined;
}

export class SphinxTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Sphinx Trigger',
		name: 'sphinxTrigger',
		icon: { light: 'file:sphinx.svg', dark: 'file:sphinx.dark.svg' },
		group: ['trigger'],
		// 1.1: n8n skips a per-delivery expression for it (core/triggerRuntime.ts)
		version: WEBHOOK_TRIGGER_VERSIONS,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description: 'Starts the workflow when Sphinx calls a case\'s webhook URL on completion',
		defaults: { name: 'Sphinx Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: sphinxCredentials,
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
		properties: [
			authenticationField,
			{
				displayName:
					'Sphinx calls the webhook URL of each case (unsigned) when the case completes. Give cases this node\'s Production URL followed by ?token=<Token> — or let the Sphinx node\'s Case › Create use "Use This Workflow\'s Trigger URL", which takes exactly that URL once this workflow is active. The trigger then reads the case from Sphinx and starts the workflow with it.',
				name: 'setupNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				options: CASE_EVENTS,
				default: ['case.completed', 'case.failed'],
				description: 'The outcomes that start the workflow; other calls are answered and ignored',
			},
			{
				displayName: 'Token',
				name: 'token',
				type: 'string',
				typeOptions: { password: true },
				default: '',
				description:
					'Optional shared secret: calls without ?token=(this value) are answered 401 and start nothing. Sphinx signs nothing, so set one unless the URL stays private.',
			},
			{
				displayName: 'Simplify',
				name: 'simplify',
				type: 'boolean',
				default: true,
				description: 'Whether to output the event with the normalized case instead of the full Sphinx case',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [dedupeWindowOption('Sphinx', 3600)],
			},
		],
	};

	/**
	 * Sphinx registers webhooks per case, not per account: nothing to create at Sphinx. Activation
	 * records the exact URL to give cases (with the token) in the workflow's static data.
	 */
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const url = withToken(this.getNodeWebhookUrl('default') as string, this.getNodeParameter('token', '') as string);
				rememberTriggerUrl(this.getWorkflowStaticData('global'), url);
				return true;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				const url = withToken(this.getNodeWebhookUrl('default') as string, this.getNodeParameter('token', '') as string);
				forgetTriggerUrl(this.getWorkflowStaticData('global'), url);
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const token = this.getNodeParameter('token', '') as string;
		if (token) {
			const given = (this.getQueryData() as IDataObject).token;
			if (typeof given !== 'string' || !safeEqual(given, token)) return rejectDelivery(this, 401, 'Missing or wrong token');
		}
		const body = bodyObjectOf(this);
		const caseId = caseIdOfCall(body);
		if (!caseId) return rejectDelivery(this, 400, 'The call names no case ID');

		// The call carries little (and nothing verifies it): the case is read from Sphinx.
		let raw: IDataObject | undefined;
		let fetchError: string | undefined;
		try {
			raw = await sphinxRequest.call(
				this,
				{ method: 'GET', path: sphinxPaths.case(caseId), timeoutMs: CASE_FETCH_TIMEOUT_MS },
				{
					context: `getting case ${caseId}`,
					maxWaitMs: 0,
					retryPolicy: { maxRetries: 0, baseDelayMs: 0, maxDelayMs: 0, maxServerDelayMs: 0 },
					resolved: await webhookRequestCredentials(this, sphinxApi),
				},
			);
		} catch (error) {
			fetchError = (error as Error).message;
			forgetRequestCredentials(this, sphinxApi);
		}
		if (!raw && fetchError && token === '')
			// Without a token the body is untrusted and the case could not be read: nothing to go on.
			return rejectDelivery(this, 502, `Could not read case ${caseId} from Sphinx: ${fetchError}`);
		const current = raw ?? body;
		const event = caseEventOf(current) ?? 'case.updated';
		const screened = screenDelivery(this, {
			event,
			eventId: `${caseId}:${String(current.updated_at ?? '')}:${event}`,
			selectedEvents: this.getNodeParameter('events', []) as string[],
			dedupeWindowSeconds: ((this.getNodeParameter('options', {}) as IDataObject).dedupeWindowSeconds as number | undefined) ?? 3600,
		});
		if (screened.answer) return screened.answer;
		return await handleClaimed(screened.claim, () => {
			const simplify = this.getNodeParameter('simplify', true) as boolean;
			const item: IDataObject = simplify
				? { event, ...normalizeSphinxCase({ ...current, id: current.id ?? caseId }) }
				: { event, ...withCheckReasoningText(current) };
			if (fetchError) item.caseFetchError = fetchError;
			return { workflowData: [this.helpers.returnJsonArray([item])] };
		});
	}
}
