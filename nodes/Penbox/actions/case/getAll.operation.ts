import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { returnAllAndLimit } from '../../../../core/descriptions';
import { penboxPaths, penboxRequestAll } from '../../api';
import { normalizePenboxCase } from '../../normalize';
import { caseListQuery, listFilterFields } from './fields';

const show = { resource: ['case'], operation: ['getAll'] };

export const description: INodeProperties[] = [
	...returnAllAndLimit(show),
	...listFilterFields(['getAll']),
	{
		displayName: 'Sort',
		name: 'sort',
		type: 'options',
		options: [
			{ name: 'Least Recently Updated First', value: 'updated_at' },
			{ name: 'Newest Created First', value: '-created_at' },
			{ name: 'Oldest Created First', value: 'created_at' },
			{ name: 'Recently Updated First', value: '-updated_at' },
			{ name: 'Title (A-Z)', value: 'title' },
			{ name: 'Title (Z-A)', value: '-title' },
		],
		default: '-created_at',
		displayOptions: { show },
	},
];

export const parallel = false;

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const returnAll = this.getNodeParameter('returnAll', i) as boolean;
	const limit = returnAll ? undefined : (this.getNodeParameter('limit', i) as number);
	const qs = caseListQuery(this, i);
	qs.sort = this.getNodeParameter('sort', i, '-created_at') as string;
	// Simplified page by page, so the raw cases need not all be held at once.
	const simplify = this.getNodeParameter('simplify', i, true) as boolean;
	return await penboxRequestAll.call(
		this,
		{ method: 'GET', path: penboxPaths.cases, qs },
		{ itemIndex: i, limit, context: 'listing cases', map: simplify ? normalizePenboxCase : undefined },
	);
}
