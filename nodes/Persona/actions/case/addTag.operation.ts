import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { requireNonEmpty } from '../../../../core/validate';
import { personaRequest } from '../../api';
import { caseIdOf, caseOutput, casePath, tagIdentifierField } from './fields';

const operations = ['addTag', 'removeTag'];

// The tag fields are declared once here for Add Tag and Remove Tag.
export const description: INodeProperties[] = [
	tagIdentifierField(operations),
	{
		displayName: 'Tag',
		name: 'tag',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'FRAUD',
		description: 'Tag name or tag ID. Adding a name that does not exist yet creates the tag.',
		displayOptions: { show: { resource: ['case'], operation: operations } },
	},
];

/** Add Tag and Remove Tag: same body, different action. */
export async function changeTag(
	this: IExecuteFunctions,
	i: number,
	action: 'add-tag' | 'remove-tag',
): Promise<IDataObject> {
	const caseId = caseIdOf(this, i);
	const by = this.getNodeParameter('tagIdentifier', i, 'tag-name') as string;
	const tag = requireNonEmpty(this, i, 'tag', 'Tag');
	const doc = await personaRequest.call(
		this,
		{ method: 'POST', path: casePath(caseId, action), body: { meta: { [by]: tag } }, sideEffect: 'idempotent' },
		{ itemIndex: i, context: `${action === 'add-tag' ? 'tagging' : 'removing a tag from'} case ${caseId}` },
	);
	return caseOutput(this, i, doc);
}

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	return await changeTag.call(this, i, 'add-tag');
}
