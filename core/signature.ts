import { createHash, createHmac, timingSafeEqual } from 'crypto';

/**
 * Constant-time string comparison. Both sides are hashed first so that neither the content
 * nor the length of the expected value leaks through timing.
 */
export function safeEqual(a: string, b: string): boolean {
	const da = createHash('sha256').update(a, 'utf8').digest();
	const db = createHash('sha256').update(b, 'utf8').digest();
	return timingSafeEqual(da, db);
}

export function hmacSha256(secret: string, payload: Buffer | string, encoding: 'hex' | 'base64' = 'hex'): string {
	return createHmac('sha256', secret).update(payload).digest(encoding);
}

export type VerifyResult =
	| { valid: true; secretIndex: number }
	| { valid: false; reason: 'missing-signature' | 'no-secret' | 'malformed' | 'stale' | 'mismatch' };

/**
 * Plain HMAC-SHA256 of the raw body (Certn's `X-Signature`): hex or base64, with or without a
 * `sha256=` prefix; any of several secrets may match (rotation).
 */
export function verifyBodySignature(options: {
	rawBody: Buffer | string;
	signature: string | undefined;
	secrets: string[];
}): VerifyResult {
	const secrets = options.secrets.filter((s) => s !== '');
	if (!secrets.length) return { valid: false, reason: 'no-secret' };
	const signature = options.signature?.trim();
	if (!signature) return { valid: false, reason: 'missing-signature' };
	const given = signature.replace(/^sha256=/i, '');
	for (let i = 0; i < secrets.length; i++) {
		const hex = hmacSha256(secrets[i], options.rawBody, 'hex');
		const b64 = hmacSha256(secrets[i], options.rawBody, 'base64');
		if (safeEqual(given.toLowerCase(), hex) || safeEqual(given, b64)) return { valid: true, secretIndex: i };
	}
	return { valid: false, reason: 'mismatch' };
}

export interface SignatureGroup {
	t: string;
	v1: string[];
}

/**
 * Parses `t=1709686052,v1=abc` headers; several groups may be separated by spaces
 * (Persona during secret rotation). Returns undefined for anything malformed.
 */
export function parseTimestampedSignature(header: string | undefined): SignatureGroup[] | undefined {
	if (!header || !header.trim()) return undefined;
	const groups: SignatureGroup[] = [];
	for (const chunk of header.trim().split(/\s+/)) {
		let t: string | undefined;
		const v1: string[] = [];
		for (const pair of chunk.split(',')) {
			const at = pair.indexOf('=');
			if (at <= 0) continue;
			const key = pair.slice(0, at).trim();
			const value = pair.slice(at + 1).trim();
			if (key === 't') t = value;
			else if (key === 'v1' && value) v1.push(value);
		}
		if (!t || !/^\d+$/.test(t) || !v1.length) return undefined;
		groups.push({ t, v1 });
	}
	return groups.length ? groups : undefined;
}

/**
 * Stripe-style `t=…,v1=…` signature over `"<t>.<raw body>"`, checked against every secret and
 * every group, with a replay window (`toleranceSeconds`, 0 = no window).
 */
export function verifyTimestampedSignature(options: {
	rawBody: Buffer | string;
	header: string | undefined;
	secrets: string[];
	toleranceSeconds: number;
	nowSeconds: number;
}): VerifyResult {
	const secrets = options.secrets.filter((s) => s !== '');
	if (!secrets.length) return { valid: false, reason: 'no-secret' };
	if (!options.header || !options.header.trim()) return { valid: false, reason: 'missing-signature' };
	const groups = parseTimestampedSignature(options.header);
	if (!groups) return { valid: false, reason: 'malformed' };
	const body = Buffer.isBuffer(options.rawBody) ? options.rawBody : Buffer.from(options.rawBody, 'utf8');
	let matchedButStale = false;
	for (const group of groups) {
		const fresh =
			options.toleranceSeconds <= 0 ||
			Math.abs(options.nowSeconds - Number(group.t)) <= options.toleranceSeconds;
		for (let i = 0; i < secrets.length; i++) {
			const expected = createHmac('sha256', secrets[i]).update(`${group.t}.`).update(body).digest('hex');
			if (group.v1.some((candidate) => safeEqual(candidate.toLowerCase(), expected))) {
				if (fresh) return { valid: true, secretIndex: i };
				matchedButStale = true;
			}
		}
	}
	return { valid: false, reason: matchedButStale ? 'stale' : 'mismatch' };
}

/** Shared-token check for vendors that do not sign (Sphinx): constant time, any of the tokens. */
export function verifySharedToken(given: string | undefined, tokens: string[]): VerifyResult {
	const live = tokens.filter((t) => t !== '');
	if (!live.length) return { valid: false, reason: 'no-secret' };
	if (!given) return { valid: false, reason: 'missing-signature' };
	const index = live.findIndex((token) => safeEqual(given, token));
	return index >= 0 ? { valid: true, secretIndex: index } : { valid: false, reason: 'mismatch' };
}
