import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { alertTokensField } from './fields';
import { bulkOperation } from './bulk';

export const description: INodeProperties[] = [alertTokensField(['bulkAcknowledge'])];

export const batched = bulkOperation<IDataObject>({
	kind: 'acknowledge',
	doneKey: 'acknowledged',
	verb: 'acknowledged',
	readParams: () => ({}),
	took: (alert) => alert.status === 'Acknowledged',
});
