'use strict';

/**
 * Minimal method + path router. Patterns use `:name` for one path segment and a trailing
 * `*` for "anything below". Parameters are percent-decoded.
 */

/**
 * @param {string} pattern e.g. `/api/v1/cases/:caseId/add-tag`
 * @returns {{ regex: RegExp, names: string[] }}
 */
function compilePattern(pattern) {
	const names = [];
	const source = pattern
		.split('/')
		.map((segment) => {
			if (segment === '*') {
				names.push('*');
				return '(.*)';
			}
			if (segment.startsWith(':')) {
				names.push(segment.slice(1));
				return '([^/]+)';
			}
			return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
		})
		.join('/');
	return { regex: new RegExp(`^${source}/?$`), names };
}

/**
 * @param {{ regex: RegExp, names: string[] }} compiled
 * @param {string} path
 * @returns {Record<string, string> | null}
 */
function matchPattern(compiled, path) {
	const m = compiled.regex.exec(path);
	if (!m) return null;
	/** @type {Record<string, string>} */
	const params = {};
	compiled.names.forEach((name, i) => {
		try {
			params[name] = decodeURIComponent(m[i + 1]);
		} catch {
			params[name] = m[i + 1];
		}
	});
	return params;
}

/**
 * @template H
 */
class Router {
	constructor() {
		/** @type {Array<{ method: string, pattern: string, compiled: ReturnType<typeof compilePattern>, handler: H, options: Record<string, any> }>} */
		this.routes = [];
	}

	/**
	 * @param {string} method
	 * @param {string} pattern
	 * @param {H} handler
	 * @param {Record<string, any>} [options]
	 */
	add(method, pattern, handler, options = {}) {
		this.routes.push({ method: method.toUpperCase(), pattern, compiled: compilePattern(pattern), handler, options });
		return this;
	}

	/**
	 * First registered route whose method and pattern match.
	 * @param {string} method
	 * @param {string} path
	 */
	match(method, path) {
		for (const route of this.routes) {
			if (route.method !== method.toUpperCase()) continue;
			const params = matchPattern(route.compiled, path);
			if (params) return { route, params };
		}
		return null;
	}
}

module.exports = { Router, compilePattern, matchPattern };
