'use strict';

const { SimError } = require('../lib/errors');
const { buildQuery } = require('../lib/query');

/** DRF-style helpers shared by the Sphinx routes: field errors, page-number pages, validation. */

/** A 400 with DRF's field errors: `{"field": ["message"], "non_field_errors": [...]}`. */
function fieldErrors(errors) {
	const first = Object.values(errors)[0];
	return new SimError(400, 'Bad Request', Array.isArray(first) ? String(first[0]) : 'Invalid input.', { fields: errors });
}

function intParam(value, name, errors) {
	const n = Number(value);
	if (!/^-?\d+$/.test(String(value)) || !Number.isSafeInteger(n)) {
		errors[name] = ['Enter a whole number.'];
		return undefined;
	}
	return n;
}

function boolParam(value, name, errors) {
	const v = String(value).toLowerCase();
	if (['true', '1'].includes(v)) return true;
	if (['false', '0'].includes(v)) return false;
	errors[name] = ['Must be a valid boolean.'];
	return undefined;
}

/**
 * `{count, next, previous, results}` with `page` / `page_size` (default 20, max 100). Variants:
 * `pageSizeCap` (the server sends shorter pages than asked), `nextDropsFilters` (the next/previous
 * links carry only page and page_size).
 */
/** One DRF page of `all`; `map` (e.g. a serializer) is applied to that page's items only. */
function listPage(ctx, state, all, map = undefined) {
	const s = state.settings;
	const errors = {};
	const page = ctx.query.page !== undefined ? intParam(ctx.query.page, 'page', errors) : 1;
	let size = ctx.query.page_size !== undefined ? intParam(ctx.query.page_size, 'page_size', errors) : s.defaultPageSize;
	if (Object.keys(errors).length) throw fieldErrors(errors);
	size = Math.max(1, Math.min(size, s.maxPageSize, s.pageSizeCap ?? Infinity));
	const pages = Math.max(1, Math.ceil(all.length / size));
	if (page < 1 || page > pages) throw new SimError(404, 'Not Found', 'Invalid page.');
	const rows = all.slice((page - 1) * size, page * size);
	const results = map ? rows.map(map) : rows;
	const link = (n) => {
		const q = s.nextDropsFilters ? { page: String(n), page_size: ctx.query.page_size } : { ...ctx.query, page: String(n) };
		const pairs = Object.entries(q).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)]);
		return `${ctx.origin}${ctx.rawPath}?${buildQuery(pairs)}`;
	};
	return {
		status: 200,
		body: { count: all.length, next: page < pages ? link(page + 1) : null, previous: page > 1 ? link(page - 1) : null, results },
	};
}

const CUSTOMER_TYPES = ['INDIVIDUAL', 'COMPANY', '', null];

/** Field errors of a customer body, or undefined. */
function validateCustomerInput(input, creating) {
	if (!input || typeof input !== 'object' || Array.isArray(input)) return { non_field_errors: ['Invalid data. Expected a dictionary.'] };
	const errors = {};
	if (creating && (typeof input.full_name !== 'string' || !input.full_name.trim())) errors.full_name = ['This field is required.'];
	if (input.full_name !== undefined && String(input.full_name).length > 255) errors.full_name = ['Ensure this field has no more than 255 characters.'];
	if (input.external_id !== undefined && (typeof input.external_id !== 'string' || input.external_id.length > 255)) errors.external_id = ['Not a valid string.'];
	if (input.customer_type !== undefined && !CUSTOMER_TYPES.includes(input.customer_type))
		errors.customer_type = [`"${input.customer_type}" is not a valid choice.`];
	if (input.input_details !== undefined && (input.input_details === null || typeof input.input_details !== 'object')) errors.input_details = ['Value must be valid JSON.'];
	if (input.delete_after !== undefined && !Number.isInteger(input.delete_after)) errors.delete_after = ['A valid integer is required.'];
	return Object.keys(errors).length ? errors : undefined;
}

/** Field errors of a check body (inline on a case, or with case_id), or undefined. */
function validateCheckInput(input, standalone, state) {
	if (!input || typeof input !== 'object' || Array.isArray(input)) return { non_field_errors: ['Invalid data. Expected a dictionary.'] };
	const errors = {};
	if (standalone) {
		if (input.case_id === undefined) errors.case_id = ['This field is required.'];
		else if (!Number.isInteger(input.case_id) || !state.cases.has(input.case_id) || state.cases.get(input.case_id).archived)
			errors.case_id = [`Invalid pk "${input.case_id}" - object does not exist.`];
	}
	if (typeof input.check_type !== 'string' || !/^[A-Z][A-Z0-9_]*$/.test(input.check_type)) errors.check_type = [`"${input.check_type}" is not a valid choice.`];
	if (input.input_details !== undefined && (input.input_details === null || typeof input.input_details !== 'object')) errors.input_details = ['Value must be valid JSON.'];
	if (input.document_ids !== undefined) {
		if (!Array.isArray(input.document_ids)) errors.document_ids = ['Expected a list of items.'];
		else {
			const missing = input.document_ids.find((id) => !state.documents.has(id));
			if (missing !== undefined) errors.document_ids = [`Invalid pk "${missing}" - object does not exist.`];
		}
	}
	return Object.keys(errors).length ? errors : undefined;
}

module.exports = { fieldErrors, intParam, boolParam, listPage, validateCustomerInput, validateCheckInput };
