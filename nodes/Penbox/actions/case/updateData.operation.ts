import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { invalidInput } from '../../../../core/errors';
import { penboxPaths, penboxRequest } from '../../api';
import { caseIdOf, caseOutput, checkDataKeys, dataFromRows, dataRowsField, getCase, schemaKeys } from './fields';

export const description: INodeProperties[] = [dataRowsField({ resource: ['case'], operation: ['updateData'] }, ['caseId'])];

export const parallel = false;

/** `POST /cases/{id}/data`: keys checked against the case's schema first (may fire automations). */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const caseId = caseIdOf(this, i);
	const data = dataFromRows(((this.getNodeParameter('data', i, {}) as IDataObject).field ?? []) as IDataObject[]);
	if (!Object.keys(data).length) throw invalidInput(this.getNode(), i, 'Data', 'has no field', 'Add at least one data field and its value.');
	const current = await getCase(this, caseId, i);
	checkDataKeys(this, i, 'Data', data, schemaKeys(current), `case ${caseId}`);
	const raw = await penboxRequest.call(this, { method: 'POST', path: penboxPaths.data(caseId), body: { data } }, { itemIndex: i, context: `updating data of case ${caseId}` });
	return caseOutput(this, i, raw);
}
