'use strict';

const { randomId } = require('../lib/util');
const { SimError } = require('../lib/errors');

/**
 * Zenoo case-management state and its lifecycle rules, without HTTP (routes and the control API
 * both call these). Follows /work/shared/vendors/zenoo.md; where the docs are silent the rule is
 * marked [A] (assumption §6.7 there): a case goes New → In Progress with its first entity; checks
 * are made when an entity joins a case; a Refer/Fail screening check opens an alert; a case closes
 * only when none of its alerts is Open/Acknowledged/Escalated and its current risk assessment is
 * Approved.
 */

const UNRESOLVED = ['Open', 'Acknowledged', 'Escalated'];
const CASE_STATUSES = ['New', 'In Progress', 'In Review', 'Internal Review', 'Client Input', 'Closed', 'Escalated'];
const CASE_TYPES = ['Onboarding', 'Review', 'Perpetual'];
const CATEGORIES = ['Company', 'Person'];
const TIERS = ['High', 'Medium', 'Low'];
const ROLES = ['Primary', 'UBO', 'Director', 'Shareholder'];
const ACTIONS = ['Approve', 'Decline', 'Escalate', 'Request Document', 'Approve with Conditions'];
const PRIORITIES = ['Critical', 'High', 'Medium', 'Low'];
const PRIORITY_BASE = { Critical: 240, High: 170, Medium: 100, Low: 40 };
const CHECKS_BY_TYPE = {
	Person: [['IDV_DOCUMENT', 'Identity'], ['SCR_PEP', 'Screening'], ['SCR_SANCTIONS', 'Screening'], ['SCR_ADVERSE_MEDIA', 'Screening']],
	Company: [['COMPANY_REGISTRY', 'Company'], ['SCR_SANCTIONS', 'Screening'], ['SCR_ADVERSE_MEDIA', 'Screening']],
};
const ALERT_CATEGORY = { SCR_PEP: 'PEP Match', SCR_SANCTIONS: 'Sanctions Hit', SCR_ADVERSE_MEDIA: 'Adverse Media' };
const API_ACTOR = { user_id: 'api', name: 'API key', type: 'api_key' };

const conflict = (message) => new SimError(409, 'CONFLICT', message, { code: 'CONFLICT' });
const notFound = (what, token) => new SimError(404, 'NOT_FOUND', `${what} ${token} was not found`, { code: 'NOT_FOUND' });

/** @param {{ clock?: () => number, rnd: any }} o */
function createState(o) {
	return {
		clock: o.clock || Date.now,
		rnd: o.rnd,
		seeding: true,
		caseSeq: 0,
		users: [],
		cases: new Map(),
		entities: new Map(),
		links: [],
		checks: new Map(),
		alerts: new Map(),
		assessments: new Map(),
		comments: new Map(),
		reviewers: new Map(),
		audit: new Map(),
		webhooks: new Map(),
		events: [],
		/** links, checks, alerts and assessments per case token, added to as they are made (none is ever removed) */
		byCase: { links: new Map(), checks: new Map(), alerts: new Map(), assessments: new Map() },
		/** @type {(type: string, data: any) => void} */
		emit: () => {},
		/** when set (seeding), timestamps come from here instead of the clock */
		at: null,
	};
}

const nowIso = (s) => new Date(s.at ?? s.clock()).toISOString();
/** Seeded ids are reproducible; ids made later are random, so they never repeat after a reset. */
const token = (s, prefix) => (s.seeding ? s.rnd.id(prefix, 16) : randomId(prefix, 16));

function audit(s, caseToken, eventType, details = {}, o = {}) {
	const list = s.audit.get(caseToken) || [];
	list.push({
		token: token(s, 'aud_'),
		event_type: eventType,
		severity: o.severity || 'INFO',
		actor: o.actor || API_ACTOR,
		target_type: o.targetType || 'case',
		target_token: o.targetToken || caseToken,
		details,
		ip_address: '203.0.113.10',
		created_at: nowIso(s),
	});
	s.audit.set(caseToken, list);
}

function getCase(s, t) {
	const c = s.cases.get(t);
	if (!c) throw notFound('Case', t);
	return c;
}
function getAlert(s, t) {
	const a = s.alerts.get(t);
	if (!a) throw notFound('Alert', t);
	return a;
}
function getEntity(s, t) {
	const e = s.entities.get(t);
	if (!e) throw notFound('Entity', t);
	return e;
}
function getAssessment(s, t) {
	const r = s.assessments.get(t);
	if (!r) throw notFound('Risk assessment', t);
	return r;
}

