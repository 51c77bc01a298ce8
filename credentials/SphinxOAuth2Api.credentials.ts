import type { ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * Sphinx OAuth2 (client credentials). n8n's own OAuth2 code fetches the token from
 * `<baseUrl>/api/oauth/token/`, caches it in the credential and fetches a new one when Sphinx
 * answers 401. n8n sends the token request form-encoded with the client ID and secret in the body
 * (Sphinx documents a JSON body; see the README).
 */
export class SphinxOAuth2Api implements ICredentialType {
	name = 'sphinxOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'Sphinx OAuth2 API';

	icon = { light: 'file:../nodes/Sphinx/sphinx.svg', dark: 'file:../nodes/Sphinx/sphinx.dark.svg' } as const;

	documentationUrl = 'https://docs.sphinxhq.com/api-reference/oauth/oauth2-client-credentials-token-endpoint';

	properties: INodeProperties[] = [
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://app.sphinxhq.com',
			description: 'Sphinx host, without /api (the node adds it). Change it only for a proxy or the local simulator.',
		},
		{ displayName: 'Grant Type', name: 'grantType', type: 'hidden', default: 'clientCredentials' },
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'hidden',
			default: '={{$self["baseUrl"].replace(/\\/+$/, "")}}/api/oauth/token/',
		},
		{ displayName: 'Authorization URL', name: 'authUrl', type: 'hidden', default: '' },
		{ displayName: 'Scope', name: 'scope', type: 'hidden', default: '' },
		{ displayName: 'Auth URI Query Parameters', name: 'authQueryParameters', type: 'hidden', default: '' },
		// Sphinx expects client_id and client_secret as body fields of the token request.
		{ displayName: 'Authentication', name: 'authentication', type: 'hidden', default: 'body' },
	];

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/api/cases/',
			qs: { page: 1, page_size: 1 },
		},
	};
}
