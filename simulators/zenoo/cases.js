'use strict';

const m = require('./model');
const { addComment, addReviewer, userOf } = require('./assessments');
const { caseOut, entityOut, checkOut, alertOut, reportOut, reportLines } = require('./serialize');
const { invalid, ok, paged, requireBody, str, obj, onlyFields, queryEnum } = require('./http');
const { entityInput } = require('./entities');
const { buildPdf } = require('../certn/pdf');
const { SimError } = require('../lib/errors');

/** Case endpoints: list/create/get/update/close, report, audit trail, checks, alerts, entities, reviewers, comments. */

const CASE_FIELDS = ['type', 'entity_category', 'assigned_to', 'entity', 'external_reference', 'metadata'];
const COMMENT_TYPES = ['Comment', 'Decision', 'Note'];
const ALERT_STATUSES = ['Open', 'Acknowledged', 'Resolved', 'False Positive', 'Escalated'];

/** @param {{ route: Function, state: () => any, settings: any }} api */
function registerCases({ route, state, settings }) {
	const s = () => state();
	const list = (ctx, items, map) => paged(ctx, items, settings.paging, map);
	const knownUser = (field, value) => {
		if (value !== undefined && value !== null && !userOf(s(), value)) throw invalid(`${field}: no user ${value} in this project`);
		return value;
	};

	route('GET', '/v1/cases', (ctx) => {
		const q = ctx.query;
		const status = queryEnum(q, 'status', m.CASE_STATUSES);
		const type = queryEnum(q, 'type', m.CASE_TYPES);
		const category = queryEnum(q, 'entity_category', m.CATEGORIES);
		const tier = queryEnum(q, 'risk_tier', m.TIERS);
		const assignee = q.assigned_to;
		for (const key of Object.keys(q)) if (!['cursor', 'limit', 'status', 'type', 'entity_category', 'risk_tier', 'assigned_to'].includes(key)) ctx.warn(`unknown query parameter ${key} ignored`);
		const cases = [...s().cases.values()]
			.filter((c) => (!status || c.status === status) && (!type || c.type === type) && (!category || c.entity_category === category) && (!tier || c.risk_tier === tier) && (!assignee || c.assigned_to === assignee))
			.sort((a, b) => (a.created_at !== b.created_at ? (a.created_at < b.created_at ? 1 : -1) : a.token < b.token ? -1 : 1));
		return list(ctx, cases, (c) => caseOut(s(), c, settings));
	});

	route('POST', '/v1/cases', (ctx) => {
		const body = requireBody(ctx.body);
		onlyFields(body, CASE_FIELDS);
		const type = str(body, 'type', { required: true, oneOf: m.CASE_TYPES });
		const category = str(body, 'entity_category', { required: true, oneOf: m.CATEGORIES });
		knownUser('assigned_to', str(body, 'assigned_to', { nullable: true }));
		str(body, 'external_reference', { max: 255, nullable: true });
		obj(body, 'metadata');
		if (body.entity !== undefined) {
			entityInput(body.entity, 'entity.');
			if (body.entity.type !== category) throw invalid(`entity.type (${body.entity.type}) must match entity_category (${category})`);
		}
		const c = m.createCase(s(), { ...body, type, entity_category: category });
		return ok(ctx.requestId, caseOut(s(), c, settings), 201);
	});

	route('GET', '/v1/cases/:caseToken', (ctx) => ok(ctx.requestId, caseOut(s(), m.getCase(s(), ctx.params.caseToken), settings)));

	route('PATCH', '/v1/cases/:caseToken', (ctx) => {
		const body = requireBody(ctx.body);
		onlyFields(body, ['status', 'assigned_to', 'metadata']);
		if (!Object.keys(body).length) throw invalid('Send at least one of status, assigned_to, metadata');
		const status = str(body, 'status', { oneOf: m.CASE_STATUSES });
		const assignee = knownUser('assigned_to', str(body, 'assigned_to', { nullable: true }));
		const metadata = obj(body, 'metadata');
		const c = m.updateCase(s(), m.getCase(s(), ctx.params.caseToken), { status, assigned_to: assignee, metadata });
		return ok(ctx.requestId, caseOut(s(), c, settings));
	});

	route('POST', '/v1/cases/:caseToken/close', (ctx) => {
		const body = requireBody(ctx.body);
		onlyFields(body, ['decision', 'summary']);
		const decision = str(body, 'decision', { required: true, oneOf: ['Approve', 'Decline'] });
		const summary = str(body, 'summary', { max: 5000, nullable: true });
		const c = m.getCase(s(), ctx.params.caseToken);
		const refusal = m.closeRefusal(s(), c);
		if (refusal) {
			const status = settings.closeRefusalStatus;
			throw new SimError(status, 'CONFLICT', refusal, { code: status === 409 ? 'CONFLICT' : status === 422 ? 'UNPROCESSABLE_ENTITY' : 'VALIDATION_ERROR' });
		}
		return ok(ctx.requestId, caseOut(s(), m.closeCase(s(), c, { decision, summary }), settings));
	});

	route('GET', '/v1/cases/:caseToken/compliance-report', (ctx) => {
		const c = m.getCase(s(), ctx.params.caseToken);
		const open = m.openAlerts(s(), c.token);
		// The compliance-reports guide: the report errors while any alert is open.
		if (settings.reportNeedsResolvedAlerts && open.length)
			throw m.conflict(`Compliance report unavailable: ${open.length} alert${open.length === 1 ? ' is' : 's are'} still open on case ${c.token}`);
		const accept = String(ctx.headers.accept || '');
		if (settings.reportPdf && /application\/pdf/i.test(accept) && !/application\/json/i.test(accept))
			return { status: 200, body: buildPdf(reportLines(s(), c)), headers: { 'Content-Type': 'application/pdf', 'Content-Disposition': `attachment; filename="compliance-report-${c.name}.pdf"` } };
		return ok(ctx.requestId, reportOut(s(), c));
	});

	route('GET', '/v1/cases/:caseToken/timeline', (ctx) => {
		const c = m.getCase(s(), ctx.params.caseToken);
		return list(ctx, (s().audit.get(c.token) || []).map((e) => ({ ...e })));
	});

	route('GET', '/v1/cases/:caseToken/checks', (ctx) => {
		const c = m.getCase(s(), ctx.params.caseToken);
		const status = queryEnum(ctx.query, 'status', ['Pending', 'Queued', 'In Progress', 'Awaiting Document', 'Awaiting Client', 'Complete', 'Failed', 'Waived', 'Cancelled', 'Reused', 'Retry Scheduled']);
		return list(ctx, m.caseChecks(s(), c.token).filter((k) => !status || k.status === status).map((k) => checkOut(s(), k)));
	});

	route('GET', '/v1/cases/:caseToken/alerts', (ctx) => {
		const c = m.getCase(s(), ctx.params.caseToken);
		const status = queryEnum(ctx.query, 'status', ALERT_STATUSES);
		return list(ctx, m.caseAlerts(s(), c.token).filter((a) => !status || a.status === status).map((a) => alertOut(s(), a, settings)));
	});

	route('GET', '/v1/cases/:caseToken/entities', (ctx) => {
		const c = m.getCase(s(), ctx.params.caseToken);
		return list(ctx, m.caseLinks(s(), c.token).map((l) => entityOut(s(), s().entities.get(l.entity_token), l.role)));
	});

	route('POST', '/v1/cases/:caseToken/entities', (ctx) => {
		const body = requireBody(ctx.body);
		onlyFields(body, ['entity_token', 'entity', 'role']);
		const role = str(body, 'role', { required: true, oneOf: m.ROLES });
		const c = m.getCase(s(), ctx.params.caseToken);
		if (c.status === 'Closed') throw m.conflict(`Case ${c.token} is closed`);
		if ((body.entity_token === undefined) === (body.entity === undefined)) throw invalid('Send either entity_token (an existing entity) or entity (a new one)');
		const e = body.entity_token !== undefined ? m.getEntity(s(), str(body, 'entity_token', { required: true })) : m.createEntity(s(), entityInput(body.entity, 'entity.'));
		m.linkEntity(s(), c, e, role);
		return ok(ctx.requestId, entityOut(s(), e, role), 201);
	});

	route('POST', '/v1/cases/:caseToken/reviewers', (ctx) => {
		const body = requireBody(ctx.body);
		onlyFields(body, ['user_id', 'role']);
		const userId = knownUser('user_id', str(body, 'user_id', { required: true }));
		const role = str(body, 'role', { required: true, oneOf: ['Approver', 'Reviewer'] });
		const c = m.getCase(s(), ctx.params.caseToken);
		return ok(ctx.requestId, addReviewer(s(), c, { user_id: userId, role }), 201);
	});

	route('GET', '/v1/cases/:caseToken/comments', (ctx) => {
		const c = m.getCase(s(), ctx.params.caseToken);
		const type = queryEnum(ctx.query, 'type', [...COMMENT_TYPES, 'System']);
		return list(ctx, (s().comments.get(c.token) || []).filter((x) => !type || x.type === type).map((x) => ({ ...x })));
	});

	route('POST', '/v1/cases/:caseToken/comments', (ctx) => {
		const body = requireBody(ctx.body);
		onlyFields(body, ['body', 'type', 'mentions']);
		const text = str(body, 'body', { required: true, max: 10000 });
		const type = str(body, 'type', { oneOf: COMMENT_TYPES });
		if (body.mentions !== undefined && (!Array.isArray(body.mentions) || body.mentions.some((u) => typeof u !== 'string'))) throw invalid('mentions must be an array of user ids');
		for (const u of body.mentions || []) knownUser('mentions', u);
		const c = m.getCase(s(), ctx.params.caseToken);
		return ok(ctx.requestId, addComment(s(), c, { body: text, type, mentions: body.mentions }), 201);
	});
}

module.exports = { registerCases };