/** Records `item` of `kind` under its case (the per-case lists keep a 10,000-case list linear). */
function addToCase(s, kind, item) {
	const list = s.byCase[kind].get(item.case_token);
	if (list) list.push(item);
	else s.byCase[kind].set(item.case_token, [item]);
}
const ofCase = (s, kind, t) => [...(s.byCase[kind].get(t) || [])];
const caseAlerts = (s, t) => ofCase(s, 'alerts', t);
const caseChecks = (s, t) => ofCase(s, 'checks', t);
const caseLinks = (s, t) => ofCase(s, 'links', t);
const openAlerts = (s, t) => caseAlerts(s, t).filter((a) => UNRESOLVED.includes(a.status));
/** The case's current assessment: the newest one not superseded. */
const currentAssessment = (s, t) =>
	ofCase(s, 'assessments', t).filter((r) => r.status !== 'Superseded').sort((a, b) => (a.seq < b.seq ? 1 : -1))[0];

function touch(s, c) {
	c.updated_at = nowIso(s);
}

function createEntity(s, input) {
	const e = {
		token: token(s, 'ent_'),
		type: input.type,
		first_name: input.first_name ?? null,
		last_name: input.last_name ?? null,
		full_name: input.type === 'Person' ? [input.first_name, input.last_name].filter(Boolean).join(' ') || null : input.company_name ?? null,
		company_name: input.company_name ?? null,
		date_of_birth: input.date_of_birth ?? null,
		nationality: input.nationality ?? null,
		registration_number: input.registration_number ?? null,
		country: input.country ?? null,
		address: input.address ?? null,
		verification_status: 'Not Started',
		external_reference: input.external_reference ?? null,
		metadata: input.metadata ?? {},
		created_at: nowIso(s),
		updated_at: nowIso(s),
	};
	s.entities.set(e.token, e);
	return e;
}

/** An entity joins a case with a role: its checks are made, the case moves New → In Progress [A]. */
function linkEntity(s, c, e, role) {
	if (caseLinks(s, c.token).some((l) => l.entity_token === e.token))
		throw conflict(`Entity ${e.token} is already part of case ${c.token}`);
	const link = { case_token: c.token, entity_token: e.token, role };
	s.links.push(link);
	addToCase(s, 'links', link);
	for (const [typeCode, category] of CHECKS_BY_TYPE[e.type] || CHECKS_BY_TYPE.Person) {
		const k = {
			token: token(s, 'chk_'),
			case_token: c.token,
			entity_token: e.token,
			entity_name: e.full_name,
			type_code: typeCode,
			category,
			status: 'Pending',
			result: null,
			provider: category === 'Identity' ? 'Sumsub' : category === 'Company' ? 'Kyckr' : 'WorldCheck',
			execution_method: 'API',
			result_data: {},
			alerts_generated: 0,
			waive_reason: null,
			retry_count: 0,
			valid_until: null,
			executed_at: null,
			completed_at: null,
			created_at: nowIso(s),
			updated_at: nowIso(s),
		};
		s.checks.set(k.token, k);
		addToCase(s, 'checks', k);
	}
	if (c.status === 'New') setCaseStatus(s, c, 'In Progress');
	audit(s, c.token, 'ENTITY_ADDED', { entity_token: e.token, role }, { targetType: 'entity', targetToken: e.token });
	touch(s, c);
}

function setCaseStatus(s, c, status) {
	const previous = c.status;
	if (previous === status) return;
	c.status = status;
	touch(s, c);
	audit(s, c.token, 'CASE_STATUS_CHANGE', { previous_status: previous, new_status: status });
	s.emit('case.status_changed', { case: c, extra: { previous_status: previous, new_status: status } });
}

function createCase(s, input) {
	s.caseSeq += 1;
	const created = nowIso(s);
	const c = {
		token: token(s, 'cas_'),
		name: `CAS-${String(s.caseSeq).padStart(6, '0')}`,
		type: input.type,
		status: 'New',
		entity_category: input.entity_category,
		assigned_to: input.assigned_to ?? null,
		sla_deadline: new Date(Date.parse(created) + 14 * 86400_000).toISOString(),
		sla_status: 'On Track',
		risk_tier: null,
		risk_score: null,
		decision: null,
		summary: null,
		external_reference: input.external_reference ?? null,
		metadata: input.metadata ?? {},
		created_at: created,
		updated_at: created,
		closed_at: null,
	};
	s.cases.set(c.token, c);
	audit(s, c.token, 'CASE_CREATED', { type: c.type, entity_category: c.entity_category });
	s.emit('case.created', { case: c });
	if (input.entity) linkEntity(s, c, createEntity(s, input.entity), 'Primary');
	return c;
}

