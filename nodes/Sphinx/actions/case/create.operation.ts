import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { invalidInput } from '../../../../core/errors';
import { compact } from '../../../../core/validate';
import { sphinxPaths, sphinxRequest } from '../../api';
import { checkTypeFrom, deleteAfterFrom, documentIdsFrom, inputDetailsFrom } from '../shared';
import { caseOutput, waitIfAsked, withWait } from './fields';
import { checksField, customerFields, webhookFields } from './createFields';
import { createWithLookup } from './createRetry';
import { triggerUrlOf } from '../../triggerUrl';

const show = { resource: ['case'], operation: ['create'] };

export const description: INodeProperties[] = [
	...customerFields(show),
	checksField(show),
	{
		displayName: 'Case Config',
		name: 'caseConfig',
		type: 'string',
		default: '',
		placeholder: 'aml-screening',
		description: 'Slug of a case config of your Sphinx organisation: it creates the checks itself. Use either checks or a case config, not both.',
		displayOptions: { show },
	},
	...webhookFields(show),
	{
		displayName: 'Auto Start',
		name: 'autoStart',
		type: 'boolean',
		default: true,
		description: 'Whether Sphinx starts working on the case right away. Off: start it later with the Start operation.',
		displayOptions: { show },
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Delete After (Days)',
				name: 'deleteAfter',
				type: 'number',
				default: -1,
				description: 'Days until Sphinx deletes the case data: -1 keeps it, 0 deletes it at once',
			},
			{
				displayName: 'Document IDs',
				name: 'documentIds',
				type: 'string',
				default: '',
				placeholder: '12, 13',
				description: 'Uploaded documents to link to the case, separated by commas',
			},
			{
				displayName: 'External ID',
				name: 'externalId',
				type: 'string',
				default: '',
				description: 'Your own unique reference for the case (Sphinx makes one up otherwise). With it the node can look the case up instead of creating it twice after a failed request.',
			},
			{
				displayName: 'Notes',
				name: 'notes',
				type: 'string',
				typeOptions: { rows: 3 },
				default: '',
				description: 'Free text for the agent, as in Sphinx\'s quickstart',
			},
		],
	},
	{
		displayName: 'Options',
		name: 'createOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Look Up Before Retry',
				name: 'lookUpBeforeRetry',
				type: 'boolean',
				default: true,
				description: 'Whether, when the create fails without a clear answer (timeout, 5xx) and the case has an External ID, to look for a case with that External ID and create it again only if there is none. Sphinx has no idempotency keys, so a create is never repeated blindly.',
			},
		],
	},
];

/** The create body; refuses contradictory or malformed input before anything is sent. */
export function buildCreateBody(ctx: IExecuteFunctions, i: number): IDataObject {
	const node = ctx.getNode();
	const body: IDataObject = {};
	const source = ctx.getNodeParameter('customerSource', i, 'existing') as string;
	if (source === 'existing') {
		const raw = String(ctx.getNodeParameter('customerId', i, '') ?? '').trim();
		if (!raw)
			throw invalidInput(node, i, 'Customer ID', 'is empty: a case needs a customer', 'Enter the ID of an existing Sphinx customer, or set Customer to "New Customer" and enter the customer\'s details.');
		if (!/^[0-9]{1,18}$/.test(raw)) throw invalidInput(node, i, 'Customer ID', `"${raw.slice(0, 40)}" is not a whole number`, 'Use the customer\'s numeric ID, e.g. 42.');
		body.customer_id = Number(raw);
	} else {
		const fullName = String(ctx.getNodeParameter('customerFullName', i, '') ?? '').trim();
		if (!fullName)
			throw invalidInput(node, i, 'Customer Full Name', 'is empty: a case needs a customer', 'Enter the new customer\'s full name (person or company), or set Customer to "Existing Customer" and enter its ID.');
		const extra = ctx.getNodeParameter('customerFields', i, {}) as IDataObject;
		body.customer = compact({
			full_name: fullName,
			external_id: typeof extra.externalId === 'string' ? extra.externalId.trim() : undefined,
			customer_type: extra.customerType,
			input_details: inputDetailsFrom(ctx, i, 'Customer Fields > Input Details (JSON)', extra.inputDetails),
			delete_after: deleteAfterFrom(ctx, i, 'Customer Fields > Delete After (Days)', extra.deleteAfter),
		});
	}

	const checkEntries = ((ctx.getNodeParameter('checks', i, {}) as IDataObject).check ?? []) as IDataObject[];
	const caseConfig = String(ctx.getNodeParameter('caseConfig', i, '') ?? '').trim();
	if (checkEntries.length && caseConfig)
		throw invalidInput(node, i, 'Checks / Case Config', 'both are set, and Sphinx accepts only one', `Remove the checks to let the case config "${caseConfig}" create them, or clear Case Config.`);
	if (caseConfig) body.case_config = caseConfig;
	if (checkEntries.length)
		body.checks = checkEntries.map((entry, n) =>
			compact({
				check_type: checkTypeFrom(ctx, i, `Checks > Check ${n + 1} > Check Type`, entry.checkType, entry.otherCheckType),
				input_details: inputDetailsFrom(ctx, i, `Checks > Check ${n + 1} > Input Details (JSON)`, entry.inputDetails),
				document_ids: documentIdsFrom(ctx, i, `Checks > Check ${n + 1} > Document IDs`, entry.documentIds),
			}),
		);

	const webhookSource = ctx.getNodeParameter('webhookUrlSource', i, 'none') as string;
	if (webhookSource === 'url') {
		const url = String(ctx.getNodeParameter('webhookUrl', i, '') ?? '').trim();
		if (!/^https?:\/\/\S+$/.test(url) || url.length > 511)
			throw invalidInput(node, i, 'Webhook URL', url ? `"${url.slice(0, 80)}" is not a usable URL` : 'is empty', 'Enter an http(s) URL of at most 511 characters.');
		body.webhook_url = url;
	} else if (webhookSource === 'trigger') {
		body.webhook_url = triggerUrlOf(ctx, i);
	}
	body.auto_start = ctx.getNodeParameter('autoStart', i, true) as boolean;

	const additional = ctx.getNodeParameter('additionalFields', i, {}) as IDataObject;
	Object.assign(
		body,
		compact({
			external_id: typeof additional.externalId === 'string' ? additional.externalId.trim() : undefined,
			delete_after: deleteAfterFrom(ctx, i, 'Additional Fields > Delete After (Days)', additional.deleteAfter),
			document_ids: documentIdsFrom(ctx, i, 'Additional Fields > Document IDs', additional.documentIds),
			notes: typeof additional.notes === 'string' ? additional.notes : undefined,
		}),
	);
	return body;
}

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const body = buildCreateBody(this, i);
	const options = this.getNodeParameter('createOptions', i, {}) as IDataObject;
	const externalId = typeof body.external_id === 'string' ? body.external_id : undefined;
	const created = await createWithLookup(this, i, externalId, options.lookUpBeforeRetry !== false, async () =>
		await sphinxRequest.call(
			this,
			{ method: 'POST', path: sphinxPaths.cases, body, sideEffect: 'create' },
			{ itemIndex: i, context: 'creating a case' },
		),
	);
	const wait = await waitIfAsked(this, i, created.raw);
	const out = withWait(caseOutput(this, i, wait.raw), wait);
	return created.recovered ? { ...out, recoveredAfterError: created.recovered } : out;
}
