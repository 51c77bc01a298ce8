import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { returnAllAndLimit } from '../../../../core/descriptions';
import { zenooPaths, zenooRequestAll } from '../../api';
import { caseTokenOf } from './fields';

export const description: INodeProperties[] = [...returnAllAndLimit({ resource: ['case'], operation: ['getAuditTrail'] })];

export const parallel = true;

/** The case's immutable audit trail (Zenoo's "timeline"): one item per entry, as Zenoo records it. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const caseToken = caseTokenOf(this, i);
	const limit = (this.getNodeParameter('returnAll', i) as boolean) ? undefined : (this.getNodeParameter('limit', i) as number);
	return await zenooRequestAll.call(this, { method: 'GET', path: zenooPaths.caseSub(caseToken, 'timeline') }, { itemIndex: i, limit, context: `getting the audit trail of case ${caseToken}` });
}
