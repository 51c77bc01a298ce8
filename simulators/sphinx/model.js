'use strict';

const { clone } = require('../lib/util');

/**
 * Sphinx's data model for the simulator: customers, cases, checks, documents, and how a case
 * looks on the wire in each documented generation (older `status` / newer `is_complete`+`failed`).
 * Sources: /work/shared/vendors/sphinx.md (§3). Choices the docs leave open are marked.
 */

const CHECK_TYPES = [
	'PEP', 'SANCTION', 'BLACKLIST', 'ADVERSE_MEDIA', 'TRANSACTION_MONITORING', 'UBO_RESOLUTION', 'SIGNING_AUTHORITY',
	'BANK_STATEMENT', 'PROOF_OF_IDENTITY', 'PROOF_OF_ADDRESS', 'SOURCE_OF_FUNDS', 'NAME_CHECK', 'CLEAN_SCREENING', 'CRA',
	'WEB_PRESENCE', 'KYB_PROOF_OF_IDENTITY', 'COMMERCIAL_EXTRACT', 'SHAREHOLDER_LIST',
];

/** Case configs the simulated organisation has (simulator choice): slug → generated checks. */
const CASE_CONFIGS = {
	'aml-screening': ['PEP', 'SANCTION', 'ADVERSE_MEDIA'],
	'kyc-basic': ['PROOF_OF_IDENTITY', 'PROOF_OF_ADDRESS', 'PEP'],
	'kyb-full': ['UBO_RESOLUTION', 'COMMERCIAL_EXTRACT', 'SHAREHOLDER_LIST', 'SANCTION'],
};

/** Newer check statuses, and what the older generation called them. */
const OLD_CHECK_STATUS = { PENDING: 'PENDING', DECIDING: 'PROCESSING', DECIDED: 'COMPLETED', SUBMITTED: 'COMPLETED', SKIPPED: 'COMPLETED', ERROR: 'ERROR' };

/** The case's phase: not started, processing, decided or failed. */
function phaseOf(c) {
	if (c.failed) return 'failed';
	if (c.is_complete) return 'decided';
	if (c.started) return 'processing';
	return 'pending';
}

/** Older `status`: PENDING, PROCESSING, COMPLETED, ERROR. */
function oldStatusOf(c) {
	return { pending: 'PENDING', processing: 'PROCESSING', decided: 'COMPLETED', failed: 'ERROR' }[phaseOf(c)];
}

/** Case outcome from its checks (sphinx.md §5.8): REJECTED if any, else PENDING if any, else ACCEPTED. */
function outcomeFromChecks(checks) {
	const outcomes = checks.map((k) => k.outcome);
	if (outcomes.includes('REJECTED')) return 'REJECTED';
	if (outcomes.includes('PENDING') || outcomes.includes(null)) return 'PENDING';
	return 'ACCEPTED';
}

/**
 * @param {any} settings simulator settings: generation ('new' | 'old' | 'both'), omitOptional,
 *   reasoning ('docs' | 'string' | 'array')
 */
function serializeCheck(k, settings, where) {
	const old = settings.generation === 'old';
	const reasoningArray = settings.reasoning === 'array' || (settings.reasoning !== 'string' && where === 'case');
	const out = {
		id: k.id,
		check_type: k.check_type,
		status: old ? OLD_CHECK_STATUS[k.status] : k.status,
		outcome: k.outcome,
		risk_score: k.risk_score,
		title: k.title,
		note: k.note,
		reasoning: k.reasoning === null ? null : reasoningArray ? [k.reasoning] : k.reasoning,
		input_details: clone(k.input_details),
		document_ids: [...k.document_ids],
		delete_after: k.delete_after,
		created_at: k.created_at,
		updated_at: k.updated_at,
	};
	if (settings.omitOptional) for (const key of ['title', 'note', 'reasoning', 'document_ids']) if (out[key] === null || (Array.isArray(out[key]) && !out[key].length)) delete out[key];
	return out;
}

function customerRef(cu) {
	return cu ? { id: cu.id, full_name: cu.full_name, external_id: cu.external_id, customer_type: cu.customer_type } : null;
}

function serializeCustomer(cu) {
	const out = clone(cu);
	delete out.deleted;
	return out;
}

/** The case as the API sends it, in the configured field generation. */
function serializeCase(c, state) {
	const settings = state.settings;
	const gen = settings.generation;
	const checks = c.check_ids.map((id) => state.checks.get(id)).filter(Boolean);
	const out = {
		id: c.id,
		external_id: c.external_id,
		customer: customerRef(state.customers.get(c.customer_id)),
		risk_score: c.risk_score,
		outcome: c.outcome,
		checks: checks.map((k) => serializeCheck(k, settings, 'case')),
		webhook_url: c.webhook_url,
		delete_after: c.delete_after,
		metadata: clone(c.metadata),
		sync_platforms: clone(c.sync_platforms),
		document_ids: [...c.document_ids],
		created_at: c.created_at,
		updated_at: c.updated_at,
	};
	if (gen === 'old') {
		out.notes = c.note;
		out.status = oldStatusOf(c);
		out.rfi = c.rfi ? c.rfi.body : null;
		// The older pages predate case-level external ids.
		delete out.external_id;
	} else {
		out.note = c.note;
		out.is_complete = c.is_complete;
		out.failed = c.failed;
		out.rfi = c.rfi ? clone(c.rfi) : null;
		if (gen === 'both') out.status = oldStatusOf(c);
	}
	if (settings.omitOptional) for (const key of ['note', 'notes', 'rfi', 'metadata', 'sync_platforms', 'risk_score', 'webhook_url', 'document_ids']) if (out[key] === null || out[key] === undefined) delete out[key];
	return out;
}

function serializeCheckWithCase(k, state) {
	const c = state.cases.get(k.case_id);
	return {
		...serializeCheck(k, state.settings, 'check'),
		case: c ? { id: c.id, customer: customerRef(state.customers.get(c.customer_id)), outcome: c.outcome, risk_score: c.risk_score } : null,
	};
}

module.exports = {
	CHECK_TYPES,
	CASE_CONFIGS,
	phaseOf,
	oldStatusOf,
	outcomeFromChecks,
	serializeCase,
	serializeCheck,
	serializeCheckWithCase,
	serializeCustomer,
};
