import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { idempotencyKeyFor } from '../../../../core/request';
import { requireNonEmpty } from '../../../../core/validate';
import { personaRequest } from '../../api';
import { caseIdOf, caseOutput, casePath } from './fields';

export const description: INodeProperties[] = [
	{
		displayName: 'Comment',
		name: 'message',
		type: 'string',
		typeOptions: { rows: 3 },
		required: true,
		default: '',
		description: 'Text of the comment shown on the case in the Persona dashboard',
		displayOptions: { show: { resource: ['case'], operation: ['addComment'] } },
	},
];

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const caseId = caseIdOf(this, i);
	const message = requireNonEmpty(this, i, 'message', 'Comment');
	// Persona documents `meta` as required here; `message` is the comment object's attribute.
	const body = { meta: { message } };
	const doc = await personaRequest.call(
		this,
		{ method: 'POST', path: casePath(caseId, 'add-comment'), body, sideEffect: 'create' },
		{ itemIndex: i, idempotencyKey: idempotencyKeyFor(this, i, { caseId, body }), context: `commenting on case ${caseId}` },
	);
	return caseOutput(this, i, doc);
}
