import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { ZENOO_BASE_URL_EXPRESSION, ZENOO_ENVIRONMENT_OPTIONS } from '../nodes/Zenoo/environments';

export class ZenooApi implements ICredentialType {
	name = 'zenooApi';

	displayName = 'Zenoo API';

	icon = { light: 'file:../nodes/Zenoo/zenoo.svg', dark: 'file:../nodes/Zenoo/zenoo.dark.svg' } as const;

	documentationUrl = 'https://docs.zenoo.com/getting-started/authentication';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				'Zenoo dashboard › Project Settings › API Keys. One key per project and environment: a staging key is refused by production. Sent as the X-API-KEY header.',
		},
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			options: ZENOO_ENVIRONMENT_OPTIONS,
			default: 'production',
			description: 'The Zenoo environment the key belongs to',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://instance.prod-eu.onboardapp.io',
			description: 'Host of another Zenoo instance, a proxy or a local simulator, without /v1 (the node adds it)',
			displayOptions: { show: { environment: ['custom'] } },
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				'X-API-KEY': '={{$credentials.apiKey}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: ZENOO_BASE_URL_EXPRESSION,
			url: '/v1/cases',
			qs: { limit: 1 },
			headers: { Accept: 'application/json' },
		},
	};
}
