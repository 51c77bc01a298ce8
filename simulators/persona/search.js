'use strict';

const { SimError } = require('../lib/errors');

/**
 * `POST /cases/search`: validates and evaluates Persona's query language
 * (`and` / `or` / `not` clauses over leaves `{attribute, operator, value}`), and sorts.
 * Attribute names are snake_case here (unlike resource attributes), as Persona documents.
 */

const OPERATORS = ['eq', 'gt', 'gte', 'lt', 'lte'];
const MAX_DEPTH = 2;
const MAX_CLAUSES = 20;
/** Attributes that only make sense with `eq`. */
const IDENTITY_ATTRIBUTES = ['template', 'status', 'state', 'assignee', 'case_queue', 'resolver'];
const DATE_ATTRIBUTES = { created_at: 'created-at', updated_at: 'updated-at', resolved_at: 'resolved-at', sla_expires_at: 'sla-expires-at' };
const SORTABLE = ['created_at', 'updated_at', 'resolved_at', 'sla_expires_at'];

const bad = (details, pointer) => new SimError(400, 'Bad Request', details, { pointer });

/**
 * @param {any} query the `query` object of the body (may be undefined = all cases)
 * @param {{ searchableFields: Set<string> }} schema
 * @returns {(c: any, lookup: { templateOf: (c: any) => any, userIdOf: (email: string | null) => string | null }) => boolean}
 */
function compileQuery(query, schema) {
	if (query === undefined || query === null) return () => true;
	return compileClause(query, '/query', 0, schema);
}

function compileClause(clause, pointer, depth, schema) {
	if (!clause || typeof clause !== 'object' || Array.isArray(clause)) throw bad('query clause must be an object', pointer);
	const keys = Object.keys(clause);
	const boolKey = ['and', 'or', 'not'].find((k) => k in clause);
	if (boolKey) {
		if (keys.length !== 1) throw bad(`a clause with "${boolKey}" must not have other keys`, pointer);
		if (depth + 1 > MAX_DEPTH) throw bad(`query nesting depth must not exceed ${MAX_DEPTH}`, `${pointer}/${boolKey}`);
		if (boolKey === 'not') {
			const inner = compileClause(clause.not, `${pointer}/not`, depth + 1, schema);
			return (c, lookup) => !inner(c, lookup);
		}
		const list = clause[boolKey];
		if (!Array.isArray(list)) throw bad(`${boolKey} must be an array`, `${pointer}/${boolKey}`);
		if (list.length > MAX_CLAUSES) throw bad(`${boolKey} must not have more than ${MAX_CLAUSES} clauses`, `${pointer}/${boolKey}`);
		const parts = list.map((inner, i) => compileClause(inner, `${pointer}/${boolKey}/${i}`, depth + 1, schema));
		return boolKey === 'and' ? (c, lookup) => parts.every((p) => p(c, lookup)) : (c, lookup) => parts.some((p) => p(c, lookup));
	}
	return compileLeaf(clause, pointer, schema);
}

function compileLeaf(leaf, pointer, schema) {
	const { attribute, operator, value } = leaf;
	if (typeof attribute !== 'string') throw bad('attribute is missing', `${pointer}/attribute`);
	if (!OPERATORS.includes(operator)) throw bad(`operator must be one of ${OPERATORS.join(', ')}`, `${pointer}/operator`);
	if (!['string', 'number', 'boolean'].includes(typeof value)) throw bad('value must be a string, number or boolean', `${pointer}/value`);

	if (IDENTITY_ATTRIBUTES.includes(attribute) && operator !== 'eq') {
		throw bad(`operator ${operator} is not supported for ${attribute}`, `${pointer}/operator`);
	}
	if (schema.rejectRanges && operator !== 'eq' && attribute in DATE_ATTRIBUTES) {
		// Variant: a Persona that does not take range operators on dates (see searchSettings).
		throw bad(`operator ${operator} is not supported for ${attribute}`, `${pointer}/operator`);
	}
	const read = reader(attribute, pointer, schema);
	let target = value;
	if (attribute in DATE_ATTRIBUTES) {
		target = typeof value === 'number' ? value * 1000 : Date.parse(String(value));
		if (Number.isNaN(target)) throw bad(`${attribute} needs an ISO-8601 date`, `${pointer}/value`);
	}
	return (c, lookup) => {
		const actual = read(c, lookup);
		if (Array.isArray(actual)) return actual.some((a) => compare(a, operator, target));
		return compare(actual, operator, target);
	};
}

/** Parsed timestamps by their ISO string: a search over 10,000 cases would parse each on every page. */
const parsedDates = new Map();
function dateMs(iso) {
	let ms = parsedDates.get(iso);
	if (ms === undefined) {
		if (parsedDates.size >= 500_000) parsedDates.clear();
		ms = Date.parse(iso);
		parsedDates.set(iso, ms);
	}
	return ms;
}

