import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { ApiResponse } from '../../core/types';

/** `filename="a.pdf"` or RFC 5987 `filename*=UTF-8''a.pdf` from Content-Disposition. */
export function fileNameFrom(headers: ApiResponse['headers']): string | undefined {
	const raw = headers['content-disposition'];
	const value = Array.isArray(raw) ? raw[0] : raw;
	if (!value) return undefined;
	const star = /filename\*=(?:UTF-8'')?([^;]+)/i.exec(value);
	if (star) {
		try {
			return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''));
		} catch {
			/* the plain form below */
		}
	}
	const plain = /filename="?([^";]+)"?/i.exec(value);
	return plain?.[1]?.trim() || undefined;
}

export function mimeTypeFrom(headers: ApiResponse['headers'], fallback: string): string {
	const raw = headers['content-type'];
	const value = (Array.isArray(raw) ? raw[0] : raw) ?? '';
	return value.split(';')[0].trim() || fallback;
}

/** A downloaded file as an output item: metadata in json, the bytes in `property`. */
export async function binaryItem(
	ctx: IExecuteFunctions,
	response: ApiResponse,
	property: string,
	fileName: string,
	mimeType: string,
	json: IDataObject,
): Promise<INodeExecutionData> {
	const buffer = Buffer.from(response.body as ArrayBuffer);
	return {
		json: { ...json, fileName, mimeType, size: buffer.length },
		binary: { [property]: await ctx.helpers.prepareBinaryData(buffer, fileName, mimeType) },
	};
}
