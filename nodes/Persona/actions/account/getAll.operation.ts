import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { returnAllAndLimit } from '../../../../core/descriptions';
import { compact } from '../../../../core/validate';
import { personaRequestAll } from '../../api';
import { simplifyPersonaAccount } from '../../objects';

const show = { resource: ['account'], operation: ['getAll'] };

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
				displayName: 'Reference ID',
				name: 'referenceId',
				type: 'string',
				default: '',
				description: 'Only the account with this reference ID (your own user ID)',
			},
		],
	},
	{
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description: 'Whether to return flat accounts (ID, reference, type, name, email, country, tags, dates) instead of the raw Persona objects',
		displayOptions: { show },
	},
];

export const parallel = false;

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const returnAll = this.getNodeParameter('returnAll', i) as boolean;
	const limit = returnAll ? undefined : (this.getNodeParameter('limit', i) as number);
	const filters = this.getNodeParameter('filters', i, {}) as IDataObject;
	const simplify = this.getNodeParameter('simplify', i, true) as boolean;
	return await personaRequestAll.call(
		this,
		{ method: 'GET', path: '/accounts', qs: compact({ 'filter[reference-id]': filters.referenceId }) },
		{ itemIndex: i, limit, context: 'listing accounts', map: simplify ? simplifyPersonaAccount : undefined },
	);
}
