'use strict';

const crypto = require('node:crypto');

/**
 * Penbox simulator state: workspaces, case templates (steps, schema, contact roles), cases,
 * attachments and form responses. Ids are UUIDs derived from the seed so runs are repeatable.
 */

function uuidFrom(seed, n) {
	const h = crypto.createHash('sha256').update(`${seed}|${n}`).digest('hex');
	return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const STATUSES = [
	{ key: 'new', parent_status: 'draft' },
	{ key: 'awaiting_documents', parent_status: 'pending' },
	{ key: 'in_review', parent_status: 'in_progress' },
	{ key: 'approved', parent_status: 'closed' },
	{ key: 'rejected', parent_status: 'closed' },
];

function templates(seed) {
	return [
		{
			id: uuidFrom(seed, 'tpl-onboarding'),
			title: 'Client onboarding',
			reference: 'TPL-ONB',
			steps: [
				{ key: 'send-onboarding-pack', title: 'Send the onboarding pack', type: 'form' },
				{ key: 'reminder-1', title: 'First reminder', type: 'email' },
				{ key: 'reminder-2', title: 'Second reminder', type: 'sms' },
			],
			schema: [
				{ key: 'company_name', name: 'Company name', type: 'text' },
				{ key: 'vat_number', name: 'VAT number', type: 'text' },
				{ key: 'employees', name: 'Employees', type: 'number' },
				{ key: 'start_date', name: 'Start date', type: 'date' },
				{ key: 'id_document', name: 'ID document', type: 'file' },
				{ key: 'proof_of_address', name: 'Proof of address', type: 'file' },
			],
			contacts: [{ key: 'main', name: 'Client' }, { key: 'accountant', name: 'Accountant' }],
			statuses: STATUSES,
		},
		{
			id: uuidFrom(seed, 'tpl-employee'),
			title: 'New employee',
			reference: 'TPL-EMP',
			steps: [{ key: 'mail-new-employee-1', title: 'Welcome mail', type: 'email' }],
			schema: [
				{ key: 'given_name', name: 'Given name', type: 'text' },
				{ key: 'iban', name: 'IBAN', type: 'text' },
				{ key: 'contract', name: 'Signed contract', type: 'file' },
			],
			contacts: [{ key: 'employee', name: 'Employee' }],
			statuses: STATUSES,
		},
	];
}

function createPenboxState(options, clock) {
	const seed = options.seed ?? 1;
	const state = {
		seed,
		clock,
		counter: 0,
		settings: {},
		workspaces: [
			{ id: uuidFrom(seed, 'ws-main'), slug: 'acme-advisors', name: 'ACME Advisors' },
			{ id: uuidFrom(seed, 'ws-other'), slug: 'acme-payroll', name: 'ACME Payroll' },
		],
		owners: [
			{ id: uuidFrom(seed, 'owner-1'), email: 'agent@acme-advisors.example', given_name: 'Alex', family_name: 'Agent' },
			{ id: uuidFrom(seed, 'owner-2'), email: 'second@acme-advisors.example', given_name: 'Sam', family_name: 'Second' },
		],
		templates: templates(seed),
		cases: new Map(),
		attachments: new Map(),
		responses: new Map(),
	};
	const base = clock() - (options.caseCount ?? 30) * 3_600_000;
	for (let n = 0; n < (options.caseCount ?? 30); n++) {
		const template = state.templates[n % 2];
		const at = new Date(base + n * 3_600_000).toISOString();
		const c = addCase(state, {
			title: `Case ${n + 1}`,
			template: { id: template.id },
			workspace: { id: state.workspaces[n % 3 === 2 ? 1 : 0].id },
			owner: { email: state.owners[n % 2].email },
			contacts: [{ key: template.contacts[0].key, email: `client${n + 1}@example.com`, given_name: `Client${n + 1}`, family_name: 'Example' }],
		}, at);
		const s = STATUSES[n % STATUSES.length];
		c.status = s.key;
		c.parent_status = s.parent_status;
		c.waiting_for = s.parent_status === 'pending' ? 'contact' : s.parent_status === 'in_progress' ? 'owner' : 'none';
		if (n % 10 === 9) c.archived_at = at;
	}
	return state;
}

const nextId = (state, kind) => uuidFrom(state.seed, `${kind}-${++state.counter}`);

function reference(state) {
	const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
	const h = crypto.createHash('sha256').update(`${state.seed}|ref|${++state.counter}`).digest();
	return Array.from(h.subarray(0, 6), (b) => alphabet[b % alphabet.length]).join('');
}

function addCase(state, input, at) {
	const template = state.templates.find((t) => t.id === input.template?.id);
	const now = at ?? new Date(state.clock()).toISOString();
	const owner = state.owners.find((o) => o.email === input.owner?.email) ?? state.owners[0];
	const c = {
		id: nextId(state, 'case'),
		title: input.title ?? template?.title ?? 'Untitled case',
		description: input.description ?? null,
		locale: input.locale ?? 'en',
		reference: input.reference ?? reference(state),
		status: input.status ?? 'new',
		parent_status: 'draft',
		waiting_for: 'none',
		archived_at: null,
		created_at: now,
		updated_at: now,
		template: template ? template.id : null,
		workspace: input.workspace?.id ?? state.workspaces[0].id,
		owner: { id: owner.id, email: owner.email, given_name: owner.given_name, family_name: owner.family_name },
		contacts: (input.contacts ?? []).map((k) => ({ id: nextId(state, 'contact'), key: k.key, name: [k.given_name, k.family_name].filter(Boolean).join(' ') || null, email: k.email ?? null, given_name: k.given_name ?? null, family_name: k.family_name ?? null, phone: k.phone ?? null })),
		steps: (template?.steps ?? []).map((s) => ({ id: nextId(state, 'step'), key: s.key, title: s.title, status: 'not_started', data: {} })),
		schema: (template?.schema ?? []).map((f) => ({ ...f, value: null })),
	};
	const status = template?.statuses.find((s) => s.key === c.status);
	if (status) c.parent_status = status.parent_status;
	state.cases.set(c.id, c);
	return c;
}

/** A case's data changed: pending cases with every file field filled move on (an auto transition). */
function touch(state, c) {
	c.updated_at = new Date(state.clock()).toISOString();
}

function setStatus(state, c, key) {
	const template = state.templates.find((t) => t.id === c.template);
	const s = (template?.statuses ?? STATUSES).find((x) => x.key === key);
	c.status = key;
	if (s) c.parent_status = s.parent_status;
	c.waiting_for = c.parent_status === 'pending' ? 'contact' : c.parent_status === 'in_progress' ? 'owner' : 'none';
	touch(state, c);
}

function addAttachment(state, { name, type, data, scope }) {
	const a = { id: nextId(state, 'att'), name, type: type ?? 'application/octet-stream', scope: scope ?? 'restricted', data, created_at: new Date(state.clock()).toISOString() };
	state.attachments.set(a.id, a);
	return a;
}

function addResponse(state, c, data) {
	const contact = c.contacts[0] ?? {};
	const r = {
		id: nextId(state, 'resp'),
		case_id: c.id,
		completed_at: new Date(state.clock()).toISOString(),
		declined_at: null,
		user: { email: contact.email ?? null, given_name: contact.given_name ?? null, family_name: contact.family_name ?? null, phone: contact.phone ?? null, locale: 'en' },
		data,
		rating: null,
		attachments: [],
	};
	state.responses.set(r.id, r);
	return r;
}

module.exports = { createPenboxState, addCase, addAttachment, addResponse, setStatus, touch, uuidFrom, STATUSES };
