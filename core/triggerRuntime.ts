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

import { timing } from './timing';
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

/** Forgets every kept secret (tests). */
export function clearSecretCache(): void {
	cache.clear();
}
