import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

/**
 * Zenoo's case-management (CLM) API hosts, one per environment. The only place they are written
 * down: the credential's test request and the node's requests both derive their base URL from
 * this table (a unit test checks that the two agree for every environment). Paths start `/v1/`.
 */
export const ZENOO_HOSTS = {
	production: 'https://instance.prod.onboardapp.io',
	staging: 'https://instance.staging.onboardapp.io',
} as const;

export type ZenooEnvironment = keyof typeof ZENOO_HOSTS | 'custom';

export const ZENOO_ENVIRONMENT_OPTIONS: Array<{ name: string; value: ZenooEnvironment; description: string }> = [
	{ name: 'Production', value: 'production', description: ZENOO_HOSTS.production },
	{ name: 'Staging', value: 'staging', description: ZENOO_HOSTS.staging },
	{ name: 'Custom', value: 'custom', description: 'Another instance host, a proxy or a local simulator' },
];

/**
 * The API root for a credential: the environment's host, or the custom base URL without trailing
 * slashes and without a pasted `/v1` suffix (every path adds it).
 */
export function zenooBaseUrl(credentials: ICredentialDataDecryptedObject): string {
	const environment = String(credentials.environment ?? 'production');
	if (environment === 'custom')
		return String(credentials.baseUrl ?? '')
			.trim()
			.replace(/\/+$/, '')
			.replace(/\/v1$/i, '');
	return ZENOO_HOSTS[environment as keyof typeof ZENOO_HOSTS] ?? ZENOO_HOSTS.production;
}

/** The same mapping as `zenooBaseUrl`, as an n8n expression over `$credentials` (credential test). */
export const ZENOO_BASE_URL_EXPRESSION =
	'={{ $credentials.environment === "custom" ? ' +
	'String($credentials.baseUrl || "").trim().replace(/\\/+$/, "").replace(/\\/v1$/i, "") : ' +
	`(${JSON.stringify(ZENOO_HOSTS)}[$credentials.environment] || "${ZENOO_HOSTS.production}") }}`;
