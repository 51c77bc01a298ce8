'use strict';

/**
 * Deterministic pseudo-random numbers, so that the same seed always yields the same seeded
 * vendor data (ids, statuses, timestamps relative to the anchor). Not for cryptography.
 */

/**
 * mulberry32: tiny, fast 32-bit PRNG with good enough distribution for fixtures.
 * @param {number} seed
 * @returns {() => number} uniform in [0, 1)
 */
function mulberry32(seed) {
	let a = seed >>> 0;
	return function next() {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** Turns any seed (number or string) into a 32-bit integer. */
function seedToInt(seed) {
	if (typeof seed === 'number' && Number.isFinite(seed)) return seed >>> 0;
	// FNV-1a over the string form keeps string seeds ("ci-run-7") stable across runs.
	let h = 0x811c9dc5;
	for (const ch of String(seed)) {
		h ^= ch.codePointAt(0) ?? 0;
		h = Math.imul(h, 0x01000193) >>> 0;
	}
	return h;
}

const ALPHANUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * @typedef {Object} Random
 * @property {() => number} next uniform in [0, 1)
 * @property {(min: number, max: number) => number} int integer in [min, max]
 * @property {<T>(items: readonly T[]) => T} pick
 * @property {(p: number) => boolean} chance true with probability p
 * @property {<T>(items: readonly T[], n: number) => T[]} sample n distinct items
 * @property {(length?: number) => string} token alphanumeric string
 * @property {(prefix: string, length?: number) => string} id e.g. `case_` + 24 chars
 */

/**
 * @param {number | string} seed
 * @returns {Random}
 */
function createRandom(seed) {
	const next = mulberry32(seedToInt(seed));
	const int = (min, max) => min + Math.floor(next() * (max - min + 1));
	const pick = (items) => items[Math.floor(next() * items.length)];
	const token = (length = 24) => {
		let out = '';
		for (let i = 0; i < length; i++) out += ALPHANUM[Math.floor(next() * ALPHANUM.length)];
		return out;
	};
	return {
		next,
		int,
		pick,
		chance: (p) => next() < p,
		sample(items, n) {
			const copy = items.slice();
			const out = [];
			while (out.length < n && copy.length) out.push(copy.splice(Math.floor(next() * copy.length), 1)[0]);
			return out;
		},
		token,
		id: (prefix, length = 24) => prefix + token(length),
	};
}

module.exports = { mulberry32, seedToInt, createRandom };
