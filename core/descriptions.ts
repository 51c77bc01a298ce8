import type { INodeProperties } from 'n8n-workflow';

type Show = Record<string, string[]>;

/** Return All + Limit for a Get Many operation. */
export function returnAllAndLimit(show: Show, maxLimit = 1000): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			displayOptions: { show },
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			displayOptions: { show: { ...show, returnAll: [false] } },
			typeOptions: { minValue: 1, maxValue: maxLimit },
			default: 50,
			description: 'Max number of results to return',
		},
	];
}

export function simplifyField(show: Show): INodeProperties {
	return {
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		displayOptions: { show },
		default: true,
		description:
			'Whether to return the normalized case (vendor, ID, reference, status, outcome, risk score, assignee, dates) instead of the raw vendor object',
	};
}

export function binaryPropertyField(show: Show): INodeProperties {
	return {
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		displayOptions: { show },
		default: 'data',
		required: true,
		hint: 'The name of the output binary field to put the file in',
	};
}
