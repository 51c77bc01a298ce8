import type { INode } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { collectSecrets, redact, vendorHttpError, vendorNetworkError } from '../../core/errors';
import { SlidingWindowLimiter } from '../../core/rateLimit';
import { backoffDelayMs, defaultRetryPolicy, isRetryable, serverRequestedDelayMs } from '../../core/retry';
import { personaApi } from '../../nodes/Persona/api';
import { useVirtualClock } from '../harness/clock';

const node: INode = {
	id: 'n1',
	name: 'Persona',
	type: 'n8n-nodes-compliance-cases.persona',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};
const apiKey = 'persona_sandbox_dummy_key_123456';

describe('vendor error mapping', () => {
	it('keeps Persona\'s own message, the HTTP code, the request id, a hint and the item', () => {
		const error = vendorHttpError(
			node,
			personaApi,
			{
				statusCode: 404,
				headers: { 'request-id': 'req_abc' },
				body: { errors: [{ title: 'Not Found', details: 'Record not found' }] },
				requestId: 'req_abc',
			},
			3,
			[apiKey],
			'getting case case_X',
		);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe('Persona getting case case_X failed (HTTP 404): Record not found');
		expect(error.httpCode).toBe('404');
		expect(error.description).toContain('Check the ID');
		expect(error.description).toContain('req_abc');
		expect(error.context.itemIndex).toBe(3);
	});

	it('names the field Persona blames on validation errors', () => {
		const error = vendorHttpError(
			node,
			personaApi,
			{
				statusCode: 400,
				headers: {},
				body: { errors: [{ title: 'Bad Request', details: 'is missing', source: { pointer: '/data/attributes/case-template-id' } }] },
			},
			0,
			[],
		);
		expect(error.message).toContain('is missing');
		expect(error.description).toContain('data.attributes.case-template-id');
	});

	it('points at the key on 401 and never shows it, even when the vendor echoes it', () => {
		const error = vendorHttpError(
			node,
			personaApi,
			{ statusCode: 401, headers: {}, body: { errors: [{ title: 'Unauthorized', details: `Bad key ${apiKey}` }] } },
			0,
			collectSecrets({ apiKey, baseUrl: 'http://x' }, personaApi.secretFields),
		);
		expect(error.description).toMatch(/API key/);
		const everything = JSON.stringify({ m: error.message, d: error.description, c: error.context, r: (error as unknown as { errorResponse: unknown }).errorResponse });
		expect(everything).not.toContain(apiKey);
		expect(error.message).toContain('[redacted]');
	});

	it.each([
		['saved with surrounding spaces', (key: string) => `  ${key} `],
		['saved with its scheme', (key: string) => `Bearer ${key}`],
		['saved as one of a comma-separated list', (key: string) => `other_value_123456, ${key}`],
	])('never shows a key %s, as the vendor echoes it', (_, saved) => {
		const secrets = collectSecrets({ apiKey: saved(apiKey), baseUrl: 'http://x' }, personaApi.secretFields);
		const echoed = [`invalid token ${apiKey}`, `Authorization: Bearer ${apiKey}`, `key=${encodeURIComponent(apiKey)}`];
		for (const text of echoed) expect(redact(text, secrets)).not.toContain(apiKey);
	});

	it('says when a failed create may already have reached the vendor', () => {
		const maybe = vendorNetworkError(node, personaApi, { code: 'ECONNRESET' }, 1, [], true);
		expect(maybe.message).toBe('Could not complete the request to Persona: the connection was reset');
		expect(maybe.description).toContain('ECONNRESET');
		expect(maybe.description).toMatch(/not safe to send it again/);
		const notSent = vendorNetworkError(node, personaApi, { code: 'ECONNREFUSED' }, 1, [], false);
		expect(notSent.description).toMatch(/base URL/);
	});

	it('redacts nested values', () => {
		expect(redact({ a: [`x${apiKey}y`], b: { c: apiKey } }, [apiKey])).toEqual({ a: ['x[redacted]y'], b: { c: '[redacted]' } });
	});
});

