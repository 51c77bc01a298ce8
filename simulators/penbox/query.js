'use strict';

const { SimError } = require('../lib/errors');

/** Penbox's advanced filter: `{attributes:{a:{$op:v}}, relationships:{rel:{attributes:{…}}}}`. */
const OPERATORS = ['$eq', '$ne', '$gt', '$lt', '$ge', '$le'];

function bad(detail) {
	return new SimError(400, 'Bad Request', detail);
}

function compare(actual, op, expected) {
	const a = actual === null || actual === undefined ? null : actual;
	const e = expected;
	switch (op) {
		case '$eq': return String(a) === String(e);
		case '$ne': return String(a) !== String(e);
		case '$gt': return a !== null && a > e;
		case '$lt': return a !== null && a < e;
		case '$ge': return a !== null && a >= e;
		case '$le': return a !== null && a <= e;
	}
	return false;
}

function parseFilter(text) {
	let doc;
	try {
		doc = JSON.parse(text);
	} catch {
		throw bad('filter is not valid JSON');
	}
	if (!doc || typeof doc !== 'object' || Array.isArray(doc)) throw bad('filter must be an object');
	const checkAttrs = (attrs) => {
		for (const [k, cond] of Object.entries(attrs || {})) {
			if (!cond || typeof cond !== 'object') throw bad(`filter attribute ${k} must be an object of operators`);
			for (const op of Object.keys(cond)) if (!OPERATORS.includes(op)) throw bad(`unknown filter operator ${op}`);
		}
	};
	checkAttrs(doc.attributes);
	for (const rel of Object.values(doc.relationships || {})) checkAttrs(rel && rel.attributes);
	return doc;
}

/** Value of a case attribute or a related one (`owner.email`, `template.id`, `workspace.id`). */
function valueOf(c, rel, attr, state) {
	if (!rel) return c[attr];
	if (rel === 'owner') return c.owner?.[attr];
	if (rel === 'template') return attr === 'id' ? c.template : state.templates.find((t) => t.id === c.template)?.[attr];
	if (rel === 'workspace') {
		const w = state.workspaces.find((x) => x.id === c.workspace);
		return w?.[attr];
	}
	if (rel === 'contacts' || rel === 'contact') return c.contacts.map((k) => k[attr]);
	return undefined;
}

function matches(c, filter, state) {
	const test = (rel, attrs) =>
		Object.entries(attrs || {}).every(([attr, cond]) =>
			Object.entries(cond).every(([op, v]) => {
				const actual = valueOf(c, rel, attr, state);
				return Array.isArray(actual) ? actual.some((x) => compare(x, op, v)) : compare(actual, op, v);
			}),
		);
	if (!test(null, filter.attributes)) return false;
	return Object.entries(filter.relationships || {}).every(([rel, spec]) => test(rel, spec && spec.attributes));
}

const SIMPLE = {
	'template[id]': (c, v) => c.template === v,
	status: (c, v) => c.status === v,
	parent_status: (c, v) => c.parent_status === v,
	waiting_for: (c, v) => c.waiting_for === v,
	reference: (c, v) => c.reference === v,
	'owner[id]': (c, v) => c.owner?.id === v,
	'owner[email]': (c, v) => c.owner?.email === v,
	'workspace[id]': (c, v) => c.workspace === v,
	'contact[given_name]': (c, v) => c.contacts.some((k) => k.given_name === v),
	'contact[family_name]': (c, v) => c.contacts.some((k) => k.family_name === v),
	'contact[email]': (c, v) => c.contacts.some((k) => k.email === v),
};

/** Cases selected by a list/count query: `filter` wins, and then every simple filter is ignored (documented). */
function selectCases(state, query) {
	let list = [...state.cases.values()];
	if (query.filter !== undefined) {
		const filter = parseFilter(String(query.filter));
		return list.filter((c) => !c.archived_at && matches(c, filter, state));
	}
	const archived = query.archived === 'true';
	list = list.filter((c) => Boolean(c.archived_at) === archived);
	for (const [key, test] of Object.entries(SIMPLE)) if (query[key] !== undefined) list = list.filter((c) => test(c, String(query[key])));
	if (query['workspace[slug]'] !== undefined) {
		const w = state.workspaces.find((x) => x.slug === query['workspace[slug]']);
		list = list.filter((c) => w && c.workspace === w.id);
	}
	if (query.parent_status !== undefined && !['draft', 'pending', 'in_progress', 'closed'].includes(String(query.parent_status)))
		throw bad(`parent_status must be one of draft, pending, in_progress, closed`);
	return list;
}

function sortCases(list, sort) {
	const spec = String(sort || '-created_at');
	const desc = spec.startsWith('-');
	const field = desc ? spec.slice(1) : spec;
	if (!['created_at', 'updated_at', 'title', 'reference'].includes(field)) throw bad(`cannot sort by ${field}`);
	return list.sort((a, b) => {
		const x = a[field] ?? '';
		const y = b[field] ?? '';
		const r = x < y ? -1 : x > y ? 1 : a.id < b.id ? -1 : 1;
		return desc ? -r : r;
	});
}

/** `{meta:{total_count,total_pages,page_size,current_page}, data}` with the variants in settings; `map` (e.g. a serializer) is applied to that page's items only. */
function page(query, items, settings, map = undefined) {
	const number = query['page[number]'] === undefined ? 1 : Number(query['page[number]']);
	let size = query['page[size]'] === undefined ? 10 : Number(query['page[size]']);
	if (!Number.isInteger(number) || number < 1) throw bad('page[number] must be an integer >= 1');
	if (!Number.isInteger(size) || size < 1 || size > 100) throw bad('page[size] must be an integer between 1 and 100');
	if (settings.pageSizeCap) size = Math.min(size, settings.pageSizeCap);
	const total = items.length;
	const meta = { total_count: total, total_pages: Math.ceil(total / size), page_size: size, current_page: number };
	for (const key of settings.omitMeta || []) delete meta[key];
	const rows = items.slice((number - 1) * size, number * size);
	return { meta, data: map ? rows.map(map) : rows };
}

module.exports = { OPERATORS, parseFilter, selectCases, sortCases, page, matches };
