import { createHash, createPublicKey, verify, type JsonWebKey, type KeyObject } from 'crypto';


/** Whether a signature verified, and why not. */
export type JwtCheck = { valid: true } | { valid: false; reason: string };

/** A JWT's parts, decoded (not yet verified). */
export interface DecodedJwt {
	header: Record<string, unknown>;
	claims: Record<string, unknown>;
	signingInput: string;
	signature: Buffer;
}

export function decodeJwt(token: string | undefined): DecodedJwt | undefined {
	const parts = (token ?? '').trim().split('.');
	if (parts.length !== 3) return undefined;
	try {
		const header = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8')) as Record<string, unknown>;
		const claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as Record<string, unknown>;
		if (!header || typeof header !== 'object' || !claims || typeof claims !== 'object') return undefined;
		return { header, claims, signingInput: `${parts[0]}.${parts[1]}`, signature: Buffer.from(parts[2], 'base64url') };
	} catch {
		return undefined;
	}
}

/** A public key from PEM (SPKI or certificate) or one JWK; undefined when unreadable. */
export function publicKeyFrom(source: string | JsonWebKey): KeyObject | undefined {
	try {
		if (typeof source === 'string') return createPublicKey(source.replace(/\\n/g, '\n').trim());
		return createPublicKey({ key: source, format: 'jwk' });
	} catch {
		return undefined;
	}
}

/** Verifies an RS256 or ES256 signature (the only algorithms accepted; never `none` or HMAC). */
export function verifyJwtSignature(jwt: DecodedJwt, keys: KeyObject[]): JwtCheck {
	const alg = jwt.header.alg;
	if (alg !== 'RS256' && alg !== 'ES256') return { valid: false, reason: `algorithm ${String(alg)} is not accepted (RS256 or ES256)` };
	for (const key of keys) {
		const fits = alg === 'RS256' ? key.asymmetricKeyType === 'rsa' : key.asymmetricKeyType === 'ec';
		if (!fits) continue;
		try {
			const ok =
				alg === 'RS256'
					? verify('RSA-SHA256', Buffer.from(jwt.signingInput), key, jwt.signature)
					: verify('sha256', Buffer.from(jwt.signingInput), { key, dsaEncoding: 'ieee-p1363' }, jwt.signature);
			if (ok) return { valid: true };
		} catch {
			/* next key */
		}
	}
	return { valid: false, reason: keys.length ? 'the signature does not match the public key' : 'no public key' };
}

/** `SHA-512=<base64>` of a body, as in an HTTP Digest header. */
export function sha512Digest(body: Buffer): string {
	return `SHA-512=${createHash('sha512').update(body).digest('base64')}`;
}
