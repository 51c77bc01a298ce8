'use strict';

const { createRandom } = require('../lib/prng');
const { growDirectory } = require('./directory');

/**
 * Deterministic Certn state: cases with checks in every documented status, groups, packages,
 * users and tags. Shapes follow /work/shared/vendors/certn.md §5 (fields integrations agree on).
 */

const DAY_MS = 24 * 3600 * 1000;

/** Orderable check types the simulated account knows (parents and the children seen in the docs). */
const CHECK_TYPES = [
	'IDENTITY_VERIFICATION_1',
	'ONE_ID_2',
	'CRIMINAL_RECORD_REPORT_1',
	'BASIC_CANADIAN_CRIMINAL_RECORD_REPORT_1',
	'BASIC_CANADIAN_CRIMINAL_RECORD_REPORT_2',
	'BASIC_UK_DBS_1',
	'STANDARD_UK_DBS_1',
	'CREDIT_REPORT_1',
	'US_CREDIT_REPORT_1',
	'FO_CREDIT_REPORT_1',
	'CANADIAN_CREDIT_REPORT_1',
	'MOTOR_VEHICLE_RECORD_1',
	'CA_DRIVER_ABSTRACT_1',
	'BC_CA_DRIVER_ABSTRACT_1',
	'US_MOTOR_VEHICLE_RECORD_1',
	'EMPLOYMENT_VERIFICATIONS_1',
];

const OVERALL_STATUSES = [
	'DRAFT',
	'CASE_ORDERED',
	'INVITE_UNDELIVERABLE',
	'APPLICANT_EXPIRED',
	'APPLICANT_INVITED',
	'APPLICANT_OPENED',
	'APPLICANT_STARTED',
	'APPLICANT_SUBMITTED',
	'IN_DISPUTE',
	'IN_PROGRESS',
	'APPLICANT_ACTION_REQUIRED',
	'CLIENT_ACTION_REQUIRED',
	'CANCELLED',
	'COMPLETE',
	// deprecated, still valid filter values
	'APPLICANT_DECLINED',
	'AWAITING_APPLICANT_SUBMISSION',
	'PENDING_FULFILLMENT',
	'SUBMITTED_TO_SOURCE',
	'MANUAL_REVIEW_SOURCE',
	'PENDING_QUALITY_REVIEW',
	'IN_QUALITY_REVIEW',
	'SUPERSEDED',
];

const SCORES = ['CLEAR', 'REVIEW', 'REJECT', 'NOT_APPLICABLE', 'RESTRICTED'];
const PERMISSIBLE_PURPOSES = ['EMPLOYMENT', 'LENDING', 'CONSUMER', 'TENANCY', 'INVESTING', 'INSURANCE'];

/** What the checks of a case look like for each case status (seeding and control changes). */
function checkStatusFor(overallStatus, index) {
	switch (overallStatus) {
		case 'APPLICANT_SUBMITTED':
		case 'PENDING_FULFILLMENT':
			return 'PENDING_FULFILLMENT';
		case 'IN_PROGRESS':
		case 'SUBMITTED_TO_SOURCE':
		case 'MANUAL_REVIEW_SOURCE':
		case 'PENDING_QUALITY_REVIEW':
		case 'IN_QUALITY_REVIEW':
			return index === 0 ? 'COMPLETE' : 'IN_PROGRESS';
		case 'IN_DISPUTE':
			return index === 0 ? 'IN_DISPUTE' : 'COMPLETE';
		case 'APPLICANT_ACTION_REQUIRED':
		case 'CLIENT_ACTION_REQUIRED':
			return index === 0 ? overallStatus : 'IN_PROGRESS';
		case 'CANCELLED':
		case 'APPLICANT_DECLINED':
			return 'CANCELLED';
		case 'COMPLETE':
			return 'COMPLETE';
		case 'SUPERSEDED':
			return 'SUPERSEDED';
		default:
			// DRAFT, CASE_ORDERED, APPLICANT_* before submission, INVITE_UNDELIVERABLE, AWAITING_…
			return 'AWAITING_APPLICANT_SUBMISSION';
	}
}

/** Case `overall_score` from its checks: the worst score wins; null until the case is COMPLETE. */
function overallScoreOf(c) {
	if (c.overall_status !== 'COMPLETE') return null;
	const scores = c.checks.map((k) => k.score).filter(Boolean);
	for (const s of ['REJECT', 'REVIEW', 'RESTRICTED', 'CLEAR', 'NOT_APPLICABLE']) if (scores.includes(s)) return s;
	return 'NOT_APPLICABLE';
}

/**
 * @param {{ seed?: number | string, caseCount?: number, anchor?: string | number | Date, directoryExtra?: number }} config
 */
