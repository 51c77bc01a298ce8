import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { certnPaths, certnRequest } from '../../api';
import { caseIdOf } from './fields';

/**
 * Supplementary files / information: the schema is not documented. One item per case, with the
 * checks under `checks` whether Certn answers with a list, `{checks}` or `{results}`.
 */
export function supplementaryOutput(caseId: string, answer: unknown): IDataObject {
	if (Array.isArray(answer)) return { caseId, checks: answer as IDataObject[] };
	const body = (answer && typeof answer === 'object' ? answer : {}) as IDataObject;
	if (!Array.isArray(body.checks) && Array.isArray(body.results)) {
		const { results, ...rest } = body;
		return { caseId, ...rest, checks: results };
	}
	return { caseId, ...body };
}

/** Get Supplementary Files and Get Supplementary Information: one endpoint shape, two resources. */
export function supplementaryOperation(kind: 'files' | 'information', operation: string, notice: string) {
	const description: INodeProperties[] = [
		{
			displayName: notice,
			name: `supplementary${kind === 'files' ? 'Files' : 'Information'}Notice`,
			type: 'notice',
			default: '',
			displayOptions: { show: { resource: ['case'], operation: [operation] } },
		},
	];
	async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
		const caseId = caseIdOf(this, i);
		const answer = await certnRequest.call(
			this,
			{ method: 'GET', path: certnPaths.caseAction(caseId, `supplementary-${kind}`) },
			{ itemIndex: i, context: `getting the supplementary ${kind} of case ${caseId}` },
		);
		return supplementaryOutput(caseId, answer);
	}
	return { description, execute, parallel: true };
}
