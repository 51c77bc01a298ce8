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

import { routeItems, type ResourceMap } from '../../core/execute';
import * as caseResource from './actions/case';
import * as checkResource from './actions/check';
import * as customerResource from './actions/customer';
import * as documentResource from './actions/document';
import { sphinxPaths, sphinxRequest } from './api';
import { authenticationField, sphinxCredentials } from './description';
import { sphinxCaseStatus } from './normalize';

const resources: ResourceMap = {
	case: caseResource.operations,
	check: checkResource.operations,
	customer: customerResource.operations,
	document: documentResource.operations,
};

export class Sphinx implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Sphinx',
		name: 'sphinx',
		icon: { light: 'file:sphinx.svg', dark: 'file:sphinx.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Run compliance cases with Sphinx\'s AI agents: cases, checks, customers and documents',
		defaults: { name: 'Sphinx' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: sphinxCredentials,
		properties: [
			authenticationField,
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Case', value: 'case' },
					{ name: 'Check', value: 'check' },
					{ name: 'Customer', value: 'customer' },
					{ name: 'Document', value: 'document' },
				],
				default: 'case',
			},
			...caseResource.description,
			...checkResource.description,
			...customerResource.description,
			...documentResource.description,
		],
	};

	methods = {
		listSearch: {
			async searchCases(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
				const page = Number(paginationToken ?? 1) || 1;
				const doc = await sphinxRequest.call(this, { method: 'GET', path: sphinxPaths.cases, qs: { page, page_size: 100 } }, { context: 'listing cases' });
				const needle = (filter ?? '').trim().toLowerCase();
				const results = ((Array.isArray(doc.results) ? doc.results : []) as IDataObject[])
					.map((c) => {
						const customer = (c.customer ?? {}) as IDataObject;
						const label = [customer.full_name, c.external_id].filter(Boolean).join(' — ') || `Case ${String(c.id)}`;
						return { name: `${label} (${sphinxCaseStatus(c)})`, value: String(c.id) };
					})
					.filter((r) => !needle || r.name.toLowerCase().includes(needle) || r.value === needle);
				return { results, paginationToken: doc.next ? String(page + 1) : undefined };
			},
		},
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await routeItems.call(this, resources);
	}
}
