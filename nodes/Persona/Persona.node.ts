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
import * as caseTemplateResource from './actions/caseTemplate';
import * as eventResource from './actions/event';
import { personaRequest } from './api';

export class Persona implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Persona',
		name: 'persona',
		icon: { light: 'file:persona.svg', dark: 'file:persona.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Work with Persona cases: list, search, create, update, assign, set status, tag, redact',
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
					{ name: 'Case', value: 'case' },
					{ name: 'Case Template', value: 'caseTemplate' },
					{ name: 'Event', value: 'event' },
				],
				default: 'case',
			},
			...caseResource.description,
			...caseTemplateResource.description,
			...eventResource.description,
		],
	};

	methods = {
		listSearch: {
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
		});
	}
}
