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

export interface CaseLocatorOptions {
	/** Vendor name as users know it, e.g. "Persona". */
	vendor: string;
	operations: string[];
	/** Regex (source) a case ID must match, checked by the editor. */
	idRegex: string;
	idPlaceholder: string;
	idError: string;
	/** The vendor's dashboard URLs carry the case ID: let users paste one. */
	url?: { placeholder: string; extractRegex: string; error: string };
	/** listSearch method of the node, for the "From List" mode. */
	searchListMethod?: string;
}

/** The case picker (resource locator `caseId`) shared by every single-case operation. */
export function caseLocatorField(options: CaseLocatorOptions): INodeProperties {
	const modes: INodeProperties['modes'] = [];
	if (options.searchListMethod)
		modes.push({
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: options.searchListMethod, searchable: true },
		});
	modes.push({
		displayName: 'By ID',
		name: 'id',
		type: 'string',
		placeholder: options.idPlaceholder,
		validation: [{ type: 'regex', properties: { regex: options.idRegex, errorMessage: options.idError } }],
	});
	if (options.url)
		modes.push({
			displayName: 'By URL',
			name: 'url',
			type: 'string',
			placeholder: options.url.placeholder,
			extractValue: { type: 'regex', regex: options.url.extractRegex },
			validation: [
				{ type: 'regex', properties: { regex: `.*${options.url.extractRegex}.*`, errorMessage: options.url.error } },
			],
		});
	return {
		displayName: 'Case',
		name: 'caseId',
		type: 'resourceLocator',
		default: { mode: modes[0].name, value: '' },
		required: true,
		// also what an AI agent reads when this field is left to the model ($fromAI): say what an ID looks like
		description: `The ${options.vendor} case to act on${options.searchListMethod ? ': pick it from the list, or' : ':'} give its ID (e.g. ${options.idPlaceholder})${options.url ? ' or a URL that contains it' : ''}`,
		displayOptions: { show: { resource: ['case'], operation: options.operations } },
		modes,
	};
}

/** Simplify for the case operations of an action node. */
export function caseSimplifyField(vendor: string, operations: string[]): INodeProperties {
	return {
		...simplifyField({ resource: ['case'], operation: operations }),
		description: `Whether to return the normalized case (vendor, ID, reference, status, outcome, risk score, assignee, dates) instead of the raw ${vendor} object`,
	};
}

/** The trigger option that drops repeated deliveries of one event. */
export function dedupeWindowOption(vendor: string, defaultSeconds: number): INodeProperties {
	return {
		displayName: 'Deduplication Window (Seconds)',
		name: 'dedupeWindowSeconds',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: defaultSeconds,
		description: `${vendor} may deliver the same event more than once; repeats of an event ID within this window start no execution. 0 turns this off.`,
	};
}
