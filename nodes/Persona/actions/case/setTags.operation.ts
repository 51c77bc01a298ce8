import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { listParameter } from '../../../../core/validate';
import { personaRequest } from '../../api';
import { caseIdOf, caseOutput, casePath, tagIdentifierField } from './fields';

export const description: INodeProperties[] = [
	tagIdentifierField(['setTags']),
	{
		displayName: 'Tags',
		name: 'tags',
		type: 'string',
		default: '',
		placeholder: 'FRAUD, VIP',
		description:
			'The complete list of tags the case should have, separated by commas. Tags not listed are removed; leave empty to remove all tags.',
		displayOptions: { show: { resource: ['case'], operation: ['setTags'] } },
	},
];

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const caseId = caseIdOf(this, i);
	const by = this.getNodeParameter('tagIdentifier', i, 'tag-name') as string;
	const tags = listParameter(this.getNodeParameter('tags', i, ''));
	const doc = await personaRequest.call(
		this,
		{ method: 'POST', path: casePath(caseId, 'set-tags'), body: { meta: { [by]: tags } }, sideEffect: 'idempotent' },
		{ itemIndex: i, context: `setting the tags of case ${caseId}` },
	);
	return caseOutput(this, i, doc);
}