describe('retry decisions', () => {
	const now = Date.parse('2026-11-22T10:00:00Z');

	it('reads Retry-After seconds and dates, and RateLimit-Reset deltas and timestamps', () => {
		expect(serverRequestedDelayMs({ 'Retry-After': '3' }, now)).toBe(3000);
		expect(serverRequestedDelayMs({ 'retry-after': 'Sun, 22 Nov 2026 10:00:05 GMT' }, now)).toBe(5000);
		expect(serverRequestedDelayMs({ 'RateLimit-Reset': '12' }, now)).toBe(12000);
		expect(serverRequestedDelayMs({ 'x-ratelimit-reset': String(now / 1000 + 7) }, now)).toBe(7000);
		expect(serverRequestedDelayMs({}, now)).toBeUndefined();
	});

	it('grows the backoff and caps it', () => {
		const policy = { ...defaultRetryPolicy, baseDelayMs: 100, maxDelayMs: 1000 };
		expect(backoffDelayMs(0, policy, () => 1)).toBe(100);
		expect(backoffDelayMs(2, policy, () => 1)).toBe(400);
		expect(backoffDelayMs(10, policy, () => 1)).toBe(1000);
	});

	it('retries reads on 429/5xx/network, and a create without idempotency only where it was not processed', () => {
		expect(isRetryable({ kind: 'status', statusCode: 503 }, 'read', false)).toBe(true);
		expect(isRetryable({ kind: 'status', statusCode: 404 }, 'read', false)).toBe(false);
		expect(isRetryable({ kind: 'status', statusCode: 429 }, 'create', false)).toBe(true);
		expect(isRetryable({ kind: 'status', statusCode: 503 }, 'create', false)).toBe(false);
		expect(isRetryable({ kind: 'status', statusCode: 503 }, 'create', true)).toBe(true);
		expect(isRetryable({ kind: 'network', code: 'ECONNRESET' }, 'create', false)).toBe(false);
		expect(isRetryable({ kind: 'network', code: 'ECONNREFUSED' }, 'create', false)).toBe(true);
		expect(isRetryable({ kind: 'network', code: 'ETIMEDOUT' }, 'read', false)).toBe(true);
	});
});

describe('sliding-window rate limiter', () => {
	let clock: ReturnType<typeof useVirtualClock>;
	beforeEach(() => (clock = useVirtualClock(1_000_000)));
	afterEach(() => clock.restore());

	it('never lets more than `limit` requests into any window', async () => {
		const limiter = new SlidingWindowLimiter(5, 1000);
		const times: number[] = [];
		for (let i = 0; i < 12; i++) {
			await limiter.acquire();
			times.push(clock.now);
		}
		for (let i = 5; i < times.length; i++) expect(times[i] - times[i - 5]).toBeGreaterThanOrEqual(1000);
		expect(times[4]).toBe(times[0]);
	});

	it('holds every caller while the server says the budget is spent', async () => {
		const limiter = new SlidingWindowLimiter(100, 1000);
		limiter.blockFor(2500);
		const start = clock.now;
		await limiter.acquire();
		expect(clock.now - start).toBe(2500);
	});
});


describe('redact: credentials after an auth scheme', () => {
	it('cuts a token no saved field names (an OAuth2 access token fetched during the request), keeps ordinary words', () => {
		const token = ['sphx', 'at', 'e32c537e7d48d30a0fbd300b53f8'].join('_');
		expect(redact(`Not found. (request had authorization: Bearer ${token})`, [])).toBe('Not found. (request had authorization: Bearer [redacted])');
		expect(redact({ detail: `Api-Key ${token}x` }, [])).toEqual({ detail: 'Api-Key [redacted]' });
		expect(redact('Basic authentication failed; Token verification failed', [])).toBe('Basic authentication failed; Token verification failed');
	});
});
