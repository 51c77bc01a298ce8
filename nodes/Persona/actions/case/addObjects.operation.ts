import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { invalidInput } from '../../../../core/errors';
import { personaRequest } from '../../api';
import { caseIdOf, caseOutput, casePath, objectIdsFrom } from './fields';

export const description: INodeProperties[] = [
	{
		displayName: 'Object IDs',
		name: 'objectIds',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'inq_ABC123, act_DEF456',
		description: 'Inquiries, accounts, reports, verifications or transactions, separated by commas',
		displayOptions: { show: { resource: ['case'], operation: ['addObjects', 'removeObjects'] } },
	},
];

/** Shared by Add Objects and Remove Objects: same body, different action. */
export async function changeObjects(
	this: IExecuteFunctions,
	i: number,
	action: 'add-objects' | 'remove-objects',
): Promise<IDataObject> {
	const caseId = caseIdOf(this, i);
	const ids = objectIdsFrom(this, i, this.getNodeParameter('objectIds', i, ''), 'Object IDs');
	if (!ids.length)
		throw invalidInput(this.getNode(), i, 'Object IDs', 'is empty', 'Enter at least one Persona object ID, e.g. inq_ABC123.');
	const doc = await personaRequest.call(
		this,
		{ method: 'POST', path: casePath(caseId, action), body: { meta: { 'object-ids': ids } }, sideEffect: 'idempotent' },
		{ itemIndex: i, context: `${action === 'add-objects' ? 'adding objects to' : 'removing objects from'} case ${caseId}` },
	);
	return caseOutput(this, i, doc);
}

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	return await changeObjects.call(this, i, 'add-objects');
}
