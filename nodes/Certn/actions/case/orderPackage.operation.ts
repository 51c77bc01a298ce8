import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { invalidInput } from '../../../../core/errors';
import { certnPaths } from '../../api';
import { directoryId, directoryLocator } from '../../directory';
import { buildOrderBody } from '../../orderBody';
import { orderAdditionalFields, readOrderCommon, sendOrder } from './orderFields';

const show = { resource: ['case'], operation: ['orderPackage'] };

export const description: INodeProperties[] = [
	directoryLocator('package', {
		name: 'packageId',
		displayName: 'Package',
		required: true,
		description: 'An active package (a saved set of checks and tags) from Certn\'s Client Portal, picked by name',
		show,
	}),
	orderAdditionalFields('orderPackage'),
];

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const packageId = directoryId(this, i, 'Package', this.getNodeParameter('packageId', i, '', { extractValue: true }));
	if (!packageId)
		throw invalidInput(this.getNode(), i, 'Package', 'is empty', 'Pick an active package from the list, or paste its ID.');
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
