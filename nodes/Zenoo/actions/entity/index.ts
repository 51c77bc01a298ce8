import type { INodeProperties } from 'n8n-workflow';

import type { OperationModule } from '../../../../core/execute';
import * as create from './create.operation';
import { entityIdField } from './fields';
import * as get from './get.operation';
import * as getAlerts from './getAlerts.operation';
import * as getChecks from './getChecks.operation';

export const operations: Record<string, OperationModule> = { create, get, getAlerts, getChecks };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['entity'] } },
		options: [
			{ name: 'Create', value: 'create', action: 'Create an entity', description: 'Create a person or company' },
			{ name: 'Get', value: 'get', action: 'Get an entity', description: 'Get a person or company with its check and alert summaries' },
			{ name: 'Get Alerts', value: 'getAlerts', action: 'Get the alerts of an entity', description: 'List the alerts of an entity' },
			{ name: 'Get Checks', value: 'getChecks', action: 'Get the checks of an entity', description: 'List the checks of an entity' },
		],
		default: 'get',
	},
	entityIdField(['get', 'getAlerts', 'getChecks']),
	...Object.values(operations).flatMap((op) => op.description),
];
