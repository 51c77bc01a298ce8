import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { invalidInput } from './errors';

/**
 * Reads an ID parameter (plain string or resource locator) and refuses, before any request,
 * an empty value, one with characters that would change the URL, or one that does not look
 * like the vendor's IDs.
 */
export function requireId(
	ctx: IExecuteFunctions,
	itemIndex: number,
	options: { name?: string; label: string; pattern?: RegExp; example?: string },
): string {
	const name = options.name ?? 'caseId';
	const raw = ctx.getNodeParameter(name, itemIndex, '', { extractValue: true }) as unknown;
	const value = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : '';
	const example = options.example ? ` (for example ${options.example})` : '';
	if (!value)
		throw invalidInput(ctx.getNode(), itemIndex, options.label, 'is empty', `Enter the ${options.label}${example}.`);
	if (/[\s/?#%\\]/.test(value) || (options.pattern && !options.pattern.test(value)))
		throw invalidInput(
			ctx.getNode(),
			itemIndex,
			options.label,
			`"${value.slice(0, 80)}" is not a valid ${options.label}`,
			`Use the ${options.label} as shown by the vendor${example}.`,
		);
	return value;
}

/** A JSON parameter given either as an object (n8n's JSON editor) or a JSON string. */
export function parseJsonValue<T = IDataObject>(
	ctx: IExecuteFunctions,
	itemIndex: number,
	raw: unknown,
	label: string,
	options: { expect?: 'object' | 'array' | 'any'; optional?: boolean } = {},
): T | undefined {
	const expect = options.expect ?? 'object';
	let value: unknown = raw;
	if (typeof raw === 'string') {
		if (raw.trim() === '') {
			if (options.optional !== false) return undefined;
			throw invalidInput(ctx.getNode(), itemIndex, label, 'is empty', 'Enter valid JSON.');
		}
		try {
			value = JSON.parse(raw);
		} catch (error) {
			throw invalidInput(
				ctx.getNode(),
				itemIndex,
				label,
				`is not valid JSON (${(error as Error).message})`,
				'Fix the JSON, e.g. {"key": "value"}: keys and strings in double quotes, no trailing commas.',
			);
		}
	}
	if (value === undefined || value === null) return undefined;
	const isArray = Array.isArray(value);
	if (expect === 'object' && (typeof value !== 'object' || isArray))
		throw invalidInput(ctx.getNode(), itemIndex, label, 'must be a JSON object', 'Use {"key": "value"}.');
	if (expect === 'array' && !isArray)
		throw invalidInput(ctx.getNode(), itemIndex, label, 'must be a JSON array', 'Use ["a", "b"].');
	return value as T;
}

/** A comma-separated list or an array parameter, trimmed, without empties. */
export function listParameter(value: unknown): string[] {
	if (Array.isArray(value)) return value.map((v) => String(v).trim()).filter(Boolean);
	if (typeof value === 'string') return value.split(',').map((v) => v.trim()).filter(Boolean);
	return [];
}

export function requireNonEmpty(
	ctx: IExecuteFunctions,
	itemIndex: number,
	name: string,
	label: string,
	fix?: string,
): string {
	const value = String(ctx.getNodeParameter(name, itemIndex, '') ?? '').trim();
	if (!value) throw invalidInput(ctx.getNode(), itemIndex, label, 'is empty', fix ?? `Enter the ${label}.`);
	return value;
}

/** Drops undefined, null and empty-string values from a collection. */
export function compact(obj: IDataObject): IDataObject {
	const out: IDataObject = {};
	for (const [key, value] of Object.entries(obj)) {
		if (value === undefined || value === null || value === '') continue;
		out[key] = value;
	}
	return out;
}

/**
 * A number option (which an expression can fill with anything): the fallback when unset,
 * else a finite number within [min, max], else an error naming the field before any request.
 */
export function numberOption(
	ctx: IExecuteFunctions,
	itemIndex: number,
	value: unknown,
	label: string,
	range: { min: number; max: number; fallback: number },
): number {
	if (value === undefined || value === null || value === '') return range.fallback;
	const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value.trim()) : NaN;
	if (!Number.isFinite(n) || n < range.min || n > range.max)
		throw invalidInput(
			ctx.getNode(),
			itemIndex,
			label,
			`"${String(value).slice(0, 40)}" is not a number from ${range.min} to ${range.max}`,
			`Enter a number from ${range.min} to ${range.max}, or leave the option out to use ${range.fallback}.`,
		);
	return n;
}
