'use strict';

/**
 * Query-string handling for JSON:API style parameters.
 *
 * Clients send bracketed keys either literally (`page[size]=10`) or percent-encoded
 * (`page%5Bsize%5D=10`); both decode to the same flat key `page[size]`. Keys that repeat
 * (`a=1&a=2`) or end in `[]` become arrays.
 */

function decodeComponent(text) {
	// Form encoding: '+' is a space. Malformed escapes are kept verbatim rather than throwing,
	// because a simulator should answer with a vendor error, not crash.
	const spaced = text.replace(/\+/g, ' ');
	try {
		return decodeURIComponent(spaced);
	} catch {
		return spaced;
	}
}

/**
 * @param {string} search the part after '?', with or without the '?'
 * @returns {Record<string, string | string[]>} flat map of decoded keys
 */
function parseQuery(search) {
	/** @type {Record<string, string | string[]>} */
	const out = {};
	const text = search.startsWith('?') ? search.slice(1) : search;
	if (!text) return out;
	for (const part of text.split('&')) {
		if (!part) continue;
		const eq = part.indexOf('=');
		let key = decodeComponent(eq === -1 ? part : part.slice(0, eq));
		const value = eq === -1 ? '' : decodeComponent(part.slice(eq + 1));
		const forceArray = key.endsWith('[]');
		if (forceArray) key = key.slice(0, -2);
		const existing = out[key];
		if (existing === undefined) out[key] = forceArray ? [value] : value;
		else if (Array.isArray(existing)) existing.push(value);
		else out[key] = [existing, value];
	}
	return out;
}

/**
 * Collects `prefix[name]` keys into `{ name: value }`.
 * @param {Record<string, string | string[]>} query
 * @param {string} prefix e.g. `filter`
 * @returns {Record<string, string | string[]>}
 */
function bracketGroup(query, prefix) {
	/** @type {Record<string, string | string[]>} */
	const out = {};
	const start = prefix + '[';
	for (const [key, value] of Object.entries(query)) {
		if (key.startsWith(start) && key.endsWith(']')) out[key.slice(start.length, -1)] = value;
	}
	return out;
}

/** Percent-encodes a key but shows brackets as %5B/%5D, as vendors' own `links` do. */
function encodeKey(key) {
	return encodeURIComponent(key);
}

/**
 * Builds a query string (without '?') from ordered [key, value] pairs; array values repeat.
 * @param {Array<[string, string | number | Array<string | number>]>} pairs
 */
function buildQuery(pairs) {
	const parts = [];
	for (const [key, value] of pairs) {
		const values = Array.isArray(value) ? value : [value];
		for (const v of values) parts.push(`${encodeKey(key)}=${encodeURIComponent(String(v))}`);
	}
	return parts.join('&');
}

module.exports = { parseQuery, bracketGroup, buildQuery, decodeComponent };
