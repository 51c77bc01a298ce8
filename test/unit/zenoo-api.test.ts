import type { ICredentialDataDecryptedObject, IDataObject, INode, INodeType, INodeTypes } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { ZenooApi } from '../../credentials/ZenooApi.credentials';
import { parseZenooError, zenooApi } from '../../nodes/Zenoo/api';
import { ZENOO_BASE_URL_EXPRESSION, ZENOO_HOSTS, zenooBaseUrl } from '../../nodes/Zenoo/environments';
import { looksLikeCase, normalizeZenooCase } from '../../nodes/Zenoo/normalize';
import { zenooCursor } from '../../nodes/Zenoo/paging';

async function resolveWithCredentials(expression: string, credentials: ICredentialDataDecryptedObject): Promise<unknown> {
	const nodeType: INodeType = {
		description: { displayName: 'Mock', name: 'mock', group: [], version: 1, description: '', defaults: {}, inputs: [], outputs: [], properties: [] },
	};
	const nodeTypes: INodeTypes = { getByName: () => nodeType, getByNameAndVersion: () => nodeType, getKnownTypes: () => ({}) };
	const node: INode = { id: 'n', name: 'mock', type: 'mock', typeVersion: 1, position: [0, 0], parameters: {} };
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	return await workflow.expression.withIsolate(async () =>
		workflow.expression.getSimpleParameterValue(node, expression, 'internal', { $credentials: credentials }, undefined, ''),
	);
}

describe('Zenoo base URL: credential test and node agree', () => {
	const cases: Array<[string, ICredentialDataDecryptedObject, string]> = [
		['production', { environment: 'production' }, 'https://instance.prod.onboardapp.io'],
		['staging', { environment: 'staging' }, 'https://instance.staging.onboardapp.io'],
		['custom', { environment: 'custom', baseUrl: 'http://127.0.0.1:4012' }, 'http://127.0.0.1:4012'],
		['custom with /v1/ pasted', { environment: 'custom', baseUrl: ' https://instance.prod-eu.onboardapp.io/v1/ ' }, 'https://instance.prod-eu.onboardapp.io'],
		['a lingering custom URL is ignored', { environment: 'staging', baseUrl: 'http://ignored' }, 'https://instance.staging.onboardapp.io'],
	];
	it.each(cases)('%s', async (_name, credentials, expected) => {
		expect(zenooBaseUrl(credentials)).toBe(expected);
		expect(zenooApi.baseUrl(credentials)).toBe(expected);
		expect(await resolveWithCredentials(ZENOO_BASE_URL_EXPRESSION, credentials)).toBe(expected);
	});

	it('the credential sends X-API-KEY and tests with the smallest case list on the same base URL', () => {
		const credential = new ZenooApi();
		expect(credential.name).toBe('zenooApi');
		expect(credential.authenticate.properties.headers).toEqual({ 'X-API-KEY': '={{$credentials.apiKey}}' });
		expect(credential.test.request).toMatchObject({ baseURL: ZENOO_BASE_URL_EXPRESSION, url: '/v1/cases', qs: { limit: 1 } });
		const props = Object.fromEntries(credential.properties.map((p) => [p.name, p]));
		expect(Object.keys(props)).toEqual(['apiKey', 'environment', 'baseUrl']);
		expect(props.apiKey.typeOptions).toEqual({ password: true });
		expect((props.environment.options as Array<{ value: string }>).map((o) => o.value)).toEqual([...Object.keys(ZENOO_HOSTS), 'custom']);
		expect(props.baseUrl.displayOptions).toEqual({ show: { environment: ['custom'] } });
	});
});

