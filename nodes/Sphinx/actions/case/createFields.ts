import type { INodeProperties } from 'n8n-workflow';

import { CHECK_TYPES, CUSTOMER_TYPES } from '../../catalog';

type Show = Record<string, string[]>;

/** Existing customer by ID, or a new one created inline with the case. */
export function customerFields(show: Show): INodeProperties[] {
	return [
		{
			displayName: 'Customer',
			name: 'customerSource',
			type: 'options',
			options: [
				{ name: 'Existing Customer', value: 'existing', description: 'A customer already in Sphinx, by its ID' },
				{ name: 'New Customer', value: 'new', description: 'Create the customer together with the case' },
			],
			default: 'existing',
			displayOptions: { show },
		},
		{
			displayName: 'Customer ID',
			name: 'customerId',
			type: 'string',
			default: '',
			required: true,
			placeholder: '42',
			description: 'The numeric ID of the Sphinx customer the case is about',
			displayOptions: { show: { ...show, customerSource: ['existing'] } },
		},
		{
			displayName: 'Customer Full Name',
			name: 'customerFullName',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'Ada Lovelace',
			description: 'Full name of the person or company',
			displayOptions: { show: { ...show, customerSource: ['new'] } },
		},
		{
			displayName: 'Customer Fields',
			name: 'customerFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			displayOptions: { show: { ...show, customerSource: ['new'] } },
			options: [
				{ displayName: 'Customer Type', name: 'customerType', type: 'options', options: CUSTOMER_TYPES, default: 'INDIVIDUAL' },
				{
					displayName: 'Delete After (Days)',
					name: 'deleteAfter',
					type: 'number',
					default: -1,
					description: 'Days until Sphinx deletes the customer data: -1 keeps it, 0 deletes it at once',
				},
				{
					displayName: 'External ID',
					name: 'externalId',
					type: 'string',
					default: '',
					description: 'Your own reference for the customer (used by Customer › Update)',
				},
				{
					displayName: 'Input Details (JSON)',
					name: 'inputDetails',
					type: 'json',
					default: '{}',
					description: 'What the agent should know, e.g. {"dob": "1990-01-31", "nationality": "GB", "email": "ada@example.com"}',
				},
			],
		},
	];
}

/** The checks to run, each with its type (from the list or typed in), input details and documents. */
export function checksField(show: Show): INodeProperties {
	return {
		displayName: 'Checks',
		name: 'checks',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Check',
		default: {},
		description: 'The checks the agent runs. Leave empty when a case config creates them.',
		displayOptions: { show },
		options: [
			{
				displayName: 'Check',
				name: 'check',
				values: [
					{ displayName: 'Check Type', name: 'checkType', type: 'options', options: CHECK_TYPES, default: 'PEP' },
					{
						displayName: 'Other Check Type',
						name: 'otherCheckType',
						type: 'string',
						default: '',
						placeholder: 'WEB_PRESENCE',
						description: 'A check type not in the list (Sphinx\'s identifier)',
						displayOptions: { show: { checkType: ['__other'] } },
					},
					{
						displayName: 'Input Details (JSON)',
						name: 'inputDetails',
						type: 'json',
						default: '{}',
						description: 'Data for this check, e.g. {"person_name": "Ada Lovelace", "country": "GB"} for PEP',
					},
					{
						displayName: 'Document IDs',
						name: 'documentIds',
						type: 'string',
						default: '',
						placeholder: '12, 13',
						description: 'Uploaded documents this check reads, separated by commas',
					},
				],
			},
		],
	};
}

/** Where Sphinx reports the completed case: nowhere, a URL, or this workflow's Sphinx Trigger. */
export function webhookFields(show: Show): INodeProperties[] {
	return [
		{
			displayName: 'Webhook',
			name: 'webhookUrlSource',
			type: 'options',
			options: [
				{ name: 'None', value: 'none' },
				{ name: 'Enter a URL', value: 'url' },
				{
					name: "Use This Workflow's Trigger URL",
					value: 'trigger',
					description: 'The Production URL (with its token) of the active Sphinx Trigger in this workflow',
				},
			],
			default: 'none',
			description: 'Where Sphinx calls when the case completes',
			displayOptions: { show },
		},
		{
			displayName: 'Webhook URL',
			name: 'webhookUrl',
			type: 'string',
			default: '',
			placeholder: 'https://n8n.example.com/webhook/…/webhook?token=…',
			description: 'Called by Sphinx when the case completes (at most 511 characters)',
			displayOptions: { show: { ...show, webhookUrlSource: ['url'] } },
		},
	];
}
