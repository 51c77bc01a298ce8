import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { personaRequest } from '../../api';
import { caseIdOf, caseOutput, casePath } from './fields';

export const description: INodeProperties[] = [
	{
		displayName:
			'Redaction permanently deletes the case data and cannot be undone. Linked inquiries and accounts are not redacted.',
		name: 'redactNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { resource: ['case'], operation: ['redact'] } },
	},
];

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const caseId = caseIdOf(this, i);
	const doc = await personaRequest.call(
		this,
		{ method: 'DELETE', path: casePath(caseId), sideEffect: 'idempotent' },
		{ itemIndex: i, context: `redacting case ${caseId}` },
	);
	return caseOutput(this, i, doc);
}
