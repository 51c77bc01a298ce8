'use strict';

const { createRandom } = require('../lib/prng');

/**
 * Deterministic Persona fixtures: case templates, queues, dashboard users, accounts, inquiries,
 * reports and a few hundred cases. Same seed + same anchor → identical state. Timestamps are
 * offsets back from the anchor (default: today 00:00 UTC), so data looks recent but stays stable
 * for a whole day.
 *
 * Internal records keep Persona's kebab-case attribute names; relationships are stored as ids.
 */

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Status `type`s follow Persona's model: exactly one `initial`, any `intermediate`, and `end`
 * statuses (decisions). Case-sensitivity differs per template on purpose (`Open` vs `open`).
 */
const TEMPLATE_DEFS = [
	{
		name: 'KYC Review',
		prefix: 'KCAS',
		weight: 5,
		statuses: [
			{ name: 'Open', type: 'initial' },
			{ name: 'Pending', type: 'intermediate' },
			{ name: 'Approved', type: 'end' },
			{ name: 'Declined', type: 'end' },
		],
		resolutions: ['Approved', 'Declined'],
		// Mixed key styles on purpose: field keys are never inflected in responses.
		fieldSchemas: [
			{ key: 'risk-score', type: 'number', label: 'Risk score', searchable: true },
			{ key: 'country_code', type: 'string', label: 'Country code', searchable: true },
			{ key: 'sourceOfFunds', type: 'string', label: 'Source of funds', searchable: false },
			{ key: 'priority', type: 'choices', label: 'Priority', searchable: true, config: { choices: ['low', 'medium', 'high'] } },
		],
	},
	{
		name: 'Transaction Monitoring',
		prefix: 'MRR',
		weight: 3,
		statuses: [
			{ name: 'open', type: 'initial' },
			{ name: 'pending', type: 'intermediate' },
			{ name: 'resolved', type: 'end' },
		],
		resolutions: ['resolved'],
		fieldSchemas: [
			{ key: 'amount', type: 'number', label: 'Amount', searchable: true },
			{ key: 'currency', type: 'string', label: 'Currency', searchable: true },
			{ key: 'alert_rule', type: 'string', label: 'Alert rule', searchable: false },
		],
	},
	{
		name: 'Sanctions Screening',
		prefix: 'SCR',
		weight: 2,
		// Status names with spaces exercise URL encoding of `filter[status]`.
		statuses: [
			{ name: 'New', type: 'initial' },
			{ name: 'In Review', type: 'intermediate' },
			{ name: 'Escalated', type: 'intermediate' },
			{ name: 'Cleared', type: 'end' },
			{ name: 'Confirmed Match', type: 'end' },
		],
		resolutions: ['Cleared', 'Confirmed Match'],
		fieldSchemas: [
			{ key: 'match-count', type: 'number', label: 'Match count', searchable: true },
			{ key: 'list_name', type: 'string', label: 'List name', searchable: true },
			{ key: 'false-positive', type: 'boolean', label: 'False positive', searchable: false },
		],
	},
];

const QUEUE_NAMES = ['Tier 1 Review', 'Escalations'];
const DEFAULT_USERS = [
	'ada.lovelace@example.com',
	'grace.hopper@example.com',
	'alan.turing@example.com',
	'katherine.johnson@example.com',
];
const TAG_NAMES = ['FRAUD', 'PEP', 'HIGH RISK', 'VIP', 'manual-review'];
const INQUIRY_STATUSES = ['created', 'pending', 'completed', 'expired', 'failed', 'needs_review', 'approved', 'declined'];
const REPORT_TYPES = ['report/watchlist', 'report/adverse-media', 'report/politically-exposed-person'];
const COUNTRIES = ['US', 'GB', 'DE', 'FR', 'CA', 'BR', 'NG', 'IN', 'JP', 'AU'];

/**
 * @typedef {Object} PersonaTemplate
 * @property {string} id
 * @property {string} name
 * @property {string} prefix case-name prefix
 * @property {Array<{ name: string, type: 'initial' | 'intermediate' | 'end' }>} statuses
 * @property {string[]} resolutions
 * @property {Array<{ key: string, type: string, label: string, searchable: boolean, config?: any }>} fieldSchemas
 * @property {string} createdAt
 * @property {string} updatedAt
 */

/**
 * @typedef {Object} PersonaCase
 * @property {string} id
 * @property {string} templateId
 * @property {string | null} queueId
 * @property {string[]} accountIds
 * @property {string[]} inquiryIds
 * @property {Array<{ type: string, id: string }>} reports
 * @property {string[]} commentIds
 * @property {Record<string, any>} attributes kebab-case Persona attributes
 */

/**
 * @param {{ seed?: number | string, caseCount?: number, anchor?: string | number | Date, users?: string[] }} options
 */
