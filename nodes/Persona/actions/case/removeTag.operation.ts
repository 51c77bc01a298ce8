import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { requireNonEmpty } from '../../../../core/validate';
import { personaRequest } from '../../api';
import { caseIdOf, caseOutput, casePath, tagIdentifierField } from './fields';

export const description: INodeProperties[] = [
	tagIdentifierField(['removeTag']),
	{
		displayName: 'Tag',
		name: 'tag',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'FRAUD',
		description: 'Tag name or tag ID to remove from the case',
		displayOptions: { show: { resource: ['case'], operation: ['removeTag'] } },
	},
];

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const caseId = caseIdOf(this, i);
	const by = this.getNodeParameter('tagIdentifier', i, 'tag-name') as string;
	const tag = requireNonEmpty(this, i, 'tag', 'Tag');
	const doc = await personaRequest.call(
		this,
		{ method: 'POST', path: casePath(caseId, 'remove-tag'), body: { meta: { [by]: tag } }, sideEffect: 'idempotent' },
		{ itemIndex: i, context: `removing a tag from case ${caseId}` },
	);
	return caseOutput(this, i, doc);
}
