import type { INodeProperties } from 'n8n-workflow';

import type { OperationModule } from '../../../../core/execute';
import { ACCOUNT, objectIdField, objectSimplifyField } from '../objectFields';
import * as addTag from './addTag.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as removeTag from './removeTag.operation';

export const operations: Record<string, OperationModule> = { addTag, get, getAll, removeTag };

const single = ['addTag', 'get', 'removeTag'];

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['account'] } },
		options: [
			{ name: 'Add Tag', value: 'addTag', action: 'Add a tag to an account', description: 'Add a tag to an account' },
			{ name: 'Get', value: 'get', action: 'Get an account', description: 'Get one account (a person known to Persona) by ID' },
			{ name: 'Get Many', value: 'getAll', action: 'Get many accounts', description: 'List accounts, newest first, or find the account of one of your users by reference ID' },
			{ name: 'Remove Tag', value: 'removeTag', action: 'Remove a tag from an account', description: 'Remove a tag from an account' },
		],
		default: 'get',
	},
	objectIdField(ACCOUNT, single),
	...Object.values(operations).flatMap((op) => op.description),
	objectSimplifyField(ACCOUNT, single, 'ID, reference, type, name, email, country, tags, dates'),
];
