import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { certnPaths, certnRequest } from '../../api';
import { caseIdOf } from './fields';
import { supplementaryOutput } from './supplementary';

const show = { resource: ['case'], operation: ['getSupplementaryFiles'] };

export const description: INodeProperties[] = [
	{
		displayName:
			'Returns each check with its status and presigned file URLs. The URLs expire after 3 hours, and a check\'s files are final only once it is COMPLETE, CANCELLED or SUPERSEDED.',
		name: 'supplementaryFilesNotice',
		type: 'notice',
		default: '',
		displayOptions: { show },
	},
];

export const parallel = true;

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const caseId = caseIdOf(this, i);
	const answer = await certnRequest.call(
		this,
		{ method: 'GET', path: certnPaths.caseAction(caseId, 'supplementary-files') },
		{ itemIndex: i, context: `getting the supplementary files of case ${caseId}` },
	);
	return supplementaryOutput(caseId, answer);
}
