import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { invalidInput } from './errors';

/** "Input Binary Field" (`binaryPropertyName`) for an operation that uploads a file. */
export function inputBinaryField(show: Record<string, string[]>): INodeProperties {
	return {
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		required: true,
		default: 'data',
		hint: 'The name of the input binary field holding the file to upload',
		displayOptions: { show },
	};
}

/**
 * The file in the item's "Input Binary Field", with its name (`fileName` when the user gave one)
 * and MIME type. A missing field is refused before anything is sent, naming the fields the item has.
 */
export async function readInputBinary(
	ctx: IExecuteFunctions,
	itemIndex: number,
	fileName?: unknown,
): Promise<{ property: string; name: string; mimeType: string; buffer: Buffer }> {
	const property = String(ctx.getNodeParameter('binaryPropertyName', itemIndex, 'data') ?? '').trim();
	const available = ctx.getInputData()[itemIndex]?.binary ?? {};
	const binary = available[property];
	if (!property || !binary)
		throw invalidInput(
			ctx.getNode(),
			itemIndex,
			'Input Binary Field',
			`the item has no binary field "${property}"`,
			`Check the name: the item's binary fields are ${Object.keys(available).map((k) => `"${k}"`).join(', ') || 'none'}.`,
		);
	const name = (typeof fileName === 'string' && fileName.trim()) || binary.fileName || `${property}.bin`;
	const buffer = await ctx.helpers.getBinaryDataBuffer(itemIndex, property);
	return { property, name, mimeType: binary.mimeType || 'application/octet-stream', buffer };
}
