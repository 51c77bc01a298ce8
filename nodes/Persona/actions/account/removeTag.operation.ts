import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { ACCOUNT, changeObjectTag } from '../objectFields';

// The tag fields are declared once in addTag.operation.ts for both operations.
export const description: INodeProperties[] = [];

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	return await changeObjectTag(this, i, ACCOUNT, 'remove-tag');
}
