import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { invalidInput } from '../../../../core/errors';
import { requireId } from '../../../../core/validate';
import { penboxPaths, penboxRequest, UUID } from '../../api';

const show = { resource: ['file'], operation: ['upload'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		required: true,
		default: 'data',
		hint: 'The name of the input binary field holding the file to upload',
		displayOptions: { show },
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show },
		options: [
			{ displayName: 'File Name', name: 'fileName', type: 'string', default: '', description: "Default: the binary file's name" },
			{
				displayName: 'Scope',
				name: 'scope',
				type: 'options',
				options: [
					{ name: 'Restricted', value: 'restricted' },
					{ name: 'Public', value: 'public' },
				],
				default: 'restricted',
			},
			{
				displayName: 'Workspace Name or ID',
				name: 'workspaceId',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getWorkspaces' },
				default: '',
				description: 'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
			},
		],
	},
];

export const parallel = false;

/** `POST /attachments` with the file as base64 in JSON; the answer's `id` goes into a file data field. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const property = String(this.getNodeParameter('binaryPropertyName', i, 'data') ?? '').trim();
	const binary = this.getInputData()[i]?.binary?.[property];
	if (!property || !binary)
		throw invalidInput(
			this.getNode(),
			i,
			'Input Binary Field',
			`the item has no binary field "${property}"`,
			`Check the name: the item's binary fields are ${Object.keys(this.getInputData()[i]?.binary ?? {}).map((k) => `"${k}"`).join(', ') || 'none'}.`,
		);
	const additional = this.getNodeParameter('additionalFields', i, {}) as IDataObject;
	const qs: IDataObject = {};
	if (String(additional.workspaceId ?? '').trim()) {
		const id = String(additional.workspaceId).trim();
		if (!UUID.test(id)) requireId(this, i, { name: 'additionalFields.workspaceId', label: 'Workspace', pattern: UUID });
		qs.company = id;
	}
	const name = (typeof additional.fileName === 'string' && additional.fileName.trim()) || binary.fileName || `${property}.bin`;
	const buffer = await this.helpers.getBinaryDataBuffer(i, property);
	const body: IDataObject = { name, data: buffer.toString('base64'), type: binary.mimeType || 'application/octet-stream' };
	if (typeof additional.scope === 'string' && additional.scope) body.scope = additional.scope;
	return await penboxRequest.call(this, { method: 'POST', path: penboxPaths.attachments, qs, body, sideEffect: 'create' }, { itemIndex: i, context: `uploading ${name}` });
}
