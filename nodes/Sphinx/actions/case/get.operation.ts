import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { caseIdOf, caseOutput, getCase, waitIfAsked, withWait } from './fields';

export const description: INodeProperties[] = [];

export const parallel = true;

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const wait = await waitIfAsked(this, i, await getCase(this, caseIdOf(this, i), i));
	return withWait(caseOutput(this, i, wait.raw), wait);
}
