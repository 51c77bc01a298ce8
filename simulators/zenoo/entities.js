'use strict';

const m = require('./model');
const { createAssessment, overrideAssessment, approveAssessment } = require('./assessments');
const { entityOut, checkOut, alertOut, assessmentOut } = require('./serialize');
const { invalid, ok, paged, requireBody, str, obj, onlyFields, queryEnum } = require('./http');

/** Entities, checks and risk-assessment endpoints; `entityInput` validates CreateEntity bodies. */

const ENTITY_FIELDS = ['type', 'first_name', 'last_name', 'date_of_birth', 'nationality', 'company_name', 'registration_number', 'country', 'address', 'external_reference', 'metadata'];
const ADDRESS_FIELDS = ['line1', 'line2', 'city', 'state', 'postal_code', 'country'];
const COUNTRY = /^[A-Z]{2}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const CHECK_STATUSES = ['Pending', 'Queued', 'In Progress', 'Awaiting Document', 'Awaiting Client', 'Complete', 'Failed', 'Waived', 'Cancelled', 'Reused', 'Retry Scheduled'];
const CHECK_CATEGORIES = ['Identity', 'Screening', 'Company', 'Financial', 'EDD'];

/** Validates a CreateEntity object (`where` prefixes field names in messages, e.g. `entity.`). */
function entityInput(body, where = '') {
	if (!body || typeof body !== 'object' || Array.isArray(body)) throw invalid(`${where || 'body'} must be an object`);
	const extra = Object.keys(body).filter((k) => !ENTITY_FIELDS.includes(k));
	if (extra.length) throw invalid(`Unknown field${extra.length > 1 ? 's' : ''} in ${where ? where.replace(/\.$/, '') : 'entity'}: ${extra.join(', ')}`);
	const field = (name, o) => {
		try {
			return str(body, name, o);
		} catch (error) {
			throw invalid(`${where}${error.message}`);
		}
	};
	const type = field('type', { required: true, oneOf: ['Person', 'Company'] });
	if (type === 'Person') {
		field('first_name', { required: true, max: 100 });
		field('last_name', { required: true, max: 100 });
	} else field('company_name', { required: true, max: 255 });
	const dob = field('date_of_birth', {});
	if (dob !== undefined && (!DATE.test(dob) || Number.isNaN(Date.parse(dob)))) throw invalid(`${where}date_of_birth must be a date (YYYY-MM-DD)`);
	for (const name of ['nationality', 'country']) {
		const value = field(name, {});
		if (value !== undefined && !COUNTRY.test(value)) throw invalid(`${where}${name} must be an ISO 3166-1 alpha-2 country code, e.g. GB`);
	}
	field('registration_number', { max: 100 });
	field('external_reference', { max: 255 });
	const address = obj(body, 'address');
	if (address) {
		const bad = Object.keys(address).filter((k) => !ADDRESS_FIELDS.includes(k));
		if (bad.length) throw invalid(`Unknown field in ${where}address: ${bad.join(', ')}`);
	}
	if (body.metadata !== undefined && (body.metadata === null || typeof body.metadata !== 'object' || Array.isArray(body.metadata)))
		throw invalid(`${where}metadata must be an object`);
	return body;
}

/** @param {{ route: Function, state: () => any, settings: any }} api */
function registerEntities({ route, state, settings }) {
	const list = (ctx, items) => paged(ctx, items, settings.paging);

	route('POST', '/v1/entities', (ctx) => {
		const e = m.createEntity(state(), entityInput(requireBody(ctx.body)));
		return ok(ctx.requestId, entityOut(state(), e), 201);
	});
	route('GET', '/v1/entities/:entityToken', (ctx) => ok(ctx.requestId, entityOut(state(), m.getEntity(state(), ctx.params.entityToken))));
	route('GET', '/v1/entities/:entityToken/checks', (ctx) => {
		const e = m.getEntity(state(), ctx.params.entityToken);
		const status = queryEnum(ctx.query, 'status', CHECK_STATUSES);
		const category = queryEnum(ctx.query, 'category', CHECK_CATEGORIES);
		const checks = [...state().checks.values()].filter((k) => k.entity_token === e.token && (!status || k.status === status) && (!category || k.category === category));
		return list(ctx, checks.map((k) => checkOut(state(), k)));
	});
	route('GET', '/v1/entities/:entityToken/alerts', (ctx) => {
		const e = m.getEntity(state(), ctx.params.entityToken);
		const alerts = [...state().alerts.values()].filter((a) => a.entity_token === e.token);
		return list(ctx, alerts.map((a) => alertOut(state(), a, settings)));
	});
	route('GET', '/v1/checks/:checkToken', (ctx) => {
		const k = state().checks.get(ctx.params.checkToken);
		if (!k) throw m.notFound('Check', ctx.params.checkToken);
		return ok(ctx.requestId, checkOut(state(), k));
	});

	// ---------------------------------------------------------------- risk assessments
	route('POST', '/v1/cases/:caseToken/risk-assessments', (ctx) => {
		const body = ctx.body === undefined ? {} : requireBody(ctx.body);
		onlyFields(body, ['model_token', 'override_data']);
		str(body, 'model_token', {});
		const overrideData = obj(body, 'override_data');
		const r = createAssessment(state(), m.getCase(state(), ctx.params.caseToken), { model_token: body.model_token, override_data: overrideData });
		return ok(ctx.requestId, assessmentOut(state(), r), 201);
	});
	route('GET', '/v1/cases/:caseToken/risk-assessment', (ctx) => {
		const c = m.getCase(state(), ctx.params.caseToken);
		const r = m.currentAssessment(state(), c.token);
		if (!r) throw m.notFound('Risk assessment of case', c.token);
		return ok(ctx.requestId, assessmentOut(state(), r));
	});
	route('GET', '/v1/risk-assessments/:assessmentToken', (ctx) => ok(ctx.requestId, assessmentOut(state(), m.getAssessment(state(), ctx.params.assessmentToken))));
	route('POST', '/v1/risk-assessments/:assessmentToken/override', (ctx) => {
		const body = requireBody(ctx.body);
		onlyFields(body, ['tier', 'justification']);
		const tier = str(body, 'tier', { required: true, oneOf: m.TIERS });
		const justification = str(body, 'justification', { required: true, max: 5000 });
		return ok(ctx.requestId, assessmentOut(state(), overrideAssessment(state(), m.getAssessment(state(), ctx.params.assessmentToken), { tier, justification })));
	});
	// [A] not in the reference; the lifecycle needs an approval, so the simulator offers one.
	route('POST', '/v1/risk-assessments/:assessmentToken/approve', (ctx) =>
		ok(ctx.requestId, assessmentOut(state(), approveAssessment(state(), m.getAssessment(state(), ctx.params.assessmentToken)))),
	);
}

module.exports = { registerEntities, entityInput };
