'use strict';

const crypto = require('node:crypto');
const { SimError } = require('../lib/errors');

/**
 * Sphinx's two token styles: the static dashboard token, and OAuth2 client credentials from
 * `POST /api/oauth/token/`. Sphinx documents a JSON token request; n8n's OAuth2 client sends
 * `application/x-www-form-urlencoded` (client id and secret in the body or as HTTP Basic), so all
 * three are accepted here. Token lifetimes follow the simulator clock; tests can also expire every
 * issued token at once, or after N more API requests.
 */

function parseTokenRequest(ctx) {
	const type = String(ctx.headers['content-type'] || '');
	const text = ctx.rawBody.toString('utf8');
	let fields = {};
	let format = 'none';
	if (/json/i.test(type) || (!type && text.trim().startsWith('{'))) {
		try {
			fields = JSON.parse(text || '{}');
			format = 'json';
		} catch {
			throw new SimError(400, 'Bad Request', 'JSON parse error', { oauth: { error: 'invalid_request', error_description: 'The body is not valid JSON.' } });
		}
	} else if (text) {
		fields = Object.fromEntries(new URLSearchParams(text));
		format = 'form';
	}
	const basic = /^Basic\s+(.+)$/i.exec(String(ctx.headers.authorization || ''));
	if (basic) {
		const [id, ...rest] = Buffer.from(basic[1], 'base64').toString('utf8').split(':');
		fields.client_id = fields.client_id ?? decodeURIComponent(id);
		fields.client_secret = fields.client_secret ?? decodeURIComponent(rest.join(':'));
	}
	return { fields, format, basic: Boolean(basic) };
}

function createAuth(options, clock) {
	const auth = {
		clients: new Map((options.clients ?? [{ clientId: options.clientId, clientSecret: options.clientSecret }]).map((c) => [c.clientId, c.clientSecret])),
		staticTokens: new Set(options.accessTokens ?? [options.accessToken]),
		lifetimeSeconds: options.tokenLifetimeSeconds ?? 3600,
		/** access token → expiry (simulator clock ms) */
		issued: new Map(),
		/** Every issued token expires after this many more authenticated requests (null = off). */
		expireAfter: null,
		tokenRequests: [],
	};

	auth.issueToken = (ctx) => {
		const { fields, format, basic } = parseTokenRequest(ctx);
		auth.tokenRequests.push({ format, basic, grant_type: fields.grant_type ?? null, client_id: fields.client_id ?? null });
		const oauthError = (status, error, description) => new SimError(status, error, description, { oauth: { error, error_description: description } });
		if (fields.grant_type !== 'client_credentials') throw oauthError(400, 'unsupported_grant_type', 'Only client_credentials is supported.');
		if (!fields.client_id || !fields.client_secret) throw oauthError(400, 'invalid_request', 'client_id and client_secret are required.');
		if (auth.clients.get(fields.client_id) !== fields.client_secret) throw oauthError(401, 'invalid_client', 'Client authentication failed.');
		const token = `sphx_at_${crypto.randomBytes(18).toString('hex')}`;
		auth.issued.set(token, clock() + auth.lifetimeSeconds * 1000);
		return { status: 200, body: { access_token: token, token_type: 'Bearer', expires_in: auth.lifetimeSeconds } };
	};

	/** The authenticate hook of the simulator server: DRF's `{"detail": …}` on failure. */
	auth.authenticate = (ctx) => {
		const header = String(ctx.headers.authorization || '');
		const match = /^Bearer\s+(\S+)$/i.exec(header);
		if (!match) return { ok: false, error: new SimError(401, 'Unauthorized', 'Authentication credentials were not provided.') };
		const token = match[1];
		if (auth.staticTokens.has(token)) return { ok: true, principal: { kind: 'dashboard' } };
		const expires = auth.issued.get(token);
		if (expires === undefined) return { ok: false, error: new SimError(401, 'Unauthorized', 'Invalid token.') };
		if (auth.expireAfter !== null) {
			if (auth.expireAfter <= 0) {
				for (const t of auth.issued.keys()) auth.issued.set(t, -1);
				auth.expireAfter = null;
			} else auth.expireAfter -= 1;
		}
		if (auth.issued.get(token) <= clock()) return { ok: false, error: new SimError(401, 'Unauthorized', 'Token has expired.') };
		return { ok: true, principal: { kind: 'oauth2' } };
	};

	auth.expireAll = () => {
		for (const t of auth.issued.keys()) auth.issued.set(t, -1);
		return { expired: auth.issued.size };
	};
	auth.reset = () => {
		auth.issued.clear();
		auth.expireAfter = null;
		auth.tokenRequests = [];
		auth.lifetimeSeconds = options.tokenLifetimeSeconds ?? 3600;
	};
	return auth;
}

module.exports = { createAuth };
