import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { binaryPropertyField } from '../../../../core/descriptions';
import { invalidInput } from '../../../../core/errors';
import { listParameter } from '../../../../core/validate';
import { penboxPaths, penboxResponse, UUID } from '../../api';
import { binaryItem, mimeTypeFrom } from '../../files';

const show = { resource: ['file'], operation: ['downloadMerged'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Attachment IDs',
		name: 'attachmentIds',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'id1, id2',
		description: 'IDs of the files to merge, separated by commas, in the order wanted',
		displayOptions: { show },
	},
	{
		displayName: 'File Name',
		name: 'fileName',
		type: 'string',
		default: 'documents.pdf',
		description: 'Name of the merged PDF',
		displayOptions: { show },
	},
	binaryPropertyField(show),
];

export const parallel = true;

/** `GET /attachments?ids=…&filename=…`: one PDF of every file. */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData> {
	const raw = this.getNodeParameter('attachmentIds', i, '') as unknown;
	const ids = listParameter(Array.isArray(raw) ? raw : String(raw ?? ''));
	if (!ids.length) throw invalidInput(this.getNode(), i, 'Attachment IDs', 'is empty', 'Enter the IDs of the files to merge, separated by commas.');
	const bad = ids.find((id) => !UUID.test(id));
	if (bad) throw invalidInput(this.getNode(), i, 'Attachment IDs', `"${bad.slice(0, 60)}" is not an attachment ID`, 'Attachment IDs are UUIDs.');
	let fileName = String(this.getNodeParameter('fileName', i, 'documents.pdf') ?? '').trim() || 'documents.pdf';
	if (!/\.pdf$/i.test(fileName)) fileName += '.pdf';
	const property = String(this.getNodeParameter('binaryPropertyName', i, 'data') || 'data');
	const response = await penboxResponse.call(
		this,
		{ method: 'GET', path: penboxPaths.attachments, qs: { ids: ids.join(','), filename: fileName }, headers: { Accept: 'application/pdf' }, encoding: 'arraybuffer' },
		{ itemIndex: i, context: `merging ${ids.length} attachments` },
	);
	return await binaryItem(this, response, property, fileName, mimeTypeFrom(response.headers, 'application/pdf'), { attachmentIds: ids });
}
