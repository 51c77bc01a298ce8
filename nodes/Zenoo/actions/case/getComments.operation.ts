import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { zenooPaths } from '../../api';
import { COMMENT_FILTER_TYPES } from '../../catalog';
import { fetchSubList, subListDescription, type SubListFilter } from '../common';
import { caseTokenOf } from './fields';

const filters: SubListFilter[] = [{ displayName: 'Type', name: 'type', query: 'type', options: COMMENT_FILTER_TYPES }];

export const description: INodeProperties[] = subListDescription({ resource: ['case'], operation: ['getComments'] }, filters);

export const parallel = true;

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const caseToken = caseTokenOf(this, i);
	return await fetchSubList(this, i, zenooPaths.caseSub(caseToken, 'comments'), `listing the comments of case ${caseToken}`, filters);
}
