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
	const words = key.split(/[-_]|(?=[A-Z])/).map((w) => w.toLowerCase());
	const variants = [
		words.join('-'),
		words.join('_'),
		words[0] + words.slice(1).map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(''),
	];
	for (const variant of variants) if (variant in obj) return obj[variant];
	return undefined;
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

/** ISO-8601 from an ISO string, a Unix timestamp (s or ms) or a Date; null when unreadable. */
export function isoOrNull(value: unknown): string | null {
	if (value === undefined || value === null || value === '') return null;
	if (typeof value === 'number') {
		const ms = value > 1e12 ? value : value * 1000;
		return new Date(ms).toISOString();
	}
	if (typeof value === 'string') {
		if (/^\d+(\.\d+)?$/.test(value)) return isoOrNull(Number(value));
		const t = Date.parse(value);
		return Number.isNaN(t) ? null : new Date(t).toISOString();
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
