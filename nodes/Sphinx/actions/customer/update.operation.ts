import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { invalidInput } from '../../../../core/errors';
import { requireNonEmpty } from '../../../../core/validate';
import { sphinxPaths, sphinxRequest } from '../../api';
import { customerBody, customerFieldOptions } from './fields';

const show = { resource: ['customer'], operation: ['update'] };

export const description: INodeProperties[] = [
	{
		displayName: 'External ID',
		name: 'externalId',
		type: 'string',
		required: true,
		default: '',
		description: 'Sphinx finds the customer to update by its external ID',
		displayOptions: { show },
	},
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show },
		options: [{ displayName: 'Full Name', name: 'fullName', type: 'string', default: '' }, ...customerFieldOptions(true)],
	},
];

/** Sphinx updates customers by external ID (`POST /api/customers/update/`); only the fields sent change. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const externalId = requireNonEmpty(this, i, 'externalId', 'External ID', 'Enter the external ID the customer was created with.');
	const changes = customerBody(this, i, 'Update Fields', this.getNodeParameter('updateFields', i, {}) as IDataObject);
	if (!Object.keys(changes).length)
		throw invalidInput(this.getNode(), i, 'Update Fields', 'nothing to change', 'Add at least one field to update.');
	return await sphinxRequest.call(
		this,
		{ method: 'POST', path: sphinxPaths.customerUpdate, body: { ...changes, external_id: externalId } },
		{ itemIndex: i, context: `updating customer ${externalId}` },
	);
}
