import type { IDataObject, INode, INodeProperties } from 'n8n-workflow';

import { invalidInput } from '../../core/errors';

/** The advanced-filter operators Penbox documents ($le by symmetry with $ge). */
export const FILTER_OPERATORS = ['$eq', '$ne', '$gt', '$lt', '$ge', '$le'] as const;

/** Simple list filters of `GET /cases` and `/cases/count`: UI name → Penbox query parameter. */
export const SIMPLE_FILTERS: Record<string, string> = {
	templateId: 'template[id]',
	status: 'status',
	parentStatus: 'parent_status',
	archived: 'archived',
	waitingFor: 'waiting_for',
	reference: 'reference',
	ownerId: 'owner[id]',
	ownerEmail: 'owner[email]',
	workspaceId: 'workspace[id]',
	workspaceSlug: 'workspace[slug]',
	contactGivenName: 'contact[given_name]',
	contactFamilyName: 'contact[family_name]',
	contactEmail: 'contact[email]',
};

export function simpleFiltersField(show: Record<string, string[]>): INodeProperties {
	const text = (displayName: string, name: string, description: string, placeholder = ''): INodeProperties => ({
		displayName,
		name,
		type: 'string',
		default: '',
		placeholder,
		description,
	});
	return {
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show },
		description: 'Penbox ignores these when an advanced filter is given, so the node refuses to send both',
		options: [
			{ displayName: 'Archived', name: 'archived', type: 'boolean', default: false, description: 'Whether to list archived cases (Penbox hides them by default)' },
			text('Contact Email', 'contactEmail', 'Only cases with a contact with this email', 'name@email.com'),
			text('Contact Family Name', 'contactFamilyName', 'Only cases with a contact with this family name'),
			text('Contact Given Name', 'contactGivenName', 'Only cases with a contact with this given name'),
			text('Owner Email', 'ownerEmail', 'Only cases owned by this user', 'name@email.com'),
			text('Owner ID', 'ownerId', 'Only cases owned by this user (UUID)'),
			{
				displayName: 'Parent Status',
				name: 'parentStatus',
				type: 'options',
				options: [
					{ name: 'Closed', value: 'closed' },
					{ name: 'Draft', value: 'draft' },
					{ name: 'In Progress', value: 'in_progress' },
					{ name: 'Pending', value: 'pending' },
				],
				default: 'pending',
			},
			text('Reference', 'reference', 'Only the case(s) with this reference'),
			text('Status', 'status', 'Only cases in this custom status (its key)'),
			{
				displayName: 'Template Name or ID',
				name: 'templateId',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getCaseTemplates' },
				default: '',
				description: 'Only cases made from this template. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Waiting For',
				name: 'waitingFor',
				type: 'options',
				options: [
					{ name: 'Contact', value: 'contact' },
					{ name: 'None', value: 'none' },
					{ name: 'Owner', value: 'owner' },
				],
				default: 'contact',
			},
			{
				displayName: 'Workspace Name or ID',
				name: 'workspaceId',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getWorkspaces' },
				default: '',
				description: 'Only cases of this workspace. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			text('Workspace Slug', 'workspaceSlug', 'Only cases of the workspace with this slug'),
		],
	};
}

export function advancedFilterFields(show: Record<string, string[]>): INodeProperties[] {
	return [
		{
			displayName: 'Advanced Filter',
			name: 'advancedFilterMode',
			type: 'options',
			options: [
				{ name: 'None', value: 'none' },
				{ name: 'Conditions (All Must Match)', value: 'builder', description: 'Attribute, operator and value rows, combined with AND' },
				{ name: 'JSON', value: 'json', description: "Penbox's filter object as JSON" },
			],
			default: 'none',
			description: "Penbox's advanced filter. When one is given Penbox ignores the simple filters, so use one or the other.",
			displayOptions: { show },
		},
		{
			displayName: 'Conditions',
			name: 'advancedFilter',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Condition',
			default: {},
			displayOptions: { show: { ...show, advancedFilterMode: ['builder'] } },
			options: [
				{
					displayName: 'Condition',
					name: 'condition',
					values: [
						{
							displayName: 'Attribute',
							name: 'attribute',
							type: 'string',
							default: '',
							placeholder: 'updated_at',
							description: 'A case attribute (created_at, status, reference…) or a related one as relation.attribute, e.g. owner.email',
						},
						{
							displayName: 'Operator',
							name: 'operator',
							type: 'options',
							options: [
								{ name: 'Equals', value: '$eq' },
								{ name: 'Greater or Equal', value: '$ge' },
								{ name: 'Greater Than', value: '$gt' },
								{ name: 'Less or Equal', value: '$le' },
								{ name: 'Less Than', value: '$lt' },
								{ name: 'Not Equals', value: '$ne' },
							],
							default: '$eq',
						},
						{ displayName: 'Value', name: 'value', type: 'string', default: '' },
					],
				},
			],
		},
		{
			displayName: 'Filter (JSON)',
			name: 'advancedFilterJson',
			type: 'json',
			default: '{\n  "attributes": {\n    "created_at": { "$gt": "2024-01-01T00:00:00Z" }\n  }\n}',
			description: 'Keys "attributes" and "relationships"; operators $eq, $ne, $gt, $lt, $ge, $le',
			displayOptions: { show: { ...show, advancedFilterMode: ['json'] } },
		},
	];
}

