import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { inputBinaryField, readInputBinary } from '../../../../core/binary';
import { requireId } from '../../../../core/validate';
import { penboxPaths, penboxRequest, UUID } from '../../api';

const show = { resource: ['file'], operation: ['upload'] };

export const description: INodeProperties[] = [
	inputBinaryField(show),
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
	const additional = this.getNodeParameter('additionalFields', i, {}) as IDataObject;
	const qs: IDataObject = {};
	if (String(additional.workspaceId ?? '').trim()) {
		const id = String(additional.workspaceId).trim();
		if (!UUID.test(id)) requireId(this, i, { name: 'additionalFields.workspaceId', label: 'Workspace', pattern: UUID });
		qs.company = id;
	}
	const { name, mimeType, buffer } = await readInputBinary(this, i, additional.fileName);
	const body: IDataObject = { name, data: buffer.toString('base64'), type: mimeType };
	if (typeof additional.scope === 'string' && additional.scope) body.scope = additional.scope;
	return await penboxRequest.call(this, { method: 'POST', path: penboxPaths.attachments, qs, body, sideEffect: 'create' }, { itemIndex: i, context: `uploading ${name}` });
}
