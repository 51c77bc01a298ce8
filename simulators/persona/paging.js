'use strict';

const { SimError } = require('../lib/errors');
const { bracketGroup, buildQuery } = require('../lib/query');

/**
 * Persona's cursor pagination (`page[size|after|before]`, `links.prev/next`) and the variants a
 * client must survive, because Persona does not promise more than a cursor in its links:
 *
 * - `nextLinks: 'full'` (default) links like Persona's own: relative path, cursor, `page[size]`
 *   and every other parameter of the request; `'cursor-only'`: only `page[after]` / `page[before]`.
 * - `shortPages`: serve fewer items than `page[size]` although more remain (`true` = about half a
 *   page, a number = at most that many items; always fewer than `page[size]` unless it is 1, never empty).
 * - `linkOrigin`: `null` (default) relative links; `'self'` absolute links on the simulator's own
 *   origin; any other origin (`http://127.0.0.1:4999`) absolute links pointing to that host.
 */

/**
 * @typedef {Object} PersonaPagingSettings
 * @property {'full' | 'cursor-only'} nextLinks
 * @property {boolean | number} shortPages
 * @property {string | null} linkOrigin
 */

/** @type {PersonaPagingSettings} */
const DEFAULT_PAGING = { nextLinks: 'full', shortPages: false, linkOrigin: null };

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const badRequest = (details, pointer) => new SimError(400, 'Bad Request', details, pointer ? { pointer } : {});
const badParameter = (details, parameter) => new SimError(400, 'Bad Request', details, { parameter });

/**
 * Validates paging settings on top of `base`; throws TypeError (a 400 on the control API).
 * @param {Partial<PersonaPagingSettings>} input
 * @param {PersonaPagingSettings} [base]
 * @returns {PersonaPagingSettings}
 */
function pagingSettings(input, base = DEFAULT_PAGING) {
	if (!isObject(input)) throw new TypeError('paging settings must be an object');
	const out = { ...base };
	for (const [key, value] of Object.entries(input)) {
		if (key === 'nextLinks') {
			if (!['full', 'cursor-only'].includes(/** @type {string} */ (value))) throw new TypeError('nextLinks must be full or cursor-only');
			out.nextLinks = /** @type {'full' | 'cursor-only'} */ (value);
		} else if (key === 'shortPages') {
			if (typeof value !== 'boolean' && !(Number.isInteger(value) && /** @type {number} */ (value) >= 1)) {
				throw new TypeError('shortPages must be a boolean or a positive integer');
			}
			out.shortPages = /** @type {boolean | number} */ (value);
		} else if (key === 'linkOrigin') {
			if (value === null || value === 'self') out.linkOrigin = value;
			else {
				let origin = '';
				try {
					const url = new URL(String(value));
					origin = ['http:', 'https:'].includes(url.protocol) ? url.origin : '';
				} catch {
					origin = '';
				}
				if (!origin) throw new TypeError('linkOrigin must be null, self or an http(s) origin');
				out.linkOrigin = origin;
			}
		} else throw new TypeError(`unknown paging setting ${key}`);
	}
	return out;
}

/**
 * `page[size|after|before]` from the query string, falling back to a body `page` object (search).
 * @param {Record<string, string | string[]>} query
 * @param {any} [bodyPage]
 */
function readPage(query, bodyPage) {
	const group = bracketGroup(query, 'page');
	for (const key of Object.keys(group)) {
		if (!['size', 'after', 'before'].includes(key)) throw badParameter(`page[${key}] is not a permitted parameter`, `page[${key}]`);
	}
	if (bodyPage !== undefined && !isObject(bodyPage)) throw badRequest('page must be an object', '/page');
	const source = (name) => (group[name] !== undefined ? { value: group[name], fromBody: false } : { value: bodyPage ? bodyPage[name] : undefined, fromBody: true });
	const fail = (name, details, fromBody) => (fromBody ? badRequest(details, `/page/${name}`) : badParameter(details, `page[${name}]`));

	const sizeIn = source('size');
	let size = 10;
	if (sizeIn.value !== undefined && sizeIn.value !== '') {
		size = typeof sizeIn.value === 'number' ? sizeIn.value : /^\d+$/.test(String(sizeIn.value)) ? Number(sizeIn.value) : NaN;
		if (!Number.isInteger(size) || size < 1) throw fail('size', 'page[size] must be an integer between 1 and 100', sizeIn.fromBody);
		if (size > 100) throw fail('size', 'page[size] must be less than or equal to 100', sizeIn.fromBody);
	}
	const cursor = (name) => {
		const { value, fromBody } = source(name);
		if (value === undefined || value === null || value === '') return undefined;
		if (typeof value !== 'string') throw fail(name, `page[${name}] must be a string`, fromBody);
		return value;
	};
	const after = cursor('after');
	const before = cursor('before');
	if (after && before) throw badParameter('page[after] and page[before] cannot be combined', 'page[after]');
	return { size, after, before };
}