function createCertnState(config) {
	const seed = config.seed ?? 1;
	const rnd = createRandom(`certn:${seed}`);
	const anchorDate = config.anchor !== undefined ? new Date(config.anchor) : new Date(new Date().toISOString().slice(0, 10) + 'T00:00:00.000Z');
	const anchor = anchorDate.getTime();

	const hex = (n) => Array.from({ length: n }, () => '0123456789abcdef'[rnd.int(0, 15)]).join('');
	/** Seeded ids are reproducible; ids made later (orders) must not collide with them. */
	const uuid = () => `${hex(8)}-${hex(4)}-4${hex(3)}-${'89ab'[rnd.int(0, 3)]}${hex(3)}-${hex(12)}`;
	const shortId = (prefix) => `${prefix}${rnd.token(10).toUpperCase().replace(/[^A-Z0-9]/g, 'X')}`;

	const users = [
		{ id: uuid(), email: 'hiring.manager@example.com', full_name: 'Harper Manager', is_active: true, role: 'ADMIN' },
		{ id: uuid(), email: 'recruiter@example.com', full_name: 'Riley Recruiter', is_active: true, role: 'USER' },
		{ id: uuid(), email: 'compliance@example.com', full_name: 'Casey Compliance', is_active: true, role: 'USER' },
	];
	const groups = [
		{ id: uuid(), short_id: 'CG_CA_QA2B6GDX525G', parent_id: null, name: 'Head Office', is_active: true },
		{ id: uuid(), short_id: 'CG_CA_WAREHOUSE01', parent_id: null, name: 'Warehouse Staff', is_active: true },
		{ id: uuid(), short_id: 'CG_CA_ARCHIVED001', parent_id: null, name: 'Old Region', is_active: false },
	];
	groups[1].parent_id = groups[0].id;
	const tags = ['priority', 'contractor', 'rehire', 'driver'];
	const packages = [
		{
			id: uuid(),
			name: 'Identity + Canadian criminal',
			description: 'Basic onboarding package',
			is_active: true,
			permissible_purposes: ['EMPLOYMENT'],
			checks: [
				{ check_type: 'IDENTITY_VERIFICATION_1', arguments: {} },
				{ check_type: 'BASIC_CANADIAN_CRIMINAL_RECORD_REPORT_2', arguments: {} },
			],
			tags: ['contractor'],
			bundles: [],
		},
		{
			id: uuid(),
			name: 'Drivers',
			description: 'Identity + motor vehicle record',
			is_active: true,
			permissible_purposes: ['EMPLOYMENT'],
			checks: [
				{ check_type: 'IDENTITY_VERIFICATION_1', arguments: {} },
				{ check_type: 'MOTOR_VEHICLE_RECORD_1', arguments: {} },
			],
			tags: ['driver'],
			bundles: [],
		},
		{
			id: uuid(),
			name: 'Retired package',
			description: 'Deactivated; ordering it fails',
			is_active: false,
			permissible_purposes: ['EMPLOYMENT'],
			checks: [{ check_type: 'IDENTITY_VERIFICATION_1', arguments: {} }],
			tags: [],
			bundles: [],
		},
	];

	const FIRST = ['Ava', 'Noah', 'Liam', 'Emma', 'Mia', 'Lucas', 'Zoe', 'Omar', 'Priya', 'Chen', 'Sofia', 'Mateo'];
	const LAST = ['Tremblay', 'Singh', 'Nguyen', 'Smith', 'Martin', 'Roy', 'Patel', 'Kim', 'Garcia', 'Brown'];
	const BUNDLES = [
		['IDENTITY_VERIFICATION_1'],
		['IDENTITY_VERIFICATION_1', 'BASIC_CANADIAN_CRIMINAL_RECORD_REPORT_2'],
		['IDENTITY_VERIFICATION_1', 'CREDIT_REPORT_1'],
		['IDENTITY_VERIFICATION_1', 'MOTOR_VEHICLE_RECORD_1'],
		['EMPLOYMENT_VERIFICATIONS_1'],
		['IDENTITY_VERIFICATION_1', 'BASIC_UK_DBS_1'],
	];
	const WEIGHTED = [
		...Array(5).fill('COMPLETE'),
		...Array(2).fill('IN_PROGRESS'),
		...Array(2).fill('APPLICANT_INVITED'),
		'APPLICANT_SUBMITTED',
		'APPLICANT_STARTED',
		'APPLICANT_OPENED',
		'CASE_ORDERED',
		'CANCELLED',
		'APPLICANT_EXPIRED',
		'CLIENT_ACTION_REQUIRED',
		'APPLICANT_ACTION_REQUIRED',
		'INVITE_UNDELIVERABLE',
		'IN_DISPUTE',
	];

	/** @type {Map<string, any>} */
	const cases = new Map();
	const caseCount = config.caseCount ?? 250;
	for (let n = 0; n < caseCount; n++) {
		const first = rnd.pick(FIRST);
		const last = rnd.pick(LAST);
		const email = `${first}.${last}.${n}@example.com`.toLowerCase();
		const created = anchor - rnd.int(0, 120) * DAY_MS - rnd.int(0, DAY_MS - 1);
		const status = rnd.pick(WEIGHTED);
		const types = rnd.pick(BUNDLES);
		const c = newCase({
			id: uuid(),
			shortId: shortId('CS_'),
			email,
			created,
			status,
			types,
			group: rnd.chance(0.6) ? rnd.pick(groups.slice(0, 2)).id : null,
			orderedBy: rnd.pick(users).id,
			tags: rnd.chance(0.4) ? rnd.sample(tags, rnd.int(1, 2)) : [],
			inputClaims: {
				name: { given_name: first, family_name: last, additional_name: '', type: 'LEGAL' },
				date_of_birth: `19${rnd.int(60, 99)}-0${rnd.int(1, 9)}-1${rnd.int(0, 9)}`,
				email_address: email,
			},
			checkId: () => uuid(),
			checkShortId: () => shortId('CK_'),
			rnd,
		});
		cases.set(c.id, c);
	}

	const state = {
		seed,
		anchor: new Date(anchor).toISOString(),
		cases,
		users,
		groups,
		packages,
		tags,
		/** @type {Map<string, any>} */
		reportFiles: new Map(),
		/** @type {Map<string, { kind: string, id: string, expiresAt: number }>} token → file */
		downloads: new Map(),
		/** @type {Array<any>} */
		webhooks: [],
		/** @type {Array<any>} */
		events: [],
		newUuid: uuid,
		newShortId: shortId,
		rnd,
	};
	growDirectory(state, Number(config.directoryExtra) || 0);
	return state;
}

