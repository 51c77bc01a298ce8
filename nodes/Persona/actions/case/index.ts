import type { INodeProperties } from 'n8n-workflow';

import { caseSimplifyField } from '../../../../core/descriptions';
import type { OperationModule } from '../../../../core/execute';
import * as addComment from './addComment.operation';
import * as addObjects from './addObjects.operation';
import * as addTag from './addTag.operation';
import * as assign from './assign.operation';
import * as create from './create.operation';
import { caseIdField } from './fields';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as redact from './redact.operation';
import * as removeObjects from './removeObjects.operation';
import * as removeTag from './removeTag.operation';
import * as search from './search.operation';
import * as setStatus from './setStatus.operation';
import * as setTags from './setTags.operation';
import * as update from './update.operation';

export const operations: Record<string, OperationModule> = {
	addComment,
	addObjects,
	addTag,
	assign,
	create,
	get,
	getAll,
	redact,
	removeObjects,
	removeTag,
	search,
	setStatus,
	setTags,
	update,
};

const singleCase = [
	'addComment',
	'addObjects',
	'addTag',
	'assign',
	'get',
	'redact',
	'removeObjects',
	'removeTag',
	'setStatus',
	'setTags',
	'update',
];

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['case'] } },
		options: [
			{ name: 'Add Comment', value: 'addComment', action: 'Add a comment to a case', description: 'Add a comment to a case' },
			{ name: 'Add Objects', value: 'addObjects', action: 'Attach objects to a case', description: 'Attach inquiries, accounts, reports… to a case' },
			{ name: 'Add Tag', value: 'addTag', action: 'Add a tag to a case', description: 'Add a tag to a case' },
			{ name: 'Assign', value: 'assign', action: 'Assign a case', description: 'Assign a case to a dashboard user' },
			{ name: 'Create', value: 'create', action: 'Create a case', description: 'Create a case from a case template' },
			{ name: 'Get', value: 'get', action: 'Get a case by its id', description: 'Get a case' },
			{ name: 'Get Many', value: 'getAll', action: 'Get many cases matching filters', description: 'List cases, newest first' },
			{ name: 'Redact', value: 'redact', action: 'Redact a case', description: 'Permanently delete the data of a case' },
			{ name: 'Remove Objects', value: 'removeObjects', action: 'Detach objects from a case', description: 'Detach inquiries, accounts, reports… from a case' },
			{ name: 'Remove Tag', value: 'removeTag', action: 'Remove a tag from a case', description: 'Remove a tag from a case' },
			{ name: 'Search', value: 'search', action: 'Search cases', description: 'Search cases with conditions and sorting' },
			{ name: 'Set Status', value: 'setStatus', action: 'Set the status of a case', description: 'Set the status of a case' },
			{ name: 'Set Tags', value: 'setTags', action: 'Replace the tags of a case', description: 'Replace all tags of a case' },
			{ name: 'Update', value: 'update', action: 'Update a case', description: 'Update fields, queue, SLA or attachments of a case' },
		],
		default: 'getAll',
	},
	caseIdField(singleCase),
	...Object.values(operations).flatMap((op) => op.description),
	caseSimplifyField('Persona', [...singleCase, 'create', 'getAll', 'search']),
];
