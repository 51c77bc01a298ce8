import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { apiRequest, apiRequestAllItems, idempotencyKeyFor, type RequestContext, type RequestOptions } from '../../core/request';
import type { ApiRequest, ApiResponse, VendorApi, VendorErrorInfo } from '../../core/types';
import { zenooBaseUrl } from './environments';
import { zenooCursor } from './paging';

/**
 * Zenoo error bodies: `{error: "<CODE>", message, request_id}` as documented. A field name is read
 * where one is sent (`field`, `param`, `details[].field`), and the request id goes into the message
 * because Zenoo documents it in the body rather than in a header.
 */
export function parseZenooError(body: unknown): VendorErrorInfo {
	if (!body || typeof body !== 'object') {
		const text = typeof body === 'string' ? body.trim() : '';
		return text && !text.startsWith('<') && text.length <= 300 ? { message: text } : {};
	}
	const doc = body as IDataObject;
	const nested = doc.error && typeof doc.error === 'object' ? (doc.error as IDataObject) : undefined;
	const code = [nested?.code, doc.error, doc.code].find((v): v is string => typeof v === 'string' && v !== '');
	const text = [nested?.message, doc.message, doc.detail].find((v): v is string => typeof v === 'string' && v !== '');
	const details = Array.isArray(doc.details) ? (doc.details as IDataObject[]) : [];
	const field = [doc.field, doc.param, nested?.field, ...details.map((d) => d?.field)].find(
		(v): v is string => typeof v === 'string' && v !== '',
	);
	const requestId = [doc.request_id, nested?.request_id, (doc.meta as IDataObject | undefined)?.request_id].find(
		(v): v is string => typeof v === 'string' && v !== '',
	);
	const tags = [code, requestId ? `request ${requestId}` : undefined].filter(Boolean).join(', ');
	const message = text ?? code;
	return { message: message ? `${message}${tags && message !== code ? ` (${tags})` : ''}` : undefined, field, code };
}

export const zenooApi: VendorApi = {
	vendor: 'zenoo',
	displayName: 'Zenoo',
	credentialType: 'zenooApi',
	baseUrl: zenooBaseUrl,
	parseError: parseZenooError,
	requestIdHeaders: ['X-Request-Id', 'Request-Id'],
	// Zenoo publishes no number; 60 per minute per key keeps clear of its 429s in practice (assumption).
	rateLimit: { limit: 60, intervalMs: 60_000 },
	idempotencyHeader: 'Idempotency-Key',
	refuseRedirects: true,
	secretFields: ['apiKey'],
	hints: {
		401: 'Zenoo rejected the API key. Check the key in the Zenoo credential and its environment: a staging key only works on staging, a production key only on production. A rotated key stops working at once.',
		403: 'The key is valid but may not do this (the audit trail, for example, can never be changed). Check the key\'s project permissions in Zenoo.',
		404: 'Nothing was found with this token. Check the token (cas_…, alt_…, ent_…, rsk_…) and that it belongs to the same Zenoo project and environment as the credential.',
		409: 'Zenoo refused the change in the record\'s current state.',
		429: 'Zenoo\'s rate limit was still exceeded after waiting (Retry-After) and retrying. Lower the number of items per run, or run the workflow later.',
	},
};

/** Token formats Zenoo documents (`^cas_[a-zA-Z0-9]+$`, …). */
export const TOKEN_PATTERNS = {
	case: /^cas_[A-Za-z0-9]+$/,
	entity: /^ent_[A-Za-z0-9]+$/,
	alert: /^alt_[A-Za-z0-9]+$/,
	check: /^chk_[A-Za-z0-9]+$/,
	riskAssessment: /^rsk_[A-Za-z0-9]+$/,
};

/** User ids (assignees, reviewers, mentions): the format is not documented, so only URL-safe. */
export const USER_ID_PATTERN = /^[A-Za-z0-9_.@+-]{1,200}$/;

const enc = encodeURIComponent;

