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
import { pick } from '../../core/normalize';
import * as caseResource from './actions/case';
import * as accountResource from './actions/account';
import * as caseTemplateResource from './actions/caseTemplate';
import * as eventResource from './actions/event';
import * as inquiryResource from './actions/inquiry';
import { searchAccounts, searchInquiries } from './actions/objectSearch';
import * as reportResource from './actions/report';
import { personaRequest } from './api';

export class Persona implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Persona',
		name: 'persona',
		icon: { light: 'file:persona.svg', dark: 'file:persona.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Work with Persona cases, inquiries, accounts and reports: list, search, create, update, decide, tag, print, redact',
		defaults: { name: 'Persona' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'personaApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Account', value: 'account' },
					{ name: 'Case', value: 'case' },
					{ name: 'Case Template', value: 'caseTemplate' },
					{ name: 'Event', value: 'event' },
					{ name: 'Inquiry', value: 'inquiry' },
					{ name: 'Report', value: 'report' },
				],
				default: 'case',
			},
			...caseResource.description,
			...caseTemplateResource.description,
			...eventResource.description,
			...inquiryResource.description,
			...accountResource.description,
			...reportResource.description,
		],
	};

	methods = {
		listSearch: {
			searchInquiries,
			searchAccounts,
			async searchCases(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
				const qs: IDataObject = { 'page[size]': 100 };
				if (paginationToken) qs['page[after]'] = paginationToken;
				const doc = await personaRequest.call(this, { method: 'GET', path: '/cases', qs }, { context: 'listing cases' });
				const cases = (doc.data ?? []) as IDataObject[];
				const needle = filter?.trim().toLowerCase();
				const results = cases
					.map((c) => {
						const attributes = (c.attributes ?? {}) as IDataObject;
						const name = String(pick(attributes, 'name') ?? c.id);
						const status = String(pick(attributes, 'status') ?? '');
						return { name: status ? `${name} (${status})` : name, value: String(c.id) };
					})
					.filter((r) => !needle || r.name.toLowerCase().includes(needle) || r.value.toLowerCase().includes(needle));
				const links = (doc.links ?? {}) as IDataObject;
				const last = cases[cases.length - 1];
				return { results, paginationToken: links.next && last ? String(last.id) : undefined };
			},
		},
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await routeItems.call(this, {
			case: caseResource.operations,
			caseTemplate: caseTemplateResource.operations,
			event: eventResource.operations,
			inquiry: inquiryResource.operations,
			account: accountResource.operations,
			report: reportResource.operations,
		});
	}
}
