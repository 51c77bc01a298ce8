import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { invalidInput } from '../../../../core/errors';
import { RESOLUTION_ACTIONS } from '../../catalog';
import { maxLength, oneOf } from '../common';

/** The resolution fields Resolve and Bulk Resolve share: action, rationale, false positive, conditions. */
export function resolutionProperties(operation: string): INodeProperties[] {
	const show = { resource: ['alert'], operation: [operation] };
	return [
		{
			displayName: 'Action',
			name: 'resolution',
			type: 'options',
			options: RESOLUTION_ACTIONS,
			required: true,
			default: 'Approve',
			displayOptions: { show },
		},
		{
			displayName: 'Rationale',
			name: 'rationale',
			type: 'string',
			typeOptions: { rows: 3 },
			required: true,
			default: '',
			description: 'Why (at most 5000 characters); kept in the immutable audit trail',
			displayOptions: { show },
		},
		{
			displayName: 'Conditions',
			name: 'conditions',
			type: 'string',
			typeOptions: { rows: 2 },
			default: '',
			description: 'The conditions of the approval (required for Approve with Conditions; at most 2000 characters)',
			displayOptions: { show: { ...show, resolution: ['Approve with Conditions'] } },
		},
		{
			displayName: 'False Positive',
			name: 'isFalsePositive',
			type: 'boolean',
			default: false,
			description: 'Whether the match was a false positive (the alert\'s status becomes False Positive)',
			displayOptions: { show },
		},
	];
}

/** The body for a resolution; bad values name their field before anything is sent. */
export function resolutionBody(ctx: IExecuteFunctions, i: number): IDataObject {
	const action = oneOf(ctx, i, 'Action', ctx.getNodeParameter('resolution', i, ''), RESOLUTION_ACTIONS.map((o) => o.value));
	const rationale = maxLength(ctx, i, 'Rationale', ctx.getNodeParameter('rationale', i, ''), 5000);
	if (!rationale) throw invalidInput(ctx.getNode(), i, 'Rationale', 'is empty', 'Zenoo needs a rationale for every resolution: say why the alert is cleared or stands.');
	const body: IDataObject = { action, rationale, is_false_positive: ctx.getNodeParameter('isFalsePositive', i, false) === true };
	if (action === 'Approve with Conditions') {
		const conditions = maxLength(ctx, i, 'Conditions', ctx.getNodeParameter('conditions', i, ''), 2000);
		if (!conditions) throw invalidInput(ctx.getNode(), i, 'Conditions', 'is empty', 'Approve with Conditions needs the conditions.');
		body.conditions = conditions;
	}
	return body;
}
