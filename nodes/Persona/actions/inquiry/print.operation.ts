import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { INQUIRY, printBinaryField, printObject } from '../objectFields';

export const description: INodeProperties[] = [printBinaryField(INQUIRY)];

export const parallel = true;

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData> {
	return await printObject(this, i, INQUIRY);
}
