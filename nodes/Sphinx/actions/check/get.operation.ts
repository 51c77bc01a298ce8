import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { sphinxPaths, sphinxRequest } from '../../api';
import { normalizeCheck } from '../../normalize';
import { idOf } from '../case/fields';

/** Check › Get, with `reasoning` always one string. */
export const description: INodeProperties[] = [
	{
		displayName: 'Check ID',
		name: 'checkId',
		type: 'string',
		required: true,
		default: '',
		placeholder: '5678',
		displayOptions: { show: { resource: ['check'], operation: ['get'] } },
	},
];

export const parallel = true;

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const checkId = idOf(this, i, 'checkId', 'Check ID');
	return normalizeCheck(
		await sphinxRequest.call(
			this,
			{ method: 'GET', path: sphinxPaths.check(checkId) },
			{ itemIndex: i, context: `getting check ${checkId}` },
		),
	);
}
