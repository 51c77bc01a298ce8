'use strict';

const { clone } = require('./util');

/**
 * Log of the vendor API requests a simulator received, for tests to assert on what a client
 * actually sent. Credentials are never stored: only whether they were present and valid.
 *
 * @typedef {Object} RequestLogEntry
 * @property {number} seq
 * @property {string} time ISO timestamp of arrival
 * @property {string} requestId
 * @property {string} method
 * @property {string} path
 * @property {Record<string, string | string[]>} query
 * @property {Record<string, string>} headers only the selected ones (lower-case names)
 * @property {{ present: boolean, valid: boolean | null }} auth valid is null when not checked
 * @property {any} body parsed JSON body, or the raw text when it was not JSON, or null
 * @property {number | null} status null when no answer was sent (reset fault)
 * @property {string | null} fault type of the injected fault, if any
 * @property {string[]} warnings things the simulator silently tolerated (e.g. ignored attributes)
 * @property {boolean} [idempotentReplay]
 * @property {string} [error] unexpected handler exception
 * @property {number} [durationMs]
 */

class RequestLog {
	constructor() {
		/** @type {RequestLogEntry[]} */
		this.entries = [];
		this.seq = 0;
	}

	/** @param {Omit<RequestLogEntry, 'seq'>} entry */
	add(entry) {
		const full = { seq: ++this.seq, ...entry };
		this.entries.push(full);
		return full;
	}

	/** @returns {RequestLogEntry[]} copies */
	list() {
		return clone(this.entries);
	}

	clear() {
		this.entries = [];
	}
}

module.exports = { RequestLog };