function createPersonaState(options = {}) {
	const seed = options.seed ?? 1;
	const random = createRandom(seed);
	const anchorMs = anchorTime(options.anchor);
	const iso = (ms) => new Date(ms).toISOString();
	const ids = new Set();
	/** Seeded id that is unique within this state. */
	const newId = (prefix) => {
		let id;
		do id = random.id(prefix);
		while (ids.has(id));
		ids.add(id);
		return id;
	};

	const createdBase = anchorMs - 400 * DAY_MS;
	/** @type {Map<string, PersonaTemplate>} */
	const templates = new Map();
	for (const def of TEMPLATE_DEFS) {
		const id = newId('ctmpl_');
		templates.set(id, { id, ...def, createdAt: iso(createdBase), updatedAt: iso(createdBase + DAY_MS) });
	}
	const templateList = [...templates.values()];

	const queues = new Map();
	for (const name of QUEUE_NAMES) {
		const id = newId('cqueue_');
		queues.set(id, { id, name, status: 'active', createdAt: iso(createdBase), updatedAt: iso(createdBase) });
	}

	const users = new Map();
	for (const email of [...DEFAULT_USERS, ...(options.users || [])]) {
		const id = newId('user_');
		users.set(email.toLowerCase(), { id, email });
	}
	const userList = [...users.values()];

	const tags = new Map();
	for (const name of TAG_NAMES) tags.set(name, { id: newId('tag_'), name });

	const accounts = new Map();
	for (let i = 1; i <= 40; i++) {
		const id = newId('act_');
		accounts.set(id, { id, referenceId: `customer-${String(i).padStart(4, '0')}`, createdAt: iso(anchorMs - random.int(200, 390) * DAY_MS) });
	}
	const accountList = [...accounts.values()];

	const inquiries = new Map();
	for (let i = 0; i < 150; i++) {
		const id = newId('inq_');
		const account = random.pick(accountList);
		inquiries.set(id, {
			id,
			accountId: account.id,
			referenceId: account.referenceId,
			status: random.pick(INQUIRY_STATUSES),
			createdAt: iso(anchorMs - random.int(1, 199) * DAY_MS),
		});
	}
	const inquiryList = [...inquiries.values()];

	const reports = new Map();
	for (let i = 0; i < 60; i++) {
		const id = newId('rep_');
		reports.set(id, { id, type: random.pick(REPORT_TYPES), status: 'ready', createdAt: iso(anchorMs - random.int(1, 199) * DAY_MS) });
	}
	const reportList = [...reports.values()];

	const weighted = templateList.flatMap((t) => Array(t.weight).fill(t));
	/** @type {Map<string, PersonaCase>} */
	const cases = new Map();
	const caseCount = options.caseCount ?? 300;
	let previousCreated = 0;
	for (let i = 0; i < caseCount; i++) {
		const template = random.pick(weighted);
		// Every 40th case shares its predecessor's timestamp, so ordering must break ties by id.
		const createdMs = i > 0 && i % 40 === 0 ? previousCreated : anchorMs - random.int(60, 180 * 24 * 3600) * 1000 - random.int(0, 999);
		previousCreated = createdMs;
		const status = random.pick(template.statuses);
		const account = random.chance(0.85) ? random.pick(accountList) : null;
		const accountInquiries = account ? inquiryList.filter((q) => q.accountId === account.id) : [];
		const inquiryIds = random.sample(accountInquiries.length ? accountInquiries : inquiryList, random.int(0, 2)).map((q) => q.id);
		const reportRefs = random.chance(0.3) ? [random.pick(reportList)].map((r) => ({ type: r.type, id: r.id })) : [];
		const assignee = random.chance(0.6) ? random.pick(userList) : null;
		// Later timestamps stay between creation and the anchor, never in the future.
		const after = (fromMs, maxMs) => fromMs + Math.floor(random.next() * Math.min(maxMs, anchorMs - fromMs));
		const assignedMs = assignee ? after(createdMs, 3 * DAY_MS) : null;
		const resolver = status.type === 'end' ? random.pick(userList) : null;
		const resolvedMs = resolver ? after(Math.max(createdMs, assignedMs ?? 0), 5 * DAY_MS) : null;
		const creator = random.pick([
			{ id: random.id('wfl_'), type: 'workflow-run' },
			{ id: random.pick(userList).email, type: 'user' },
			{ id: 'api_simulator', type: 'api-key' },
		]);
		const updatedMs = Math.max(createdMs, assignedMs ?? 0, resolvedMs ?? 0);
		const id = newId('case_');
		cases.set(id, {
			id,
			templateId: template.id,
			queueId: random.chance(0.4) ? random.pick([...queues.keys()]) : null,
			accountIds: account ? [account.id] : [],
			inquiryIds,
			reports: reportRefs,
			commentIds: [],
			attributes: {
				status: status.name,
				name: '', // numbered below, once creation order is known
				resolution: status.type === 'end' ? status.name : null,
				'created-at': iso(createdMs),
				'updated-at': iso(updatedMs),
				'assigned-at': assignedMs ? iso(assignedMs) : null,
				'resolved-at': resolvedMs ? iso(resolvedMs) : null,
				'redacted-at': null,
				'sla-expires-at': random.chance(0.2) ? iso(createdMs + 7 * DAY_MS) : null,
				'creator-id': creator.id,
				'creator-type': creator.type,
				'assignee-id': assignee ? assignee.email : null,
				'assigner-id': assignee ? 'cap_default' : null,
				'assigner-type': assignee ? 'case-assignment-policy' : null,
				'resolver-id': resolver ? resolver.email : null,
				'resolver-type': resolver ? 'user' : null,
				'updater-id': null,
				'updater-type': null,
				tags: random.chance(0.3) ? random.sample(TAG_NAMES, random.int(1, 2)) : [],
				fields: seedFields(template, random),
				attachments: [],
			},
		});
	}

	// Names count up per template in creation order (KCAS-1 is the oldest KYC case).
	const counters = new Map(templateList.map((t) => [t.id, 0]));
	for (const c of [...cases.values()].sort(compareCasesOldestFirst)) {
		const n = /** @type {number} */ (counters.get(c.templateId)) + 1;
		counters.set(c.templateId, n);
		c.attributes.name = `${/** @type {PersonaTemplate} */ (templates.get(c.templateId)).prefix}-${n}`;
	}

	return {
		seed,
		anchor: iso(anchorMs),
		random,
		newId,
		templates,
		queues,
		users,
		tags,
		accounts,
		inquiries,
		reports,
		cases,
		counters,
		/** @type {Map<string, { id: string, caseId: string, message: string, commenterId: string, commenterType: string, createdAt: string }>} */
		comments: new Map(),
		/** @type {Map<string, any>} see persona.js webhook records */
		webhooks: new Map(),
		/** @type {any[]} emitted events, oldest first */
		events: [],
		/** @type {Map<string, { fingerprint: string, status: number, body: string, headers: Record<string, string>, createdAt: number }>} */
		idempotency: new Map(),
		/** @type {Map<string, { filename: string, content: Buffer }>} */
		files: new Map(),
	};
}

