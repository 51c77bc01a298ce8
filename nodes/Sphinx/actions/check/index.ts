import type { INodeProperties } from 'n8n-workflow';

import type { OperationModule } from '../../../../core/execute';
import * as create from './create.operation';
import * as get from './get.operation';

export const operations: Record<string, OperationModule> = { create, get };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['check'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Add a check to a case',
				description: 'Add a check to a case (start or rerun the case afterwards)',
			},
			{ name: 'Get', value: 'get', action: 'Get a check', description: "Get a check with its outcome and the agent's reasoning" },
		],
		default: 'get',
	},
	...create.description,
	...get.description,
];
