import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { requireId } from '../../../../core/validate';
import { OPAQUE_ID_PATTERN, certnPaths } from '../../api';
import { buildOrderBody } from '../../orderBody';
import { orderAdditionalFields, readOrderCommon, sendOrder } from './orderFields';

const show = { resource: ['case'], operation: ['orderPackage'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Package ID',
		name: 'packageId',
		type: 'string',
		required: true,
		default: '',
		description: 'An active package (a saved set of checks and tags) from Certn\'s Client Portal',
		displayOptions: { show },
	},
	orderAdditionalFields('orderPackage'),
];

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const packageId = requireId(this, i, { name: 'packageId', label: 'Package ID', pattern: OPAQUE_ID_PATTERN });
	const common = readOrderCommon(this, i);
	const body = buildOrderBody({
		emailAddress: common.emailAddress,
		inviteMode: common.inviteMode,
		packageId,
		inputClaims: common.inputClaims,
		...common.extras,
	});
	return await sendOrder(this, i, certnPaths.orderPackage, body, common.inviteMode, 'ordering a case from a package');
}
