import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { dataOf, zenooIdempotencyKey, zenooPaths, zenooResponse } from '../../api';
import { DECISIONS } from '../../catalog';
import { REFUSAL_STATUSES, closeRefusal, diagnoseCase, refusalError } from '../../refusals';
import { caseOutput, caseTokenOf, maxLength, oneOf } from './fields';

const show = { resource: ['case'], operation: ['close'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Decision',
		name: 'decision',
		type: 'options',
		options: DECISIONS,
		required: true,
		default: 'Approve',
		description: 'The case\'s outcome. Zenoo closes a case only when all its alerts are resolved and its risk assessment is approved.',
		displayOptions: { show },
	},
	{
		displayName: 'Summary',
		name: 'summary',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		description: 'Why the case was decided this way (at most 5000 characters); kept in the audit trail',
		displayOptions: { show },
	},
];

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const caseToken = caseTokenOf(this, i);
	const decision = oneOf(this, i, 'Decision', this.getNodeParameter('decision', i, ''), DECISIONS.map((o) => o.value), 'Choose Approve or Decline: Zenoo needs a decision to close a case.');
	const summary = maxLength(this, i, 'Summary', this.getNodeParameter('summary', i, ''), 5000);
	const body: IDataObject = { decision, ...(summary ? { summary } : {}) };
	const context = `closing case ${caseToken}`;
	const response = await zenooResponse.call(
		this,
		{ method: 'POST', path: zenooPaths.caseSub(caseToken, 'close'), body, sideEffect: 'create' },
		{ itemIndex: i, context, acceptStatus: REFUSAL_STATUSES, idempotencyKey: zenooIdempotencyKey(this, i, { caseToken, body }) },
	);
	if (REFUSAL_STATUSES.includes(response.statusCode))
		throw await refusalError(this, i, response, context, closeRefusal(caseToken, await diagnoseCase(this, caseToken, i)));
	return caseOutput(this, i, dataOf(response.body));
}
