import type { IDataObject } from 'n8n-workflow';

import { jsonApiCursor } from '../../core/paginate';
import { apiRequest, apiRequestAllItems, type RequestContext, type RequestOptions } from '../../core/request';
import type { ApiRequest, VendorApi } from '../../core/types';

/**
 * The Persona API version every request is pinned to. 2025-12-08 is the newest version the
 * vendor notes describe completely: set-status takes `meta.status`, custom fields live under
 * `data.attributes.fields`, nothing is `included` unless asked for.
 */
export const PERSONA_VERSION = '2025-12-08';

/** Pinned so parsing never depends on the account's default key casing. */
export const PERSONA_KEY_INFLECTION = 'kebab';

export const PERSONA_DEFAULT_BASE_URL = 'https://api.withpersona.com/api/v1';

interface PersonaErrorBody {
	errors?: Array<{ title?: string; details?: string; detail?: string; source?: { pointer?: string } }>;
}

export const personaApi: VendorApi = {
	vendor: 'persona',
	displayName: 'Persona',
	credentialType: 'personaApi',
	baseUrl: (credentials) => String(credentials.baseUrl || PERSONA_DEFAULT_BASE_URL),
	defaultHeaders: {
		'Persona-Version': PERSONA_VERSION,
		'Key-Inflection': PERSONA_KEY_INFLECTION,
	},
	parseError(body) {
		const errors = (body as PersonaErrorBody | undefined)?.errors;
		if (!Array.isArray(errors) || !errors.length) return {};
		const parts = errors.map((e) => e.details ?? e.detail ?? e.title).filter(Boolean);
		const pointer = errors.find((e) => e.source?.pointer)?.source?.pointer;
		return {
			message: parts.join('; ') || undefined,
			field: pointer ? pointer.replace(/^\//, '').replace(/\//g, '.') : undefined,
		};
	},
	requestIdHeaders: ['Request-Id', 'X-Request-Id'],
	// 300 requests per minute per environment (Persona's documented production default).
	rateLimit: { limit: 300, intervalMs: 60_000 },
	idempotencyHeader: 'Idempotency-Key',
	refuseRedirects: true,
	secretFields: ['apiKey', 'webhookSecret'],
	hints: {
		401: 'Persona rejected the API key. Check the key in the Persona credential; sandbox keys only work in the sandbox environment, production keys only in production.',
		422: 'Persona refused the change for this case in its current state. Status names are those configured on the case template (case-sensitive, e.g. "Approved").',
	},
};

export const CASE_ID_PATTERN = /^case_[A-Za-z0-9]+$/;

export async function personaRequest(
	this: RequestContext,
	request: ApiRequest,
	options: RequestOptions = {},
): Promise<IDataObject> {
	const response = await apiRequest.call(this, personaApi, request, options);
	return response.body as IDataObject;
}

export async function personaRequestAll(
	this: RequestContext,
	request: ApiRequest,
	options: RequestOptions & { limit?: number; map?: (item: IDataObject) => IDataObject } = {},
): Promise<IDataObject[]> {
	return await apiRequestAllItems.call(this, personaApi, jsonApiCursor, request, options);
}

/** A case document's `data` with its `included` objects attached, as users see it raw. */
export function caseWithIncluded(doc: IDataObject): IDataObject {
	const data = (doc.data ?? {}) as IDataObject;
	const included = doc.included as IDataObject[] | undefined;
	return included?.length ? { ...data, included } : data;
}
