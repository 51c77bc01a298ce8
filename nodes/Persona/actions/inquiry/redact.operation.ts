import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { INQUIRY, objectRequest } from '../objectFields';

export const description: INodeProperties[] = [
	{
		displayName:
			'Redaction permanently deletes the personal data of the inquiry and of its verifications and reports, and cannot be undone. Cases and accounts are not redacted with it.',
		name: 'redactInquiryNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { resource: ['inquiry'], operation: ['redact'] } },
	},
];

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	return await objectRequest(this, i, INQUIRY, { method: 'DELETE' }, 'redacting');
}
