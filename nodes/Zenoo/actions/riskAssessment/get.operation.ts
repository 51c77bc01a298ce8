import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { zenooPaths, zenooRequest } from '../../api';
import { assessmentTokenOf } from './fields';

export const description: INodeProperties[] = [];

export const parallel = true;

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const token = assessmentTokenOf(this, i);
	return await zenooRequest.call(this, { method: 'GET', path: zenooPaths.riskAssessment(token) }, { itemIndex: i, context: `getting risk assessment ${token}` });
}