function updateCase(s, c, patch) {
	if (c.status === 'Closed' && patch.status !== undefined && patch.status !== 'Closed')
		throw conflict(`Case ${c.token} is closed; its status can no longer change`);
	touch(s, c);
	if (patch.assigned_to !== undefined && patch.assigned_to !== c.assigned_to) {
		c.assigned_to = patch.assigned_to;
		audit(s, c.token, 'CASE_ASSIGNMENT', { assigned_to: patch.assigned_to });
	}
	if (patch.metadata !== undefined) c.metadata = { ...c.metadata, ...patch.metadata };
	if (patch.status !== undefined && patch.status !== c.status) {
		if (patch.status === 'Closed') return closeCase(s, c, { decision: 'Decline', summary: null });
		setCaseStatus(s, c, patch.status);
		if (patch.status === 'Escalated') s.emit('case.escalated', { case: c });
	}
	return c;
}

/** Why a case may not close now, or undefined. The simulator's reading of the two documented rules. */
function closeRefusal(s, c) {
	if (c.status === 'Closed') return `Case ${c.token} is already closed`;
	const open = openAlerts(s, c.token);
	if (open.length)
		return `Case cannot be closed: ${open.length} alert${open.length === 1 ? ' is' : 's are'} not resolved (${open.map((a) => a.token).join(', ')})`;
	const current = currentAssessment(s, c.token);
	if (!current) return 'Case cannot be closed: the case has no risk assessment';
	if (current.status !== 'Approved') return `Case cannot be closed: risk assessment ${current.token} is ${current.status}, not Approved`;
	return undefined;
}

function closeCase(s, c, { decision, summary }) {
	const refusal = closeRefusal(s, c);
	if (refusal) throw conflict(refusal);
	c.decision = decision;
	c.summary = summary ?? null;
	c.closed_at = nowIso(s);
	setCaseStatus(s, c, 'Closed');
	audit(s, c.token, 'CASE_CLOSURE', { decision, summary: summary ?? null });
	s.emit('case.closed', { case: c });
	return c;
}

function priorityScore(s, priority, matchScore) {
	return Math.min(290, PRIORITY_BASE[priority] + Math.round(matchScore / 2));
}

function createAlert(s, input) {
	const c = getCase(s, input.case_token);
	const entity = input.entity_token ? s.entities.get(input.entity_token) : undefined;
	const priority = PRIORITIES.includes(input.priority) ? input.priority : 'High';
	const matchScore = input.match_score ?? (s.seeding ? s.rnd.int(55, 99) : 87);
	const created = nowIso(s);
	const a = {
		token: token(s, 'alt_'),
		case_token: c.token,
		entity_token: entity ? entity.token : null,
		entity_name: entity ? entity.full_name : null,
		title: input.title || `${input.category || 'Sanctions Hit'} for ${entity ? entity.full_name : c.name}`,
		type: input.type || 'Screening',
		category: input.category || 'Sanctions Hit',
		status: 'Open',
		priority,
		priority_score: priorityScore(s, priority, matchScore),
		sla_deadline: new Date(Date.parse(created) + 2 * 86400_000).toISOString(),
		sla_status: 'On Track',
		match_score: matchScore,
		ai_assessment: null,
		resolution_action: null,
		resolution_rationale: null,
		conditions: null,
		resolved_by: null,
		resolved_at: null,
		assigned_to: null,
		is_false_positive: false,
		escalation_reason: null,
		created_at: created,
		updated_at: created,
	};
	s.alerts.set(a.token, a);
	addToCase(s, 'alerts', a);
	touch(s, c);
	audit(s, c.token, 'ALERT_CREATED', { category: a.category, priority }, { targetType: 'alert', targetToken: a.token, severity: 'WARNING' });
	s.emit('alert.created', { alert: a });
	return a;
}

