import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { invalidInput } from '../../../../core/errors';
import { penboxPaths, penboxRequest } from '../../api';
import { caseListQuery, listFilterFields } from './fields';

export const description: INodeProperties[] = [
	...listFilterFields(['count']),
	{
		displayName: 'Group By',
		name: 'groupBy',
		type: 'string',
		default: '',
		placeholder: 'status',
		description: 'Count per value of this field (status, parent_status, waiting_for, data.&lt;field&gt;); empty for one total',
		displayOptions: { show: { resource: ['case'], operation: ['count'] } },
	},
];

export const parallel = true;

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const qs = caseListQuery(this, i);
	const groupBy = String(this.getNodeParameter('groupBy', i, '') ?? '').trim();
	if (groupBy) {
		if (!/^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$/i.test(groupBy))
			throw invalidInput(this.getNode(), i, 'Group By', `"${groupBy.slice(0, 60)}" is not a field name`, 'Use e.g. status, parent_status or data.country.');
		qs['group-by'] = groupBy;
	}
	return await penboxRequest.call(this, { method: 'GET', path: penboxPaths.count, qs }, { itemIndex: i, context: 'counting cases' });
}
