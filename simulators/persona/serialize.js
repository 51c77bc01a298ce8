'use strict';

const { inflectKeys, inflectKey } = require('../lib/inflect');
const { clone } = require('../lib/util');

/**
 * Persona JSON:API documents. Builders return kebab-case documents; `render` applies the
 * caller's `Key-Inflection` (or a webhook's `api-key-inflection`) at the very end.
 */

/** Persona-Version values the API accepts (SPEC25 enum + the docs' current default). */
const API_VERSIONS = ['2020-05-18', '2021-02-21', '2021-07-05', '2021-08-18', '2022-09-01', '2023-01-05', '2025-10-27', '2025-12-08', '2026-09-29'];
/** From this version on, `attributes.fields` keys are never inflected and nothing is included by default. */
const MODERN_VERSION = '2025-10-27';
const INFLECTIONS = ['kebab', 'camel', 'snake'];

/** Relationship names accepted by `include` on single-case endpoints. */
const CASE_INCLUDES = ['accounts', 'inquiries', 'reports', 'case-comments', 'case-template', 'case-queue', 'verifications', 'txns'];

const isModern = (version) => version >= MODERN_VERSION;

/**
 * @param {import('./seed').PersonaCase} c
 * @returns {{ type: 'case', id: string, attributes: Record<string, any>, relationships: Record<string, any> }}
 */
function caseResource(c) {
	return {
		type: 'case',
		id: c.id,
		attributes: clone(c.attributes),
		relationships: {
			accounts: { data: c.accountIds.map((id) => ({ type: 'account', id })) },
			'case-comments': { data: c.commentIds.map((id) => ({ type: 'case-comment', id })) },
			'case-template': { data: { type: 'case-template', id: c.templateId } },
			'case-queue': { data: c.queueId ? { type: 'case-queue', id: c.queueId } : null },
			inquiries: { data: c.inquiryIds.map((id) => ({ type: 'inquiry', id })) },
			reports: { data: c.reports.map((r) => ({ type: r.type, id: r.id })) },
			verifications: { data: [] },
			txns: { data: [] },
		},
	};
}

/** @param {import('./seed').PersonaTemplate} t */
function templateResource(t) {
	return {
		type: 'case-template',
		id: t.id,
		attributes: {
			name: t.name,
			status: 'active',
			resolutions: [...t.resolutions],
			'created-at': t.createdAt,
			'updated-at': t.updatedAt,
			'field-schemas': t.fieldSchemas.map((f) => ({ type: f.type, key: f.key, label: f.label, config: clone(f.config || {}) })),
		},
	};
}

/**
 * Fully serialised related objects for `included`.
 * @param {ReturnType<typeof import('./seed').createPersonaState>} state
 * @param {import('./seed').PersonaCase} c
 * @param {string[]} paths relationship names from `include`
 */
function includedFor(state, c, paths) {
	const out = [];
	for (const path of paths) {
		if (path === 'accounts') {
			for (const id of c.accountIds) {
				const a = state.accounts.get(id);
				if (a) out.push({ type: 'account', id, attributes: { 'reference-id': a.referenceId, 'created-at': a.createdAt, 'updated-at': a.createdAt } });
			}
		} else if (path === 'inquiries') {
			for (const id of c.inquiryIds) {
				const q = state.inquiries.get(id);
				if (q) {
					out.push({
						type: 'inquiry',
						id,
						attributes: { status: q.status, 'reference-id': q.referenceId, 'created-at': q.createdAt },
						relationships: { account: { data: { type: 'account', id: q.accountId } } },
					});
				}
			}
		} else if (path === 'reports') {
			for (const ref of c.reports) {
				const r = state.reports.get(ref.id);
				if (r) out.push({ type: r.type, id: r.id, attributes: { status: r.status, 'created-at': r.createdAt } });
			}
		} else if (path === 'case-comments') {
			for (const id of c.commentIds) {
				const m = state.comments.get(id);
				if (m) {
					out.push({
						type: 'case-comment',
						id,
						attributes: { message: m.message, 'created-at': m.createdAt, 'updated-at': m.createdAt, 'commenter-id': m.commenterId, 'commenter-type': m.commenterType },
					});
				}
			}
		} else if (path === 'case-template') {
			const t = state.templates.get(c.templateId);
			if (t) out.push(templateResource(t));
		} else if (path === 'case-queue' && c.queueId) {
			const q = state.queues.get(c.queueId);
			if (q) out.push({ type: 'case-queue', id: q.id, attributes: { name: q.name, status: q.status, 'created-at': q.createdAt, 'updated-at': q.updatedAt } });
		}
		// verifications / txns: the simulator never links any.
	}
	return out;
}

