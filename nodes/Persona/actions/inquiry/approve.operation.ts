import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { INQUIRY, objectRequest } from '../objectFields';

// The Comment field is declared here once for Approve and Decline.
export const description: INodeProperties[] = [
	{
		displayName: 'Comment',
		name: 'comment',
		type: 'string',
		default: '',
		description: 'Why the inquiry was decided, kept by Persona for auditing',
		displayOptions: { show: { resource: ['inquiry'], operation: ['approve', 'decline'] } },
	},
];

/** Approve and Decline: same body; both start the inquiry's workflows and webhooks in Persona. */
export async function decide(this: IExecuteFunctions, i: number, action: 'approve' | 'decline'): Promise<IDataObject> {
	const comment = String(this.getNodeParameter('comment', i, '') ?? '').trim();
	return await objectRequest(
		this,
		i,
		INQUIRY,
		{ method: 'POST', action, body: comment ? { meta: { comment } } : undefined },
		action === 'approve' ? 'approving' : 'declining',
	);
}

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	return await decide.call(this, i, 'approve');
}
