import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { zenooPaths } from '../../api';
import { CHECK_CATEGORIES, CHECK_STATUSES } from '../../catalog';
import { fetchSubList, subListDescription, type SubListFilter } from '../common';
import { entityTokenOf } from './fields';

const filters: SubListFilter[] = [
	{ displayName: 'Category', name: 'category', query: 'category', options: CHECK_CATEGORIES },
	{ displayName: 'Status', name: 'status', query: 'status', options: CHECK_STATUSES },
];

export const description: INodeProperties[] = subListDescription({ resource: ['entity'], operation: ['getChecks'] }, filters);

export const parallel = true;

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const token = entityTokenOf(this, i);
	return await fetchSubList(this, i, zenooPaths.entitySub(token, 'checks'), `listing the checks of entity ${token}`, filters);
}
