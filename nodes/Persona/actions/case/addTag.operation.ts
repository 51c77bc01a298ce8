import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { requireNonEmpty } from '../../../../core/validate';
import { personaRequest } from '../../api';
import { caseIdOf, caseOutput, casePath, tagIdentifierField } from './fields';

export const description: INodeProperties[] = [
	tagIdentifierField(['addTag']),
	{
		displayName: 'Tag',
		name: 'tag',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'FRAUD',
		description: 'Tag name (created if it does not exist yet) or tag ID',
		displayOptions: { show: { resource: ['case'], operation: ['addTag'] } },
	},
];

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const caseId = caseIdOf(this, i);
	const by = this.getNodeParameter('tagIdentifier', i, 'tag-name') as string;
	const tag = requireNonEmpty(this, i, 'tag', 'Tag');
	const doc = await personaRequest.call(
		this,
		{ method: 'POST', path: casePath(caseId, 'add-tag'), body: { meta: { [by]: tag } }, sideEffect: 'idempotent' },
		{ itemIndex: i, context: `tagging case ${caseId}` },
	);
	return caseOutput(this, i, doc);
}
