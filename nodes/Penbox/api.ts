import type { IDataObject } from 'n8n-workflow';

import { pageNumber, type PaginationStrategy } from '../../core/paginate';
import { apiRequest, apiRequestAllItems, type RequestContext, type RequestOptions } from '../../core/request';
import type { ApiRequest, ApiResponse, VendorApi, VendorErrorInfo } from '../../core/types';

export const PENBOX_CREDENTIAL = 'penboxApi';

/**
 * Penbox's error body is documented only by one example, `{"errors":[{status,title,detail}]}`;
 * `message` and plain text are read too.
 */
export function parsePenboxError(body: unknown): VendorErrorInfo {
	if (!body || typeof body !== 'object') {
		const text = typeof body === 'string' ? body.trim() : '';
		return text && !text.startsWith('<') && text.length <= 300 ? { message: text } : {};
	}
	const doc = body as IDataObject;
	const first = Array.isArray(doc.errors) ? ((doc.errors[0] ?? {}) as IDataObject) : undefined;
	if (first) {
		const source = (first.source ?? {}) as IDataObject;
		const message = [first.title, first.detail].filter((v) => typeof v === 'string' && v).join(': ');
		return {
			message: message || undefined,
			code: typeof first.code === 'string' ? first.code : undefined,
			field: typeof source.pointer === 'string' ? source.pointer : typeof source.parameter === 'string' ? source.parameter : undefined,
		};
	}
	if (typeof doc.message === 'string') return { message: doc.message };
	if (typeof doc.error === 'string') return { message: doc.error };
	return {};
}

export const penboxApi: VendorApi = {
	vendor: 'penbox',
	displayName: 'Penbox',
	credentialType: PENBOX_CREDENTIAL,
	baseUrl: (credentials) => String(credentials.baseUrl ?? 'https://connect.penbox.io/v1'),
	parseError: parsePenboxError,
	requestIdHeaders: ['X-Request-Id', 'Request-Id'],
	// Documented: 100 requests a minute per token and 1,000 an hour per client, no headers.
	rateLimit: [
		{ limit: 100, intervalMs: 60_000 },
		{ limit: 1000, intervalMs: 3_600_000 },
	],
	secretFields: ['apiKey'],
	hints: {
		401: 'Penbox rejected the API token. Create a new token in Penbox under Settings → API (tokens start with pnbx_) and check the Base URL.',
		403: 'The API token has no access to this workspace or resource. Give the token access to the workspace in Penbox under Settings → API.',
		404: 'Nothing was found with this ID. Check the ID (a UUID) and that the token has access to its workspace.',
		409: 'Penbox refused because of the current state: a step that was already started cannot be started again.',
	},
};

const enc = encodeURIComponent;

export const penboxPaths = {
	cases: '/cases',
	count: '/cases/count',
	case: (id: string) => `/cases/${enc(id)}`,
	data: (id: string) => `/cases/${enc(id)}/data`,
	contacts: (id: string) => `/cases/${enc(id)}/contacts`,
	start: (id: string, step: string) => `/cases/${enc(id)}/start/${enc(step)}`,
	templates: '/case_templates',
	template: (id: string) => `/case_templates/${enc(id)}`,
	workspaces: '/workspaces',
	attachments: '/attachments',
	attachment: (id: string) => `/attachments/${enc(id)}`,
	response: (id: string) => `/responses/${enc(id)}`,
};

const numbered = pageNumber({ pageParam: 'page[number]', sizeParam: 'page[size]', maxPageSize: 100, itemsKeys: ['data'] });

/**
 * `page[number]` / `page[size]` (1–100) with `{meta:{total_count,total_pages,page_size,current_page}, data}`.
 * Where `meta` lacks both totals, a page is followed by the next one while it is full by the page
 * size Penbox reports (it may serve fewer than asked), or, without one, until an empty page.
 */
export const penboxPagination: PaginationStrategy = {
	...numbered,
	read(body, request, pageSize) {
		const page = numbered.read(body, request, pageSize);
		const meta = ((body as IDataObject | undefined)?.meta ?? {}) as IDataObject;
		if (meta.total_pages !== undefined || meta.total_count !== undefined || !page.items.length) return page;
		const served = Number(meta.page_size);
		const full = Number.isInteger(served) && served > 0 ? page.items.length >= served : true;
		const current = Number(meta.current_page ?? request.qs?.['page[number]'] ?? 1);
		return { items: page.items, next: full ? { ...request, qs: { ...request.qs, 'page[number]': current + 1 } } : undefined };
	},
};

/** Ids are UUIDs. */
export const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

export async function penboxResponse(this: RequestContext, request: ApiRequest, options: RequestOptions = {}): Promise<ApiResponse> {
	return await apiRequest.call(this, penboxApi, request, options);
}

export async function penboxRequest(this: RequestContext, request: ApiRequest, options: RequestOptions = {}): Promise<IDataObject> {
	const body = (await apiRequest.call(this, penboxApi, request, options)).body as unknown;
	return body && typeof body === 'object' ? (body as IDataObject) : {};
}

export async function penboxRequestAll(
	this: RequestContext,
	request: ApiRequest,
	options: RequestOptions & { limit?: number; pageSize?: number; map?: (item: IDataObject) => IDataObject } = {},
): Promise<IDataObject[]> {
	// Pages after the first are fetched at once once `total_pages` is known (core: pageConcurrencyFor).
	return await apiRequestAllItems.call(this, penboxApi, penboxPagination, request, options);
}

/** A list answer's items, whether `{meta, data}` or a bare array (deprecated routes). */
export function listItems(body: unknown): IDataObject[] {
	if (Array.isArray(body)) return body as IDataObject[];
	const data = (body as IDataObject | undefined)?.data;
	return Array.isArray(data) ? (data as IDataObject[]) : [];
}
