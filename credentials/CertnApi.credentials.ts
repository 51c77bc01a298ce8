import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { CERTN_BASE_URL_EXPRESSION, CERTN_ENVIRONMENT_OPTIONS } from '../nodes/Certn/environments';

export class CertnApi implements ICredentialType {
	name = 'certnApi';

	displayName = 'Certn API';

	icon = { light: 'file:../nodes/Certn/certn.svg', dark: 'file:../nodes/Certn/certn.dark.svg' } as const;

	documentationUrl = 'https://centric-api-docs.certn.co/reference/authentication';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				'Certn Client Portal › Integrations › API keys. Keys belong to one environment and region and expire 365 days after creation.',
		},
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			options: CERTN_ENVIRONMENT_OPTIONS,
			default: 'sandbox',
			description: 'Where the key was created: the sandbox account or the production region of your Certn account',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'http://127.0.0.1:4010',
			description: 'Host of a proxy or local simulator, without /api/public (the node adds it)',
			displayOptions: { show: { environment: ['custom'] } },
		},
		{
			displayName: 'Webhook Secret',
			name: 'webhookSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Only for the Certn Trigger: the secret of the webhook set up in the Client Portal (Integrations › Webhooks). Deliveries are checked against its X-Signature; without a secret the trigger refuses every delivery. During a rotation enter both secrets separated by a comma.',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Api-Key {{$credentials.apiKey}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: CERTN_BASE_URL_EXPRESSION,
			url: '/api/public/cases/',
			qs: { page: 1, page_size: 1 },
			headers: { Accept: 'application/json' },
		},
	};
}
