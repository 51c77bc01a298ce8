import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { invalidInput } from '../../../../core/errors';
import { userIdOf as plainUserId } from '../../normalize';
import { maxLength, userIdOf } from '../common';
import { alertTokensField } from './fields';
import { bulkOperation } from './bulk';

const show = { resource: ['alert'], operation: ['bulkAssign'] };

export const description: INodeProperties[] = [
	alertTokensField(['bulkAssign']),
	{
		displayName: 'User ID',
		name: 'assigneeUserId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'usr_a1b2c3',
		description: 'The Zenoo user who gets the alerts',
		displayOptions: { show },
	},
	{
		displayName: 'Note',
		name: 'assignNote',
		type: 'string',
		default: '',
		description: 'A note for the assignee (at most 1000 characters)',
		displayOptions: { show },
	},
];

export const batched = bulkOperation<IDataObject>({
	kind: 'assign',
	doneKey: 'assigned',
	verb: 'assigned',
	readParams(ctx, i) {
		const userId = userIdOf(ctx, i, 'User ID', ctx.getNodeParameter('assigneeUserId', i, ''));
		if (!userId) throw invalidInput(ctx.getNode(), i, 'User ID', 'is empty', 'Enter the Zenoo user ID to assign the alerts to.');
		const note = maxLength(ctx, i, 'Note', ctx.getNodeParameter('assignNote', i, ''), 1000);
		return { user_id: userId, ...(note ? { note } : {}) };
	},
	took: (alert, params) => plainUserId(alert.assigned_to) === params.user_id,
});
