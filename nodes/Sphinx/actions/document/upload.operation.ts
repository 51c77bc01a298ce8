import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { inputBinaryField, readInputBinary } from '../../../../core/binary';
import { sphinxPaths, sphinxRequest } from '../../api';
import { idOf } from '../case/fields';
import { deleteAfterFrom } from '../shared';

const show = { resource: ['document'], operation: ['upload'] };

export const description: INodeProperties[] = [
	inputBinaryField(show),
	{
		displayName: 'Link To',
		name: 'linkTo',
		type: 'options',
		options: [
			{ name: 'Case', value: 'case', description: 'The document belongs to one case' },
			{ name: 'Check', value: 'check', description: 'The document belongs to one check' },
			{ name: 'Customer', value: 'customer', description: "Reusable across the customer's cases" },
			{ name: 'Nothing', value: 'none', description: 'Link it later with document IDs on a case or check' },
		],
		default: 'customer',
		displayOptions: { show },
	},
	{
		displayName: 'Link ID',
		name: 'linkId',
		type: 'string',
		required: true,
		default: '',
		placeholder: '42',
		description: 'ID of the case, check or customer',
		displayOptions: { show: { ...show, linkTo: ['case', 'check', 'customer'] } },
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Delete After (Days)',
				name: 'deleteAfter',
				type: 'number',
				typeOptions: { minValue: -1, maxValue: 365 },
				default: -1,
				description: 'Days until Sphinx deletes the file (at most 365): -1 keeps it, 0 deletes it at once',
			},
			{
				displayName: 'File Name',
				name: 'fileName',
				type: 'string',
				default: '',
				description: "Name Sphinx shows; default: the binary file's name",
			},
		],
	},
];

/** Sphinx takes files as base64 inside JSON (a data URI, as in its quickstart), not multipart. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const additional = this.getNodeParameter('additionalFields', i, {}) as IDataObject;
	const linkTo = this.getNodeParameter('linkTo', i, 'customer') as string;
	const body: IDataObject = {};
	if (linkTo !== 'none') body[`${linkTo}_id`] = Number(idOf(this, i, 'linkId', 'Link ID'));
	const deleteAfter = deleteAfterFrom(this, i, 'Additional Fields > Delete After (Days)', additional.deleteAfter, 365);
	if (deleteAfter !== undefined) body.delete_after = deleteAfter;
	const { name, mimeType, buffer } = await readInputBinary(this, i, additional.fileName);
	body.original_name = name.slice(0, 255);
	body.file = `data:${mimeType};base64,${buffer.toString('base64')}`;
	const doc = await sphinxRequest.call(
		this,
		{ method: 'POST', path: sphinxPaths.documents, body, sideEffect: 'create' },
		{ itemIndex: i, context: `uploading ${name}` },
	);
	return doc;
}
