import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

export class PenboxApi implements ICredentialType {
	name = 'penboxApi';

	displayName = 'Penbox API';

	icon = { light: 'file:../nodes/Penbox/penbox.svg', dark: 'file:../nodes/Penbox/penbox.dark.svg' } as const;

	documentationUrl = 'https://docs.penbox.io/api-reference/authentication';

	properties: INodeProperties[] = [
		{
			displayName: 'API Token',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			placeholder: 'pnbx_…',
			description: 'Created by a workspace administrator in Penbox under Settings → API; shown once only',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://connect.penbox.io/v1',
			description: 'Penbox Connect API root including /v1. Change it only for a proxy or the local simulator.',
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
			url: '/workspaces',
			qs: { 'page[number]': 1, 'page[size]': 1 },
		},
	};
}
