'use strict';

const { nowIso, token, audit, getCase, caseAlerts, caseLinks, currentAssessment, conflict, API_ACTOR, addToCase } = require('./model');

/**
 * Risk assessments, comments and reviewers of a case. Scores follow Zenoo's risk-scoring guide:
 * four weighted dimensions, tiers 70–100 High, 40–69 Medium, 0–39 Low; the overall tier is the
 * highest dimension tier.
 */

const tierOf = (score) => (score >= 70 ? 'High' : score >= 40 ? 'Medium' : 'Low');
const TIER_RANK = { Low: 0, Medium: 1, High: 2 };
const WEIGHTS = { customer: 0.35, geographic: 0.25, product_service: 0.2, transaction: 0.2 };

/** Deterministic dimension scores from what the case holds (entities, alerts, override data). */
function dimensions(s, c, overrideData = {}) {
	const alerts = caseAlerts(s, c.token);
	const entities = caseLinks(s, c.token).length;
	const raw = {
		customer: Math.min(100, 20 + alerts.length * 15 + (c.entity_category === 'Company' ? 10 : 0)),
		geographic: Math.min(100, 15 + entities * 8),
		product_service: 30,
		transaction: Math.min(100, 10 + alerts.filter((a) => a.category === 'Sanctions Hit').length * 30),
	};
	const out = {};
	for (const [name, weight] of Object.entries(WEIGHTS)) {
		const given = overrideData[name];
		const score = typeof given === 'number' && given >= 0 && given <= 100 ? given : raw[name];
		out[name] = {
			score,
			weight,
			weighted_score: Math.round(score * weight * 10) / 10,
			factors: [{ name: `${name} baseline`, value: String(score), score_contribution: Math.round(score * weight * 10) / 10 }],
		};
	}
	return out;
}

function createAssessment(s, c, { model_token, override_data } = {}) {
	if (c.status === 'Closed') throw conflict(`Case ${c.token} is closed; its risk can no longer be assessed`);
	for (const r of s.byCase.assessments.get(c.token) || [])
		if (r.status !== 'Superseded') {
			r.status = 'Superseded';
			r.updated_at = nowIso(s);
		}
	const dims = dimensions(s, c, override_data || {});
	const overall = Math.round(Object.values(dims).reduce((n, d) => n + d.weighted_score, 0));
	const tier = Object.values(dims)
		.map((d) => tierOf(d.score))
		.reduce((a, b) => (TIER_RANK[b] > TIER_RANK[a] ? b : a), tierOf(overall));
	s.assessmentSeq = (s.assessmentSeq || 0) + 1;
	const r = {
		seq: s.assessmentSeq,
		token: token(s, 'rsk_'),
		case_token: c.token,
		status: 'Active',
		overall_score: overall,
		tier,
		dimensions: dims,
		due_diligence_path: tier === 'High' ? 'EDD' : tier === 'Medium' ? 'CDD' : 'SDD',
		review_frequency: tier === 'High' ? '6 Months' : tier === 'Medium' ? '12 Months' : '24 Months',
		override_tier: null,
		override_justification: null,
		approved_by: null,
		approved_at: null,
		model_token: model_token ?? 'mdl_default',
		model_version: '2.1',
		created_at: nowIso(s),
		updated_at: nowIso(s),
	};
	s.assessments.set(r.token, r);
	addToCase(s, 'assessments', r);
	c.risk_tier = tier;
	c.risk_score = overall;
	c.updated_at = nowIso(s);
	audit(s, c.token, 'RISK_ASSESSMENT_CREATED', { assessment_token: r.token }, { targetType: 'risk_assessment', targetToken: r.token });
	audit(s, c.token, 'RISK_SCORE_CALCULATED', { overall_score: overall, tier }, { targetType: 'risk_assessment', targetToken: r.token });
	s.emit('risk_assessment.completed', { assessment: r });
	return r;
}

function assertCurrent(s, r) {
	if (r.status === 'Superseded') throw conflict(`Risk assessment ${r.token} is superseded by a newer one`);
	if (getCase(s, r.case_token).status === 'Closed') throw conflict(`The case of risk assessment ${r.token} is closed`);
}

function overrideAssessment(s, r, { tier, justification }, actor = API_ACTOR) {
	assertCurrent(s, r);
	r.override_tier = tier;
	r.override_justification = justification;
	r.tier = tier;
	r.status = 'Overridden';
	r.approved_by = null;
	r.approved_at = null;
	r.updated_at = nowIso(s);
	const c = getCase(s, r.case_token);
	c.risk_tier = tier;
	c.updated_at = nowIso(s);
	audit(s, c.token, 'RISK_TIER_OVERRIDE', { tier, justification }, { targetType: 'risk_assessment', targetToken: r.token, actor, severity: 'WARNING' });
	return r;
}

function approveAssessment(s, r, actor = { user_id: 'usr_compliance_lead', name: 'Compliance Lead', type: 'user' }) {
	assertCurrent(s, r);
	if (r.status === 'Approved') return r;
	r.status = 'Approved';
	r.approved_by = actor.user_id;
	r.approved_at = nowIso(s);
	r.updated_at = nowIso(s);
	audit(s, r.case_token, 'RISK_ASSESSMENT_APPROVED', {}, { targetType: 'risk_assessment', targetToken: r.token, actor });
	s.emit('risk_assessment.approved', { assessment: r });
	return r;
}

function userOf(s, userId) {
	return s.users.find((u) => u.id === userId);
}

function addComment(s, c, { body, type, mentions }, author) {
	const user = author || { id: 'api', name: 'API key', initials: 'API' };
	const comment = {
		token: token(s, 'cmt_'),
		case_token: c.token,
		author: { user_id: user.id, name: user.name, initials: user.initials || user.name.split(' ').map((w) => w[0]).join('') },
		type: type || 'Comment',
		body,
		mentions: mentions || [],
		reactions: [],
		created_at: nowIso(s),
		updated_at: nowIso(s),
	};
	const list = s.comments.get(c.token) || [];
	list.push(comment);
	s.comments.set(c.token, list);
	audit(s, c.token, 'COMMENT_ADDED', { comment_token: comment.token, type: comment.type }, { targetType: 'comment', targetToken: comment.token });
	return comment;
}

function addReviewer(s, c, { user_id, role }) {
	const user = userOf(s, user_id);
	const list = s.reviewers.get(c.token) || [];
	if (list.some((r) => r.user_id === user_id && r.status !== 'Removed')) throw conflict(`User ${user_id} is already a reviewer of case ${c.token}`);
	const reviewer = {
		token: token(s, 'rvw_'),
		user_id,
		name: user ? user.name : null,
		role,
		status: 'Invited',
		notes: null,
		invited_at: nowIso(s),
		responded_at: null,
	};
	list.push(reviewer);
	s.reviewers.set(c.token, list);
	audit(s, c.token, 'REVIEWER_ADDED', { user_id, role });
	return reviewer;
}

module.exports = { createAssessment, overrideAssessment, approveAssessment, addComment, addReviewer, userOf, tierOf, currentAssessment };
