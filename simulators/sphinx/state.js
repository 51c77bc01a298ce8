'use strict';

const crypto = require('node:crypto');
const { createRandom } = require('../lib/prng');
const { outcomeFromChecks, phaseOf } = require('./model');

/**
 * Sphinx's organisation state and the case lifecycle: PENDING (not started) → processing →
 * decided (outcome and risk score, after `decisionDelayMs`) or failed. A check of type
 * `FORCE_ERROR`, or `control.failCase`, makes a case fail (simulator choice).
 */

const DAY_MS = 24 * 3600 * 1000;
const NAMES = ['Ada Lovelace', 'Grace Hopper', 'Alan Turing', 'Katherine Johnson', 'Edsger Dijkstra', 'Barbara Liskov', 'Tim Berners-Lee', 'Hedy Lamarr', 'Acme Trading Ltd', 'Globex GmbH', 'Initech SA', 'Umbrella BV'];
const SEED_TYPES = ['PEP', 'SANCTION', 'ADVERSE_MEDIA', 'PROOF_OF_IDENTITY', 'UBO_RESOLUTION'];

function createSphinxState(options, clock) {
	const state = {
		settings: {},
		customers: new Map(),
		cases: new Map(),
		checks: new Map(),
		documents: new Map(),
		nextId: { customer: 1, case: 1, check: 1, document: 1 },
		/** Called with a case when it reaches decided/failed (webhooks). */
		onComplete: (_c) => undefined,
		clock,
	};
	seed(state, options);
	return state;
}

const iso = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

function touch(state, record) {
	record.updated_at = iso(state.clock());
}

function addCustomer(state, input) {
	const now = iso(state.clock());
	const cu = {
		id: state.nextId.customer++,
		external_id: input.external_id ?? crypto.randomUUID(),
		full_name: input.full_name,
		customer_type: input.customer_type ?? null,
		input_details: input.input_details ?? {},
		delete_after: input.delete_after ?? -1,
		parent: input.parent ?? null,
		sync_platforms: input.sync_platforms ?? [],
		created_at: input.created_at ?? now,
		updated_at: input.created_at ?? now,
	};
	state.customers.set(cu.id, cu);
	return cu;
}

function addCheck(state, caseRecord, input) {
	const now = iso(state.clock());
	const k = {
		id: state.nextId.check++,
		case_id: caseRecord.id,
		check_type: input.check_type,
		input_details: input.input_details ?? {},
		document_ids: input.document_ids ?? [],
		delete_after: input.delete_after ?? -1,
		status: 'PENDING',
		outcome: null,
		risk_score: null,
		title: null,
		note: null,
		reasoning: null,
		created_at: input.created_at ?? now,
		updated_at: input.created_at ?? now,
	};
	state.checks.set(k.id, k);
	caseRecord.check_ids.push(k.id);
	touch(state, caseRecord);
	return k;
}

function addCase(state, input) {
	const now = iso(state.clock());
	const c = {
		id: state.nextId.case++,
		external_id: input.external_id ?? crypto.randomUUID(),
		customer_id: input.customer_id,
		check_ids: [],
		document_ids: input.document_ids ?? [],
		note: null,
		risk_score: null,
		outcome: null,
		is_complete: false,
		failed: false,
		started: false,
		rfi: null,
		webhook_url: input.webhook_url ?? null,
		delete_after: input.delete_after ?? -1,
		metadata: input.metadata ?? {},
		sync_platforms: input.sync_platforms ?? [],
		case_config: input.case_config ?? null,
		archived: false,
		decideAt: null,
		forcedOutcome: null,
		created_at: input.created_at ?? now,
		updated_at: input.created_at ?? now,
	};
	state.cases.set(c.id, c);
	return c;
}

/** Starts processing: checks go DECIDING, the decision is due after the configured delay. */
function startCase(state, c) {
	c.started = true;
	c.is_complete = false;
	c.failed = false;
	c.outcome = null;
	c.risk_score = null;
	c.decideAt = state.clock() + state.settings.decisionDelayMs;
	for (const id of c.check_ids) {
		const k = state.checks.get(id);
		Object.assign(k, { status: 'DECIDING', outcome: null, risk_score: null });
		touch(state, k);
	}
	touch(state, c);
}

