'use strict';

/**
 * Answers of the faults that are not errors of the vendor's own shape (see ./faults.js):
 * `html` (a page a proxy, load balancer or maintenance mode puts in front of the API) and
 * `repeat` (the answer given before to the same route: a page served twice).
 */

/** @param {{ status?: number, body?: string }} fault */
function htmlPage(fault) {
	const body =
		typeof fault.body === 'string'
			? fault.body
			: '<!DOCTYPE html>\n<html><head><title>Service temporarily unavailable</title></head>\n<body><h1>We\'ll be back soon</h1><p>The service is under maintenance.</p></body></html>\n';
	return { status: fault.status ?? 200, body, headers: { 'Content-Type': 'text/html; charset=utf-8' } };
}

/** The last successful answer per method and path (query ignored), for `repeat` faults. */
class AnswerMemory {
	constructor() {
		/** @type {Map<string, { status: number, body: unknown, headers?: Record<string, string> }>} */
		this.answers = new Map();
	}

	/** @param {string} method @param {string} path @param {{ status: number, body: unknown, headers?: Record<string, string> }} response */
	remember(method, path, response) {
		if (response && response.status >= 200 && response.status < 300) this.answers.set(`${method} ${path}`, response);
	}

	/** @param {string} method @param {string} path */
	recall(method, path) {
		return this.answers.get(`${method} ${path}`);
	}

	clear() {
		this.answers.clear();
	}
}

module.exports = { htmlPage, AnswerMemory };
