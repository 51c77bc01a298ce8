'use strict';

const crypto = require('node:crypto');

/** Promise that resolves after `ms` milliseconds (tests in .ts may not use timers directly). */
function delay(ms) {
	return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}

/** Unpredictable id for things that need not be reproducible (request ids, secrets). */
function randomId(prefix, length = 24) {
	const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
	const bytes = crypto.randomBytes(length);
	let out = prefix;
	for (const b of bytes) out += alphabet[b % alphabet.length];
	return out;
}

/** JSON with sorted object keys, so semantically equal bodies compare equal. */
function canonicalJson(value) {
	if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
	if (value && typeof value === 'object') {
		return `{${Object.keys(value)
			.sort()
			.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`)
			.join(',')}}`;
	}
	return JSON.stringify(value) ?? 'null';
}

/** Deep copy of JSON-compatible data, so callers cannot mutate simulator state. */
function clone(value) {
	return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

module.exports = { delay, randomId, canonicalJson, clone };
