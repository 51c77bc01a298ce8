import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { returnAllAndLimit } from '../../../../core/descriptions';
import type { OperationModule } from '../../../../core/execute';
import { invalidInput } from '../../../../core/errors';
import { compact } from '../../../../core/validate';
import { certnRequest, certnRequestAll } from '../../api';
import { DIRECTORY, directoryId, directoryLocator } from '../../directory';

/** Resource Group: Certn documents `GET /api/public/groups/`; `/groups/{id}/` is seen in integrations. */
const showGetAll = { resource: ['group'], operation: ['getAll'] };
const showGet = { resource: ['group'], operation: ['get'] };

const getAll: OperationModule = {
	description: [
		...returnAllAndLimit(showGetAll),
		{
			displayName: 'Filters',
			name: 'groupFilters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			displayOptions: { show: showGetAll },
			options: [
				{
					displayName: 'Active Only',
					name: 'activeOnly',
					type: 'boolean',
					default: true,
					description: 'Whether to list only active groups (sent as is_active=true)',
				},
				{
					displayName: 'Name',
					name: 'name',
					type: 'string',
					default: '',
					description: 'Only groups with this name (sent as name)',
				},
				directoryLocator('group', {
					name: 'parentId',
					displayName: 'Parent Group',
					description: 'Only the groups directly under this group (sent as parent_id)',
				}),
			],
		},
	],
	parallel: true,
	async execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
		const returnAll = this.getNodeParameter('returnAll', i) as boolean;
		const limit = returnAll ? undefined : (this.getNodeParameter('limit', i) as number);
		const filters = this.getNodeParameter('groupFilters', i, {}) as IDataObject;
		const qs = compact({
			is_active: filters.activeOnly === true ? true : undefined,
			name: typeof filters.name === 'string' ? filters.name.trim() : undefined,
			parent_id: directoryId(this, i, 'Filters > Parent Group', filters.parentId),
		});
		return await certnRequestAll.call(this, { method: 'GET', path: DIRECTORY.group.path, qs }, { itemIndex: i, limit, context: 'listing groups' });
	},
};

const get: OperationModule = {
	description: [
		directoryLocator('group', {
			name: 'groupId',
			displayName: 'Group',
			required: true,
			description: 'The group to get',
			show: showGet,
		}),
	],
	parallel: true,
	async execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
		const groupId = directoryId(this, i, 'Group', this.getNodeParameter('groupId', i, '', { extractValue: true }));
		if (!groupId) throw invalidInput(this.getNode(), i, 'Group', 'is empty', 'Pick a group from the list, or paste its ID.');
		return await certnRequest.call(
			this,
			{ method: 'GET', path: `${DIRECTORY.group.path}${encodeURIComponent(groupId)}/` },
			{ itemIndex: i, context: `getting group ${groupId}` },
		);
	},
};

export const operations: Record<string, OperationModule> = { get, getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['group'] } },
		options: [
			{ name: 'Get', value: 'get', action: 'Get a group', description: 'Get one group of the account' },
			{ name: 'Get Many', value: 'getAll', action: 'Get many groups', description: 'List the groups of the account' },
		],
		default: 'getAll',
	},
	...getAll.description,
	...get.description,
];
