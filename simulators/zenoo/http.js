'use strict';

const { SimError } = require('../lib/errors');

/**
 * Zenoo's HTTP conventions: the `{data, meta}` envelope, cursor pages (`limit` 1–100, default 25,
 * `meta.page.{cursor, has_more}`), and `{error, message, request_id}` errors with Zenoo's codes.
 * Paging can play variants where a real API may differ from the docs (settings.paging).
 */

const CODE_BY_STATUS = {
	400: 'VALIDATION_ERROR',
	401: 'UNAUTHORIZED',
	403: 'FORBIDDEN',
	404: 'NOT_FOUND',
	405: 'METHOD_NOT_ALLOWED',
	406: 'NOT_ACCEPTABLE',
	409: 'CONFLICT',
	429: 'RATE_LIMITED',
	500: 'INTERNAL_ERROR',
	502: 'PROVIDER_ERROR',
	503: 'SERVICE_UNAVAILABLE',
	504: 'SERVICE_UNAVAILABLE',
};

const invalid = (message) => new SimError(400, 'VALIDATION_ERROR', message, { code: 'VALIDATION_ERROR' });

/** @param {string} requestId */
function ok(requestId, data, status = 200) {
	return { status, body: { data, meta: { request_id: requestId } } };
}

/**
 * One page of `items` for `ctx.query` (`cursor`, `limit`). The cursor is opaque (an offset and the
 * list's name), so a cursor from another list is refused.
 * @param {{ query: Record<string, any>, requestId: string, path: string }} ctx
 * @param {any[]} items
 * @param {{ maxPageSize?: number, hasMore?: 'send' | 'omit', cursorOnLastPage?: boolean, total?: boolean }} paging
 */
/** One page of `items`; `map` (e.g. a serializer) is applied to that page's items only. */
function paged(ctx, items, paging = {}, map = undefined) {
	const rawLimit = ctx.query.limit;
	const limit = rawLimit === undefined ? 25 : Number(rawLimit);
	if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw invalid('limit must be an integer from 1 to 100');
	let offset = 0;
	if (ctx.query.cursor !== undefined) {
		const decoded = decodeCursor(String(ctx.query.cursor));
		if (!decoded || decoded.p !== ctx.path) throw invalid('cursor is invalid or belongs to another list');
		offset = decoded.o;
	}
	const size = paging.maxPageSize ? Math.min(limit, paging.maxPageSize) : limit;
	const raw = items.slice(offset, offset + size);
	const slice = map ? raw.map(map) : raw;
	const more = offset + slice.length < items.length;
	const cursor = more || paging.cursorOnLastPage ? encodeCursor({ p: ctx.path, o: offset + slice.length }) : null;
	const page = { cursor };
	if (paging.hasMore !== 'omit') page.has_more = more;
	const meta = { request_id: ctx.requestId, page };
	if (paging.total) meta.total = items.length;
	return { status: 200, body: { data: slice, meta } };
}

function encodeCursor(value) {
	return `cur_${Buffer.from(JSON.stringify(value)).toString('base64url')}`;
}

function decodeCursor(text) {
	if (!text.startsWith('cur_')) return null;
	try {
		const value = JSON.parse(Buffer.from(text.slice(4), 'base64url').toString('utf8'));
		return value && typeof value.o === 'number' && value.o >= 0 ? value : null;
	} catch {
		return null;
	}
}

// ---------------------------------------------------------------- body validation

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

function requireBody(body) {
	if (!isObject(body)) throw invalid('The request body must be a JSON object');
	return body;
}

/**
 * A string field: `required`, `max` length, `oneOf` values; undefined when absent and optional.
 * @param {any} body
 * @param {string} field
 * @param {{ required?: boolean, max?: number, oneOf?: string[], nullable?: boolean }} [o]
 */
function str(body, field, o = {}) {
	const value = body ? body[field] : undefined;
	if (value === undefined || (value === null && o.nullable)) {
		if (o.required) throw invalid(`${field} is required`);
		return value;
	}
	if (typeof value !== 'string' || (o.required && value.trim() === '')) throw invalid(`${field} must be a${o.required ? ' non-empty' : ''} string`);
	if (o.max && value.length > o.max) throw invalid(`${field} must be at most ${o.max} characters`);
	if (o.oneOf && !o.oneOf.includes(value)) throw invalid(`${field} must be one of ${o.oneOf.join(', ')}`);
	return value;
}

function bool(body, field) {
	const value = body ? body[field] : undefined;
	if (value === undefined) return undefined;
	if (typeof value !== 'boolean') throw invalid(`${field} must be a boolean`);
	return value;
}

function obj(body, field) {
	const value = body ? body[field] : undefined;
	if (value === undefined || value === null) return undefined;
	if (!isObject(value)) throw invalid(`${field} must be an object`);
	return value;
}

/** Rejects fields the endpoint does not take (Zenoo validates its bodies). */
function onlyFields(body, allowed, where = 'body') {
	const extra = Object.keys(body || {}).filter((k) => !allowed.includes(k));
	if (extra.length) throw invalid(`Unknown field${extra.length > 1 ? 's' : ''} in ${where}: ${extra.join(', ')}`);
}

/** A query filter that must be one of `values` when present. */
function queryEnum(query, name, values) {
	const value = query[name];
	if (value === undefined) return undefined;
	if (Array.isArray(value) || !values.includes(value)) throw invalid(`${name} must be one of ${values.join(', ')}`);
	return value;
}

module.exports = { CODE_BY_STATUS, invalid, ok, paged, requireBody, str, bool, obj, onlyFields, queryEnum, isObject };
