import type { IDataObject } from 'n8n-workflow';

import { isoOrNull, normalizedCase, numberOrNull, pick, stringOrNull } from '../../core/normalize';
import type { NormalizedCase } from '../../core/types';

/** Persona case resource (`{type:'case', id, attributes}`) → the normalized case. */
export function normalizePersonaCase(resource: IDataObject): NormalizedCase {
	const attributes = (resource.attributes ?? {}) as IDataObject;
	const fields = (pick(attributes, 'fields') ?? {}) as IDataObject;
	const riskField = pick(fields, 'risk-score') as IDataObject | number | undefined;
	const risk = riskField && typeof riskField === 'object' ? riskField.value : riskField;
	return normalizedCase('persona', {
		id: String(resource.id ?? ''),
		reference: stringOrNull(pick(attributes, 'name')),
		status: stringOrNull(pick(attributes, 'status')),
		outcome: stringOrNull(pick(attributes, 'resolution')),
		// Persona cases carry no risk score of their own; templates often add a `risk-score` field.
		riskScore: numberOrNull(risk),
		assignee: stringOrNull(pick(attributes, 'assignee-id')),
		createdAt: isoOrNull(pick(attributes, 'created-at')),
		updatedAt: isoOrNull(pick(attributes, 'updated-at')),
	});
}
