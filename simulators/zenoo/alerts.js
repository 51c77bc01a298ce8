'use strict';

const m = require('./model');
const { userOf } = require('./assessments');
const { alertOut } = require('./serialize');
const { invalid, ok, paged, requireBody, str, bool, onlyFields, queryEnum } = require('./http');

/** Alert endpoints: list, get [A], resolve, escalate, and the bulk resolve / acknowledge / assign (1–50 tokens). */

const STATUSES = ['Open', 'Acknowledged', 'Resolved', 'False Positive', 'Escalated'];
const TYPES = ['Screening', 'Identity', 'Company', 'Document', 'Financial'];
const SORT_FIELDS = ['priority_score', 'created_at', 'sla_due_date'];

function sortAlerts(alerts, sort) {
	const desc = sort.startsWith('-');
	const field = desc ? sort.slice(1) : sort;
	const key = field === 'sla_due_date' ? 'sla_deadline' : field;
	return alerts.sort((a, b) => {
		const x = a[key];
		const y = b[key];
		if (x === y) return a.token < b.token ? -1 : 1;
		return (x < y ? -1 : 1) * (desc ? -1 : 1);
	});
}

/** Validates a resolution: action, rationale (≤5000), false-positive flag, conditions (≤2000, required for Approve with Conditions). */
function resolution(body) {
	const action = str(body, 'action', { required: true, oneOf: m.ACTIONS });
	const rationale = str(body, 'rationale', { required: true, max: 5000 });
	const isFalsePositive = bool(body, 'is_false_positive') ?? false;
	const conditions = str(body, 'conditions', { max: 2000, nullable: true });
	if (action === 'Approve with Conditions' && !conditions) throw invalid('conditions is required when action is Approve with Conditions');
	return { action, rationale, is_false_positive: isFalsePositive, conditions };
}

function tokensOf(body) {
	const tokens = body.alert_tokens;
	if (!Array.isArray(tokens) || tokens.some((t) => typeof t !== 'string')) throw invalid('alert_tokens must be an array of alert tokens');
	if (tokens.length < 1 || tokens.length > 50) throw invalid(`alert_tokens must hold 1 to 50 tokens (got ${tokens.length})`);
	return tokens;
}

/** @param {{ route: Function, state: () => any, settings: any }} api */
function registerAlerts({ route, state, settings }) {
	const s = () => state();

	route('GET', '/v1/alerts', (ctx) => {
		const q = ctx.query;
		const status = queryEnum(q, 'status', STATUSES);
		const type = queryEnum(q, 'type', TYPES);
		const priority = queryEnum(q, 'priority', m.PRIORITIES);
		const category = q.category;
		const caseToken = q.case_token;
		const sort = q.sort ?? '-created_at';
		if (typeof sort !== 'string' || !SORT_FIELDS.includes(sort.replace(/^-/, ''))) throw invalid(`sort must be one of ${SORT_FIELDS.join(', ')}, optionally prefixed with -`);
		const alerts = sortAlerts(
			[...s().alerts.values()].filter(
				(a) => (!status || a.status === status) && (!type || a.type === type) && (!priority || a.priority === priority) && (!category || a.category === category) && (!caseToken || a.case_token === caseToken),
			),
			sort,
		);
		return paged(ctx, alerts.map((a) => alertOut(s(), a, settings)), settings.paging);
	});

	route('GET', '/v1/alerts/:alertToken', (ctx) => ok(ctx.requestId, alertOut(s(), m.getAlert(s(), ctx.params.alertToken), settings)));

	/** Runs `fn` per token; a token that fails is counted (and listed where the variant lists errors). */
	function bulk(tokens, fn) {
		const errors = [];
		let done = 0;
		for (const t of tokens) {
			const a = s().alerts.get(t);
			try {
				if (!a) throw m.notFound('Alert', t);
				fn(a);
				done++;
			} catch (error) {
				errors.push({ alert_token: t, error: error.message });
			}
		}
		return { done, errors };
	}
	const withErrors = (kind) => settings.bulkErrors === 'all' || (settings.bulkErrors === 'documented' && kind === 'resolve');

	route('POST', '/v1/alerts/bulk/resolve', (ctx) => {
		const body = requireBody(ctx.body);
		onlyFields(body, ['alert_tokens', 'action', 'rationale', 'is_false_positive', 'conditions']);
		const tokens = tokensOf(body);
		const r = resolution(body);
		const { done, errors } = bulk(tokens, (a) => m.resolveAlert(s(), a, r));
		return ok(ctx.requestId, { resolved: done, failed: errors.length, ...(withErrors('resolve') ? { errors } : {}) });
	});

	route('POST', '/v1/alerts/bulk/acknowledge', (ctx) => {
		const body = requireBody(ctx.body);
		onlyFields(body, ['alert_tokens']);
		const { done, errors } = bulk(tokensOf(body), (a) => m.acknowledgeAlert(s(), a));
		return ok(ctx.requestId, { acknowledged: done, failed: errors.length, ...(withErrors('acknowledge') ? { errors } : {}) });
	});

	route('POST', '/v1/alerts/bulk/assign', (ctx) => {
		const body = requireBody(ctx.body);
		onlyFields(body, ['alert_tokens', 'user_id', 'note']);
		const tokens = tokensOf(body);
		const userId = str(body, 'user_id', { required: true });
		if (!userOf(s(), userId)) throw invalid(`user_id: no user ${userId} in this project`);
		const note = str(body, 'note', { max: 1000, nullable: true });
		const { done, errors } = bulk(tokens, (a) => m.assignAlert(s(), a, userId, note));
		return ok(ctx.requestId, { assigned: done, failed: errors.length, ...(withErrors('assign') ? { errors } : {}) });
	});

	// After the bulk routes: `/v1/alerts/bulk/resolve` must not read as alert "bulk".
	route('POST', '/v1/alerts/:alertToken/resolve', (ctx) => {
		const body = requireBody(ctx.body);
		onlyFields(body, ['action', 'rationale', 'is_false_positive', 'conditions']);
		const a = m.resolveAlert(s(), m.getAlert(s(), ctx.params.alertToken), resolution(body));
		return ok(ctx.requestId, alertOut(s(), a, settings));
	});

	route('POST', '/v1/alerts/:alertToken/escalate', (ctx) => {
		const body = ctx.body === undefined ? {} : requireBody(ctx.body);
		onlyFields(body, ['reason', 'escalate_to']);
		const reason = str(body, 'reason', { max: 5000, nullable: true });
		const to = str(body, 'escalate_to', { nullable: true });
		if (to && !userOf(s(), to)) throw invalid(`escalate_to: no user ${to} in this project`);
		return ok(ctx.requestId, alertOut(s(), m.escalateAlert(s(), m.getAlert(s(), ctx.params.alertToken), { reason, escalate_to: to }), settings));
	});
}

module.exports = { registerAlerts };
