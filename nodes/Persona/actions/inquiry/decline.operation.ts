import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { decide } from './approve.operation';

// The Comment field is declared once in approve.operation.ts for both operations.
export const description: INodeProperties[] = [];

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	return await decide.call(this, i, 'decline');
}
