import type { IDataObject } from 'n8n-workflow';

import { isoOrNull, normalizedCase, numberOrNull, stringOrNull } from '../../core/normalize';
import type { NormalizedCase } from '../../core/types';

/**
 * Sphinx's docs show two generations of the case: the older one with `status`
 * (PENDING, PROCESSING, COMPLETED, ERROR), the newer one with `is_complete` and `failed`.
 * Both are read; the newer flags win when both are sent.
 */
export function sphinxCaseStatus(raw: IDataObject): string {
	if (typeof raw.status === 'string' && raw.status) return raw.status;
	if (raw.failed === true) return 'FAILED';
	if (raw.is_complete === true) return 'COMPLETED';
	return 'IN_PROGRESS';
}

/** Whether Sphinx is done with the case: decided or failed, in either generation. */
export function isCaseFinished(raw: IDataObject): boolean {
	if (raw.is_complete === true || raw.failed === true) return true;
	if ('is_complete' in raw || 'failed' in raw) return false;
	return raw.status === 'COMPLETED' || raw.status === 'ERROR';
}

/** Whether the case failed (newer `failed`, older status ERROR). */
export function isCaseFailed(raw: IDataObject): boolean {
	return raw.failed === true || (!('failed' in raw) && raw.status === 'ERROR');
}

/** The event a finished case stands for: `case.failed` or `case.completed`; undefined while it runs. */
export function caseEventOf(raw: IDataObject): 'case.completed' | 'case.failed' | undefined {
	if (!isCaseFinished(raw)) return undefined;
	return isCaseFailed(raw) ? 'case.failed' : 'case.completed';
}

/** Check `reasoning` is a string on Get Check and an array inside cases: always one string here. */
export function reasoningText(value: unknown): string | null {
	if (value === undefined || value === null) return null;
	if (Array.isArray(value)) {
		const parts = value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).filter((v) => v !== '');
		return parts.length ? parts.join('\n\n') : null;
	}
	return typeof value === 'string' ? value : JSON.stringify(value);
}

/** A check with `reasoning` as one string, and the older `status` names mapped to the newer ones kept as sent. */
export function normalizeCheck(raw: IDataObject): IDataObject {
	if (!('reasoning' in raw)) return raw;
	return { ...raw, reasoning: reasoningText(raw.reasoning) };
}

/** A raw case with every check's `reasoning` as a string (Simplify off still gets one shape). */
export function withCheckReasoningText(raw: IDataObject): IDataObject {
	if (!Array.isArray(raw.checks)) return raw;
	return { ...raw, checks: (raw.checks as IDataObject[]).map((k) => (k && typeof k === 'object' ? normalizeCheck(k) : k)) };
}

/** Sphinx case → the normalized case (reference = `external_id`, no assignee in Sphinx's API). */
export function normalizeSphinxCase(raw: IDataObject): NormalizedCase {
	return normalizedCase('sphinx', {
		id: stringOrNull(raw.id) ?? '',
		reference: stringOrNull(raw.external_id),
		status: sphinxCaseStatus(raw),
		outcome: stringOrNull(raw.outcome),
		riskScore: numberOrNull(raw.risk_score),
		assignee: stringOrNull(raw.assignee),
		createdAt: isoOrNull(raw.created_at),
		updatedAt: isoOrNull(raw.updated_at),
	});
}