/**
 * A case object as Certn's API shows it.
 * @param {{ id: string, shortId: string, email: string, created: number, status: string, types: string[], group?: string | null, orderedBy?: string | null, tags?: string[], inputClaims?: any, checkId: () => string, checkShortId: () => string, rnd?: any, argumentsByType?: Record<string, any>, inviteLink?: string | null, permissiblePurpose?: string | null, language?: string | null }} o
 */
function newCase(o) {
	const iso = new Date(o.created).toISOString();
	const c = {
		id: o.id,
		short_id: o.shortId,
		created: iso,
		modified: iso,
		overall_status: o.status,
		overall_score: null,
		email_address: o.email,
		group: o.group ?? null,
		ordered_by: o.orderedBy ?? null,
		tags: o.tags ?? [],
		permissible_purpose: o.permissiblePurpose ?? 'EMPLOYMENT',
		applicant_language: o.language ?? 'en-CA',
		invite_link: o.inviteLink ?? null,
		input_claims: o.inputClaims ?? {},
		check_types_with_arguments: Object.fromEntries(o.types.map((t) => [t, (o.argumentsByType && o.argumentsByType[t]) || {}])),
		checks: o.types.map((type) => ({
			id: o.checkId(),
			short_id: o.checkShortId(),
			type,
			status: 'AWAITING_APPLICANT_SUBMISSION',
			score: null,
			sub_score: null,
			adjudication_score: null,
			adjudication_sub_score: null,
			output_claims: {},
			created: iso,
		})),
	};
	applyCaseStatus(c, o.status, o.rnd);
	return c;
}

/**
 * Puts a case (and its checks) into `status`; scores appear when checks complete.
 * @param {any} c
 * @param {string} status
 * @param {{ pick: (a: any[]) => any } | undefined} rnd
 * @param {string | null} [score] overall score to force for COMPLETE
 */
function applyCaseStatus(c, status, rnd, score) {
	c.overall_status = status;
	c.checks.forEach((check, index) => {
		check.status = checkStatusFor(status, index);
		if (check.status === 'COMPLETE') {
			check.score = score || check.score || (rnd && rnd.pick(['CLEAR', 'CLEAR', 'CLEAR', 'REVIEW', 'REJECT'])) || 'CLEAR';
			check.sub_score = check.type.startsWith('IDENTITY') ? 'VERIFIED' : null;
			check.output_claims = check.type.startsWith('IDENTITY') ? { id_verified: true } : { records_found: check.score !== 'CLEAR' };
		} else if (check.status !== 'CANCELLED') {
			check.score = null;
			check.sub_score = null;
		}
	});
	c.overall_score = overallScoreOf(c);
}

module.exports = {
	createCertnState,
	newCase,
	applyCaseStatus,
	overallScoreOf,
	checkStatusFor,
	CHECK_TYPES,
	OVERALL_STATUSES,
	SCORES,
	PERMISSIBLE_PURPOSES,
	DAY_MS,
};
