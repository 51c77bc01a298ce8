import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { returnAllAndLimit } from '../../../../core/descriptions';
import { invalidInput } from '../../../../core/errors';
import { sphinxPaths, sphinxRequestAll } from '../../api';
import { normalizeSphinxCase, withCheckReasoningText } from '../../normalize';

const show = { resource: ['case'], operation: ['getAll'] };

export const description: INodeProperties[] = [
	...returnAllAndLimit(show),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Customer ID',
				name: 'customerId',
				type: 'string',
				default: '',
				placeholder: '42',
				description: 'Only cases of this customer (its numeric ID)',
			},
			{
				displayName: 'Has Webhook',
				name: 'hasWebhook',
				type: 'options',
				options: [
					{ name: 'With a Webhook URL', value: 'true' },
					{ name: 'Without a Webhook URL', value: 'false' },
				],
				default: 'true',
				description: 'Only cases with (or without) a webhook URL',
			},
			{
				displayName: 'Outcome',
				name: 'outcome',
				type: 'options',
				options: [
					{ name: 'Accepted', value: 'ACCEPTED' },
					{ name: 'Pending', value: 'PENDING' },
					{ name: 'Rejected', value: 'REJECTED' },
				],
				default: 'ACCEPTED',
				description: 'Only cases with this outcome',
			},
		],
	},
];

export const parallel = false;

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const returnAll = this.getNodeParameter('returnAll', i) as boolean;
	const limit = returnAll ? undefined : (this.getNodeParameter('limit', i) as number);
	const filters = this.getNodeParameter('filters', i, {}) as IDataObject;
	const simplify = this.getNodeParameter('simplify', i, true) as boolean;
	const qs: IDataObject = {};
	if (filters.customerId !== undefined && String(filters.customerId).trim() !== '') {
		const id = String(filters.customerId).trim();
		if (!/^[0-9]+$/.test(id))
			throw invalidInput(this.getNode(), i, 'Filters > Customer ID', `"${id.slice(0, 40)}" is not a whole number`, 'Use the customer\'s numeric ID, e.g. 42.');
		qs.customer_id = id;
	}
	if (filters.hasWebhook !== undefined) qs.has_webhook = filters.hasWebhook === true || filters.hasWebhook === 'true' ? 'true' : 'false';
	if (typeof filters.outcome === 'string' && filters.outcome) qs.outcome = filters.outcome;

	// Mapped page by page, so the raw cases need not all be held at once.
	return await sphinxRequestAll.call(
		this,
		{ method: 'GET', path: sphinxPaths.cases, qs },
		{ itemIndex: i, limit, context: 'listing cases', map: simplify ? normalizeSphinxCase : withCheckReasoningText },
	);
}
