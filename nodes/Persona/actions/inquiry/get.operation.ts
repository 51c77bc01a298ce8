import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { INQUIRY, objectRequest } from '../objectFields';

const show = { resource: ['inquiry'], operation: ['get'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Include Related',
				name: 'include',
				type: 'multiOptions',
				options: [
					{ name: 'Account', value: 'account' },
					{ name: 'Documents', value: 'documents' },
					{ name: 'Inquiry Template', value: 'inquiry-template' },
					{ name: 'Reports', value: 'reports' },
					{ name: 'Selfies', value: 'selfies' },
					{ name: 'Sessions', value: 'sessions' },
					{ name: 'Verifications', value: 'verifications' },
				],
				default: [],
				description: 'Related objects to return in full under "included" (turn Simplify off to see them)',
			},
		],
	},
];

export const parallel = true;

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const include = (options.include as string[] | undefined) ?? [];
	return await objectRequest(this, i, INQUIRY, { method: 'GET', qs: include.length ? { include: include.join(',') } : undefined }, 'getting');
}
