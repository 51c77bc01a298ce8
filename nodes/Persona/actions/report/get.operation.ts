import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { REPORT, objectRequest } from '../objectFields';

export const description: INodeProperties[] = [];

export const parallel = true;

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	return await objectRequest(this, i, REPORT, { method: 'GET' }, 'getting');
}