/** @param {PersonaTemplate} template @param {ReturnType<typeof createRandom>} random */
function seedFields(template, random) {
	/** @type {Record<string, { type: string, value: any }>} */
	const fields = {};
	for (const schema of template.fieldSchemas) {
		if (!random.chance(0.8)) {
			fields[schema.key] = { type: schema.type, value: null };
			continue;
		}
		let value;
		if (schema.type === 'number') value = schema.key === 'amount' ? random.int(100, 250000) / 100 : random.int(0, 100);
		else if (schema.type === 'boolean') value = random.chance(0.5);
		else if (schema.type === 'choices') value = random.pick(schema.config.choices);
		else if (schema.key === 'country_code') value = random.pick(COUNTRIES);
		else if (schema.key === 'currency') value = random.pick(['USD', 'EUR', 'GBP']);
		else if (schema.key === 'list_name') value = random.pick(['OFAC SDN', 'EU Consolidated', 'UN Security Council']);
		else value = random.pick(['salary', 'savings', 'inheritance', 'business income', 'velocity-rule-7', 'structuring-3']);
		fields[schema.key] = { type: schema.type, value };
	}
	return fields;
}

/** Newest first: created-at descending, then id descending (Persona's list order). */
function compareCasesNewestFirst(a, b) {
	const ca = a.attributes['created-at'];
	const cb = b.attributes['created-at'];
	if (ca !== cb) return ca < cb ? 1 : -1;
	return a.id === b.id ? 0 : a.id < b.id ? 1 : -1;
}

function compareCasesOldestFirst(a, b) {
	return -compareCasesNewestFirst(a, b);
}

/** Anchor for seeded timestamps: the given instant, else today 00:00 UTC. */
function anchorTime(anchor) {
	if (anchor !== undefined && anchor !== null) {
		const ms = anchor instanceof Date ? anchor.getTime() : typeof anchor === 'number' ? anchor : Date.parse(anchor);
		if (Number.isNaN(ms)) throw new TypeError(`invalid anchor ${anchor}`);
		return ms;
	}
	const now = new Date();
	return Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
}

module.exports = { createPersonaState, compareCasesNewestFirst, TEMPLATE_DEFS, DEFAULT_USERS, TAG_NAMES };