/** A check finishes; a Refer/Fail screening check opens an alert [A]. */
function completeCheck(s, k, result) {
	k.status = result === 'Fail' && k.category !== 'Screening' ? 'Failed' : 'Complete';
	k.result = result;
	k.executed_at = k.executed_at || nowIso(s);
	k.completed_at = nowIso(s);
	k.updated_at = nowIso(s);
	audit(s, k.case_token, 'CHECK_COMPLETED', { type_code: k.type_code, result }, { targetType: 'check', targetToken: k.token });
	s.emit(k.status === 'Failed' ? 'check.failed' : 'check.completed', { check: k });
	if (k.category === 'Screening' && result !== 'Pass') {
		k.alerts_generated += 1;
		createAlert(s, { case_token: k.case_token, entity_token: k.entity_token, category: ALERT_CATEGORY[k.type_code] || 'Watchlist Match', priority: result === 'Fail' ? 'Critical' : 'High' });
	}
}

const ALREADY_DONE = ['Resolved', 'False Positive'];

function resolveAlert(s, a, { action, rationale, is_false_positive, conditions }, actor = API_ACTOR) {
	if (ALREADY_DONE.includes(a.status)) throw conflict(`Alert ${a.token} is already ${a.status}`);
	a.resolution_action = action;
	a.resolution_rationale = rationale;
	a.conditions = conditions ?? null;
	a.is_false_positive = Boolean(is_false_positive);
	if (is_false_positive) a.status = 'False Positive';
	else if (action === 'Escalate') a.status = 'Escalated';
	else if (action === 'Request Document') a.status = 'Open';
	else a.status = 'Resolved';
	if (ALREADY_DONE.includes(a.status)) {
		a.resolved_by = actor.user_id;
		a.resolved_at = nowIso(s);
	}
	a.updated_at = nowIso(s);
	const type = a.status === 'False Positive' ? 'ALERT_FALSE_POSITIVE' : a.status === 'Escalated' ? 'ALERT_ESCALATED' : 'ALERT_RESOLVED';
	audit(s, a.case_token, type, { action, rationale }, { targetType: 'alert', targetToken: a.token, actor });
	if (a.status === 'Escalated') s.emit('alert.escalated', { alert: a });
	else if (ALREADY_DONE.includes(a.status)) s.emit('alert.resolved', { alert: a });
	return a;
}

function escalateAlert(s, a, { reason, escalate_to }) {
	if (ALREADY_DONE.includes(a.status)) throw conflict(`Alert ${a.token} is already ${a.status}`);
	a.status = 'Escalated';
	a.escalation_reason = reason ?? null;
	if (escalate_to) a.assigned_to = escalate_to;
	a.updated_at = nowIso(s);
	audit(s, a.case_token, 'ALERT_ESCALATED', { reason: reason ?? null, escalate_to: escalate_to ?? null }, { targetType: 'alert', targetToken: a.token, severity: 'WARNING' });
	s.emit('alert.escalated', { alert: a });
	return a;
}

function acknowledgeAlert(s, a) {
	if (a.status !== 'Open') throw conflict(`Alert ${a.token} is ${a.status}, only Open alerts can be acknowledged`);
	a.status = 'Acknowledged';
	a.updated_at = nowIso(s);
	audit(s, a.case_token, 'ALERT_ACKNOWLEDGED', {}, { targetType: 'alert', targetToken: a.token });
	return a;
}

function assignAlert(s, a, userId, note) {
	if (ALREADY_DONE.includes(a.status)) throw conflict(`Alert ${a.token} is already ${a.status}`);
	a.assigned_to = userId;
	a.updated_at = nowIso(s);
	audit(s, a.case_token, 'ALERT_ASSIGNMENT', { user_id: userId, note: note ?? null }, { targetType: 'alert', targetToken: a.token });
	return a;
}

module.exports = {
	UNRESOLVED,
	CASE_STATUSES,
	CASE_TYPES,
	CATEGORIES,
	TIERS,
	ROLES,
	ACTIONS,
	PRIORITIES,
	API_ACTOR,
	createState,
	nowIso,
	token,
	audit,
	conflict,
	notFound,
	getCase,
	getAlert,
	getEntity,
	getAssessment,
	caseAlerts,
	caseChecks,
	caseLinks,
	addToCase,
	openAlerts,
	currentAssessment,
	createEntity,
	linkEntity,
	createCase,
	updateCase,
	setCaseStatus,
	closeRefusal,
	closeCase,
	createAlert,
	completeCheck,
	resolveAlert,
	escalateAlert,
	acknowledgeAlert,
	assignAlert,
};
