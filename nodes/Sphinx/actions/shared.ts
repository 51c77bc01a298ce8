import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { invalidInput } from '../../../core/errors';
import { listParameter, numberOption, parseJsonValue } from '../../../core/validate';
import { CHECK_TYPE_PATTERN } from '../catalog';

/** Comma-separated document IDs as integers; names the field on bad input. */
export function documentIdsFrom(ctx: IExecuteFunctions, itemIndex: number, label: string, raw: unknown): number[] | undefined {
	const ids = listParameter(typeof raw === 'number' ? String(raw) : raw);
	if (!ids.length) return undefined;
	const bad = ids.find((id) => !/^[0-9]{1,18}$/.test(id));
	if (bad) throw invalidInput(ctx.getNode(), itemIndex, label, `"${bad.slice(0, 40)}" is not a document ID`, 'Use the numeric IDs of uploaded documents, separated by commas, e.g. 12, 13.');
	return ids.map(Number);
}

/** `delete_after`: days until Sphinx deletes the data; 0 = at once, -1 = never. */
export function deleteAfterFrom(ctx: IExecuteFunctions, itemIndex: number, label: string, raw: unknown, max = 36500): number | undefined {
	if (raw === undefined || raw === null || raw === '') return undefined;
	const n = numberOption(ctx, itemIndex, raw, label, { min: -1, max, fallback: -1 });
	if (!Number.isInteger(n)) throw invalidInput(ctx.getNode(), itemIndex, label, `"${String(raw)}" is not a whole number of days`, 'Use -1 to keep forever, 0 to delete at once, or a number of days.');
	return n;
}

/** Input details: free JSON (object) per Sphinx; invalid JSON names the field and the item. */
export function inputDetailsFrom(ctx: IExecuteFunctions, itemIndex: number, label: string, raw: unknown): IDataObject | undefined {
	return parseJsonValue<IDataObject>(ctx, itemIndex, raw, label);
}

/** A check type from the list or typed in; upper-cased and checked. */
export function checkTypeFrom(ctx: IExecuteFunctions, itemIndex: number, label: string, picked: unknown, other: unknown): string {
	const text = String((picked === '__other' ? other : picked) ?? '').trim().toUpperCase();
	if (!text) throw invalidInput(ctx.getNode(), itemIndex, label, 'is empty', 'Pick a check type, or choose "Other" and type Sphinx\'s identifier, e.g. PEP.');
	if (!CHECK_TYPE_PATTERN.test(text))
		throw invalidInput(ctx.getNode(), itemIndex, label, `"${text.slice(0, 60)}" is not a Sphinx check type`, 'Use Sphinx\'s identifiers such as PEP, SANCTION or ADVERSE_MEDIA.');
	return text;
}
