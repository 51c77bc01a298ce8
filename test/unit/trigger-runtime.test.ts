import type { IWebhookFunctions } from 'n8n-workflow';

import { SECRET_CACHE_MS, SECRET_REREAD_MS, clearSecretCache, credentialSecrets } from '../../core/triggerRuntime';
import { useVirtualClock } from '../harness/clock';

/** A webhook context whose credential field can be changed, counting the reads. */
function context(credentialId: string | undefined, field: { value: string }) {
	const reads = { count: 0 };
	const ctx = {
		getNode: () => ({ credentials: credentialId ? { personaApi: { id: credentialId, name: 'x' } } : {} }),
		getCredentials: async () => {
			reads.count++;
			return { webhookSecret: field.value };
		},
	} as unknown as IWebhookFunctions;
	return { ctx, reads };
}

describe('webhook secrets kept from the credential', () => {
	let clock: ReturnType<typeof useVirtualClock>;
	beforeEach(() => {
		clock = useVirtualClock();
		clearSecretCache();
	});
	afterEach(() => clock.restore());

	it('reads the credential once per SECRET_CACHE_MS, then again', async () => {
		const field = { value: 'whsec_a, whsec_b' };
		const { ctx, reads } = context('cred1', field);
		expect(await credentialSecrets(ctx, 'personaApi', 'webhookSecret')).toEqual(['whsec_a', 'whsec_b']);
		field.value = 'whsec_c';
		clock.advance(SECRET_CACHE_MS - 1);
		expect(await credentialSecrets(ctx, 'personaApi', 'webhookSecret')).toEqual(['whsec_a', 'whsec_b']);
		expect(reads.count).toBe(1);
		clock.advance(1);
		expect(await credentialSecrets(ctx, 'personaApi', 'webhookSecret')).toEqual(['whsec_c']);
		expect(reads.count).toBe(2);
	});

	it('re-reads after a mismatch, but not more than once per SECRET_REREAD_MS', async () => {
		const field = { value: 'whsec_old' };
		const { ctx, reads } = context('cred2', field);
		await credentialSecrets(ctx, 'personaApi', 'webhookSecret');
		field.value = 'whsec_new';
		// forged deliveries right after a read: no read for each of them
		expect(await credentialSecrets(ctx, 'personaApi', 'webhookSecret', { afterMismatch: true })).toEqual(['whsec_old']);
		clock.advance(SECRET_REREAD_MS);
		expect(await credentialSecrets(ctx, 'personaApi', 'webhookSecret', { afterMismatch: true })).toEqual(['whsec_new']);
		expect(reads.count).toBe(2);
	});

	it('re-reads an empty field within SECRET_REREAD_MS, and keeps credentials apart', async () => {
		const empty = { value: '' };
		const { ctx, reads } = context('cred3', empty);
		expect(await credentialSecrets(ctx, 'personaApi', 'webhookSecret')).toEqual([]);
		empty.value = 'whsec_set';
		clock.advance(SECRET_REREAD_MS);
		expect(await credentialSecrets(ctx, 'personaApi', 'webhookSecret')).toEqual(['whsec_set']);
		expect(reads.count).toBe(2);
		const other = context('cred4', { value: 'whsec_other' });
		expect(await credentialSecrets(other.ctx, 'personaApi', 'webhookSecret')).toEqual(['whsec_other']);
	});

	it('reads every time for a node without a saved credential id', async () => {
		const { ctx, reads } = context(undefined, { value: 'whsec_a' });
		await credentialSecrets(ctx, 'personaApi', 'webhookSecret');
		await credentialSecrets(ctx, 'personaApi', 'webhookSecret');
		expect(reads.count).toBe(2);
	});
});
