import type { INodeProperties } from 'n8n-workflow';

import { caseSimplifyField } from '../../../../core/descriptions';
import type { OperationModule } from '../../../../core/execute';
import * as create from './create.operation';
import { caseIdField, waitOptions } from './fields';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as redact from './redact.operation';
import * as start from './start.operation';
import * as update from './update.operation';

export const operations: Record<string, OperationModule> = { create, get, getAll, redact, start, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['case'] } },
		options: [
			{ name: 'Create', value: 'create', action: 'Create a case', description: 'Create a case for a customer, with checks or a case config' },
			{ name: 'Get', value: 'get', action: 'Get a case by its id', description: 'Get a case with its checks' },
			{ name: 'Get Many', value: 'getAll', action: 'Get many cases matching filters', description: 'List cases' },
			{ name: 'Redact', value: 'redact', action: 'Redact a case', description: 'Delete the case data at once' },
			{ name: 'Start', value: 'start', action: 'Start a case', description: 'Start a case, or rerun a finished one' },
			{ name: 'Update', value: 'update', action: 'Update a case', description: 'Change webhook URL, external ID, metadata, retention' },
		],
		default: 'getAll',
	},
	caseIdField(['get', 'redact', 'start', 'update']),
	...Object.values(operations).flatMap((op) => op.description),
	waitOptions(['create', 'get', 'start']),
	caseSimplifyField('Sphinx', ['create', 'get', 'getAll', 'start', 'update']),
];
