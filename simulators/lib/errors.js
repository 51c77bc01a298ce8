'use strict';

/**
 * Thrown by route handlers to answer with a vendor-shaped error. The server turns it into a body
 * with the vendor's `errorBody(status, title, details, extra)` hook.
 */
class SimError extends Error {
	/**
	 * @param {number} status
	 * @param {string} title
	 * @param {string} [details]
	 * @param {{ pointer?: string, parameter?: string, headers?: Record<string, string>, [k: string]: any }} [extra]
	 */
	constructor(status, title, details, extra = {}) {
		super(details || title);
		this.status = status;
		this.title = title;
		this.details = details;
		this.extra = extra;
	}
}

module.exports = { SimError };
