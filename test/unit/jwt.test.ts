import { decodeJwt, publicKeyFrom, sha512Digest, verifyJwtSignature } from '../../core/jwt';
import { createSigner } from '../../simulators/penbox/signing';

describe('core/jwt (Penbox webhook signatures)', () => {
	it.each(['RS256', 'ES256'])('verifies %s with a PEM or a JWK, and refuses another key', (alg) => {
		const signer = createSigner(alg);
		const other = createSigner(alg);
		const body = '{"a":1}';
		const headers = signer.sign({ url: 'https://x.example/hook', body, now: 1_700_000_000_000, tamper: undefined }) as Record<string, string>;
		const jwt = decodeJwt(headers['x-pnbx-signature']);
		expect(jwt?.claims).toEqual(expect.objectContaining({ aud: 'https://x.example/hook', method: 'POST', digest: sha512Digest(Buffer.from(body)) }));
		expect(verifyJwtSignature(jwt!, [publicKeyFrom(signer.publicKeyPem)!]).valid).toBe(true);
		const jwk = (signer.jwks() as { keys: object[] }).keys[0];
		expect(verifyJwtSignature(jwt!, [publicKeyFrom(jwk as never)!]).valid).toBe(true);
		expect(verifyJwtSignature(jwt!, [publicKeyFrom(other.publicKeyPem)!])).toEqual({ valid: false, reason: 'the signature does not match the public key' });
	});

	it('refuses alg none and HMAC, and unreadable tokens or keys', () => {
		const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{}').toString('base64url')}.`;
		expect(verifyJwtSignature(decodeJwt(none)!, [])).toEqual({ valid: false, reason: 'algorithm none is not accepted (RS256 or ES256)' });
		const hs = `${Buffer.from('{"alg":"HS256"}').toString('base64url')}.${Buffer.from('{}').toString('base64url')}.abc`;
		expect(verifyJwtSignature(decodeJwt(hs)!, []).valid).toBe(false);
		expect(decodeJwt('a.b')).toBeUndefined();
		expect(decodeJwt(undefined)).toBeUndefined();
		expect(publicKeyFrom('not a key')).toBeUndefined();
	});
});
