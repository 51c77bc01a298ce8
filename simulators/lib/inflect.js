'use strict';

/**
 * Key inflection (`kebab` / `camel` / `snake`) for vendors that echo key casing on request,
 * like Persona's `Key-Inflection` header. Simulators keep their state in kebab-case and convert
 * on the way out; incoming bodies are normalised to kebab-case so any casing is accepted.
 */

/** Splits a key into lowercase words: `createdAt`, `created_at`, `created-at` → [created, at]. */
function words(key) {
	return key
		.replace(/([a-z0-9])([A-Z])/g, '$1 $2')
		.replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
		.split(/[\s_-]+/)
		.filter(Boolean)
		.map((w) => w.toLowerCase());
}

const INFLECTORS = {
	kebab: (key) => words(key).join('-'),
	snake: (key) => words(key).join('_'),
	camel: (key) =>
		words(key)
			.map((w, i) => (i === 0 ? w : w.charAt(0).toUpperCase() + w.slice(1)))
			.join(''),
};

/**
 * @param {string} key
 * @param {'kebab' | 'camel' | 'snake'} style
 */
function inflectKey(key, style) {
	const fn = INFLECTORS[style];
	if (!fn) throw new Error(`unknown inflection ${style}`);
	// Memoised: every response converts the same few dozen keys (large lists would otherwise
	// spend most of their time here).
	const memo = MEMO[style];
	let out = memo.get(key);
	if (out === undefined) {
		out = fn(key);
		if (memo.size < 10000) memo.set(key, out);
	}
	return out;
}

/** @type {Record<string, Map<string, string>>} */
const MEMO = { kebab: new Map(), snake: new Map(), camel: new Map() };

/**
 * Deeply converts object keys.
 * @param {any} value
 * @param {'kebab' | 'camel' | 'snake'} style
 * @param {(parentKey: string | undefined, key: string) => boolean} [keepVerbatim]
 *   return true to copy the value under `key` without touching its keys (parent/key are the
 *   kebab-case names), e.g. Persona's `attributes.fields`.
 * @param {string} [parentKey]
 * @returns {any}
 */
function inflectKeys(value, style, keepVerbatim, parentKey) {
	if (Array.isArray(value)) return value.map((v) => inflectKeys(v, style, keepVerbatim, parentKey));
	if (!value || typeof value !== 'object') return value;
	/** @type {Record<string, any>} */
	const out = {};
	for (const [key, child] of Object.entries(value)) {
		const kebab = inflectKey(key, 'kebab');
		const verbatim = keepVerbatim ? keepVerbatim(parentKey, kebab) : false;
		out[inflectKey(key, style)] = verbatim ? child : inflectKeys(child, style, keepVerbatim, kebab);
	}
	return out;
}

module.exports = { inflectKey, inflectKeys, words };
