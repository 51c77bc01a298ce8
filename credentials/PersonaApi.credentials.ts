import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

export class PersonaApi implements ICredentialType {
	name = 'personaApi';

	displayName = 'Persona API';

	icon = { light: 'file:../nodes/Persona/persona.svg', dark: 'file:../nodes/Persona/persona.dark.svg' } as const;

	documentationUrl = 'https://docs.withpersona.com/api-keys';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				'Persona dashboard › API › API Keys. Sandbox keys (persona_sandbox_…) reach the sandbox environment, production keys (persona_production_…) production; the key needs case and webhook permissions.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.withpersona.com/api/v1',
			description: 'API root including the version prefix. Change it only for a proxy or a local simulator.',
		},
		{
			displayName: 'Webhook Secrets (Manual Setup)',
			name: 'webhookSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Only for a webhook created by hand in the Persona dashboard: its secret (wbhsec_…). During a rotation enter both secrets separated by a comma. Not needed when the trigger registers its own webhook.',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.apiKey}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/cases',
			qs: { 'page[size]': 1 },
			headers: { 'Persona-Version': '2025-12-08', 'Key-Inflection': 'kebab' },
		},
	};
}
