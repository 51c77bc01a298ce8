'use strict';

const crypto = require('node:crypto');

const b64url = (buf) => Buffer.from(buf).toString('base64url');

/**
 * Penbox's webhook signature (developer.penbox.io, signature verification): a `Digest:
 * SHA-512=<base64>` header over the raw body and an `x-pnbx-signature` JWT whose claims are
 * `iss` (issuer origin), `aud` (the URL called), `method`, `digest`, `iat`, `exp`. Penbox's key is
 * not published; the simulator makes its own pair and serves the public key as PEM and JWKS.
 */
function createSigner(alg = 'RS256') {
	const { privateKey, publicKey } =
		alg === 'ES256'
			? crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' })
			: crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
	const kid = crypto.createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('base64url').slice(0, 16);
	return {
		alg,
		kid,
		publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
		jwks: () => ({ keys: [{ ...publicKey.export({ format: 'jwk' }), kid, alg, use: 'sig' }] }),
		/** Headers for one call. `tamper`: 'body' | 'digest' | 'signature' | 'audience' | 'method' | 'expired'. */
		sign({ url, method = 'POST', body, issuer = 'https://connect.penbox.io/', expiresIn = 300, now = Date.now(), tamper }) {
			const digest = `SHA-512=${crypto.createHash('sha512').update(body).digest('base64')}`;
			const iat = Math.floor(now / 1000);
			const claims = {
				iss: issuer,
				aud: tamper === 'audience' ? `${url}/other` : url,
				method: tamper === 'method' ? 'GET' : method,
				digest: tamper === 'digest' ? 'SHA-512=AAAA' : digest,
				iat,
				exp: tamper === 'expired' ? iat - 60 : iat + expiresIn,
			};
			const header = { alg, typ: 'JWT', kid };
			const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
			const signature = crypto.sign(alg === 'ES256' ? 'sha256' : 'RSA-SHA256', Buffer.from(input), alg === 'ES256' ? { key: privateKey, dsaEncoding: 'ieee-p1363' } : privateKey);
			const sig = tamper === 'signature' ? b64url(Buffer.alloc(signature.length, 1)) : b64url(signature);
			return { Digest: digest, 'x-pnbx-signature': `${input}.${sig}` };
		},
	};
}

module.exports = { createSigner };
