import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { invalidInput } from '../../../../core/errors';
import { zenooMutation, zenooPaths } from '../../api';
import { REVIEWER_ROLES } from '../../catalog';
import { caseTokenOf, oneOf, userIdOf } from './fields';

const show = { resource: ['case'], operation: ['addReviewer'] };

export const description: INodeProperties[] = [
	{
		displayName: 'User ID',
		name: 'reviewerUserId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'usr_a1b2c3',
		description: 'The Zenoo user to invite as a reviewer',
		displayOptions: { show },
	},
	{
		displayName: 'Role',
		name: 'reviewerRole',
		type: 'options',
		options: REVIEWER_ROLES,
		default: 'Approver',
		description: 'An Approver signs the case off; a Reviewer gives an opinion',
		displayOptions: { show },
	},
];

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const caseToken = caseTokenOf(this, i);
	const userId = userIdOf(this, i, 'User ID', this.getNodeParameter('reviewerUserId', i, ''));
	if (!userId) throw invalidInput(this.getNode(), i, 'User ID', 'is empty', 'Enter the Zenoo user ID of the reviewer.');
	const role = oneOf(this, i, 'Role', this.getNodeParameter('reviewerRole', i), REVIEWER_ROLES.map((o) => o.value));
	return await zenooMutation.call(this, i, { method: 'POST', path: zenooPaths.caseSub(caseToken, 'reviewers'), body: { user_id: userId, role } }, { context: `adding a reviewer to case ${caseToken}` });
}
