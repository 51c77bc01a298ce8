import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { invalidInput } from '../../../../core/errors';
import { requireNonEmpty } from '../../../../core/validate';
import { personaRequest } from '../../api';
import { caseIdOf, caseOutput, casePath } from './fields';

export const description: INodeProperties[] = [
	{
		displayName: 'Assignee Email',
		name: 'userEmailAddress',
		type: 'string',
		placeholder: 'name@email.com',
		required: true,
		default: '',
		description: 'Email of the Persona dashboard user to assign the case to',
		displayOptions: { show: { resource: ['case'], operation: ['assign'] } },
	},
];

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const caseId = caseIdOf(this, i);
	const email = requireNonEmpty(this, i, 'userEmailAddress', 'Assignee Email');
	if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
		throw invalidInput(this.getNode(), i, 'Assignee Email', `"${email.slice(0, 80)}" is not an email address`, 'Use the email of a Persona dashboard user.');
	const doc = await personaRequest.call(
		this,
		{ method: 'POST', path: casePath(caseId, 'assign'), body: { meta: { 'user-email-address': email } }, sideEffect: 'idempotent' },
		{ itemIndex: i, context: `assigning case ${caseId}` },
	);
	return caseOutput(this, i, doc);
}
