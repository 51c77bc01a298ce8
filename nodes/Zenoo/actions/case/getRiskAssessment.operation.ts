import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { zenooPaths, zenooRequest } from '../../api';
import { caseTokenOf } from './fields';

export const description: INodeProperties[] = [];

export const parallel = true;

/** The case's current risk assessment (score, tier, dimensions, status). */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const caseToken = caseTokenOf(this, i);
	return await zenooRequest.call(this, { method: 'GET', path: zenooPaths.caseSub(caseToken, 'risk-assessment') }, { itemIndex: i, context: `getting the risk assessment of case ${caseToken}` });
}