export interface FilterCondition {
	attribute: string;
	operator: string;
	value: unknown;
}

/** Rows → `{attributes:{…}, relationships:{rel:{attributes:{…}}}}`, each row checked. */
export function filterFromConditions(node: INode, itemIndex: number, rows: FilterCondition[], label = 'Advanced Filter > Conditions'): IDataObject {
	const filter: IDataObject = {};
	rows.forEach((row, n) => {
		const attribute = String(row.attribute ?? '').trim();
		const where = `${label} ${n + 1}`;
		if (!/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)?$/i.test(attribute))
			throw invalidInput(node, itemIndex, `${where} > Attribute`, attribute ? `"${attribute.slice(0, 60)}" is not an attribute name` : 'is empty', 'Use a case attribute such as updated_at, or relation.attribute such as owner.email.');
		if (!(FILTER_OPERATORS as readonly string[]).includes(row.operator))
			throw invalidInput(node, itemIndex, `${where} > Operator`, `"${String(row.operator)}" is not an operator Penbox documents`, `Use one of ${FILTER_OPERATORS.join(', ')}.`);
		const [first, second] = attribute.split('.');
		const target = second
			? (((((filter.relationships ??= {}) as IDataObject)[first] ??= {}) as IDataObject).attributes ??= {}) as IDataObject
			: ((filter.attributes ??= {}) as IDataObject);
		const key = second ?? first;
		target[key] = { ...((target[key] as IDataObject) ?? {}), [row.operator]: row.value };
	});
	return filter;
}

/** A filter given as JSON: an object of `attributes` / `relationships` with documented operators only. */
export function filterFromJson(node: INode, itemIndex: number, raw: unknown, label = 'Advanced Filter > Filter (JSON)'): IDataObject {
	let value = raw;
	if (typeof raw === 'string') {
		try {
			value = JSON.parse(raw);
		} catch (error) {
			throw invalidInput(node, itemIndex, label, `is not valid JSON (${(error as Error).message})`, 'Fix the JSON, e.g. {"attributes": {"status": {"$eq": "pending"}}}.');
		}
	}
	if (!value || typeof value !== 'object' || Array.isArray(value))
		throw invalidInput(node, itemIndex, label, 'must be a JSON object', 'Use {"attributes": {…}, "relationships": {…}}.');
	const checkAttributes = (attrs: unknown, path: string) => {
		if (!attrs || typeof attrs !== 'object' || Array.isArray(attrs))
			throw invalidInput(node, itemIndex, label, `${path} must be an object of attributes`, 'E.g. {"status": {"$eq": "pending"}}.');
		for (const [attr, condition] of Object.entries(attrs as IDataObject)) {
			if (!condition || typeof condition !== 'object' || Array.isArray(condition))
				throw invalidInput(node, itemIndex, label, `${path}.${attr} must be an object of operators`, `E.g. {"${attr}": {"$eq": "value"}}.`);
			for (const op of Object.keys(condition as IDataObject))
				if (!(FILTER_OPERATORS as readonly string[]).includes(op))
					throw invalidInput(node, itemIndex, label, `unknown operator "${op.slice(0, 30)}" in ${path}.${attr}`, `Penbox documents ${FILTER_OPERATORS.join(', ')}.`);
		}
	};
	const doc = value as IDataObject;
	for (const key of Object.keys(doc))
		if (key !== 'attributes' && key !== 'relationships')
			throw invalidInput(node, itemIndex, label, `unknown key "${key.slice(0, 30)}"`, 'Only "attributes" and "relationships" are allowed at the top level.');
	if (doc.attributes !== undefined) checkAttributes(doc.attributes, 'attributes');
	if (doc.relationships !== undefined) {
		if (!doc.relationships || typeof doc.relationships !== 'object' || Array.isArray(doc.relationships))
			throw invalidInput(node, itemIndex, label, 'relationships must be an object', 'E.g. {"owner": {"attributes": {"email": {"$eq": "a@b.c"}}}}.');
		for (const [rel, spec] of Object.entries(doc.relationships as IDataObject))
			checkAttributes((spec as IDataObject | null)?.attributes, `relationships.${rel}.attributes`);
	}
	return doc;
}

/** Simple filters from the collection as Penbox query parameters. */
export function simpleFilterQuery(filters: IDataObject): IDataObject {
	const qs: IDataObject = {};
	for (const [name, param] of Object.entries(SIMPLE_FILTERS)) {
		const value = filters[name];
		if (value === undefined || value === null || value === '') continue;
		qs[param] = typeof value === 'boolean' ? String(value) : String(value).trim();
	}
	return qs;
}
