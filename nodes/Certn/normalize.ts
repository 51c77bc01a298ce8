import type { IDataObject } from 'n8n-workflow';

import { isoOrNull, normalizedCase, numberOrNull, pick, stringOrNull } from '../../core/normalize';
import type { NormalizedCase } from '../../core/types';

/**
 * Certn case → the normalized case: reference = `short_id`, status = `overall_status`,
 * outcome = `overall_score`. Certn has no risk score or assignee; they stay null unless a
 * future API version sends one.
 */
export function normalizeCertnCase(raw: IDataObject): NormalizedCase {
	const first = (...keys: string[]) => {
		for (const k of keys) {
			const v = pick(raw, k);
			if (v !== undefined && v !== null) return v;
		}
		return undefined;
	};
	return normalizedCase('certn', {
		id: stringOrNull(raw.id) ?? '',
		reference: stringOrNull(first('short_id')),
		status: stringOrNull(first('overall_status')),
		outcome: stringOrNull(first('overall_score')),
		riskScore: numberOrNull(first('risk_score')),
		assignee: stringOrNull(first('assignee')),
		createdAt: isoOrNull(first('created', 'created_at')),
		updatedAt: isoOrNull(first('modified', 'updated', 'updated_at')),
	});
}

/** Whether an answer is a whole case (orders may answer with only `id`, `short_id`, `invite_link`). */
export function looksLikeCase(body: IDataObject): boolean {
	return typeof body.id === 'string' && 'overall_status' in body;
}