/** How many items a page holds: `page[size]`, or fewer with `shortPages`. */
function servedSize(size, settings) {
	if (!settings.shortPages || size <= 1) return size;
	const cap = settings.shortPages === true ? Math.ceil(size / 2) : Math.min(size - 1, /** @type {number} */ (settings.shortPages));
	return Math.max(1, Math.min(size, cap));
}

/**
 * Cursor pagination over an already sorted list. The cursor object need not be in `items`
 * (e.g. filtered out): its position comes from the sort order.
 * @template T
 * @param {T[]} items
 * @param {(a: T, b: T) => number} compare
 * @param {{ size: number, after?: string, before?: string }} page
 * @param {(id: string) => T | undefined} find
 * @param {PersonaPagingSettings} [settings]
 */
function paginate(items, compare, page, find, settings = DEFAULT_PAGING) {
	const size = servedSize(page.size, settings);
	const cursorOf = (name, id) => {
		const cursor = find(id);
		if (!cursor) throw badParameter(`page[${name}] ${id} does not exist`, `page[${name}]`);
		return cursor;
	};
	// `items` is sorted by `compare`: the first index where `pred` holds, by binary search
	// (large seeded lists for benchmarks would otherwise be scanned on every page).
	const firstWhere = (pred) => {
		let lo = 0;
		let hi = items.length;
		while (lo < hi) {
			const mid = (lo + hi) >>> 1;
			if (pred(items[mid])) hi = mid;
			else lo = mid + 1;
		}
		return lo;
	};
	if (page.after) {
		const cursor = cursorOf('after', page.after);
		const start = firstWhere((i) => compare(cursor, i) < 0);
		const slice = items.slice(start, start + size);
		return { slice, hasNext: items.length - start > size, hasPrev: slice.length > 0 && start > 0 };
	}
	if (page.before) {
		const cursor = cursorOf('before', page.before);
		const end = firstWhere((i) => compare(i, cursor) >= 0);
		const slice = items.slice(Math.max(0, end - size), end);
		return { slice, hasPrev: end > size, hasNext: slice.length > 0 && end < items.length };
	}
	return { slice: items.slice(0, size), hasNext: items.length > size, hasPrev: false };
}

/**
 * `links` for a page. By default like Persona's: `/api/v1/cases?page%5Bafter%5D=case_…&page%5Bsize%5D=10`
 * keeping every non-page parameter (filters, fields) of the request; see the variants above.
 * @param {{ basePath: string, origin: string, settings?: PersonaPagingSettings }} where
 * @param {string} resourcePath e.g. `/cases`
 * @param {Record<string, string | string[]>} query
 * @param {{ size: number }} page
 * @param {{ slice: Array<{ id: string }>, hasNext: boolean, hasPrev: boolean }} result
 */
function pageLinks(where, resourcePath, query, page, result) {
	const settings = where.settings || DEFAULT_PAGING;
	const prefix = settings.linkOrigin === 'self' ? where.origin : settings.linkOrigin || '';
	/** @type {Array<[string, string | string[]]>} */
	const preserved = settings.nextLinks === 'full' ? Object.entries(query).filter(([key]) => !key.startsWith('page[')) : [];
	/** @type {Array<[string, string | number]>} */
	const size = settings.nextLinks === 'full' ? [['page[size]', page.size]] : [];
	const link = (cursorKey, id) => `${prefix}${where.basePath}${resourcePath}?${buildQuery([[cursorKey, id], ...size, ...preserved])}`;
	const { slice } = result;
	return {
		prev: result.hasPrev ? link('page[before]', slice[0].id) : null,
		next: result.hasNext ? link('page[after]', slice[slice.length - 1].id) : null,
	};
}

module.exports = { DEFAULT_PAGING, pagingSettings, readPage, paginate, pageLinks };
