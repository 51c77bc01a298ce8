import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { zenooPaths, zenooRequest } from '../../api';
import { alertTokenOf } from './fields';

export const description: INodeProperties[] = [];

export const parallel = true;

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const alertToken = alertTokenOf(this, i);
	return await zenooRequest.call(this, { method: 'GET', path: zenooPaths.alert(alertToken) }, { itemIndex: i, context: `getting alert ${alertToken}` });
}
