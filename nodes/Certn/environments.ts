import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

/**
 * Certn's Centric API hosts, one per environment. The only place they are written down: the
 * credential's test request and the node's requests both derive their base URL from this table
 * (a unit test checks that the two agree for every environment).
 */
export const CERTN_HOSTS = {
	sandbox: 'https://api.sandbox.certn.co',
	ca: 'https://api.ca.certn.co',
	uk: 'https://api.uk.certn.co',
	au: 'https://api.au.certn.co',
} as const;

export type CertnEnvironment = keyof typeof CERTN_HOSTS | 'custom';

export const CERTN_ENVIRONMENT_OPTIONS: Array<{ name: string; value: CertnEnvironment; description: string }> = [
	{ name: 'Sandbox', value: 'sandbox', description: CERTN_HOSTS.sandbox },
	{ name: 'Production — Canada (North America)', value: 'ca', description: CERTN_HOSTS.ca },
	{ name: 'Production — UK (EMEA)', value: 'uk', description: CERTN_HOSTS.uk },
	{ name: 'Production — Australia (APAC)', value: 'au', description: CERTN_HOSTS.au },
	{ name: 'Custom', value: 'custom', description: 'A proxy or a local simulator' },
];

/**
 * The API root for a credential: the environment's host, or the custom base URL without trailing
 * slashes and without a pasted `/api/public` suffix (every path adds it).
 */
export function certnBaseUrl(credentials: ICredentialDataDecryptedObject): string {
	const environment = String(credentials.environment ?? 'sandbox');
	if (environment === 'custom')
		return String(credentials.baseUrl ?? '')
			.trim()
			.replace(/\/+$/, '')
			.replace(/\/api\/public$/i, '');
	return CERTN_HOSTS[environment as keyof typeof CERTN_HOSTS] ?? CERTN_HOSTS.sandbox;
}

/** The same mapping as `certnBaseUrl`, as an n8n expression over `$credentials` (credential test). */
export const CERTN_BASE_URL_EXPRESSION =
	'={{ $credentials.environment === "custom" ? ' +
	'String($credentials.baseUrl || "").trim().replace(/\\/+$/, "").replace(/\\/api\\/public$/i, "") : ' +
	`(${JSON.stringify(CERTN_HOSTS)}[$credentials.environment] || "${CERTN_HOSTS.sandbox}") }}`;
