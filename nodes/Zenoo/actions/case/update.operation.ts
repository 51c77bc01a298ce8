import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { invalidInput } from '../../../../core/errors';
import { parseJsonValue } from '../../../../core/validate';
import { zenooMutation, zenooPaths } from '../../api';
import { CASE_STATUSES } from '../../catalog';
import { caseOutput, caseTokenOf, oneOf, userIdOf } from './fields';

const show = { resource: ['case'], operation: ['update'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show },
		options: [
			{ displayName: 'Assigned To (User ID)', name: 'assignedTo', type: 'string', default: '', description: 'Reassign the case to this Zenoo user' },
			{ displayName: 'Metadata (JSON)', name: 'metadata', type: 'json', default: '{}', description: 'Keys to set in the case\'s metadata' },
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: CASE_STATUSES.filter((o) => o.value !== 'Closed'),
				default: 'In Progress',
				description: 'The case\'s new status. To close a case use the Close operation (decision and summary).',
			},
		],
	},
];

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const caseToken = caseTokenOf(this, i);
	const fields = this.getNodeParameter('updateFields', i, {}) as IDataObject;
	const body: IDataObject = {};
	if (fields.status !== undefined && fields.status !== '')
		body.status = oneOf(this, i, 'Update Fields > Status', fields.status, CASE_STATUSES.map((o) => o.value).filter((s) => s !== 'Closed'), 'Choose a status other than Closed; close a case with the Close operation.');
	const assignee = userIdOf(this, i, 'Update Fields > Assigned To (User ID)', fields.assignedTo);
	if (assignee) body.assigned_to = assignee;
	if (fields.metadata !== undefined) {
		const metadata = parseJsonValue<IDataObject>(this, i, fields.metadata, 'Update Fields > Metadata (JSON)');
		if (metadata && Object.keys(metadata).length) body.metadata = metadata;
	}
	if (!Object.keys(body).length)
		throw invalidInput(this.getNode(), i, 'Update Fields', 'nothing to update', 'Add a status, an assignee or metadata to change.');
	const updated = await zenooMutation.call(this, i, { method: 'PATCH', path: zenooPaths.case(caseToken), body }, { context: `updating case ${caseToken}` });
	return caseOutput(this, i, updated);
}
