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
		displayOptions: { show: { resource: ['caseTemplate'] } },
		options: [
			{ name: 'Get', value: 'get', action: 'Get a case template', description: 'Get a case template with its resolutions and field keys' },
		],
		default: 'get',
	},
	...get.description,
];