/**
 * @param {any} w internal webhook record
 * @param {boolean} withSecrets the `webhook-with-secret` variant (create / retrieve)
 * @param {number} [now]
 */
function webhookResource(w, withSecrets, now = Date.now()) {
	const attributes = clone(w.attributes);
	if (withSecrets) {
		const live = liveSecrets(w, now);
		attributes.secret = live.length ? live[0].value : null; // deprecated single-secret field
		attributes.secrets = live.map((s) => ({ value: s.value, 'expires-at': s.expiresAt === null ? null : new Date(s.expiresAt).toISOString() }));
	}
	return { type: 'webhook', id: w.id, attributes };
}

/** Secrets not yet expired, newest first. */
function liveSecrets(w, now = Date.now()) {
	return w.secrets.filter((s) => s.expiresAt === null || s.expiresAt > now);
}

function eventResource(e) {
	return {
		type: 'event',
		id: e.id,
		attributes: {
			name: e.name,
			'created-at': e.createdAt,
			context: clone(e.context),
			payload: { data: clone(e.payloadData), included: [] },
		},
	};
}

/**
 * Sparse fieldsets: `fields[case]=status,name` keeps only those attributes of `case` resources.
 * Attribute names may come in any inflection.
 * @param {any} doc
 * @param {Record<string, string | string[]>} sparse `{ case: 'status,name' }`
 */
function applySparseFieldsets(doc, sparse) {
	const wanted = new Map();
	for (const [type, list] of Object.entries(sparse)) {
		const names = (Array.isArray(list) ? list.join(',') : list).split(',').map((n) => inflectKey(n.trim(), 'kebab')).filter(Boolean);
		wanted.set(type, new Set(names));
	}
	const filter = (resource) => {
		if (!resource || typeof resource !== 'object' || !resource.attributes) return;
		// A parent type also filters its subtypes (`report` covers `report/watchlist`).
		const keep = wanted.get(resource.type) || wanted.get(String(resource.type).split('/')[0]);
		if (!keep) return;
		for (const key of Object.keys(resource.attributes)) if (!keep.has(key)) delete resource.attributes[key];
	};
	for (const r of Array.isArray(doc.data) ? doc.data : [doc.data]) filter(r);
	for (const r of doc.included || []) filter(r);
	return doc;
}

/**
 * Final key casing. Field keys (`attributes.fields`) stay verbatim from 2025-10-27 on; header
 * names in `custom-http-headers` always do.
 * @param {any} doc kebab-case document
 * @param {{ inflection: string, version: string }} options
 */
function render(doc, { inflection, version }) {
	const modern = isModern(version);
	return inflectKeys(doc, /** @type {any} */ (inflection), (parent, key) => (modern && parent === 'attributes' && key === 'fields') || key === 'custom-http-headers');
}

/** Incoming bodies: any casing → kebab-case, except the keys inside `fields` and header maps. */
function normalizeInput(body) {
	return inflectKeys(body, 'kebab', (parent, key) => (parent === 'attributes' && key === 'fields') || key === 'custom-http-headers');
}

module.exports = {
	API_VERSIONS,
	MODERN_VERSION,
	INFLECTIONS,
	CASE_INCLUDES,
	isModern,
	caseResource,
	templateResource,
	includedFor,
	webhookResource,
	liveSecrets,
	eventResource,
	applySparseFieldsets,
	render,
	normalizeInput,
};
