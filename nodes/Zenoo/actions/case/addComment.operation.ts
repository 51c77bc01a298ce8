import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { invalidInput } from '../../../../core/errors';
import { listParameter } from '../../../../core/validate';
import { zenooMutation, zenooPaths } from '../../api';
import { COMMENT_TYPES } from '../../catalog';
import { caseTokenOf, maxLength, oneOf, userIdOf } from './fields';

const show = { resource: ['case'], operation: ['addComment'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Comment',
		name: 'comment',
		type: 'string',
		typeOptions: { rows: 4 },
		required: true,
		default: '',
		description: 'The comment (at most 10000 characters); mention users with @user_id',
		displayOptions: { show },
	},
	{
		displayName: 'Additional Fields',
		name: 'commentFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show },
		options: [
			{ displayName: 'Mentions (User IDs)', name: 'mentions', type: 'string', default: '', description: 'Users to notify, separated by commas' },
			{ displayName: 'Type', name: 'type', type: 'options', options: COMMENT_TYPES, default: 'Comment' },
		],
	},
];

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const caseToken = caseTokenOf(this, i);
	const text = maxLength(this, i, 'Comment', this.getNodeParameter('comment', i, ''), 10000);
	if (!text) throw invalidInput(this.getNode(), i, 'Comment', 'is empty', 'Enter the text of the comment.');
	const fields = this.getNodeParameter('commentFields', i, {}) as IDataObject;
	const mentions = listParameter(fields.mentions).map((u) => userIdOf(this, i, 'Additional Fields > Mentions (User IDs)', u) as string);
	const body: IDataObject = { body: text };
	if (fields.type) body.type = oneOf(this, i, 'Additional Fields > Type', fields.type, COMMENT_TYPES.map((o) => o.value));
	if (mentions.length) body.mentions = mentions;
	return await zenooMutation.call(this, i, { method: 'POST', path: zenooPaths.caseSub(caseToken, 'comments'), body }, { context: `commenting on case ${caseToken}` });
}
