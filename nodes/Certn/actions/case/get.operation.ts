import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getCase } from '../../api';
import { caseIdOf, caseOutput } from './fields';

export const description: INodeProperties[] = [];

export const parallel = true;

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const caseId = caseIdOf(this, i);
	return caseOutput(this, i, await getCase.call(this, caseId, i));
}
