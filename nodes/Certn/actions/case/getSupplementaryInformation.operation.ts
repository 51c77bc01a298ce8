import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { certnPaths, certnRequest } from '../../api';
import { caseIdOf } from './fields';
import { supplementaryOutput } from './supplementary';

const show = { resource: ['case'], operation: ['getSupplementaryInformation'] };

export const description: INodeProperties[] = [
	{
		displayName:
			'Returns each check with its status and structured extra information, final only once the check is COMPLETE, CANCELLED or SUPERSEDED. Contains personal data.',
		name: 'supplementaryInformationNotice',
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
		{ method: 'GET', path: certnPaths.caseAction(caseId, 'supplementary-information') },
		{ itemIndex: i, context: `getting the supplementary information of case ${caseId}` },
	);
	return supplementaryOutput(caseId, answer);
}
