import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { changeTag } from './addTag.operation';

// The tag fields are declared once in addTag.operation.ts for both operations.
export const description: INodeProperties[] = [];

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	return await changeTag.call(this, i, 'remove-tag');
}
