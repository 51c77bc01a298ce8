import type { ICredentialDataDecryptedObject, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { ApiResponse, VendorApi } from './types';

const REDACTED = '[redacted]';

/**
 * Secret values of a credential, to be scrubbed from anything shown to users: each value as
 * saved, trimmed (a key saved with a stray space still works at the vendor, and is echoed
 * without it), without a scheme it was saved with (`Bearer …`), each entry of a
 * comma-separated list, and URL-encoded; longest first, so a value is never half-redacted.
 */
export function collectSecrets(
	credentials: ICredentialDataDecryptedObject | undefined,
	fields: string[],
): string[] {
	if (!credentials) return [];
	const values: unknown[] = fields.map((field) => credentials[field]);
	for (const key of ['oauthTokenData']) {
		const token = credentials[key] as { access_token?: unknown; refresh_token?: unknown } | undefined;
		if (token) values.push(token.access_token, token.refresh_token);
	}
	const secrets = new Set<string>();
	for (const value of values) {
		if (typeof value !== 'string') continue;
		// A field may hold a comma-separated list (two webhook secrets during a rotation), and a
		// key may be saved with its scheme ("Bearer …"), which the vendor then echoes without it.
		const parts = [value, ...value.split(',')]
			.map((part) => part.trim())
			.flatMap((part) => [part, part.replace(/^(bearer|api-key|token|basic)\s+/i, '')]);
		for (const form of [value, ...parts, ...parts.map(encodeURIComponent)])
			// Very short values would redact ordinary words; no real key is that short.
			if (form.length >= 6) secrets.add(form);
	}
	return [...secrets].sort((a, b) => b.length - a.length);
}

/**
 * A credential after its scheme (`Authorization: Bearer …`, `Api-Key …`, `Token …`, `Basic …`) in
 * text a vendor sent back. Catches what no saved field names: the access token n8n fetched for an
 * OAuth2 credential during this very request, which the vendor then echoes.
 */
// The value must hold a digit or an underscore, so words ("Basic authentication failed") stay.
const SCHEME_CREDENTIAL = /\b(Bearer|Api-Key|Token|Basic)(\s+)(?!\[redacted\])(?=[A-Za-z.~+/=-]*[0-9_])[A-Za-z0-9._~+/=-]{8,}/gi;

export function redact<T>(value: T, secrets: string[]): T {
	if (typeof value === 'string') {
		let out: string = value;
		for (const secret of secrets) out = out.split(secret).join(REDACTED);
		return out.replace(SCHEME_CREDENTIAL, `$1$2${REDACTED}`) as T;
	}
	if (Array.isArray(value)) return value.map((v) => redact(v, secrets)) as T;
	if (value && typeof value === 'object' && !Buffer.isBuffer(value)) {
		const out: Record<string, unknown> = {};
		for (const [k, v] of Object.entries(value)) out[k] = redact(v, secrets);
		return out as T;
	}
	return value;
}

function defaultHint(status: number, api: VendorApi, field?: string): string | undefined {
	const name = api.displayName;
	if (api.hints?.[status]) return api.hints[status];
	if (status === 401)
		return `${name} rejected the credentials. Check the API key in the ${name} credential and that it belongs to the environment its base URL points at.`;
	if (status === 403)
		return `The key is valid but may not do this. Check the key's permissions (and any IP allowlist) in ${name}'s dashboard.`;
	if (status === 404)
		return `Nothing was found with this ID. Check the ID, and that it belongs to the same ${name} environment as the credential.`;
	if (status === 409) return `${name} reports a conflict with the current state of the record.`;
	if (status === 400 || status === 422)
		return field
			? `Check the value sent for "${field}".`
			: `${name} rejected a value in the request. Check the node's fields.`;
	if (status === 429)
		return `${name}'s rate limit was still exceeded after waiting and retrying. Lower the number of items per run, or run the workflow later.`;
	if (status >= 500)
		return `${name} had a server-side problem and did not recover after retries. Try again later.`;
	return undefined;
}

export function requestIdOf(api: VendorApi, headers: ApiResponse['headers']): string | undefined {
	for (const name of api.requestIdHeaders) {
		for (const [key, value] of Object.entries(headers ?? {})) {
			if (key.toLowerCase() === name.toLowerCase() && value !== undefined)
				return Array.isArray(value) ? value[0] : value;
		}
	}
	return undefined;
}

/**
 * What an operation knows about a refusal that the generic wording does not (e.g. "Certn cancels
 * only while every check is still waiting"): replaces the message's lead and the hint.
 */
export interface HttpErrorExplanation {
	/** Replaces the standard "<Vendor> <context> failed (HTTP n)" message. */
	message?: string;
	/** Replaces the standard hint for the status. */
	hint?: string;
}

/** An HTTP error answer from the vendor, as a NodeApiError carrying the vendor's own words. */
export function vendorHttpError(
	node: INode,
	api: VendorApi,
	response: ApiResponse,
	itemIndex: number,
	secrets: string[],
	context?: string,
	explanation?: HttpErrorExplanation,
): NodeApiError {
	const info = api.parseError(response.body);
	const status = response.statusCode;
	const vendorMessage = info.message ? redact(info.message, secrets) : undefined;
	const message = explanation?.message
		? `${explanation.message} (HTTP ${status}${vendorMessage ? `; ${api.displayName} says: ${vendorMessage}` : ''})`
		: `${api.displayName} ${context ? `${context} ` : ''}failed (HTTP ${status})${
				vendorMessage ? `: ${vendorMessage}` : ''
			}`;
	const lines = [explanation?.hint ?? defaultHint(status, api, info.field)];
	if (info.field) lines.push(`Field: ${info.field}`);
	if (response.requestId) lines.push(`${api.displayName} request ID: ${response.requestId}`);
	const errorResponse: JsonObject = {
		httpCode: String(status),
		message: vendorMessage ?? null,
		vendor: api.vendor,
		requestId: response.requestId ?? null,
		body: redact(toJson(response.body), secrets),
	};
	const error = new NodeApiError(node, errorResponse, {
		message,
		description: lines.filter(Boolean).join('\n'),
		httpCode: String(status),
		itemIndex,
	});
	return error;
}

const NETWORK_WORDS: Record<string, string> = {
	ECONNRESET: 'the connection was reset',
	ECONNREFUSED: 'the connection was refused',
	ECONNABORTED: 'the request timed out',
	ETIMEDOUT: 'the request timed out',
	ENOTFOUND: 'the host name could not be resolved',
	EAI_AGAIN: 'the host name could not be resolved',
	ETRUNCATED: 'the response was cut off before it was complete',
	ENOTJSON: 'the answer was an HTML page (or other text), not the JSON the API sends',
};

/** A request that got no HTTP answer at all (timeout, reset, refused, cut off). */
export function vendorNetworkError(
	node: INode,
	api: VendorApi,
	cause: { message?: string; code?: string },
	itemIndex: number,
	secrets: string[],
	mayHaveReachedVendor: boolean,
): NodeApiError {
	// n8n rewrites messages that contain raw error codes, so the code goes into the description.
	const words = (cause.code && NETWORK_WORDS[cause.code]) ?? 'the request failed without an answer';
	const advice = mayHaveReachedVendor
		? `The request may have reached ${api.displayName} before the connection failed, and it is not safe to send it again automatically (it could create a duplicate). Check in ${api.displayName} whether it was created before re-running this item.`
		: `Check the base URL in the ${api.displayName} credential and the network path (proxy, firewall) to it.`;
	const detail = redact(cause.message ?? '', secrets);
	const description = [advice, cause.code ? `Error code: ${cause.code}` : undefined, detail ? `Detail: ${detail}` : undefined]
		.filter(Boolean)
		.join('\n');
	return new NodeApiError(
		node,
		{ reason: words, networkCode: cause.code ?? null, vendor: api.vendor },
		{ message: `Could not complete the request to ${api.displayName}: ${words}`, description, itemIndex },
	);
}

/** Bad input found before anything was sent: names the field and the item. */
export function invalidInput(
	node: INode,
	itemIndex: number,
	field: string,
	problem: string,
	fix?: string,
): NodeOperationError {
	return new NodeOperationError(node, `${field}: ${problem} [item ${itemIndex}]`, {
		itemIndex,
		description: fix,
	});
}

function toJson(body: unknown): JsonObject | string | null {
	if (body === undefined || body === null) return null;
	if (Buffer.isBuffer(body)) return body.toString('utf8').slice(0, 2000);
	if (typeof body === 'string') return body.slice(0, 2000);
	if (typeof body === 'object') return body as JsonObject;
	return String(body);
}
