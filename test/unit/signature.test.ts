import { createHmac } from 'crypto';

import {
	parseTimestampedSignature,
	safeEqual,
	verifyBodySignature,
	verifySharedToken,
	verifyTimestampedSignature,
} from '../../core/signature';

const secret = 'wbhsec_dummy_current_0123456789';
const oldSecret = 'wbhsec_dummy_previous_9876543210';
const body = Buffer.from('{"data":{"type":"event","id":"evt_1","attributes":{"name":"case.created"}}}');
const t = 1_767_000_000;
const sign = (s: string, ts: number, raw: Buffer = body) =>
	createHmac('sha256', s).update(`${ts}.`).update(raw).digest('hex');

describe('timestamped signatures (Persona t=…,v1=…)', () => {
	const verify = (header: string | undefined, overrides: Partial<Parameters<typeof verifyTimestampedSignature>[0]> = {}) =>
		verifyTimestampedSignature({ rawBody: body, header, secrets: [secret], toleranceSeconds: 300, nowSeconds: t + 10, ...overrides });

	it('accepts a valid signature', () => {
		expect(verify(`t=${t},v1=${sign(secret, t)}`)).toEqual({ valid: true, secretIndex: 0 });
	});

	it('rejects a signature made with another secret', () => {
		expect(verify(`t=${t},v1=${sign('wbhsec_attacker', t)}`)).toEqual({ valid: false, reason: 'mismatch' });
	});

	it('rejects a tampered body', () => {
		const tampered = Buffer.from(body.toString().replace('case.created', 'case.redacted'));
		expect(verify(`t=${t},v1=${sign(secret, t)}`, { rawBody: tampered })).toEqual({ valid: false, reason: 'mismatch' });
	});

	it('rejects a stale timestamp, and a future one, outside the tolerance', () => {
		const old = t - 301;
		expect(verify(`t=${old},v1=${sign(secret, old)}`, { nowSeconds: t })).toEqual({ valid: false, reason: 'stale' });
		const future = t + 400;
		expect(verify(`t=${future},v1=${sign(secret, future)}`, { nowSeconds: t })).toEqual({ valid: false, reason: 'stale' });
	});

	it('accepts any timestamp when the tolerance is 0', () => {
		const old = t - 86_400;
		expect(verify(`t=${old},v1=${sign(secret, old)}`, { toleranceSeconds: 0 }).valid).toBe(true);
	});

	it('accepts either group during a secret rotation, and either configured secret', () => {
		const header = `t=${t},v1=${sign(oldSecret, t)} t=${t},v1=${sign(secret, t)}`;
		expect(verify(header).valid).toBe(true);
		expect(verify(`t=${t},v1=${sign(oldSecret, t)}`, { secrets: [secret, oldSecret] })).toEqual({ valid: true, secretIndex: 1 });
	});

	it.each([
		['empty', ''],
		['no timestamp', `v1=${'a'.repeat(64)}`],
		['non-numeric timestamp', `t=abc,v1=${'a'.repeat(64)}`],
		['no v1', `t=${t}`],
		['garbage', 'hello world'],
	])('refuses a malformed header (%s)', (_name, header) => {
		expect(verify(header).valid).toBe(false);
	});

	it('reports a missing header and a missing secret distinctly', () => {
		expect(verify(undefined)).toEqual({ valid: false, reason: 'missing-signature' });
		expect(verify(`t=${t},v1=${sign(secret, t)}`, { secrets: [] })).toEqual({ valid: false, reason: 'no-secret' });
	});

	it('parses several groups and several v1 values', () => {
		expect(parseTimestampedSignature('t=1,v1=a,v1=b t=2,v1=c')).toEqual([
			{ t: '1', v1: ['a', 'b'] },
			{ t: '2', v1: ['c'] },
		]);
	});
});

describe('plain body signatures (Certn X-Signature)', () => {
	const hex = createHmac('sha256', secret).update(body).digest('hex');
	const b64 = createHmac('sha256', secret).update(body).digest('base64');

	it('accepts hex, uppercase hex, base64 and a sha256= prefix', () => {
		for (const signature of [hex, hex.toUpperCase(), b64, `sha256=${hex}`])
			expect(verifyBodySignature({ rawBody: body, signature, secrets: [secret] }).valid).toBe(true);
	});

	it('rejects a wrong signature, a tampered body and a missing header', () => {
		expect(verifyBodySignature({ rawBody: body, signature: hex.replace(/^./, hex[0] === 'a' ? 'b' : 'a'), secrets: [secret] }).valid).toBe(false);
		expect(verifyBodySignature({ rawBody: Buffer.from(`${body.toString()} `), signature: hex, secrets: [secret] }).valid).toBe(false);
		expect(verifyBodySignature({ rawBody: body, signature: undefined, secrets: [secret] })).toEqual({ valid: false, reason: 'missing-signature' });
	});
});

describe('shared tokens and constant-time compare', () => {
	it('compares strings of different lengths without throwing', () => {
		expect(safeEqual('abc', 'abcd')).toBe(false);
		expect(safeEqual('abc', 'abc')).toBe(true);
	});

	it('checks a shared token against every configured token', () => {
		expect(verifySharedToken('tok-2', ['tok-1', 'tok-2'])).toEqual({ valid: true, secretIndex: 1 });
		expect(verifySharedToken('nope', ['tok-1']).valid).toBe(false);
		expect(verifySharedToken(undefined, ['tok-1'])).toEqual({ valid: false, reason: 'missing-signature' });
	});
});
