import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { alertTokensField } from './fields';
import { bulkOperation } from './bulk';
import { resolutionBody, resolutionProperties } from './resolution';

const RESOLVED = ['Resolved', 'False Positive', 'Escalated'];

export const description: INodeProperties[] = [alertTokensField(['bulkResolve']), ...resolutionProperties('bulkResolve')];

export const batched = bulkOperation<IDataObject>({
	kind: 'resolve',
	doneKey: 'resolved',
	verb: 'resolved',
	readParams: (ctx, i) => resolutionBody(ctx, i),
	took: (alert, params) => RESOLVED.includes(String(alert.status)) || (params.action === 'Request Document' && alert.resolution_action === 'Request Document'),
});
