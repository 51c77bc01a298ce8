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

import { runBatched } from '../../core/batch';
import { routeItems } from '../../core/execute';
import { apiRequest } from '../../core/request';
import * as alertResource from './actions/alert';
import * as caseResource from './actions/case';
import * as entityResource from './actions/entity';
import * as riskAssessmentResource from './actions/riskAssessment';
import { zenooApi, zenooPaths } from './api';

export class Zenoo implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Zenoo',
		name: 'zenoo',
		icon: { light: 'file:zenoo.svg', dark: 'file:zenoo.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Work Zenoo compliance cases: cases, alerts, entities, risk assessments, reviewers, comments, audit trail',
		defaults: { name: 'Zenoo' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'zenooApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Alert', value: 'alert' },
					{ name: 'Case', value: 'case' },
					{ name: 'Entity', value: 'entity' },
					{ name: 'Risk Assessment', value: 'riskAssessment' },
				],
				default: 'case',
			},
			...caseResource.description,
			...alertResource.description,
			...entityResource.description,
			...riskAssessmentResource.description,
		],
	};

	methods = {
		listSearch: {
			async searchCases(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
				const qs: IDataObject = { limit: 100 };
				if (paginationToken) qs.cursor = paginationToken;
				const doc = (await apiRequest.call(this, zenooApi, { method: 'GET', path: zenooPaths.cases, qs }, { context: 'listing cases' })).body as IDataObject;
				const cases = (Array.isArray(doc.data) ? doc.data : []) as IDataObject[];
				const needle = (filter ?? '').trim().toLowerCase();
				const results = cases
					.map((c) => {
						const label = [c.name, c.external_reference].filter(Boolean).join(' — ') || String(c.token);
						return { name: `${label}${c.status ? ` (${String(c.status)})` : ''}`, value: String(c.token) };
					})
					.filter((r) => !needle || r.name.toLowerCase().includes(needle) || r.value.toLowerCase().includes(needle));
				const page = ((doc.meta as IDataObject | undefined)?.page ?? {}) as IDataObject;
				const more = page.has_more !== false && typeof page.cursor === 'string' && page.cursor !== '';
				return { results, paginationToken: more ? (page.cursor as string) : undefined };
			},
		},
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		// Resource and Operation cannot be expressions: every item runs the same operation.
		const bulk = this.getNodeParameter('resource', 0) === 'alert' ? alertResource.bulkOperations[this.getNodeParameter('operation', 0) as string] : undefined;
		if (bulk) return [await runBatched(this, bulk)];
		return await routeItems.call(this, {
			alert: alertResource.operations,
			case: caseResource.operations,
			entity: entityResource.operations,
			riskAssessment: riskAssessmentResource.operations,
		});
	}
}
