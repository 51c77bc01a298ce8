import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { caseLocatorField } from '../../../../core/descriptions';
import { invalidInput } from '../../../../core/errors';
import { requireId } from '../../../../core/validate';
import { penboxPaths, penboxRequest, UUID } from '../../api';
import { advancedFilterFields, filterFromConditions, filterFromJson, simpleFilterQuery, simpleFiltersField, type FilterCondition } from '../../filters';
import { normalizePenboxCase } from '../../normalize';

export function caseIdField(operations: string[]): INodeProperties {
	return caseLocatorField({
		vendor: 'Penbox',
		operations,
		searchListMethod: 'searchCases',
		idRegex: UUID.source,
		idPlaceholder: '3fa85f64-5717-4562-b3fc-2c963f66afa6',
		idError: 'A Penbox case ID is a UUID',
	});
}

export const idOf = (ctx: IExecuteFunctions, itemIndex: number, name: string, label: string): string =>
	requireId(ctx, itemIndex, { name, label, pattern: UUID, example: '3fa85f64-5717-4562-b3fc-2c963f66afa6' });

export const caseIdOf = (ctx: IExecuteFunctions, itemIndex: number) => idOf(ctx, itemIndex, 'caseId', 'Case ID');

export function caseOutput(ctx: IExecuteFunctions, itemIndex: number, raw: IDataObject): IDataObject {
	return (ctx.getNodeParameter('simplify', itemIndex, true) as boolean) ? normalizePenboxCase(raw) : raw;
}

export async function getCase(ctx: IExecuteFunctions, caseId: string, itemIndex: number): Promise<IDataObject> {
	return await penboxRequest.call(ctx, { method: 'GET', path: penboxPaths.case(caseId) }, { itemIndex, context: `getting case ${caseId}` });
}

/** Filters and advanced filter of Get Many and Count, shown for `operations`. */
export function listFilterFields(operations: string[]): INodeProperties[] {
	const show = { resource: ['case'], operation: operations };
	return [simpleFiltersField(show), ...advancedFilterFields(show)];
}

/**
 * The query of Get Many / Count. Penbox ignores every simple filter once `filter` is sent, so
 * both together are refused instead of silently dropping the simple ones.
 */
export function caseListQuery(ctx: IExecuteFunctions, i: number): IDataObject {
	const node = ctx.getNode();
	const qs = simpleFilterQuery(ctx.getNodeParameter('filters', i, {}) as IDataObject);
	const mode = ctx.getNodeParameter('advancedFilterMode', i, 'none') as string;
	let filter: IDataObject | undefined;
	if (mode === 'builder') {
		const rows = ((ctx.getNodeParameter('advancedFilter', i, {}) as IDataObject).condition ?? []) as FilterCondition[];
		if (rows.length) filter = filterFromConditions(node, i, rows);
	} else if (mode === 'json') {
		filter = filterFromJson(node, i, ctx.getNodeParameter('advancedFilterJson', i, '{}'));
	}
	if (filter && Object.keys(filter).length) {
		if (Object.keys(qs).length)
			throw invalidInput(
				node,
				i,
				'Filters',
				`Penbox ignores simple filters (${Object.keys(qs).join(', ')}) when an advanced filter is given`,
				'Move these conditions into the advanced filter (e.g. template.id, owner.email), or remove the advanced filter.',
			);
		qs.filter = JSON.stringify(filter);
	}
	return qs;
}

/** `schema[]` keys of a case or template. */
export function schemaKeys(doc: IDataObject): string[] {
	return ((Array.isArray(doc.schema) ? doc.schema : []) as IDataObject[]).map((f) => String(f.key ?? '')).filter(Boolean);
}

/** Step keys of a case or template (`key`, else `id`). */
export function stepKeys(doc: IDataObject): string[] {
	return ((Array.isArray(doc.steps) ? doc.steps : []) as IDataObject[]).map((s) => String(s.key ?? s.id ?? '')).filter(Boolean);
}

/** Contact role keys of a template (`contacts[].key`). */
export function contactRoles(doc: IDataObject): string[] {
	return ((Array.isArray(doc.contacts) ? doc.contacts : []) as IDataObject[]).map((c) => String(c.key ?? '')).filter(Boolean);
}

/** The template id a case was made from (`template` as a string or `{id}`). */
export function templateIdOf(doc: IDataObject): string | undefined {
	const t = doc.template;
	if (typeof t === 'string' && t) return t;
	if (t && typeof t === 'object' && typeof (t as IDataObject).id === 'string') return (t as IDataObject).id as string;
	return undefined;
}

/** Data rows `{key, value}` as an object; a value that is JSON (number, boolean, object) is parsed. */
export function dataFromRows(rows: IDataObject[]): IDataObject {
	const data: IDataObject = {};
	for (const row of rows) {
		const key = String(row.key ?? '').trim();
		if (!key) continue;
		let value: unknown = row.value;
		if (typeof value === 'string' && /^(true|false|null|-?\d+(\.\d+)?|\{.*\}|\[.*\])$/s.test(value.trim())) {
			try {
				value = JSON.parse(value.trim());
			} catch {
				/* kept as text */
			}
		}
		data[key] = value as IDataObject[string];
	}
	return data;
}

/** Refuses data keys that are not in the schema, naming the field and item. */
export function checkDataKeys(ctx: IExecuteFunctions, i: number, label: string, data: IDataObject, known: string[], where: string): void {
	if (!known.length) return;
	const unknown = Object.keys(data).filter((k) => !known.includes(k));
	if (unknown.length)
		throw invalidInput(
			ctx.getNode(),
			i,
			label,
			`"${unknown[0]}" is not a data field of ${where}`,
			`Use one of the schema keys: ${known.slice(0, 30).join(', ')}.`,
		);
}

export function dataRowsField(show: Record<string, string[]>, loadOptionsDependsOn: string[]): INodeProperties {
	return {
		displayName: 'Data',
		name: 'data',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Data Field',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Field',
				name: 'field',
				values: [
					{
						displayName: 'Field Name or ID',
						name: 'key',
						type: 'options',
						typeOptions: { loadOptionsMethod: 'getDataFieldKeys', loadOptionsDependsOn },
						default: '',
						description: 'A data field of the template\'s schema. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
					},
					{ displayName: 'Value', name: 'value', type: 'string', default: '', description: 'Numbers, true/false and JSON are sent as such; dates as YYYY-MM-DD' },
				],
			},
		],
	};
}
