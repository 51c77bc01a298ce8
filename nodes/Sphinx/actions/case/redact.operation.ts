import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { sphinxPaths, sphinxRequest } from '../../api';
import { caseIdOf } from './fields';

export const description: INodeProperties[] = [
	{
		displayName: 'Sphinx deletes the case data at once (delete_after = 0). This cannot be undone.',
		name: 'redactNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { resource: ['case'], operation: ['redact'] } },
	},
];

/** Sphinx has no delete endpoint; its documented retention control `delete_after: 0` deletes at once. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const caseId = caseIdOf(this, i);
	await sphinxRequest.call(
		this,
		{ method: 'PATCH', path: sphinxPaths.case(caseId), body: { delete_after: 0 } },
		{ itemIndex: i, context: `redacting case ${caseId}` },
	);
	return { id: caseId, redacted: true, deleteAfter: 0 };
}
