import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

export class SphinxApi implements ICredentialType {
	name = 'sphinxApi';

	displayName = 'Sphinx Access Token API';

	icon = { light: 'file:../nodes/Sphinx/sphinx.svg', dark: 'file:../nodes/Sphinx/sphinx.dark.svg' } as const;

	documentationUrl = 'https://docs.sphinxhq.com/';

	properties: INodeProperties[] = [
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description: 'The API token generated in the Sphinx dashboard, sent as "Authorization: Bearer"',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://app.sphinxhq.com',
			description: 'Sphinx host, without /api (the node adds it). Change it only for a proxy or the local simulator.',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.accessToken}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/api/cases/',
			qs: { page: 1, page_size: 1 },
		},
	};
}
