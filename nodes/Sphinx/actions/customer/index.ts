import type { INodeProperties } from 'n8n-workflow';

import type { OperationModule } from '../../../../core/execute';
import * as create from './create.operation';
import * as get from './get.operation';
import * as update from './update.operation';

export const operations: Record<string, OperationModule> = { create, get, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['customer'] } },
		options: [
			{ name: 'Create', value: 'create', action: 'Create a customer', description: 'Create a person or company' },
			{ name: 'Get', value: 'get', action: 'Get a customer', description: 'Get a customer by ID' },
			{ name: 'Update', value: 'update', action: 'Update a customer', description: 'Update a customer found by its external ID' },
		],
		default: 'get',
	},
	...Object.values(operations).flatMap((op) => op.description),
];