/** How to read one searchable attribute from an internal case record. */
function reader(attribute, pointer, schema) {
	if (attribute in DATE_ATTRIBUTES) {
		const key = DATE_ATTRIBUTES[attribute];
		return (c) => (c.attributes[key] ? dateMs(c.attributes[key]) : null);
	}
	if (attribute.startsWith('fields.')) {
		const key = attribute.slice('fields.'.length);
		if (!schema.searchableFields.has(key)) throw bad(`fields.${key} is not a searchable field`, `${pointer}/attribute`);
		return (c) => (c.attributes.fields[key] ? c.attributes.fields[key].value : null);
	}
	switch (attribute) {
		case 'template':
			return (c) => c.templateId;
		case 'status':
			return (c) => c.attributes.status;
		case 'state':
			// Not documented; the simulator maps end statuses to "resolved", others to "open".
			return (c, lookup) => (isEndStatus(lookup.templateOf(c), c.attributes.status) ? 'resolved' : 'open');
		case 'assignee':
			// Persona searches by user id; assignee-id holds the email, so accept both.
			return (c, lookup) => [c.attributes['assignee-id'], lookup.userIdOf(c.attributes['assignee-id'])].filter((v) => v !== null);
		case 'case_queue':
			return (c) => c.queueId;
		case 'resolver':
			return (c, lookup) => [c.attributes['resolver-id'], lookup.userIdOf(c.attributes['resolver-id'])].filter((v) => v !== null);
		default:
			throw bad(`${attribute} is not a searchable attribute`, `${pointer}/attribute`);
	}
}

function compare(actual, operator, target) {
	if (actual === null || actual === undefined) return false;
	if (operator === 'eq') return actual === target;
	if (typeof actual !== typeof target) return false;
	if (operator === 'gt') return actual > target;
	if (operator === 'gte') return actual >= target;
	if (operator === 'lt') return actual < target;
	return actual <= target;
}

function isEndStatus(template, status) {
	return Boolean(template && template.statuses.some((s) => s.name === status && s.type === 'end'));
}

/**
 * Comparator for `sort` (default created_at desc). Missing values sort last; ties break by id
 * so cursors stay stable.
 * @param {any} sort
 * @param {{ searchableFields: Set<string> }} schema
 */
function compileSort(sort, schema) {
	const attribute = sort && sort.attribute !== undefined ? sort.attribute : 'created_at';
	const direction = sort && sort.direction !== undefined ? sort.direction : 'desc';
	if (sort !== undefined && (typeof sort !== 'object' || sort === null)) throw bad('sort must be an object', '/sort');
	if (direction !== 'asc' && direction !== 'desc') throw bad('sort.direction must be asc or desc', '/sort/direction');
	if (typeof attribute !== 'string' || (!SORTABLE.includes(attribute) && !attribute.startsWith('fields.'))) {
		throw bad(`cannot sort by ${attribute}`, '/sort/attribute');
	}
	const read = reader(attribute, '/sort', schema);
	const sign = direction === 'asc' ? 1 : -1;
	const lookup = { templateOf: () => null, userIdOf: () => null };
	const compare = (a, b) => compareValues(read(a, lookup), read(b, lookup), a.id, b.id, sign);
	/** The same order, each item's sort value read once (dates are not parsed on every comparison). */
	compare.sortAll = (items) =>
		items
			.map((c) => ({ c, v: read(c, lookup) }))
			.sort((a, b) => compareValues(a.v, b.v, a.c.id, b.c.id, sign))
			.map((x) => x.c);
	return compare;
}

function compareValues(va, vb, ida, idb, sign) {
	if (va !== vb) {
		if (va === null || va === undefined) return 1;
		if (vb === null || vb === undefined) return -1;
		return va < vb ? -sign : sign;
	}
	return ida === idb ? 0 : ida < idb ? -sign : sign;
}

/**
 * Search variants for client tests (`reset()` restores the start-up ones):
 * - `rejectRanges`: answer 400 to gt/gte/lt/lte on date attributes (created_at, …), as a Persona
 *   that only took `eq` there would. Default false.
 * - `beforeSearch`: JS only; called with `{ body, query }` before each search is evaluated, e.g.
 *   to add cases while a client is still paging. Default null.
 * @typedef {{ rejectRanges: boolean, beforeSearch: ((request: { body: any, query: any }) => void) | null }} PersonaSearchSettings
 */
const DEFAULT_SEARCH = { rejectRanges: false, beforeSearch: null };

/**
 * Validates search settings on top of `base`; throws TypeError (a 400 on the control API).
 * @param {Partial<PersonaSearchSettings>} input
 * @param {PersonaSearchSettings} [base]
 * @returns {PersonaSearchSettings}
 */
function searchSettings(input, base = DEFAULT_SEARCH) {
	if (!input || typeof input !== 'object' || Array.isArray(input)) throw new TypeError('search settings must be an object');
	const out = { ...base };
	for (const [key, value] of Object.entries(input)) {
		if (key === 'rejectRanges') {
			if (typeof value !== 'boolean') throw new TypeError('rejectRanges must be a boolean');
			out.rejectRanges = value;
		} else if (key === 'beforeSearch') {
			if (value !== null && typeof value !== 'function') throw new TypeError('beforeSearch must be a function or null');
			out.beforeSearch = /** @type {any} */ (value);
		} else throw new TypeError(`unknown search setting ${key}`);
	}
	return out;
}

module.exports = { compileQuery, compileSort, isEndStatus, searchSettings };
