import type { ICredentialDataDecryptedObject, IWebhookFunctions } from 'n8n-workflow';

/*
 * What a webhook trigger costs n8n per delivery, beyond its own work (measured with
 * `npm run bench -- --only=trigger --cpu-prof` on n8n 2.41.1, where expressions run in an
 * isolated-vm sandbox that n8n creates per use):
 * - n8n evaluates `$parameter.options.binaryData` (a Webhook v1 leftover) for every delivery to a
 *   start node whose typeVersion is exactly 1;
 * - every getCredentials() in a webhook builds a fresh sandbox to resolve credential expressions.
 * Triggers therefore declare WEBHOOK_TRIGGER_VERSIONS (saved workflows keep version 1 and work
 * as before; new ones get 1.1) and read their secrets through credentialSecrets().
 */

/** Node versions for a webhook trigger: 1 for saved workflows, 1.1 (the default) for new ones. */
export const WEBHOOK_TRIGGER_VERSIONS = [1, 1.1];

import { vendorCredentials, type ResolvedCredentials } from './request';
import { timing } from './timing';
import type { VendorApi } from './types';
import { listParameter } from './validate';

/**
 * How long webhook secrets read from a credential are reused. In a trigger's webhook, n8n
 * builds a fresh expression sandbox for every getCredentials() call (tens of ms of CPU), which
 * otherwise caps how many deliveries a second a trigger can take; within this time a secret
 * removed from the credential may still verify deliveries.
 */
export const SECRET_CACHE_MS = 10_000;

/** A delivery that does not verify re-reads the credential, but not more often than this. */
export const SECRET_REREAD_MS = 1_000;

const cache = new Map<string, { secrets: string[]; readAt: number }>();

/**
 * The webhook secrets in credential field `field` (comma-separated during a rotation), read
 * through n8n at most once per SECRET_CACHE_MS per credential. `afterMismatch`: the kept secrets
 * did not verify a delivery — re-read now (at most once per SECRET_REREAD_MS, so forged
 * deliveries cannot make every request pay for a read), so a secret just put into the
 * credential is used at once; an empty field is re-read the same way. A node without a saved
 * credential id is read every time.
 */
export async function credentialSecrets(
	ctx: IWebhookFunctions,
	type: string,
	field: string,
	o: { afterMismatch?: boolean } = {},
): Promise<string[]> {
	const id = ctx.getNode().credentials?.[type]?.id;
	const read = async () => listParameter(((await ctx.getCredentials(type)) as ICredentialDataDecryptedObject)[field]);
	if (!id) return await read();
	const key = `${type}|${id}|${field}`;
	const now = timing.monotonic();
	const kept = cache.get(key);
	// No secret kept (not set yet) counts as a mismatch: one being set is picked up within a second.
	const maxAge = o.afterMismatch || !kept?.secrets.length ? SECRET_REREAD_MS : SECRET_CACHE_MS;
	const fresh = kept && now - kept.readAt < maxAge;
	if (kept && fresh) return kept.secrets;
	const secrets = await read();
	cache.set(key, { secrets, readAt: now });
	return secrets;
}

const requestCredentials = new Map<string, { value: ResolvedCredentials; readAt: number }>();

/**
 * The credentials a webhook trigger sends its own request with while it answers a delivery
 * (Sphinx Trigger reads the case; Certn's Fetch Full Case), read through n8n at most once per
 * SECRET_CACHE_MS per credential, for the reason above (one sandbox per getCredentials()).
 * Undefined (read by n8n as usual) for OAuth2 credentials, which n8n reads and renews itself,
 * and for a node without a saved credential id. A request that failed calls
 * forgetRequestCredentials, so a key changed in the credential is used from the next delivery on.
 */
export async function webhookRequestCredentials(ctx: IWebhookFunctions, api: VendorApi): Promise<ResolvedCredentials | undefined> {
	const resolved = await cachedRequestCredentials(ctx, api);
	return resolved && !resolved.oauth2 ? resolved.value : undefined;
}

async function cachedRequestCredentials(ctx: IWebhookFunctions, api: VendorApi) {
	const key = requestCredentialsKey(ctx, api);
	if (!key) return undefined;
	const kept = requestCredentials.get(key.key);
	if (kept && timing.monotonic() - kept.readAt < SECRET_CACHE_MS) return { value: kept.value, oauth2: key.oauth2 };
	if (key.oauth2) return { value: undefined, oauth2: true };
	const value = await vendorCredentials(ctx, api);
	requestCredentials.set(key.key, { value, readAt: timing.monotonic() });
	return { value, oauth2: false };
}

function requestCredentialsKey(ctx: IWebhookFunctions, api: VendorApi): { key: string; oauth2: boolean } | undefined {
	const type =
		typeof api.credentialType === 'string'
			? api.credentialType
			: api.credentialType({ getNodeParameter: (name, _index, fallback) => ctx.getNodeParameter(name, fallback) });
	const id = ctx.getNode().credentials?.[type]?.id;
	if (!id) return undefined;
	return { key: `${type}|${id}`, oauth2: api.oauth2CredentialTypes?.includes(type) ?? false };
}

/** The request made with kept credentials failed: read them again for the next delivery. */
export function forgetRequestCredentials(ctx: IWebhookFunctions, api: VendorApi): void {
	const key = requestCredentialsKey(ctx, api);
	if (key) requestCredentials.delete(key.key);
}

/** Forgets every kept secret and credential (tests). */
export function clearSecretCache(): void {
	cache.clear();
	requestCredentials.clear();
}