export const zenooPaths = {
	cases: '/v1/cases',
	case: (token: string) => `/v1/cases/${enc(token)}`,
	caseSub: (token: string, sub: string) => `/v1/cases/${enc(token)}/${sub}`,
	alerts: '/v1/alerts',
	alert: (token: string) => `/v1/alerts/${enc(token)}`,
	alertAction: (token: string, action: string) => `/v1/alerts/${enc(token)}/${action}`,
	alertsBulk: (action: string) => `/v1/alerts/bulk/${action}`,
	entities: '/v1/entities',
	entity: (token: string) => `/v1/entities/${enc(token)}`,
	entitySub: (token: string, sub: string) => `/v1/entities/${enc(token)}/${sub}`,
	riskAssessment: (token: string) => `/v1/risk-assessments/${enc(token)}`,
	riskAssessmentAction: (token: string, action: string) => `/v1/risk-assessments/${enc(token)}/${action}`,
	webhooks: '/v1/webhooks',
	webhook: (id: string) => `/v1/webhooks/${enc(id)}`,
};

/** The object inside Zenoo's `{data, meta}` envelope (or the body itself when it has none). */
export function dataOf(body: unknown): IDataObject {
	if (!body || typeof body !== 'object' || Array.isArray(body)) return {};
	const doc = body as IDataObject;
	if ('data' in doc && doc.data && typeof doc.data === 'object' && !Array.isArray(doc.data)) return doc.data as IDataObject;
	return doc;
}

export async function zenooResponse(
	this: RequestContext,
	request: ApiRequest,
	options: RequestOptions = {},
): Promise<ApiResponse> {
	return await apiRequest.call(this, zenooApi, request, options);
}

/** One call; the `data` object of the answer. */
export async function zenooRequest(
	this: RequestContext,
	request: ApiRequest,
	options: RequestOptions = {},
): Promise<IDataObject> {
	return dataOf((await apiRequest.call(this, zenooApi, request, options)).body);
}

/** Every page (or up to `limit` items) of a list endpoint. */
export async function zenooRequestAll(
	this: RequestContext,
	request: ApiRequest,
	options: RequestOptions & { limit?: number; map?: (item: IDataObject) => IDataObject } = {},
): Promise<IDataObject[]> {
	return await apiRequestAllItems.call(this, zenooApi, zenooCursor, request, options);
}

/**
 * Zenoo documents `Idempotency-Key` as a UUID. The core's key (same for every attempt at one item
 * of one run, including n8n's Retry On Fail) is reshaped into one, so a strict server accepts it.
 */
export function zenooIdempotencyKey(ctx: IExecuteFunctions, itemIndex: number, payload: unknown): string {
	const hex = idempotencyKeyFor(ctx, itemIndex, payload).replace(/[^0-9a-f]/gi, '').toLowerCase().padEnd(32, '0');
	const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * A POST or PATCH: sent with an Idempotency-Key (the user's own, or one derived from the run and
 * the item), so Zenoo replays its first answer if a retry reaches it again; retried on 429, 5xx
 * and network errors with that same key.
 */
export async function zenooMutation(
	this: IExecuteFunctions,
	itemIndex: number,
	request: ApiRequest,
	options: RequestOptions & { idempotencyKey?: string } = {},
): Promise<IDataObject> {
	const key = options.idempotencyKey || zenooIdempotencyKey(this, itemIndex, { method: request.method, path: request.path, body: request.body ?? null });
	return await zenooRequest.call(this, { ...request, sideEffect: 'create' }, { ...options, itemIndex, idempotencyKey: key });
}

export async function getCase(this: RequestContext, caseToken: string, itemIndex: number, extra: RequestOptions = {}): Promise<IDataObject> {
	return await zenooRequest.call(
		this,
		{ method: 'GET', path: zenooPaths.case(caseToken) },
		{ itemIndex, context: `getting case ${caseToken}`, ...extra },
	);
}
