'use strict';

const { SimError } = require('../lib/errors');
const { CASE_CONFIGS, CHECK_TYPES, phaseOf, serializeCase } = require('./model');
const { addCase, addCheck, addCustomer, startCase, tick } = require('./state');
const { fieldErrors, listPage, intParam, boolParam, validateCustomerInput, validateCheckInput } = require('./http');

/**
 * Case endpoints: list (filters customer_id, has_webhook, outcome; external_id accepted as an
 * undocumented extra), create, get, update (PATCH), start/rerun, and DELETE behind
 * `allowDelete` (not documented; redaction is `delete_after: 0`).
 */

function liveCase(state, id) {
	const n = Number(id);
	const c = Number.isInteger(n) ? state.cases.get(n) : undefined;
	if (!c || c.archived) throw new SimError(404, 'Not Found', 'Not found.');
	return c;
}

function externalIdTaken(state, externalId, exceptId) {
	for (const c of state.cases.values()) if (!c.archived && c.id !== exceptId && c.external_id === externalId) return true;
	return false;
}

/** `delete_after: 0` deletes at once (Sphinx: "0 = delete immediately"). */
function applyDeleteAfter(state, c) {
	if (c.delete_after !== 0) return false;
	for (const id of c.check_ids) state.checks.delete(id);
	state.cases.delete(c.id);
	return true;
}

