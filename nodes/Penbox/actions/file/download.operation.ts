import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { binaryPropertyField } from '../../../../core/descriptions';
import { penboxPaths, penboxResponse } from '../../api';
import { binaryItem, fileNameFrom, mimeTypeFrom } from '../../files';
import { idOf } from '../case/fields';

const show = { resource: ['file'], operation: ['download'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Attachment ID',
		name: 'attachmentId',
		type: 'string',
		required: true,
		default: '',
		placeholder: '3fa85f64-5717-4562-b3fc-2c963f66afa6',
		description: 'ID of the file (a file data field of a case holds it)',
		displayOptions: { show },
	},
	binaryPropertyField(show),
];

export const parallel = true;

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData> {
	const id = idOf(this, i, 'attachmentId', 'Attachment ID');
	const property = String(this.getNodeParameter('binaryPropertyName', i, 'data') || 'data');
	const response = await penboxResponse.call(
		this,
		{ method: 'GET', path: penboxPaths.attachment(id), headers: { Accept: 'application/octet-stream' }, encoding: 'arraybuffer' },
		{ itemIndex: i, context: `downloading attachment ${id}` },
	);
	const json: IDataObject = { attachmentId: id };
	return await binaryItem(this, response, property, fileNameFrom(response.headers) ?? id, mimeTypeFrom(response.headers, 'application/octet-stream'), json);
}
