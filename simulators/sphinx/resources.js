'use strict';

const { SimError } = require('../lib/errors');
const { serializeCheckWithCase, serializeCustomer } = require('./model');
const { addCheck, addCustomer, iso, tick } = require('./state');
const { fieldErrors, listPage, validateCheckInput, validateCustomerInput } = require('./http');

/** Checks, customers and documents (sphinx.md §3.5, §3.10, §3.11). */

const byId = (map, id) => {
	const n = Number(id);
	const v = Number.isInteger(n) ? map.get(n) : undefined;
	if (!v) throw new SimError(404, 'Not Found', 'Not found.');
	return v;
};

const DATA_URI = /^data:([\w.+-]+\/[\w.+-]+);base64,(.*)$/s;
const BASE64 = /^[A-Za-z0-9+/\s]*={0,2}$/;

function registerResourceRoutes(sim, state) {
	// ---- checks
	sim.route('POST', '/api/checks', (ctx) => {
		const body = ctx.body && typeof ctx.body === 'object' ? ctx.body : {};
		const errors = validateCheckInput(body, true, state);
		if (errors) throw fieldErrors(errors);
		const k = addCheck(state, state.cases.get(body.case_id), body);
		return { status: 201, body: serializeCheckWithCase(k, state) };
	});
	sim.route('GET', '/api/checks/:id', (ctx) => {
		tick(state);
		return { status: 200, body: serializeCheckWithCase(byId(state.checks, ctx.params.id), state) };
	});

	// ---- customers
	sim.route('GET', '/api/customers', (ctx) => {
		let list = [...state.customers.values()];
		if (ctx.query.external_id !== undefined) list = list.filter((c) => c.external_id === ctx.query.external_id);
		if (ctx.query.customer_type !== undefined) list = list.filter((c) => c.customer_type === ctx.query.customer_type);
		return listPage(ctx, state, list.reverse().map(serializeCustomer));
	});
	sim.route('POST', '/api/customers', (ctx) => {
		const body = ctx.body && typeof ctx.body === 'object' ? ctx.body : {};
		const errors = validateCustomerInput(body, true) ?? {};
		if (body.external_id && [...state.customers.values()].some((c) => c.external_id === body.external_id))
			errors.external_id = ['customer with this external id already exists.'];
		if (Object.keys(errors).length) throw fieldErrors(errors);
		return { status: 201, body: serializeCustomer(addCustomer(state, body)) };
	});
	sim.route('GET', '/api/customers/:id', (ctx) => ({ status: 200, body: serializeCustomer(byId(state.customers, ctx.params.id)) }));
	sim.route('POST', '/api/customers/update', (ctx) => {
		const body = ctx.body && typeof ctx.body === 'object' ? ctx.body : {};
		const errors = validateCustomerInput(body, false) ?? {};
		if (typeof body.external_id !== 'string' || !body.external_id) errors.external_id = ['This field is required.'];
		if (Object.keys(errors).length) throw fieldErrors(errors);
		const cu = [...state.customers.values()].find((c) => c.external_id === body.external_id);
		if (!cu) throw new SimError(404, 'Not Found', 'No Customer matches the given query.');
		for (const key of ['full_name', 'customer_type', 'input_details', 'delete_after', 'sync_platforms']) if (body[key] !== undefined) cu[key] = body[key];
		cu.updated_at = iso(state.clock());
		return { status: 200, body: serializeCustomer(cu) };
	});

	// ---- documents: base64 (plain or data URI) inside JSON, linked to at most one owner
	sim.route('POST', '/api/documents', (ctx) => {
		const body = ctx.body && typeof ctx.body === 'object' ? ctx.body : {};
		const errors = {};
		if (typeof body.original_name !== 'string' || !body.original_name) errors.original_name = ['This field is required.'];
		else if (body.original_name.length > 255) errors.original_name = ['Ensure this field has no more than 255 characters.'];
		let bytes = 0;
		let mimeType = null;
		if (typeof body.file !== 'string' || !body.file) errors.file = ['No file was submitted.'];
		else {
			const uri = DATA_URI.exec(body.file);
			const data = uri ? uri[2] : body.file;
			mimeType = uri ? uri[1] : null;
			if (!BASE64.test(data)) errors.file = ['The submitted data was not a file. Check the encoding type on the form.'];
			else bytes = Buffer.from(data, 'base64').length;
		}
		const owners = ['case_id', 'check_id', 'customer_id'].filter((k) => body[k] !== undefined && body[k] !== null);
		if (owners.length > 1) errors.non_field_errors = ['Link the document to exactly one of case_id, check_id or customer_id.'];
		const maps = { case_id: state.cases, check_id: state.checks, customer_id: state.customers };
		for (const k of owners) if (!maps[k].has(body[k])) errors[k] = [`Invalid pk "${body[k]}" - object does not exist.`];
		if (body.delete_after !== undefined && (!Number.isInteger(body.delete_after) || body.delete_after > 365)) errors.delete_after = ['Ensure this value is less than or equal to 365.'];
		if (Object.keys(errors).length) throw fieldErrors(errors);
		const now = iso(state.clock());
		const doc = {
			id: state.nextId.document++,
			original_name: body.original_name,
			file: `https://files.sphinxhq.invalid/documents/${state.nextId.document - 1}/${encodeURIComponent(body.original_name)}`,
			case: body.case_id ?? null,
			check: body.check_id ?? null,
			customer: body.customer_id ?? null,
			delete_after: body.delete_after ?? -1,
			created_at: now,
			updated_at: now,
		};
		state.documents.set(doc.id, { ...doc, bytes, mimeType });
		if (doc.case) state.cases.get(doc.case).document_ids.push(doc.id);
		return { status: 201, body: doc };
	});
	sim.route('GET', '/api/documents/:id', (ctx) => {
		const { bytes: _b, mimeType: _m, ...doc } = byId(state.documents, ctx.params.id);
		return { status: 200, body: doc };
	});
}

module.exports = { registerResourceRoutes };
