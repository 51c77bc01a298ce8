import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { returnAllAndLimit } from '../../../../core/descriptions';
import { invalidInput } from '../../../../core/errors';
import { listParameter, parseJsonValue } from '../../../../core/validate';
import { personaRequestAll } from '../../api';
import { normalizePersonaCase } from '../../normalize';
import { searchInRanges } from './searchRanges';

const show = { resource: ['case'], operation: ['search'] };

export const description: INodeProperties[] = [
	{
		displayName:
			'Search results lag about a minute behind changes. To read a case you just changed, use Get instead.',
		name: 'searchNotice',
		type: 'notice',
		default: '',
		displayOptions: { show },
	},
	{
		displayName: 'Define Query',
		name: 'queryMode',
		type: 'options',
		options: [
			{ name: 'Using Fields Below', value: 'fields' },
			{ name: 'Using JSON', value: 'json' },
		],
		default: 'fields',
		displayOptions: { show },
	},
	{
		displayName: 'Conditions',
		name: 'conditions',
		type: 'collection',
		placeholder: 'Add Condition',
		default: {},
		displayOptions: { show: { ...show, queryMode: ['fields'] } },
		options: [
			{
				displayName: 'Assignee User ID',
				name: 'assignee',
				type: 'string',
				default: '',
				placeholder: 'user_ABC123',
			},
			{
				displayName: 'Case Queue ID',
				name: 'caseQueue',
				type: 'string',
				default: '',
				placeholder: 'cqueue_ABC123',
			},
			{
				displayName: 'Case Template ID',
				name: 'template',
				type: 'string',
				default: '',
				placeholder: 'ctmpl_ABC123',
			},
			{
				displayName: 'Created After',
				name: 'createdAfter',
				type: 'dateTime',
				default: '',
			},
			{
				displayName: 'Created Before',
				name: 'createdBefore',
				type: 'dateTime',
				default: '',
			},
			{
				displayName: 'Statuses',
				name: 'statuses',
				type: 'string',
				default: '',
				placeholder: 'Open, Pending',
				description: 'Cases with any of these statuses, separated by commas',
			},
			{
				displayName: 'Updated After',
				name: 'updatedAfter',
				type: 'dateTime',
				default: '',
			},
			{
				displayName: 'Updated Before',
				name: 'updatedBefore',
				type: 'dateTime',
				default: '',
			},
		],
	},
	{
		displayName: 'Query (JSON)',
		name: 'queryJson',
		type: 'json',
		default: '{\n  "and": [\n    { "attribute": "status", "operator": "eq", "value": "Open" }\n  ]\n}',
		description:
			'Persona search query: "and" / "or" lists, "not", and conditions {attribute, operator (eq, gt, gte, lt, lte), value}. Attributes are snake_case: status, template, created_at, assignee, fields.&lt;key&gt;.',
		displayOptions: { show: { ...show, queryMode: ['json'] } },
	},
	{
		displayName: 'Sort By',
		name: 'sortAttribute',
		type: 'options',
		options: [
			{ name: 'Created At', value: 'created_at' },
			{ name: 'Resolved At', value: 'resolved_at' },
			{ name: 'SLA Expires At', value: 'sla_expires_at' },
			{ name: 'Updated At', value: 'updated_at' },
		],
		default: 'created_at',
		displayOptions: { show },
	},
	{
		displayName: 'Sort Direction',
		name: 'sortDirection',
		type: 'options',
		options: [
			{ name: 'Descending', value: 'desc' },
			{ name: 'Ascending', value: 'asc' },
		],
		default: 'desc',
		displayOptions: { show },
	},
	...returnAllAndLimit(show),
];

const OPERATORS = new Set(['eq', 'gt', 'gte', 'lt', 'lte']);

