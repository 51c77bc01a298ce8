import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { zenooPaths, zenooRequest } from '../../api';
import { entityTokenOf } from './fields';

export const description: INodeProperties[] = [];

export const parallel = true;

/** The entity with its check and alert summaries. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const token = entityTokenOf(this, i);
	return await zenooRequest.call(this, { method: 'GET', path: zenooPaths.entity(token) }, { itemIndex: i, context: `getting entity ${token}` });
}
