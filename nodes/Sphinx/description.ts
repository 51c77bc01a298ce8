import type { INodeProperties, INodeTypeDescription } from 'n8n-workflow';

/** The two Sphinx credentials, picked by the `authentication` parameter (CONTRACT.md). */
export const sphinxCredentials: INodeTypeDescription['credentials'] = [
	{ name: 'sphinxOAuth2Api', required: true, displayOptions: { show: { authentication: ['oAuth2'] } } },
	{ name: 'sphinxApi', required: true, displayOptions: { show: { authentication: ['accessToken'] } } },
];

export const authenticationField: INodeProperties = {
	displayName: 'Authentication',
	name: 'authentication',
	type: 'options',
	options: [
		{ name: 'OAuth2 (Client Credentials)', value: 'oAuth2' },
		{ name: 'Access Token', value: 'accessToken' },
	],
	default: 'oAuth2',
};
