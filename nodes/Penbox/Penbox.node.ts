import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { routeItems, type ResourceMap } from '../../core/execute';
import * as caseResource from './actions/case';
import * as fileResource from './actions/file';
import * as formResponseResource from './actions/formResponse';
import { listSearch, loadOptions } from './methods';

const resources: ResourceMap = {
	case: caseResource.operations,
	file: fileResource.operations,
	formResponse: formResponseResource.operations,
};

export class Penbox implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Penbox',
		name: 'penbox',
		icon: { light: 'file:penbox.svg', dark: 'file:penbox.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Collect documents from clients with Penbox cases: create, send, remind, pull the files back',
		defaults: { name: 'Penbox' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'penboxApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Case', value: 'case' },
					{ name: 'File', value: 'file' },
					{ name: 'Form Response', value: 'formResponse' },
				],
				default: 'case',
			},
			...caseResource.description,
			...fileResource.description,
			...formResponseResource.description,
		],
	};

	methods = { loadOptions, listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await routeItems.call(this, resources);
	}
}
