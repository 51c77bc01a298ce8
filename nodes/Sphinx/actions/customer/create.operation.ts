import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { requireNonEmpty } from '../../../../core/validate';
import { sphinxPaths, sphinxRequest } from '../../api';
import { customerBody, customerFieldOptions } from './fields';

const show = { resource: ['customer'], operation: ['create'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Full Name',
		name: 'fullName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'Ada Lovelace',
		description: 'Full name of the person or company',
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
			...customerFieldOptions(false),
			{
				displayName: 'External ID',
				name: 'externalId',
				type: 'string',
				default: '',
				description: 'Your own reference for the customer; Update finds the customer by it',
			},
		],
	},
];

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const fullName = requireNonEmpty(this, i, 'fullName', 'Full Name', "Enter the customer's full name (person or company).");
	const body = {
		...customerBody(this, i, 'Additional Fields', this.getNodeParameter('additionalFields', i, {}) as IDataObject),
		full_name: fullName,
	};
	return await sphinxRequest.call(
		this,
		{ method: 'POST', path: sphinxPaths.customers, body, sideEffect: 'create' },
		{ itemIndex: i, context: 'creating a customer' },
	);
}
