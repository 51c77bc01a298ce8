import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { parseJsonValue } from '../../../../core/validate';
import { CUSTOMER_TYPES } from '../../catalog';
import { deleteAfterFrom, inputDetailsFrom } from '../shared';

/** The optional customer fields of Create (Additional Fields) and Update (Update Fields). */
export function customerFieldOptions(withSync: boolean): INodeProperties[] {
	const options: INodeProperties[] = [
		{ displayName: 'Customer Type', name: 'customerType', type: 'options', options: CUSTOMER_TYPES, default: 'INDIVIDUAL' },
		{
			displayName: 'Delete After (Days)',
			name: 'deleteAfter',
			type: 'number',
			default: -1,
			description: 'Days until Sphinx deletes the customer data: -1 keeps it, 0 deletes it at once',
		},
		{
			displayName: 'Input Details (JSON)',
			name: 'inputDetails',
			type: 'json',
			default: '{}',
			description: 'What the agent should know, e.g. {"dob": "1990-01-31", "nationality": "GB"}',
		},
	];
	if (withSync)
		options.push({
			displayName: 'Sync Platforms (JSON)',
			name: 'syncPlatforms',
			type: 'json',
			default: '[]',
			description:
				'Platforms the customer is synced to, e.g. [{"domain": "acme.my.salesforce.com", "ID": "001…"}]; Sphinx pushes changes there',
		});
	return options;
}

/** The request fields from a Create / Update collection; bad JSON names the field and item. */
export function customerBody(ctx: IExecuteFunctions, i: number, label: string, fields: IDataObject): IDataObject {
	const body: IDataObject = {};
	if (typeof fields.fullName === 'string' && fields.fullName.trim()) body.full_name = fields.fullName.trim();
	if (typeof fields.externalId === 'string' && fields.externalId.trim()) body.external_id = fields.externalId.trim();
	if (typeof fields.customerType === 'string' && fields.customerType) body.customer_type = fields.customerType;
	const details = inputDetailsFrom(ctx, i, `${label} > Input Details (JSON)`, fields.inputDetails);
	if (details) body.input_details = details;
	const deleteAfter = deleteAfterFrom(ctx, i, `${label} > Delete After (Days)`, fields.deleteAfter);
	if (deleteAfter !== undefined) body.delete_after = deleteAfter;
	if (fields.syncPlatforms !== undefined) {
		const sync = parseJsonValue(ctx, i, fields.syncPlatforms, `${label} > Sync Platforms (JSON)`, { expect: 'array' });
		if (sync) body.sync_platforms = sync;
	}
	return body;
}
