import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { sphinxPaths, sphinxRequest } from '../../api';
import { idOf } from '../case/fields';

export const description: INodeProperties[] = [
	{
		displayName: 'Customer ID',
		name: 'customerId',
		type: 'string',
		required: true,
		default: '',
		placeholder: '42',
		displayOptions: { show: { resource: ['customer'], operation: ['get'] } },
	},
];

export const parallel = true;

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const customerId = idOf(this, i, 'customerId', 'Customer ID');
	return await sphinxRequest.call(
		this,
		{ method: 'GET', path: sphinxPaths.customer(customerId) },
		{ itemIndex: i, context: `getting customer ${customerId}` },
	);
}