/** Deterministic per check: most are ACCEPTED, hits on PEP/SANCTION lists sometimes REJECTED. */
function decideCheck(state, k, forced) {
	const hash = crypto.createHash('sha256').update(`${k.id}|${k.check_type}|${JSON.stringify(k.input_details)}`).digest();
	const roll = hash[0] / 255;
	const rejected = forced ? forced === 'REJECTED' : roll > 0.8;
	k.status = 'DECIDED';
	k.outcome = forced === 'PENDING' ? 'PENDING' : rejected ? 'REJECTED' : 'ACCEPTED';
	k.risk_score = Math.round((rejected ? 0.7 + roll * 0.3 : roll * 0.4) * 1000) / 1000;
	k.title = rejected ? `Possible ${k.check_type.toLowerCase().replace(/_/g, ' ')} match` : 'No relevant findings';
	k.note = rejected ? 'The agent found a likely match that needs a human decision.' : 'Nothing relevant was found.';
	k.reasoning = rejected ? '- Name and date of birth match a listed person\n- Nationality matches' : '- No matching records in the consulted sources';
	touch(state, k);
}

function decideCase(state, c, options = {}) {
	if (phaseOf(c) !== 'processing' && !options.force) return false;
	const checks = c.check_ids.map((id) => state.checks.get(id));
	if (options.fail || checks.some((k) => k.check_type === 'FORCE_ERROR')) {
		for (const k of checks) if (k.status === 'DECIDING') Object.assign(k, { status: 'ERROR' });
		c.failed = true;
		c.is_complete = false;
		c.note = 'The agent could not complete the case: a source did not answer.';
	} else {
		for (const k of checks) decideCheck(state, k, options.outcome ?? c.forcedOutcome);
		c.outcome = options.outcome ?? outcomeFromChecks(checks);
		c.risk_score = checks.length ? Math.max(...checks.map((k) => k.risk_score ?? 0)) : null;
		c.is_complete = true;
		c.note = c.outcome === 'REJECTED' ? 'At least one check found a match; the case is rejected.' : c.outcome === 'PENDING' ? 'A check needs more information.' : 'All checks passed.';
		if (c.outcome === 'PENDING') c.rfi = { title: 'Proof of address needed', body: 'Please send a utility bill from the last 3 months.', details: { document: 'PROOF_OF_ADDRESS' } };
	}
	c.decideAt = null;
	touch(state, c);
	state.onComplete(c);
	return true;
}

/** Decides every processing case whose decision is due. */
function tick(state) {
	const now = state.clock();
	for (const c of state.cases.values()) if (!c.archived && c.decideAt !== null && c.decideAt <= now && phaseOf(c) === 'processing') decideCase(state, c);
}

function seed(state, options) {
	const random = createRandom(options.seed ?? 1);
	const count = options.caseCount ?? 60;
	const anchor = state.clock();
	for (let i = 0; i < count; i++) {
		// Oldest first, so ids grow with creation time like a real database.
		const createdMs = anchor - (count - i) * (DAY_MS / 4) - random.int(0, 3_600_000);
		const name = random.pick(NAMES);
		const cu = addCustomer(state, {
			full_name: name,
			external_id: `cust-${String(i + 1).padStart(4, '0')}`,
			customer_type: /Ltd|GmbH|SA|BV/.test(name) ? 'COMPANY' : 'INDIVIDUAL',
			input_details: { nationality: random.pick(['GB', 'DE', 'FR', 'US', 'NL']) },
			created_at: iso(createdMs),
		});
		const c = addCase(state, { customer_id: cu.id, external_id: `case-${String(i + 1).padStart(4, '0')}`, created_at: iso(createdMs) });
		for (const type of random.sample(SEED_TYPES, random.int(1, 3))) addCheck(state, c, { check_type: type, created_at: iso(createdMs) });
		const roll = random.next();
		if (roll < 0.7) {
			c.started = true;
			decideCase(state, c, { force: true, fail: roll < 0.05 });
		} else if (roll < 0.85) {
			startCase(state, c);
			c.decideAt = Number.MAX_SAFE_INTEGER;
		}
		c.created_at = iso(createdMs);
		c.updated_at = iso(createdMs + 5 * 60_000);
	}
}

module.exports = { createSphinxState, addCustomer, addCase, addCheck, startCase, decideCase, tick, iso };
