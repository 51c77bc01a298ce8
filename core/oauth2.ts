import type { RequestContext } from './request';

/**
 * Lets n8n renew an OAuth2 credential's cached access token.
 *
 * `apiRequest` asks n8n not to throw on HTTP errors (so vendor errors can be mapped), which also
 * keeps n8n's OAuth2 helper from seeing the 401 that makes it fetch a new token (client
 * credentials) or refresh it. After a 401, this sends one cheap read through the same helper with
 * errors on: n8n sees the 401, gets and stores a new token, and repeats the read. The caller then
 * sends its own request again. A failure here is ignored: the repeated request reports it.
 */
export async function renewOAuth2Token(ctx: RequestContext, credentialType: string, probeUrl: string): Promise<void> {
	try {
		await ctx.helpers.httpRequestWithAuthentication.call(ctx, credentialType, {
			method: 'GET',
			url: probeUrl,
			json: true,
			timeout: 30_000,
			headers: { Accept: 'application/json' },
		});
	} catch {
		// The caller's repeated request fails with the vendor's own answer if the token is still refused.
	}
}
