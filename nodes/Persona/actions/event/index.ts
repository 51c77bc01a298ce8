import type { INodeProperties } from 'n8n-workflow';

import type { OperationModule } from '../../../../core/execute';
import * as get from './get.operation';
import * as getAll from './getAll.operation';

export const operations: Record<string, OperationModule> = { get, getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['event'] } },
		options: [
			{ name: 'Get', value: 'get', action: 'Get an event', description: 'Get one event with the object it is about' },
			{ name: 'Get Many', value: 'getAll', action: 'Get many events', description: 'List events, newest first, by name or object' },
		],
		default: 'getAll',
	},
	...getAll.description,
	...get.description,
	{
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description:
			'Whether to return each event as its name, ID and time beside a flat item of its object (the normalized case for case events) instead of the raw Persona event',
		displayOptions: { show: { resource: ['event'] } },
	},
];
