'use strict';

const { createRandom } = require('../lib/prng');
const m = require('./model');
const { createAssessment, approveAssessment, addComment, addReviewer } = require('./assessments');

/**
 * Deterministic Zenoo state: cases in every status with entities, checks, alerts (open and
 * resolved), risk assessments (active, overridden, approved), comments, reviewers and the audit
 * trail all of that leaves. Seeded timestamps count back from `anchor`.
 */

const HOUR_MS = 3600 * 1000;
const USERS = [
	{ id: 'usr_a1ice', name: 'Alice Martin', email: 'alice.martin@bank.example', initials: 'AM' },
	{ id: 'usr_b0bby', name: 'Bob Okafor', email: 'bob.okafor@bank.example', initials: 'BO' },
	{ id: 'usr_c4rla', name: 'Carla Nunes', email: 'carla.nunes@bank.example', initials: 'CN' },
	{ id: 'usr_d4vid', name: 'David Chen', email: 'david.chen@bank.example', initials: 'DC' },
	{ id: 'usr_compliance_lead', name: 'Compliance Lead', email: 'mlro@bank.example', initials: 'CL' },
];
const FIRST = ['Amelia', 'Oliver', 'Isla', 'Noah', 'Ava', 'Leo', 'Mia', 'Arthur', 'Sofia', 'Ivan', 'Yuki', 'Omar'];
const LAST = ['Smith', 'Jones', 'Taylor', 'Brown', 'Petrov', 'Garcia', 'Kowalski', 'Haddad', 'Tanaka', 'Novak'];
const COMPANIES = ['Acme Trading', 'Northwind Logistics', 'Blue Harbor Capital', 'Globex Metals', 'Initech Payments', 'Umbrella Holdings', 'Stark Shipping'];
const COUNTRIES = ['GB', 'DE', 'FR', 'NL', 'ES', 'AE', 'SG', 'US'];

function personInput(rnd) {
	const first = rnd.pick(FIRST);
	const last = rnd.pick(LAST);
	return {
		type: 'Person',
		first_name: first,
		last_name: last,
		date_of_birth: `19${rnd.int(55, 99)}-${String(rnd.int(1, 12)).padStart(2, '0')}-${String(rnd.int(1, 28)).padStart(2, '0')}`,
		nationality: rnd.pick(COUNTRIES),
		country: rnd.pick(COUNTRIES),
	};
}

function companyInput(rnd) {
	return {
		type: 'Company',
		company_name: `${rnd.pick(COMPANIES)} ${rnd.pick(['Ltd', 'GmbH', 'BV', 'SA', 'Pte'])}`,
		registration_number: String(rnd.int(10000000, 99999999)),
		country: rnd.pick(COUNTRIES),
		address: { line1: `${rnd.int(1, 200)} High Street`, city: 'London', postal_code: 'EC1A 1BB', country: 'GB' },
	};
}

/**
 * @param {{ seed?: number | string, caseCount?: number, anchor?: string | number | Date, clock?: () => number }} o
 */
function seedState(o = {}) {
	const rnd = createRandom(o.seed ?? 1);
	const s = m.createState({ rnd, clock: o.clock });
	s.seed = o.seed ?? 1;
	const anchor = o.anchor !== undefined ? new Date(o.anchor).getTime() : (o.clock || Date.now)() - HOUR_MS;
	s.anchor = new Date(anchor).toISOString();
	s.users = USERS.map((u) => ({ ...u }));
	const count = o.caseCount ?? 120;
	for (let i = 0; i < count; i++) {
		let t = anchor - (count - i) * 3 * HOUR_MS;
		const step = () => {
			t += 5 * 60 * 1000;
			s.at = t;
		};
		step();
		const category = rnd.chance(0.55) ? 'Person' : 'Company';
		const c = m.createCase(s, {
			type: rnd.pick(m.CASE_TYPES),
			entity_category: category,
			assigned_to: rnd.chance(0.7) ? rnd.pick(USERS).id : null,
			external_reference: rnd.chance(0.5) ? `CRM-${100000 + i}` : null,
			// a few cases wait for their entity: they stay New
			entity: rnd.chance(0.08) ? undefined : category === 'Person' ? personInput(rnd) : companyInput(rnd),
			metadata: rnd.chance(0.3) ? { source: 'seed', segment: rnd.pick(['retail', 'sme', 'corporate']) } : {},
		});
		if (c.status === 'New') continue;
		if (category === 'Company' && rnd.chance(0.5)) {
			step();
			m.linkEntity(s, c, m.createEntity(s, personInput(rnd)), rnd.pick(['Director', 'UBO', 'Shareholder']));
		}
		if (rnd.chance(0.15)) continue; // a few cases stay untouched: checks pending, no assessment
		for (const k of m.caseChecks(s, c.token)) {
			step();
			const roll = rnd.next();
			if (roll < 0.1) continue;
			m.completeCheck(s, k, roll < 0.72 ? 'Pass' : roll < 0.92 ? 'Refer' : 'Fail');
		}
		step();
		if (rnd.chance(0.8)) createAssessment(s, c);
		const alerts = m.caseAlerts(s, c.token);
		const closing = rnd.chance(0.25);
		for (const a of alerts) {
			step();
			if (closing || rnd.chance(0.4))
				m.resolveAlert(s, a, {
					action: rnd.pick(['Approve', 'Decline']),
					rationale: 'Reviewed against source data; seeded resolution.',
					is_false_positive: rnd.chance(0.5),
				}, { user_id: rnd.pick(USERS).id, name: 'Analyst', type: 'user' });
			else if (rnd.chance(0.3)) m.acknowledgeAlert(s, a);
		}
		for (let n = rnd.int(0, 3); n > 0; n--) {
			step();
			const author = rnd.pick(USERS);
			addComment(s, c, { body: rnd.pick(['Requested proof of address.', 'Screening hit looks like a namesake.', 'Escalating to MLRO.', 'Waiting for client documents.']), type: rnd.pick(['Comment', 'Note']) }, author);
		}
		if (rnd.chance(0.3)) {
			step();
			addReviewer(s, c, { user_id: 'usr_compliance_lead', role: 'Approver' });
		}
		const current = m.currentAssessment(s, c.token);
		if (closing && current) {
			step();
			approveAssessment(s, current);
			step();
			m.closeCase(s, c, { decision: rnd.chance(0.8) ? 'Approve' : 'Decline', summary: 'Seeded closure after review.' });
		} else if (current && rnd.chance(0.15)) {
			step();
			m.setCaseStatus(s, c, rnd.pick(['In Review', 'Internal Review', 'Client Input', 'Escalated']));
		}
		if (current && current.status !== 'Approved' && c.status !== 'Closed' && rnd.chance(0.2)) {
			step();
			approveAssessment(s, current);
		}
		if (c.status !== 'Closed' && rnd.chance(0.2)) c.sla_status = rnd.pick(['Warning', 'Critical', 'Breached']);
	}
	s.at = null;
	s.seeding = false;
	return s;
}

module.exports = { seedState, USERS };
