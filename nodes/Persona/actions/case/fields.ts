import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { caseLocatorField } from '../../../../core/descriptions';
import { invalidInput } from '../../../../core/errors';
import { listParameter, parseJsonValue, requireId } from '../../../../core/validate';
import { CASE_ID_PATTERN, caseWithIncluded } from '../../api';
import { normalizePersonaCase } from '../../normalize';

/** The case picker shared by every single-case operation. */
export function caseIdField(operations: string[]): INodeProperties {
	return caseLocatorField({
		vendor: 'Persona',
		operations,
		searchListMethod: 'searchCases',
		idRegex: '^case_[A-Za-z0-9]+$',
		idPlaceholder: 'case_ABC123xyz',
		idError: 'A Persona case ID starts with "case_"',
		url: {
			placeholder: 'https://app.withpersona.com/dashboard/cases/case_ABC123xyz',
			extractRegex: '(case_[A-Za-z0-9]+)',
			error: 'The URL must contain a case ID (case_…)',
		},
	});
}

export function caseIdOf(ctx: IExecuteFunctions, itemIndex: number): string {
	return requireId(ctx, itemIndex, { label: 'Case ID', pattern: CASE_ID_PATTERN, example: 'case_ABC123xyz' });
}

/** Output of every operation that returns one case document. */
export function caseOutput(ctx: IExecuteFunctions, itemIndex: number, doc: IDataObject): IDataObject {
	const simplify = ctx.getNodeParameter('simplify', itemIndex, true) as boolean;
	const data = (doc.data ?? {}) as IDataObject;
	return simplify ? normalizePersonaCase(data) : caseWithIncluded(doc);
}

export const caseIncludeOptions = [
	{ name: 'Accounts', value: 'accounts' },
	{ name: 'Case Comments', value: 'case-comments' },
	{ name: 'Case Queue', value: 'case-queue' },
	{ name: 'Case Template', value: 'case-template' },
	{ name: 'Inquiries', value: 'inquiries' },
	{ name: 'Reports', value: 'reports' },
	{ name: 'Transactions', value: 'txns' },
	{ name: 'Verifications', value: 'verifications' },
];

export const casePath = (caseId: string, action = '') =>
	`/cases/${encodeURIComponent(caseId)}${action ? `/${action}` : ''}`;

/** "Custom Fields" as key/value rows and/or a JSON object, merged (JSON wins). */
export function customFieldsProperties(): INodeProperties[] {
	return [
		{
			displayName: 'Custom Fields',
			name: 'customFields',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			default: {},
			placeholder: 'Add Custom Field',
			description: 'Template fields to set, by their key on the case template (keys are used exactly as given)',
			options: [
				{
					displayName: 'Field',
					name: 'field',
					values: [
						{ displayName: 'Key', name: 'key', type: 'string', default: '', placeholder: 'preferred-name' },
						{ displayName: 'Value', name: 'value', type: 'string', default: '' },
					],
				},
			],
		},
		{
			displayName: 'Custom Fields (JSON)',
			name: 'customFieldsJson',
			type: 'json',
			default: '{}',
			description: 'Template fields as a JSON object, for values that are not plain text (numbers, booleans, lists)',
		},
	];
}

export function customFieldsFrom(
	ctx: IExecuteFunctions,
	itemIndex: number,
	collection: IDataObject,
	label: string,
): IDataObject | undefined {
	const fields: IDataObject = {};
	const rows = ((collection.customFields as IDataObject | undefined)?.field ?? []) as IDataObject[];
	for (const row of rows) {
		const key = String(row.key ?? '').trim();
		if (!key)
			throw invalidInput(ctx.getNode(), itemIndex, `${label} > Custom Fields`, 'has a row without a key', 'Enter the field key as configured on the case template.');
		fields[key] = row.value as string;
	}
	const json = parseJsonValue(ctx, itemIndex, collection.customFieldsJson, `${label} > Custom Fields (JSON)`);
	Object.assign(fields, json ?? {});
	return Object.keys(fields).length ? fields : undefined;
}

const OBJECT_ID_PATTERN = /^[a-z]+_[A-Za-z0-9]+$/;

/** Persona object IDs (inq_…, act_…, rep_…) from a comma-separated list or an array. */
export function objectIdsFrom(ctx: IExecuteFunctions, itemIndex: number, raw: unknown, label: string): string[] {
	const ids = listParameter(raw);
	const bad = ids.find((id) => !OBJECT_ID_PATTERN.test(id));
	if (bad)
		throw invalidInput(ctx.getNode(), itemIndex, label, `"${bad.slice(0, 80)}" is not a Persona object ID`, 'Use IDs such as inq_ABC123, act_ABC123 or rep_ABC123, separated by commas.');
	return ids;
}

export function tagIdentifierField(operations: string[]): INodeProperties {
	return {
		displayName: 'Identify Tags By',
		name: 'tagIdentifier',
		type: 'options',
		options: [
			{ name: 'Name', value: 'tag-name' },
			{ name: 'ID', value: 'tag-id' },
		],
		default: 'tag-name',
		displayOptions: { show: { resource: ['case'], operation: operations } },
	};
}
