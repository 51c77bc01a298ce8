import type { IDataObject } from 'n8n-workflow';

import { pageNumber } from '../../core/paginate';
import { apiRequest, apiRequestAllItems, type RequestContext, type RequestOptions } from '../../core/request';
import type { ApiRequest, ApiResponse, VendorApi, VendorErrorInfo } from '../../core/types';
import { certnBaseUrl } from './environments';

/**
 * Certn error bodies: `{type, errors:[{code, detail, attr}]}` as documented; integrations also
 * meet a bare `{detail}` (DRF's default), so that is read too.
 */
export function parseCertnError(body: unknown): VendorErrorInfo {
	if (!body || typeof body !== 'object') {
		const text = typeof body === 'string' ? body.trim() : '';
		// An HTML error page says nothing useful; a short plain text might.
		return text && !text.startsWith('<') && text.length <= 300 ? { message: text } : {};
	}
	const doc = body as { type?: unknown; errors?: unknown; detail?: unknown; message?: unknown };
	const errors = Array.isArray(doc.errors) ? (doc.errors as Array<{ code?: unknown; detail?: unknown; attr?: unknown }>) : [];
	const parts = errors
		.map((e) => {
			const detail = typeof e?.detail === 'string' ? e.detail : undefined;
			const attr = typeof e?.attr === 'string' && e.attr ? e.attr : undefined;
			if (!detail) return attr ? `${attr}: invalid` : undefined;
			return attr && !detail.startsWith(attr) ? `${attr}: ${detail}` : detail;
		})
		.filter((p): p is string => !!p);
	const field = errors.map((e) => e?.attr).find((a): a is string => typeof a === 'string' && a !== '');
	const code = errors.map((e) => e?.code).find((c): c is string => typeof c === 'string' && c !== '');
	const fallback = [doc.detail, doc.message].find((v): v is string => typeof v === 'string' && v !== '');
	const message = parts.length ? parts.join('; ') : fallback;
	return {
		message,
		field,
		code: code ?? (typeof doc.type === 'string' ? doc.type : undefined),
	};
}

export const certnApi: VendorApi = {
	vendor: 'certn',
	displayName: 'Certn',
	credentialType: 'certnApi',
	baseUrl: certnBaseUrl,
	parseError: parseCertnError,
	requestIdHeaders: ['X-Request-Id', 'Request-Id'],
	// Two integrations quote 60 requests/minute for Centric; Certn publishes no number we could read.
	rateLimit: { limit: 60, intervalMs: 60_000 },
	// Array filters go as `?overall_status=A&overall_status=B` (OpenAPI's form/explode default).
	arrayFormat: 'repeat',
	// A POST redirected for a missing trailing slash would silently turn into a GET.
	refuseRedirects: true,
	secretFields: ['apiKey', 'webhookSecret'],
	hints: {
		401: 'Certn rejected the API key. Check the key in the Certn credential and its environment: sandbox keys work only on the sandbox host, and production keys only in their own region (CA, UK or AU). Keys expire 365 days after creation.',
		403: 'The API key is valid but may not do this. Check the key\'s account permissions in Certn\'s Client Portal (Integrations).',
		404: 'Nothing was found with this ID. Check the ID, and that it belongs to the same Certn environment and region as the credential.',
		429: 'Certn\'s rate limit (about 60 requests per minute) was still exceeded after waiting and retrying. Lower the number of items per run, or run the workflow later.',
	},
};

/** Case ids are UUIDs (Certn's docs: "use the returned id"); `short_id` is the human reference. */
export const CASE_ID_PATTERN = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** Report-file, package and group ids: their format is not documented, so only URL-safe is required. */
export const OPAQUE_ID_PATTERN = /^[A-Za-z0-9_-]{1,100}$/;

const enc = encodeURIComponent;

/** Every Centric path, always with the trailing slash Certn's docs write. */
export const certnPaths = {
	cases: '/api/public/cases/',
	case: (caseId: string) => `/api/public/cases/${enc(caseId)}/`,
	caseAction: (caseId: string, action: string) => `/api/public/cases/${enc(caseId)}/${action}/`,
	order: '/api/public/cases/order/',
	orderPackage: '/api/public/cases/order-package/',
	reportFile: (reportFileId: string) => `/api/public/cases/report-files/${enc(reportFileId)}/`,
};

/** Reads both pagination envelopes Certn's docs show; `page_size` is at most 100. */
export const certnPagination = pageNumber({ maxPageSize: 100 });

export async function certnRequest(
	this: RequestContext,
	request: ApiRequest,
	options: RequestOptions = {},
): Promise<IDataObject> {
	const response = await apiRequest.call(this, certnApi, request, options);
	const body = response.body as unknown;
	return body && typeof body === 'object' ? (body as IDataObject) : {};
}

/** The full response (status, headers), for answers whose status matters (cancel, downloads). */
export async function certnResponse(
	this: RequestContext,
	request: ApiRequest,
	options: RequestOptions = {},
): Promise<ApiResponse> {
	return await apiRequest.call(this, certnApi, request, options);
}

export async function certnRequestAll(
	this: RequestContext,
	request: ApiRequest,
	options: RequestOptions & { limit?: number; map?: (item: IDataObject) => IDataObject } = {},
): Promise<IDataObject[]> {
	return await apiRequestAllItems.call(this, certnApi, certnPagination, request, options);
}

export async function getCase(this: RequestContext, caseId: string, itemIndex: number): Promise<IDataObject> {
	return await certnRequest.call(
		this,
		{ method: 'GET', path: certnPaths.case(caseId) },
		{ itemIndex, context: `getting case ${caseId}` },
	);
}
