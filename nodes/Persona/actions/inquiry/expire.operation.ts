import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { INQUIRY, objectRequest } from '../objectFields';

export const description: INodeProperties[] = [];

/** Expires the inquiry and its sessions; Persona cancels pending verifications. It can be resumed later. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	return await objectRequest(this, i, INQUIRY, { method: 'POST', action: 'expire' }, 'expiring');
}
