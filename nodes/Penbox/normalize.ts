import type { IDataObject } from 'n8n-workflow';

import { isoOrNull, normalizedCase, stringOrNull } from '../../core/normalize';
import type { NormalizedCase } from '../../core/types';

/** Penbox case → the normalized case: status = parent status, outcome = custom status once closed. */
export function normalizePenboxCase(raw: IDataObject): NormalizedCase {
	const owner = (raw.owner ?? {}) as IDataObject;
	const parent = stringOrNull(raw.parent_status);
	return normalizedCase('penbox', {
		id: stringOrNull(raw.id) ?? '',
		reference: stringOrNull(raw.reference),
		status: parent,
		outcome: parent === 'closed' ? stringOrNull(raw.status) : null,
		riskScore: null,
		assignee: stringOrNull(owner.email),
		createdAt: isoOrNull(raw.created_at),
		updatedAt: isoOrNull(raw.updated_at),
	});
}
