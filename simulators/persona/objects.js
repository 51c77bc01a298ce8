'use strict';

const crypto = require('node:crypto');
const { buildPdf } = require('../certn/pdf');

/**
 * Inquiries, accounts and reports beyond what a case links: their full attributes, tags and
 * lifecycle, derived from the seeded records without drawing from the seed's random stream (so
 * every seeded case, id and timestamp stays what it was). Attributes follow Persona's resources
 * (`inquiry`, `account`, `report/<type>`), kebab-case like the rest of the simulator.
 */

const FIRST = ['Alex', 'Sam', 'Jordan', 'Taylor', 'Morgan', 'Riley', 'Casey', 'Jamie', 'Avery', 'Quinn'];
const LAST = ['Garcia', 'Smith', 'Okafor', 'Novak', 'Tanaka', 'Dubois', 'Silva', 'Larsen', 'Khan', 'Moreau'];
/** Report types Persona cannot print (simulator choice; Persona does not say which can). */
const UNPRINTABLE_REPORT_TYPES = ['report/email-address'];
const FINISHED = ['completed', 'failed', 'needs_review', 'approved', 'declined'];

const hashInt = (...parts) => crypto.createHash('sha256').update(parts.join(':')).digest().readUInt32BE(0);
const pickBy = (list, ...parts) => list[hashInt(...parts) % list.length];

/** @type {WeakMap<object, { ready: true }>} */
const prepared = new WeakMap();

/**
 * Completes the seeded records of `state` once (a re-seeded state is prepared afresh): names,
 * e-mail, tags, template and timestamps for inquiries; the same for accounts; account, inquiry,
 * match flag and reference for reports; plus a few reports of a type without a PDF.
 */
function prepare(state) {
	if (prepared.has(state)) return state;
	prepared.set(state, { ready: true });
	const seed = state.seed;
	const person = (id) => ({
		nameFirst: pickBy(FIRST, seed, id, 'first'),
		nameLast: pickBy(LAST, seed, id, 'last'),
	});
	for (const a of state.accounts.values()) {
		Object.assign(a, person(a.id), { tags: [], updatedAt: a.createdAt, redactedAt: null, countryCode: pickBy(['US', 'CA', 'GB', 'DE'], seed, a.id) });
		a.email = `${a.nameFirst}.${a.nameLast}@example.com`.toLowerCase();
	}
	for (const q of state.inquiries.values()) {
		const account = state.accounts.get(q.accountId);
		const finished = FINISHED.includes(q.status);
		const done = new Date(Date.parse(q.createdAt) + 15 * 60_000).toISOString();
		Object.assign(q, {
			nameFirst: account ? account.nameFirst : person(q.id).nameFirst,
			nameLast: account ? account.nameLast : person(q.id).nameLast,
			email: account ? account.email : null,
			templateId: `itmpl_${pickBy(['KycBasic0001', 'KybBusiness02'], seed, q.id)}`,
			tags: [],
			note: null,
			updatedAt: finished || q.status === 'expired' ? done : q.createdAt,
			completedAt: finished && q.status !== 'failed' ? done : null,
			decisionedAt: ['approved', 'declined'].includes(q.status) ? done : null,
			expiredAt: q.status === 'expired' ? done : null,
			redactedAt: null,
			reportIds: [],
		});
	}
	for (const r of state.reports.values()) completeReport(state, r);
	// Reports a case links get the account of that case (and its inquiry, where it has one).
	for (const c of state.cases.values()) {
		for (const ref of c.reports) {
			const r = state.reports.get(ref.id);
			if (!r || r.accountId) continue;
			r.accountId = c.accountIds[0] || null;
			r.inquiryId = c.inquiryIds[0] || null;
			const account = r.accountId ? state.accounts.get(r.accountId) : null;
			r.referenceId = account ? account.referenceId : null;
			const inquiry = r.inquiryId ? state.inquiries.get(r.inquiryId) : null;
			if (inquiry && !inquiry.reportIds.includes(r.id)) inquiry.reportIds.push(r.id);
		}
	}
	// Reports of a type Persona has no PDF for (ids derived from the seed, no random draws).
	for (let i = 0; i < 3; i++) {
		const id = `rep_${crypto.createHash('sha256').update(`${seed}:email-report:${i}`).digest('hex').slice(0, 24)}`;
		const createdAt = new Date(Date.parse(state.anchor) - (10 + i) * 24 * 3600_000).toISOString();
		const r = { id, type: UNPRINTABLE_REPORT_TYPES[0], status: 'ready', createdAt };
		state.reports.set(id, r);
		completeReport(state, r);
	}
	return state;
}

