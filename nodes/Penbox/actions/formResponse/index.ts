import type { INodeProperties } from 'n8n-workflow';

import type { OperationModule } from '../../../../core/execute';
import * as get from './get.operation';

export const operations: Record<string, OperationModule> = { get };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['formResponse'] } },
		options: [{ name: 'Get', value: 'get', action: 'Get a form response', description: 'Get a form response as JSON or PDF' }],
		default: 'get',
	},
	...Object.values(operations).flatMap((op) => op.description),
];
