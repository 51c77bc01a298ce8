import type { IDataObject } from 'n8n-workflow';

import type { NormalizedCase, NormalizedCaseFields, VendorName } from './types';

/**
 * Reads `key` whatever the vendor's key casing: `created-at`, `createdAt` and `created_at`
 * are the same field (Persona inflects keys per account or per webhook).
 */
export function pick(source: unknown, key: string): unknown {
	if (!source || typeof source !== 'object') return undefined;
	const obj = source as IDataObject;
	if (key in obj) return obj[key];
	for (const variant of casingsOf(key)) if (variant in obj) return obj[variant];
	return undefined;
}

/** A key's kebab, snake and camel spellings; memoised (a list's every case asks for the same keys). */
const casings = new Map<string, string[]>();
function casingsOf(key: string): string[] {
	let variants = casings.get(key);
	if (!variants) {
		const words = key.split(/[-_]|(?=[A-Z])/).map((w) => w.toLowerCase());
		variants = [
			words.join('-'),
			words.join('_'),
			words[0] + words.slice(1).map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(''),
		];
		if (casings.size < 10_000) casings.set(key, variants);
	}
	return variants;
}

export function stringOrNull(value: unknown): string | null {
	if (value === undefined || value === null || value === '') return null;
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	return null;
}

export function numberOrNull(value: unknown): number | null {
	if (value === undefined || value === null || value === '') return null;
	const n = typeof value === 'number' ? value : Number(value);
	return Number.isFinite(n) ? n : null;
}

// Days up to 28 only: Date rolls 2026-02-31 over to March, and that must stay so.
const CANONICAL_ISO = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|1\d|2[0-8])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{3}Z$/;

/** ms since the epoch as ISO-8601; null outside the range a Date can hold (±8.64e15 ms). */
function isoFromMs(ms: number): string | null {
	const date = new Date(ms);
	return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/**
 * ISO-8601 from an ISO string or a Unix timestamp (s or ms); null when unreadable or out of
 * range (e.g. a nanosecond epoch), never an exception: one odd field must not fail a case.
 */
export function isoOrNull(value: unknown): string | null {
	if (value === undefined || value === null || value === '') return null;
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) return null;
		return isoFromMs(Math.abs(value) > 1e12 ? value : value * 1000);
	}
	if (typeof value === 'string') {
		// Already what toISOString() would give (the common case): nothing to convert.
		if (CANONICAL_ISO.test(value)) return value;
		if (/^\d+(\.\d+)?$/.test(value)) return isoOrNull(Number(value));
		const t = Date.parse(value);
		return Number.isNaN(t) ? null : isoFromMs(t);
	}
	return null;
}

export function normalizedCase(vendor: VendorName, fields: NormalizedCaseFields): NormalizedCase {
	return {
		vendor,
		id: fields.id,
		reference: fields.reference,
		status: fields.status,
		outcome: fields.outcome,
		riskScore: fields.riskScore,
		assignee: fields.assignee,
		createdAt: fields.createdAt,
		updatedAt: fields.updatedAt,
	};
}
