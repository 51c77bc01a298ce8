import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { REPORT, objectRequest } from '../objectFields';

export const description: INodeProperties[] = [];

/**
 * `POST /reports/{id}/run`: Persona runs the report again with its inputs (new matches fire report
 * events). Sent once per item, with an Idempotency-Key, so a retry cannot start a second run.
 */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	return await objectRequest(this, i, REPORT, { method: 'POST', action: 'run', once: true }, 're-running');
}