describe('Zenoo error bodies', () => {
	it('reads {error, message, request_id}', () => {
		expect(parseZenooError({ error: 'VALIDATION_ERROR', message: 'decision is required', request_id: 'req_1' })).toEqual({
			message: 'decision is required (VALIDATION_ERROR, request req_1)',
			code: 'VALIDATION_ERROR',
			field: undefined,
		});
	});
	it('reads nested and partial shapes, a field where sent, and short plain text', () => {
		expect(parseZenooError({ error: { code: 'CONFLICT', message: 'open alerts', field: 'status' } })).toEqual({ message: 'open alerts (CONFLICT)', code: 'CONFLICT', field: 'status' });
		expect(parseZenooError({ error: 'RATE_LIMITED' })).toEqual({ message: 'RATE_LIMITED', code: 'RATE_LIMITED', field: undefined });
		expect(parseZenooError('Bad gateway')).toEqual({ message: 'Bad gateway' });
		expect(parseZenooError('<html>oops</html>')).toEqual({});
		expect(parseZenooError(undefined)).toEqual({});
	});
});

describe('Zenoo cursor paging, read defensively', () => {
	const request = { method: 'GET' as const, path: '/v1/cases', qs: { status: 'New' } };
	const page = (body: unknown) => zenooCursor.read(body, { ...request, qs: { ...request.qs, limit: 10 } }, 10);
	it('asks for `limit` and re-sends the filters with the cursor', () => {
		expect(zenooCursor.first({ ...request, qs: { ...request.qs, cursor: 'stale' } }, 25).qs).toEqual({ status: 'New', limit: 25 });
		expect(page({ data: [{ token: 'a' }], meta: { page: { cursor: 'c2', has_more: true } } })).toEqual({
			items: [{ token: 'a' }],
			next: { ...request, qs: { status: 'New', limit: 10, cursor: 'c2' } },
		});
	});
	it('has_more false ends even with a cursor; a cursor without has_more goes on; no cursor ends', () => {
		expect(page({ data: [], meta: { page: { cursor: 'c2', has_more: false } } }).next).toBeUndefined();
		expect(page({ data: [{}], meta: { page: { cursor: 'c3' } } }).next?.qs?.cursor).toBe('c3');
		expect(page({ data: [{}], meta: { page: { cursor: null, has_more: true } } }).next).toBeUndefined();
		expect(page({ data: [{}], meta: {} }).next).toBeUndefined();
		expect(page({ data: [{}], meta: { next_cursor: 'c4' } }).next?.qs?.cursor).toBe('c4');
		expect(page([{ token: 'x' }]).items).toEqual([{ token: 'x' }]);
	});
});

describe('Zenoo case → normalized case', () => {
	const full: IDataObject = {
		token: 'cas_1',
		name: 'CAS-000142',
		status: 'Closed',
		decision: 'Approve',
		risk_score: 42,
		assigned_to: 'usr_1',
		created_at: '2026-01-02T03:04:05Z',
		updated_at: '2026-01-03T03:04:05Z',
	};
	it('maps the reference shape', () => {
		expect(normalizeZenooCase(full)).toEqual({
			vendor: 'zenoo',
			id: 'cas_1',
			reference: 'CAS-000142',
			status: 'Closed',
			outcome: 'Approve',
			riskScore: 42,
			assignee: 'usr_1',
			createdAt: '2026-01-02T03:04:05.000Z',
			updatedAt: '2026-01-03T03:04:05.000Z',
		});
	});
	it('reads the data-model shape (user objects, embedded assessment) and missing fields as null', () => {
		expect(normalizeZenooCase({ token: 'cas_2', assigned_to: { id: 'usr_9', name: 'Ann' }, risk_assessment: { overall_score: 71 }, start_date: '2026-02-01' })).toMatchObject({
			assignee: 'usr_9',
			riskScore: 71,
			createdAt: '2026-02-01T00:00:00.000Z',
			reference: null,
			status: null,
			outcome: null,
			updatedAt: null,
		});
		expect(looksLikeCase(full)).toBe(true);
		expect(looksLikeCase({ case_token: 'cas_1' })).toBe(false);
	});
});
