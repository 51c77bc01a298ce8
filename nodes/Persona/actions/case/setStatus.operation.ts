import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { invalidInput } from '../../../../core/errors';
import { requireNonEmpty } from '../../../../core/validate';
import { personaRequest } from '../../api';
import { caseIdOf, caseOutput, casePath } from './fields';

export const description: INodeProperties[] = [
	{
		displayName: 'Status',
		name: 'status',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'Approved',
		description:
			'The new status: one of the statuses configured on the case template, spelled exactly as there (case-sensitive)',
		displayOptions: { show: { resource: ['case'], operation: ['setStatus'] } },
	},
];

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const caseId = caseIdOf(this, i);
	const status = requireNonEmpty(this, i, 'status', 'Status', 'Enter a status configured on the case template, e.g. Approved.');
	// Template statuses are names like "Approved" or "Needs Review": no control characters, short.
	if (status.length > 100 || /[<>{}]/.test(status) || [...status].some((c) => c.charCodeAt(0) < 32))
		throw invalidInput(this.getNode(), i, 'Status', `"${status.slice(0, 40)}" is not a valid status name`, 'Use a status name from the case template, e.g. Approved.');
	const doc = await personaRequest.call(
		this,
		{ method: 'POST', path: casePath(caseId, 'set-status'), body: { meta: { status } }, sideEffect: 'idempotent' },
		{ itemIndex: i, context: `setting the status of case ${caseId} to "${status}"` },
	);
	return caseOutput(this, i, doc);
}
