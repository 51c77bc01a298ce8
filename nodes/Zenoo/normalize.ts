import type { IDataObject } from 'n8n-workflow';

import { isoOrNull, normalizedCase, numberOrNull, stringOrNull } from '../../core/normalize';
import type { NormalizedCase } from '../../core/types';

/** `assigned_to` is a user id in the reference and a `{id, name, email}` object in the data model. */
export function userIdOf(value: unknown): string | null {
	if (value && typeof value === 'object' && !Array.isArray(value)) {
		const user = value as IDataObject;
		return stringOrNull(user.id ?? user.user_id ?? user.email ?? user.name);
	}
	return stringOrNull(value);
}

const first = (raw: IDataObject, ...keys: string[]) => keys.map((k) => raw[k]).find((v) => v !== undefined && v !== null && v !== '');

/**
 * Zenoo case → the normalized case: id = `token`, reference = `name` (e.g. CAS-000142),
 * outcome = `decision`, riskScore = `risk_score` (or the embedded assessment's `overall_score`).
 * Missing optional fields become null.
 */
export function normalizeZenooCase(raw: IDataObject): NormalizedCase {
	const assessment = raw.risk_assessment && typeof raw.risk_assessment === 'object' ? (raw.risk_assessment as IDataObject) : {};
	return normalizedCase('zenoo', {
		id: stringOrNull(first(raw, 'token', 'case_token', 'id')) ?? '',
		reference: stringOrNull(first(raw, 'name', 'case_name', 'reference')),
		status: stringOrNull(first(raw, 'status', 'case_status')),
		outcome: stringOrNull(first(raw, 'decision')),
		riskScore: numberOrNull(first(raw, 'risk_score') ?? assessment.overall_score),
		assignee: userIdOf(raw.assigned_to),
		createdAt: isoOrNull(first(raw, 'created_at', 'start_date')),
		updatedAt: isoOrNull(first(raw, 'updated_at')),
	});
}

/** Whether an object is a whole case (an event may carry only tokens). */
export function looksLikeCase(value: unknown): value is IDataObject {
	if (!value || typeof value !== 'object') return false;
	const token = (value as IDataObject).token;
	return typeof token === 'string' && token.startsWith('cas_') && 'status' in (value as IDataObject);
}