function registerCaseRoutes(sim, state) {
	const out = (c) => serializeCase(c, state);

	sim.route('GET', '/api/cases', (ctx) => {
		tick(state);
		const q = ctx.query;
		const errors = {};
		const customerId = q.customer_id !== undefined ? intParam(q.customer_id, 'customer_id', errors) : undefined;
		const hasWebhook = q.has_webhook !== undefined ? boolParam(q.has_webhook, 'has_webhook', errors) : undefined;
		if (q.outcome !== undefined && !['ACCEPTED', 'PENDING', 'REJECTED'].includes(String(q.outcome)))
			errors.outcome = [`Select a valid choice. ${q.outcome} is not one of the available choices.`];
		if (Object.keys(errors).length) throw fieldErrors(errors);
		let list = [...state.cases.values()].filter((c) => !c.archived);
		if (customerId !== undefined) list = list.filter((c) => c.customer_id === customerId);
		if (hasWebhook !== undefined) list = list.filter((c) => Boolean(c.webhook_url) === hasWebhook);
		if (q.outcome !== undefined) list = list.filter((c) => c.outcome === q.outcome);
		if (q.external_id !== undefined && state.settings.externalIdFilter) list = list.filter((c) => c.external_id === q.external_id);
		// Newest first (simulator choice: Sphinx documents no ordering).
		list.sort((a, b) => (a.created_at === b.created_at ? b.id - a.id : a.created_at < b.created_at ? 1 : -1));
		return listPage(ctx, state, list, out);
	});

	sim.route('POST', '/api/cases', (ctx) => {
		const body = ctx.body && typeof ctx.body === 'object' ? ctx.body : {};
		const errors = {};
		if (body.customer_id === undefined && body.customer === undefined)
			errors.non_field_errors = ['Either customer_id or customer must be provided.'];
		if (body.customer_id !== undefined && body.customer !== undefined)
			errors.non_field_errors = ['Provide either customer_id or customer, not both.'];
		if (body.customer_id !== undefined && (!Number.isInteger(body.customer_id) || !state.customers.has(body.customer_id)))
			errors.customer_id = [`Invalid pk "${body.customer_id}" - object does not exist.`];
		if (body.customer !== undefined) {
			const ce = validateCustomerInput(body.customer, true);
			if (ce) errors.customer = ce;
		}
		if (body.checks !== undefined && body.case_config !== undefined)
			errors.non_field_errors = ['checks and case_config cannot be used together.'];
		if (body.case_config !== undefined && !CASE_CONFIGS[body.case_config])
			errors.case_config = [`Object with slug=${body.case_config} does not exist.`];
		if (body.checks !== undefined) {
			if (!Array.isArray(body.checks)) errors.checks = ['Expected a list of items.'];
			else {
				const ce = body.checks.map((k) => validateCheckInput(k, false, state));
				if (ce.some(Boolean)) errors.checks = ce.map((e) => e || {});
			}
		}
		if (body.webhook_url !== undefined && body.webhook_url !== null && (typeof body.webhook_url !== 'string' || body.webhook_url.length > 511 || !/^https?:\/\//.test(body.webhook_url)))
			errors.webhook_url = ['Enter a valid URL.'];
		if (body.external_id !== undefined && externalIdTaken(state, body.external_id))
			errors.external_id = ['case with this external id already exists.'];
		if (body.auto_start !== undefined && typeof body.auto_start !== 'boolean') errors.auto_start = ['Must be a valid boolean.'];
		if (Object.keys(errors).length) throw fieldErrors(errors);

		const customerId = body.customer_id ?? addCustomer(state, body.customer).id;
		const c = addCase(state, {
			customer_id: customerId,
			external_id: body.external_id,
			webhook_url: body.webhook_url ?? null,
			delete_after: body.delete_after,
			document_ids: body.document_ids,
			case_config: body.case_config,
		});
		if (typeof body.notes === 'string') c.note = body.notes;
		const checks = body.case_config ? CASE_CONFIGS[body.case_config].map((check_type) => ({ check_type })) : body.checks ?? [];
		for (const k of checks) addCheck(state, c, k);
		if (body.auto_start !== false && c.check_ids.length) startCase(state, c);
		return { status: 201, body: out(c) };
	});

	sim.route('GET', '/api/cases/:id', (ctx) => {
		tick(state);
		return { status: 200, body: out(liveCase(state, ctx.params.id)) };
	});

	sim.route('PATCH', '/api/cases/:id', (ctx) => {
		const c = liveCase(state, ctx.params.id);
		const body = ctx.body && typeof ctx.body === 'object' ? ctx.body : {};
		const allowed = ['webhook_url', 'delete_after', 'metadata', 'sync_platforms', 'external_id'];
		const errors = {};
		for (const key of Object.keys(body)) if (!allowed.includes(key)) ctx.warn(`ignored read-only or unknown field ${key}`);
		if (body.external_id !== undefined && (typeof body.external_id !== 'string' || body.external_id.length > 512)) errors.external_id = ['Ensure this field has no more than 512 characters.'];
		else if (body.external_id !== undefined && externalIdTaken(state, body.external_id, c.id)) errors.external_id = ['case with this external id already exists.'];
		if (body.delete_after !== undefined && !Number.isInteger(body.delete_after)) errors.delete_after = ['A valid integer is required.'];
		if (body.metadata !== undefined && (body.metadata === null || typeof body.metadata !== 'object' || Array.isArray(body.metadata))) errors.metadata = ['Expected a dictionary of items.'];
		if (body.sync_platforms !== undefined && !Array.isArray(body.sync_platforms)) errors.sync_platforms = ['Expected a list of items.'];
		if (Object.keys(errors).length) throw fieldErrors(errors);
		for (const key of allowed) if (body[key] !== undefined) c[key] = body[key];
		c.updated_at = new Date(state.clock()).toISOString().replace(/\.\d{3}Z$/, 'Z');
		const answer = out(c);
		applyDeleteAfter(state, c);
		return { status: 200, body: answer };
	});

	sim.route('DELETE', '/api/cases/:id', (ctx) => {
		if (!state.settings.allowDelete) throw new SimError(405, 'Method Not Allowed', 'Method "DELETE" not allowed.');
		const c = liveCase(state, ctx.params.id);
		c.delete_after = 0;
		applyDeleteAfter(state, c);
		return { status: 204, body: '' };
	});

	sim.route('POST', '/api/cases/:id/start', (ctx) => {
		tick(state);
		const c = liveCase(state, ctx.params.id);
		const fromQuery = ctx.query.allow_restart;
		const fromBody = ctx.body && typeof ctx.body === 'object' ? ctx.body.allow_restart : undefined;
		const allowRestart = fromBody === true || fromQuery === 'true' || fromQuery === 'True' || fromQuery === '1';
		const phase = phaseOf(c);
		if (phase === 'processing') return { status: 202, body: { action_taken: 'noop_already_running', ...out(c) } };
		if (phase === 'decided' || phase === 'failed') {
			if (!allowRestart) return { status: 202, body: { action_taken: 'noop_already_started', ...out(c) } };
			// Rerun: the original is archived, a new case (new id, same external_id) runs.
			c.archived = true;
			const next = addCase(state, { customer_id: c.customer_id, external_id: c.external_id, webhook_url: c.webhook_url, delete_after: c.delete_after, document_ids: c.document_ids, metadata: c.metadata, sync_platforms: c.sync_platforms });
			for (const id of c.check_ids) {
				const k = state.checks.get(id);
				addCheck(state, next, { check_type: k.check_type, input_details: k.input_details, document_ids: k.document_ids });
			}
			startCase(state, next);
			return { status: 200, body: { action_taken: 'restarted', ...out(next) } };
		}
		if (!c.check_ids.length && !c.document_ids.length)
			throw fieldErrors({ non_field_errors: ['A case needs at least one check before it can be started.'] });
		startCase(state, c);
		return { status: 200, body: { action_taken: 'started', ...out(c) } };
	});
}

module.exports = { registerCaseRoutes, liveCase, CHECK_TYPES };
