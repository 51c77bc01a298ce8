import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { caseIdOf, caseOutput, getCase } from './fields';

export const description: INodeProperties[] = [];

export const parallel = true;

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	return caseOutput(this, i, await getCase(this, caseIdOf(this, i), i));
}
