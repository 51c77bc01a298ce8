import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { personaRequest } from '../../api';
import { caseIdOf, caseIncludeOptions, caseOutput, casePath } from './fields';

const show = { resource: ['case'], operation: ['get'] };

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
				options: caseIncludeOptions,
				default: [],
				description:
					'Related objects to return in full under "included" (turn Simplify off to see them)',
			},
		],
	},
];

export const parallel = true;

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const caseId = caseIdOf(this, i);
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const include = (options.include as string[] | undefined) ?? [];
	const doc = await personaRequest.call(
		this,
		{ method: 'GET', path: casePath(caseId), qs: include.length ? { include: include.join(',') } : undefined },
		{ itemIndex: i, context: `getting case ${caseId}` },
	);
	return caseOutput(this, i, doc);
}
