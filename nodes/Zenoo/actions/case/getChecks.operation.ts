import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { zenooPaths } from '../../api';
import { CHECK_STATUSES } from '../../catalog';
import { fetchSubList, subListDescription, type SubListFilter } from '../common';
import { caseTokenOf } from './fields';

const filters: SubListFilter[] = [{ displayName: 'Status', name: 'status', query: 'status', options: CHECK_STATUSES }];

export const description: INodeProperties[] = subListDescription({ resource: ['case'], operation: ['getChecks'] }, filters);

export const parallel = true;

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const caseToken = caseTokenOf(this, i);
	return await fetchSubList(this, i, zenooPaths.caseSub(caseToken, 'checks'), `listing the checks of case ${caseToken}`, filters);
}
