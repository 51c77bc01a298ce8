import type { IExecuteFunctions, IHttpRequestOptions, INode } from 'n8n-workflow';

import { vendorHttpError } from '../../core/errors';
import { apiRequest } from '../../core/request';
import type { VendorApi } from '../../core/types';

const node: INode = { id: 'n1', name: 'V', type: 'x.v', typeVersion: 1, position: [0, 0], parameters: {} };

const api: VendorApi = {
	vendor: 'certn',
	displayName: 'Vendor',
	credentialType: 'vendorApi',
	baseUrl: () => 'https://api.vendor.test',
	parseError: (body) => ({ message: (body as { detail?: string })?.detail }),
	requestIdHeaders: [],
	rateLimit: { limit: 1000, intervalMs: 1000 },
	refuseRedirects: true,
	secretFields: ['apiKey'],
};

/** A context whose request helpers record what they were asked to send. */
function fakeContext() {
	const sent: Array<{ auth: boolean; options: IHttpRequestOptions }> = [];
	const reply = async (options: IHttpRequestOptions) => ({
		statusCode: 200,
		headers: {},
		body: options.encoding === 'arraybuffer' ? Buffer.from('%PDF-1.4') : { results: [] },
	});
	const ctx = {
		getNode: () => node,
		getCredentials: async () => ({ apiKey: 'secret-key-123' }),
		helpers: {
			httpRequest: async (options: IHttpRequestOptions) => (sent.push({ auth: false, options }), await reply(options)),
			httpRequestWithAuthentication: async (_type: string, options: IHttpRequestOptions) => (sent.push({ auth: true, options }), await reply(options)),
		},
	} as unknown as IExecuteFunctions;
	return { ctx, sent };
}

describe('core: redirects and anonymous requests', () => {
	it('refuses redirects on authenticated requests but lets presigned downloads follow them', async () => {
		const { ctx, sent } = fakeContext();
		await apiRequest.call(ctx, api, { method: 'GET', path: '/cases/' });
		await apiRequest.call(ctx, api, { method: 'GET', url: 'https://files.test/r.pdf?sig=1', anonymous: true, encoding: 'arraybuffer' });
		expect(sent.map((s) => [s.auth, s.options.disableFollowRedirect])).toEqual([
			[true, true],
			[false, undefined],
		]);
		expect(sent[1].options.url).toBe('https://files.test/r.pdf?sig=1');
		expect(sent[1].options.encoding).toBe('arraybuffer');
	});
});

describe('core: explained HTTP errors', () => {
	it('replaces the lead of the message and the hint, keeping the vendor\'s words and the code', () => {
		const error = vendorHttpError(
			node,
			api,
			{ statusCode: 409, headers: {}, body: { detail: 'state conflict secret-key-123' } },
			1,
			['secret-key-123'],
			'doing it',
			{ message: 'Vendor refused to do it: the thing is locked', hint: 'Unlock it first.' },
		);
		expect(error.message).toBe('Vendor refused to do it: the thing is locked (HTTP 409; Vendor says: state conflict [redacted])');
		expect(error.description).toBe('Unlock it first.');
		expect(error.httpCode).toBe('409');
		expect(error.context.itemIndex).toBe(1);
	});

	it('keeps the generic wording without an explanation', () => {
		const error = vendorHttpError(node, api, { statusCode: 409, headers: {}, body: { detail: 'conflict' } }, 0, [], 'doing it');
		expect(error.message).toBe('Vendor doing it failed (HTTP 409): conflict');
	});
});

describe('core: parallel items', () => {
	it('starts no further items once one has failed', async () => {
		const { mapWithConcurrency } = await import('../../core/execute');
		const started: number[] = [];
		const run = mapWithConcurrency(20, 4, async (i) => {
			started.push(i);
			await Promise.resolve();
			if (i === 2) throw new Error('item 2 failed');
			return i;
		});
		await expect(run).rejects.toThrow('item 2 failed');
		// The four first items were already running; nothing after the failure was started.
		expect(started.length).toBeLessThanOrEqual(7);
		expect(started).not.toContain(19);
	});

	it('keeps the index order of results', async () => {
		const { mapWithConcurrency } = await import('../../core/execute');
		expect(await mapWithConcurrency(5, 2, async (i) => i * 10)).toEqual([0, 10, 20, 30, 40]);
	});
});
