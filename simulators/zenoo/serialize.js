'use strict';

const { clone } = require('../lib/util');
const { caseAlerts, caseLinks, caseChecks, openAlerts, currentAssessment, UNRESOLVED } = require('./model');

/**
 * Zenoo's public object shapes (API reference), built from the simulator's records. With the
 * `omitOptionalFields` setting, every optional field that is null, and a few that integrations
 * may not receive at all, are left out: clients must cope with missing fields.
 */

const OPTIONAL = {
	case: ['assigned_to', 'sla_deadline', 'sla_status', 'risk_tier', 'risk_score', 'decision', 'external_reference', 'closed_at', 'updated_at', 'metadata', 'summary'],
	alert: ['entity_token', 'entity_name', 'sla_deadline', 'sla_status', 'ai_assessment', 'assigned_to', 'resolution_action', 'resolution_rationale', 'resolved_by', 'resolved_at', 'conditions', 'escalation_reason', 'updated_at'],
};

function strip(obj, kind, settings) {
	if (!settings.omitOptionalFields) return obj;
	for (const key of OPTIONAL[kind] || []) if (obj[key] === null || obj[key] === undefined || kind === 'case' && key === 'updated_at') delete obj[key];
	for (const [key, value] of Object.entries(obj)) if (value === null) delete obj[key];
	return obj;
}

function caseOut(s, c, settings) {
	const { summary, ...rest } = c;
	void summary;
	const out = {
		...clone(rest),
		open_alerts_count: openAlerts(s, c.token).length,
		total_entities_count: caseLinks(s, c.token).length,
	};
	return strip(out, 'case', settings);
}

function entityOut(s, e, role) {
	const checks = [...s.checks.values()].filter((k) => k.entity_token === e.token);
	const alerts = [...s.alerts.values()].filter((a) => a.entity_token === e.token);
	return {
		...clone(e),
		...(role ? { role } : {}),
		checks_summary: {
			total: checks.length,
			complete: checks.filter((k) => k.status === 'Complete').length,
			pending: checks.filter((k) => !['Complete', 'Failed'].includes(k.status)).length,
			failed: checks.filter((k) => k.status === 'Failed').length,
		},
		alerts_summary: {
			total: alerts.length,
			open: alerts.filter((a) => UNRESOLVED.includes(a.status)).length,
			resolved: alerts.filter((a) => !UNRESOLVED.includes(a.status)).length,
		},
	};
}

const alertOut = (s, a, settings) => strip(clone(a), 'alert', settings);
const checkOut = (s, k) => clone(k);
const assessmentOut = (s, r) => {
	const { seq, ...rest } = r;
	void seq;
	return clone(rest);
};

/** The JSON compliance report (reference shape, plus the guide's verdict fields). */
function reportOut(s, c) {
	const entities = caseLinks(s, c.token).map((l) => entityOut(s, s.entities.get(l.entity_token), l.role));
	const current = currentAssessment(s, c.token);
	return {
		case_token: c.token,
		case_name: c.name,
		case_type: c.type,
		case_status: c.status,
		decision: c.decision,
		external_reference: c.external_reference,
		overall_verdict: c.decision === 'Approve' ? 'Pass' : c.decision === 'Decline' ? 'Fail' : 'Pending',
		risk_assessment: current ? assessmentOut(s, current) : null,
		entities,
		checks: caseChecks(s, c.token).map((k) => checkOut(s, k)),
		alerts: caseAlerts(s, c.token).map((a) => clone(a)),
		generated_at: new Date(s.clock()).toISOString(),
	};
}

/** The PDF's text lines. */
function reportLines(s, c) {
	const current = currentAssessment(s, c.token);
	return [
		`Zenoo compliance report - ${c.name}`,
		`Case ${c.token} (${c.type}, ${c.entity_category})`,
		`Status: ${c.status}   Decision: ${c.decision ?? '-'}`,
		`Risk: ${current ? `${current.tier} (${current.overall_score}), ${current.status}` : 'not assessed'}`,
		`Entities: ${caseLinks(s, c.token).length}   Checks: ${caseChecks(s, c.token).length}   Alerts: ${caseAlerts(s, c.token).length}`,
	];
}

module.exports = { caseOut, entityOut, alertOut, checkOut, assessmentOut, reportOut, reportLines };
