import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { BatchedOperation } from '../../../../core/batch';
import type { OperationModule } from '../../../../core/execute';
import * as bulkAcknowledge from './bulkAcknowledge.operation';
import * as bulkAssign from './bulkAssign.operation';
import * as bulkResolve from './bulkResolve.operation';
import * as escalate from './escalate.operation';
import { alertIdField } from './fields';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as resolve from './resolve.operation';

export const operations: Record<string, OperationModule> = { escalate, get, getAll, resolve };

/** Bulk calls: the items of one run share calls (see core/batch.ts). */
export const bulkOperations: Record<string, BatchedOperation<IDataObject>> = {
	bulkAcknowledge: bulkAcknowledge.batched,
	bulkAssign: bulkAssign.batched,
	bulkResolve: bulkResolve.batched,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['alert'] } },
		options: [
			{ name: 'Bulk Acknowledge', value: 'bulkAcknowledge', action: 'Acknowledge alerts in bulk', description: 'Acknowledge many alerts, up to 50 per call' },
			{ name: 'Bulk Assign', value: 'bulkAssign', action: 'Assign alerts in bulk', description: 'Assign many alerts to a user, up to 50 per call' },
			{ name: 'Bulk Resolve', value: 'bulkResolve', action: 'Resolve alerts in bulk', description: 'Resolve many alerts the same way, up to 50 per call' },
			{ name: 'Escalate', value: 'escalate', action: 'Escalate an alert', description: 'Hand an alert to a senior reviewer' },
			{ name: 'Get', value: 'get', action: 'Get an alert', description: 'Get an alert' },
			{ name: 'Get Many', value: 'getAll', action: 'Get many alerts', description: 'List alerts: the work queue, filtered and sorted' },
			{ name: 'Resolve', value: 'resolve', action: 'Resolve an alert', description: 'Resolve an alert with an action and a rationale' },
		],
		default: 'getAll',
	},
	alertIdField(['escalate', 'get', 'resolve']),
	...getAll.description,
	...resolve.description,
	...escalate.description,
	...bulkResolve.description,
	...bulkAcknowledge.description,
	...bulkAssign.description,
];
