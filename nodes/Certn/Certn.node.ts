import type {
	IDataObject,
	IExecuteFunctions,
	ILoadOptionsFunctions,
	INodeExecutionData,
	INodeListSearchResult,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { routeItems } from '../../core/execute';
import * as caseResource from './actions/case';
import * as groupResource from './actions/group';
import * as packageResource from './actions/package';
import { certnPaths, certnRequest } from './api';
import { listSearch as directorySearch } from './directory';

export class Certn implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Certn',
		name: 'certn',
		icon: { light: 'file:certn.svg', dark: 'file:certn.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Order and follow Certn background checks: list, get, order, cancel, reports',
		defaults: { name: 'Certn' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'certnApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Case', value: 'case' },
					{ name: 'Group', value: 'group' },
					{ name: 'Package', value: 'package' },
				],
				default: 'case',
			},
			...caseResource.description,
			...groupResource.description,
			...packageResource.description,
		],
	};

	methods = {
		listSearch: {
			...directorySearch,
			async searchCases(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
				const page = Number(paginationToken ?? 1) || 1;
				const needle = filter?.trim() ?? '';
				const qs: IDataObject = { page, page_size: 100 };
				// The list filters by applicant email only; other text is matched locally.
				if (needle.includes('@')) qs.email_address = needle;
				const doc = await certnRequest.call(this, { method: 'GET', path: certnPaths.cases, qs }, { context: 'listing cases' });
				const cases = (Array.isArray(doc.results) ? doc.results : []) as IDataObject[];
				const lower = needle.toLowerCase();
				const results = cases
					.map((c) => {
						const label = [c.short_id, c.email_address].filter(Boolean).join(' — ') || String(c.id);
						const status = c.overall_status ? ` (${String(c.overall_status)})` : '';
						return { name: `${label}${status}`, value: String(c.id) };
					})
					.filter((r) => !lower || needle.includes('@') || r.name.toLowerCase().includes(lower) || r.value.includes(lower));
				const pagination = (doc.pagination ?? {}) as IDataObject;
				const more =
					pagination.page_count !== undefined ? page < Number(pagination.page_count) : Boolean(doc.next);
				return { results, paginationToken: more ? String(page + 1) : undefined };
			},
		},
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await routeItems.call(this, {
			case: caseResource.operations,
			group: groupResource.operations,
			package: packageResource.operations,
		});
	}
}
