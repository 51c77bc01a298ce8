import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { binaryPropertyField } from '../../../../core/descriptions';
import { penboxPaths, penboxRequest, penboxResponse } from '../../api';
import { binaryItem, mimeTypeFrom } from '../../files';
import { idOf } from '../case/fields';

const show = { resource: ['formResponse'], operation: ['get'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Response ID',
		name: 'responseId',
		type: 'string',
		required: true,
		default: '',
		placeholder: '3fa85f64-5717-4562-b3fc-2c963f66afa6',
		displayOptions: { show },
	},
	{
		displayName: 'Format',
		name: 'format',
		type: 'options',
		options: [
			{ name: 'JSON', value: 'json', description: 'The answers, contact and dates' },
			{ name: 'PDF', value: 'pdf', description: 'The whole response rendered as a PDF (binary)' },
		],
		default: 'json',
		displayOptions: { show },
	},
	binaryPropertyField({ ...show, format: ['pdf'] }),
];

export const parallel = true;

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData> {
	const id = idOf(this, i, 'responseId', 'Response ID');
	if (this.getNodeParameter('format', i, 'json') !== 'pdf')
		return { json: await penboxRequest.call(this, { method: 'GET', path: penboxPaths.response(id) }, { itemIndex: i, context: `getting form response ${id}` }) };
	const property = String(this.getNodeParameter('binaryPropertyName', i, 'data') || 'data');
	const response = await penboxResponse.call(
		this,
		{ method: 'GET', path: penboxPaths.response(id), headers: { Accept: 'application/pdf' }, encoding: 'arraybuffer' },
		{ itemIndex: i, context: `getting form response ${id} as PDF` },
	);
	return await binaryItem(this, response, property, `response-${id}.pdf`, mimeTypeFrom(response.headers, 'application/pdf'), { responseId: id });
}