/** Checks a query against Persona's documented limits: depth 2, 20 clauses per list, known operators. */
function checkQuery(query: unknown, depth: number, fail: (problem: string) => never): void {
	if (!query || typeof query !== 'object' || Array.isArray(query)) fail('each clause must be a JSON object');
	const clause = query as IDataObject;
	for (const key of ['and', 'or'] as const) {
		if (clause[key] === undefined) continue;
		const list = clause[key];
		if (!Array.isArray(list)) fail(`"${key}" must be a list of clauses`);
		if (list.length > 20) fail(`"${key}" has ${list.length} clauses; Persona allows at most 20`);
		if (depth >= 2) fail('clauses are nested deeper than Persona allows (2 levels)');
		for (const child of list) checkQuery(child, depth + 1, fail);
		return;
	}
	if (clause.not !== undefined) {
		if (depth >= 2) fail('clauses are nested deeper than Persona allows (2 levels)');
		checkQuery(clause.not, depth + 1, fail);
		return;
	}
	if (typeof clause.attribute !== 'string' || !clause.attribute) fail('a condition is missing "attribute"');
	if (!OPERATORS.has(String(clause.operator))) fail(`operator "${String(clause.operator)}" is not one of eq, gt, gte, lt, lte`);
	if (!['string', 'number', 'boolean'].includes(typeof clause.value)) fail('a condition "value" must be a string, number or boolean');
}

function queryFromConditions(c: IDataObject): IDataObject | undefined {
	const and: IDataObject[] = [];
	const eq = (attribute: string, value: unknown): IDataObject => ({ attribute, operator: 'eq', value: value as string });
	const statuses = listParameter(c.statuses);
	if (statuses.length === 1) and.push(eq('status', statuses[0]));
	if (statuses.length > 1) and.push({ or: statuses.map((s) => eq('status', s)) });
	if (c.template) and.push(eq('template', c.template));
	if (c.assignee) and.push(eq('assignee', c.assignee));
	if (c.caseQueue) and.push(eq('case_queue', c.caseQueue));
	const range: Array<[string, string, string]> = [
		['createdAfter', 'created_at', 'gte'],
		['createdBefore', 'created_at', 'lte'],
		['updatedAfter', 'updated_at', 'gte'],
		['updatedBefore', 'updated_at', 'lte'],
	];
	for (const [param, attribute, operator] of range)
		if (c[param]) and.push({ attribute, operator, value: new Date(String(c[param])).toISOString() });
	return and.length ? { and } : undefined;
}

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const mode = this.getNodeParameter('queryMode', i, 'fields') as string;
	const returnAll = this.getNodeParameter('returnAll', i) as boolean;
	const limit = returnAll ? undefined : (this.getNodeParameter('limit', i) as number);
	const simplify = this.getNodeParameter('simplify', i, true) as boolean;

	let query: IDataObject | undefined;
	if (mode === 'json') {
		query = parseJsonValue(this, i, this.getNodeParameter('queryJson', i, '{}'), 'Query (JSON)');
		if (query && Object.keys(query).length) {
			checkQuery(query, 0, (problem) => {
				throw invalidInput(this.getNode(), i, 'Query (JSON)', problem, 'See the field description for the query format.');
			});
		} else query = undefined;
	} else {
		const conditions = this.getNodeParameter('conditions', i, {}) as IDataObject;
		for (const key of ['createdAfter', 'createdBefore', 'updatedAfter', 'updatedBefore'])
			if (conditions[key] && Number.isNaN(Date.parse(String(conditions[key]))))
				throw invalidInput(this.getNode(), i, `Conditions > ${key}`, 'is not a date', 'Use an ISO date such as 2026-01-31T00:00:00Z.');
		query = queryFromConditions(conditions);
	}

	const body: IDataObject = {
		sort: {
			attribute: this.getNodeParameter('sortAttribute', i, 'created_at'),
			direction: this.getNodeParameter('sortDirection', i, 'desc'),
		},
	};
	if (query) body.query = query;

	const map = simplify ? normalizePersonaCase : undefined;
	// Return All by created_at: created_at ranges walked at once (see ./searchRanges); undefined
	// when the query or Persona does not allow it, then the one cursor walk below.
	if (returnAll) {
		const inRanges = await searchInRanges.call(this, i, body, map);
		if (inRanges) return inRanges;
	}
	return await personaRequestAll.call(
		this,
		{ method: 'POST', path: '/cases/search', body, sideEffect: 'read' },
		{ itemIndex: i, limit, context: 'searching cases', map },
	);
}
