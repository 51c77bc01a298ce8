import type { INodeProperties } from 'n8n-workflow';

import { caseSimplifyField } from '../../../../core/descriptions';
import type { OperationModule } from '../../../../core/execute';
import * as addContact from './addContact.operation';
import * as count from './count.operation';
import * as create from './create.operation';
import { caseIdField } from './fields';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as startStep from './startStep.operation';
import * as updateData from './updateData.operation';

export const operations: Record<string, OperationModule> = { addContact, count, create, get, getAll, startStep, updateData };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['case'] } },
		options: [
			{ name: 'Add Contact', value: 'addContact', action: 'Add a contact to a case', description: 'Add or update a contact of a case in one of its roles' },
			{ name: 'Count', value: 'count', action: 'Count cases', description: 'Count cases, optionally grouped by a field' },
			{ name: 'Create', value: 'create', action: 'Create a case', description: 'Create a case from a template with its main contact and prefilled data' },
			{ name: 'Get', value: 'get', action: 'Get a case by its id', description: 'Get a case with its steps and data' },
			{ name: 'Get Many', value: 'getAll', action: 'Get many cases matching filters', description: 'List cases with filters and sort' },
			{ name: 'Start Step', value: 'startStep', action: 'Start a step of a case', description: 'Send the form, an email, SMS or a reminder by starting a template step' },
			{ name: 'Update Data', value: 'updateData', action: 'Update the data of a case', description: 'Set data fields of a case' },
		],
		default: 'getAll',
	},
	caseIdField(['addContact', 'get', 'startStep', 'updateData']),
	...Object.values(operations).flatMap((op) => op.description),
	caseSimplifyField('Penbox', ['addContact', 'create', 'get', 'getAll', 'startStep', 'updateData']),
];
