import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { returnAllAndLimit } from '../../../../core/descriptions';
import type { OperationModule } from '../../../../core/execute';
import { compact } from '../../../../core/validate';
import { certnRequestAll } from '../../api';
import { PERMISSIBLE_PURPOSES } from '../../catalog';
import { DIRECTORY } from '../../directory';

/** Resource Package: `GET /api/public/packages/` as public integrations use it (not in the docs we could read). */
const show = { resource: ['package'], operation: ['getAll'] };

const getAll: OperationModule = {
	description: [
		...returnAllAndLimit(show),
		{
			displayName: 'Filters',
			name: 'packageFilters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			displayOptions: { show },
			options: [
				{
					displayName: 'Active Only',
					name: 'activeOnly',
					type: 'boolean',
					default: true,
					description: 'Whether to list only active packages, the ones that can be ordered (sent as is_active=true)',
				},
				{
					displayName: 'Permissible Purposes',
					name: 'permissiblePurposes',
					type: 'multiOptions',
					options: PERMISSIBLE_PURPOSES,
					default: [],
					description: 'Only packages for one of these purposes',
				},
			],
		},
	],
	parallel: true,
	async execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
		const returnAll = this.getNodeParameter('returnAll', i) as boolean;
		const limit = returnAll ? undefined : (this.getNodeParameter('limit', i) as number);
		const filters = this.getNodeParameter('packageFilters', i, {}) as IDataObject;
		const purposes = Array.isArray(filters.permissiblePurposes) ? (filters.permissiblePurposes as string[]) : [];
		const qs = compact({
			is_active: filters.activeOnly === true ? true : undefined,
			permissible_purposes: purposes.length ? purposes : undefined,
		});
		return await certnRequestAll.call(this, { method: 'GET', path: DIRECTORY.package.path, qs }, { itemIndex: i, limit, context: 'listing packages' });
	},
};

export const operations: Record<string, OperationModule> = { getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['package'] } },
		options: [{ name: 'Get Many', value: 'getAll', action: 'Get many packages', description: 'List the packages of the account' }],
		default: 'getAll',
	},
	...getAll.description,
];