function completeReport(state, r) {
	Object.assign(r, {
		tags: r.tags || [],
		hasMatch: r.hasMatch ?? hashInt(state.seed, r.id, 'match') % 4 === 0,
		completedAt: r.completedAt ?? (r.status === 'ready' ? r.createdAt : null),
		updatedAt: r.updatedAt ?? r.createdAt,
		redactedAt: r.redactedAt ?? null,
		accountId: r.accountId ?? null,
		inquiryId: r.inquiryId ?? null,
		referenceId: r.referenceId ?? null,
		templateId: r.templateId ?? `rptp_${r.type.replace('report/', '').replace(/[^a-z]/g, '').slice(0, 12)}`,
		runs: r.runs ?? 1,
	});
}

const ref = (type, id) => ({ data: id ? { type, id } : null });

function inquiryResource(q) {
	return {
		type: 'inquiry',
		id: q.id,
		attributes: {
			status: q.status,
			'reference-id': q.referenceId,
			note: q.note,
			tags: [...q.tags],
			'name-first': q.nameFirst,
			'name-last': q.nameLast,
			'email-address': q.email,
			'created-at': q.createdAt,
			'updated-at': q.updatedAt,
			'completed-at': q.completedAt,
			'decisioned-at': q.decisionedAt,
			'expired-at': q.expiredAt,
			'redacted-at': q.redactedAt,
		},
		relationships: {
			account: ref('account', q.accountId),
			'inquiry-template': ref('inquiry-template', q.templateId),
			reports: { data: q.reportIds.map((id) => ({ type: 'report', id })) },
			verifications: { data: [] },
			sessions: { data: [] },
		},
	};
}

function accountResource(a) {
	return {
		type: 'account',
		id: a.id,
		attributes: {
			'reference-id': a.referenceId,
			'account-type-name': 'User',
			'name-first': a.nameFirst,
			'name-last': a.nameLast,
			'email-address': a.email,
			'country-code': a.countryCode,
			tags: a.tags.map((name) => ({ name })),
			'created-at': a.createdAt,
			'updated-at': a.updatedAt,
			'redacted-at': a.redactedAt,
		},
		relationships: { 'account-type': ref('account-type', 'acttp_user') },
	};
}

function reportResource(r) {
	return {
		type: r.type,
		id: r.id,
		attributes: {
			status: r.status,
			'reference-id': r.referenceId,
			'has-match': r.hasMatch,
			tags: [...r.tags],
			'created-at': r.createdAt,
			'updated-at': r.updatedAt,
			'completed-at': r.completedAt,
			'redacted-at': r.redactedAt,
		},
		relationships: {
			account: ref('account', r.accountId),
			inquiry: ref('inquiry', r.inquiryId),
			'report-template': ref('report-template', r.templateId),
		},
	};
}

/** Newest first, ties by id (descending), as Persona lists. */
const newestFirst = (a, b) => (a.createdAt !== b.createdAt ? (a.createdAt < b.createdAt ? 1 : -1) : a.id === b.id ? 0 : a.id < b.id ? 1 : -1);

/** A one-page PDF naming the object, as `Print … PDF` answers. */
function printPdf(kind, resource) {
	const a = resource.attributes || {};
	return buildPdf([
		`Persona ${kind} ${resource.id}`,
		`Type: ${resource.type}`,
		`Status: ${a.status ?? ''}`,
		`Reference: ${a['reference-id'] ?? ''}`,
		`Printed: ${new Date().toISOString()}`,
	]);
}

module.exports = {
	prepare,
	inquiryResource,
	accountResource,
	reportResource,
	newestFirst,
	printPdf,
	UNPRINTABLE_REPORT_TYPES,
	FINISHED,
};
