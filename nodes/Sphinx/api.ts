import type { IDataObject } from 'n8n-workflow';

import { renewOAuth2Token } from '../../core/oauth2';
import { collectPages, pageNumber, type CollectOptions } from '../../core/paginate';
import { apiRequest, credentialTypeOf, vendorCredentials, type RequestContext, type RequestOptions } from '../../core/request';
import { pageConcurrencyFor } from '../../core/rateWindows';
import type { ApiRequest, ApiResponse, VendorApi, VendorErrorInfo } from '../../core/types';

export const SPHINX_OAUTH2_CREDENTIAL = 'sphinxOAuth2Api';
export const SPHINX_TOKEN_CREDENTIAL = 'sphinxApi';

/**
 * Sphinx errors follow Django REST Framework: `{"detail": "…"}`, or field errors
 * `{"field": ["message"], "non_field_errors": [...]}` (nested for `customer`, `checks`);
 * the token endpoint answers RFC 6749's `{"error", "error_description"}`.
 */
export function parseSphinxError(body: unknown): VendorErrorInfo {
	if (!body || typeof body !== 'object') {
		const text = typeof body === 'string' ? body.trim() : '';
		return text && !text.startsWith('<') && text.length <= 300 ? { message: text } : {};
	}
	const doc = body as IDataObject;
	if (typeof doc.detail === 'string') return { message: doc.detail, code: typeof doc.code === 'string' ? doc.code : undefined };
	if (typeof doc.error === 'string')
		return { message: typeof doc.error_description === 'string' ? `${doc.error}: ${doc.error_description}` : doc.error, code: doc.error };
	const parts: string[] = [];
	let field: string | undefined;
	const walk = (value: unknown, path: string) => {
		if (typeof value === 'string') {
			parts.push(path && path !== 'non_field_errors' ? `${path}: ${value}` : value);
			if (path && path !== 'non_field_errors') field ??= path;
		} else if (Array.isArray(value)) {
			value.forEach((v, i) => walk(v, typeof v === 'object' && v !== null ? `${path}[${i}]` : path));
		} else if (value && typeof value === 'object') {
			for (const [k, v] of Object.entries(value as IDataObject)) walk(v, path && k !== 'non_field_errors' ? `${path}.${k}` : k);
		}
	};
	walk(doc, '');
	return parts.length ? { message: parts.join('; '), field } : {};
}

export const sphinxApi: VendorApi = {
	vendor: 'sphinx',
	displayName: 'Sphinx',
	credentialType: (ctx) =>
		ctx.getNodeParameter('authentication', 0, 'oAuth2') === 'accessToken' ? SPHINX_TOKEN_CREDENTIAL : SPHINX_OAUTH2_CREDENTIAL,
	oauth2CredentialTypes: [SPHINX_OAUTH2_CREDENTIAL],
	baseUrl: (credentials) => String(credentials.baseUrl ?? 'https://app.sphinxhq.com'),
	parseError: parseSphinxError,
	requestIdHeaders: ['X-Request-Id', 'Request-Id'],
	// Sphinx publishes no rate limit; this stays well under DRF's usual throttles, and 429s with
	// Retry-After are waited out on top.
	rateLimit: { limit: 120, intervalMs: 60_000 },
	// DRF redirects a path without its trailing slash; a redirected POST would turn into a GET.
	refuseRedirects: true,
	secretFields: ['accessToken', 'clientSecret'],
	hints: {
		401: 'Sphinx rejected the credentials. For OAuth2 check the client ID and secret; for an access token, generate a new one in the Sphinx dashboard. Check the Base URL too.',
		404: 'Nothing was found with this ID. Check the ID (a whole number), and that it belongs to the organisation of the credential. A case restarted with Allow Restart gets a new ID.',
	},
};

const enc = encodeURIComponent;

/** Every Sphinx path, with the trailing slash DRF expects. */
export const sphinxPaths = {
	cases: '/api/cases/',
	case: (id: string) => `/api/cases/${enc(id)}/`,
	start: (id: string) => `/api/cases/${enc(id)}/start/`,
	checks: '/api/checks/',
	check: (id: string) => `/api/checks/${enc(id)}/`,
	customers: '/api/customers/',
	customer: (id: string) => `/api/customers/${enc(id)}/`,
	customerUpdate: '/api/customers/update/',
	documents: '/api/documents/',
};

/** `{count, next, previous, results}` with `page` / `page_size` (at most 100, an assumption). */
export const sphinxPagination = pageNumber({ maxPageSize: 100 });

function isExpiredToken(error: unknown): boolean {
	return String((error as { httpCode?: unknown }).httpCode ?? '') === '401';
}

/**
 * One Sphinx call. With OAuth2, a 401 (the cached token expired or was revoked) lets n8n fetch a
 * new token, and the call is made once more; n8n does the token handling, this only asks for it.
 */
export async function sphinxResponse(
	this: RequestContext,
	request: ApiRequest,
	options: RequestOptions = {},
): Promise<ApiResponse> {
	let expired = false;
	const first = await apiRequest.call(this, sphinxApi, request, options).catch((error: unknown) => {
		// Decided without awaiting anything: a failed page of a concurrent Return All must stop
		// the other pages at once, before they start more (the credential type is a parameter).
		if (credentialTypeOf(this, sphinxApi, options.itemIndex ?? 0) !== SPHINX_OAUTH2_CREDENTIAL || !isExpiredToken(error)) throw error;
		expired = true;
		return undefined;
	});
	if (first && !expired) return first;
	const { type, baseUrl } = await vendorCredentials(this, sphinxApi, options.itemIndex ?? 0);
	await renewOAuth2Token(this, type, `${baseUrl}${sphinxPaths.cases}?page=1&page_size=1`);
	return await apiRequest.call(this, sphinxApi, request, options);
}

export async function sphinxRequest(
	this: RequestContext,
	request: ApiRequest,
	options: RequestOptions = {},
): Promise<IDataObject> {
	const body = (await sphinxResponse.call(this, request, options)).body as unknown;
	return body && typeof body === 'object' ? (body as IDataObject) : {};
}

/** Get Many: page numbers; the pages after the first are fetched concurrently once `count` is known. */
export async function sphinxRequestAll(
	this: RequestContext,
	request: ApiRequest,
	options: RequestOptions & { limit?: number; pageSize?: number; map?: (item: IDataObject) => IDataObject } = {},
): Promise<IDataObject[]> {
	const collect: CollectOptions & { concurrency?: number } = {
		limit: options.limit,
		pageSize: options.pageSize,
		map: options.map,
		concurrency: pageConcurrencyFor(sphinxApi.rateLimit),
		fail: (message: string): never => {
			throw new Error(`Sphinx: ${message}`);
		},
	};
	// A static token is read once for every page; OAuth2 credentials are n8n's to read and renew.
	const credentials = options.resolved ?? (await vendorCredentials(this, sphinxApi, options.itemIndex ?? 0));
	const pageOptions = credentials.type === SPHINX_OAUTH2_CREDENTIAL ? options : { ...options, resolved: credentials };
	return await collectPages(
		async (page) => (await sphinxResponse.call(this, page, pageOptions)).body,
		sphinxPagination,
		request,
		collect,
	);
}

/** Case, check, customer and document ids are integers. */
export const INTEGER_ID = /^[0-9]{1,18}$/;
