import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { changeObjects } from './addObjects.operation';

// The Object IDs field is declared once in addObjects.operation.ts for both operations.
export const description: INodeProperties[] = [];

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	return await changeObjects.call(this, i, 'remove-objects');
}
