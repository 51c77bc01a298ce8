'use strict';

const O = require('./objects');

/**
 * Persona's Inquiries API: list (documented filters, cursor pages), retrieve (with `include`),
 * approve, decline, expire, add/remove tag, redact and print. Approve, decline and expire emit
 * `inquiry.approved`, `inquiry.declined` and `inquiry.expired` to subscribed webhooks.
 */

const FILTERS = ['account-id', 'reference-id', 'inquiry-template-id', 'template-id', 'status', 'note', 'created-at-start', 'created-at-end'];
const INCLUDES = ['account', 'reports', 'inquiry-template', 'template', 'verifications', 'sessions', 'documents', 'selfies'];
/** Simulator choice (Persona does not document it): only a finished inquiry can be decided. */
const DECIDABLE = ['completed', 'failed', 'needs_review', 'approved', 'declined'];

/** @param {import('./routes').PersonaObjectDeps} d */
function registerInquiryRoutes(d) {
	const { api, E } = d;
	const inquiries = () => O.prepare(d.state()).inquiries;

	function getInquiry(id) {
		const q = inquiries().get(id);
		if (!q) throw E.notFound(`Could not find inquiry with id ${id}`);
		return q;
	}
	const assertNotRedacted = (q) => {
		if (q.redactedAt) throw E.unprocessable(`Inquiry ${q.id} has been redacted`);
	};
	const touch = (q) => (q.updatedAt = d.nowIso());

	function readInclude(ctx) {
		const raw = ctx.query.include;
		if (raw === undefined) return [];
		const list = (Array.isArray(raw) ? raw.join(',') : raw).split(',').map((s) => s.trim()).filter(Boolean);
		for (const path of list) if (!INCLUDES.includes(path)) throw E.badParameter(`${path} is not an includable relationship of inquiry`, 'include');
		return list;
	}

	function document(ctx, q) {
		const include = readInclude(ctx);
		const state = d.state();
		const included = [];
		if (include.includes('account') && q.accountId && state.accounts.get(q.accountId)) included.push(O.accountResource(state.accounts.get(q.accountId)));
		if (include.includes('reports')) for (const id of q.reportIds) if (state.reports.get(id)) included.push(O.reportResource(state.reports.get(id)));
		if (include.includes('inquiry-template'))
			included.push({ type: 'inquiry-template', id: q.templateId, attributes: { name: q.templateId.includes('Kyb') ? 'KYB Business' : 'KYC Basic', status: 'active' } });
		return { data: O.inquiryResource(q), ...(include.length ? { included } : {}) };
	}

	api('GET', '/inquiries', (ctx) => {
		const page = d.readPage(ctx.query);
		const filters = d.bracketGroup(ctx.query, 'filter');
		for (const key of Object.keys(filters)) if (!FILTERS.includes(key)) throw E.badParameter(`filter[${key}] is not a permitted filter`, `filter[${key}]`);
		if (filters.note !== undefined && Object.keys(filters).length > 1) throw E.badParameter('filter[note] must be the only filter', 'filter[note]');
		const list = (v) => (v === undefined ? null : String(v).split(',').map((s) => s.trim()).filter(Boolean));
		const accountIds = list(filters['account-id']);
		const statuses = list(filters.status);
		const templates = list(filters['inquiry-template-id'] ?? filters['template-id']);
		const time = (name) => {
			if (filters[name] === undefined) return null;
			const t = Date.parse(String(filters[name]));
			if (Number.isNaN(t)) throw E.badParameter(`filter[${name}] must be a date-time`, `filter[${name}]`);
			return t;
		};
		const from = time('created-at-start');
		const to = time('created-at-end');
		const items = [...inquiries().values()]
			.filter(
				(q) =>
					(!accountIds || accountIds.includes(q.accountId)) &&
					(filters['reference-id'] === undefined || q.referenceId === String(filters['reference-id'])) &&
					(!statuses || statuses.includes(q.status)) &&
					(!templates || templates.includes(q.templateId)) &&
					(filters.note === undefined || q.note === String(filters.note)) &&
					(from === null || Date.parse(q.createdAt) >= from) &&
					(to === null || Date.parse(q.createdAt) <= to),
			)
			.sort(O.newestFirst);
		const result = d.paginate(items, O.newestFirst, page, (id) => inquiries().get(id));
		return { doc: { data: result.slice.map(O.inquiryResource), links: d.pageLinks(ctx, '/inquiries', page, result) } };
	});

	api('GET', '/inquiries/:inquiryId', (ctx) => ({ doc: document(ctx, getInquiry(ctx.params.inquiryId)) }));

	/** Approve / decline: the status, `decisioned-at`, an optional `meta.comment`, the event. */
	const decide = (action, status) =>
		api('POST', `/inquiries/:inquiryId/${action}`, (ctx, p) => {
			const q = getInquiry(ctx.params.inquiryId);
			assertNotRedacted(q);
			if (!DECIDABLE.includes(q.status))
				throw E.unprocessable(`Inquiry ${q.id} is ${q.status}; only a completed, failed or needs_review inquiry can be ${status}`);
			const meta = p.body && p.body.meta;
			if (meta !== undefined && (meta === null || typeof meta !== 'object')) throw E.badRequest('meta must be an object', '/meta');
			if (meta && meta.comment !== undefined && typeof meta.comment !== 'string') throw E.badRequest('meta.comment must be a string', '/meta/comment');
			if (q.status !== status) {
				q.status = status;
				q.decisionedAt = d.nowIso();
				if (meta && meta.comment) q.reviewerComment = meta.comment;
				touch(q);
				d.emit(`inquiry.${status}`, q, {}, O.inquiryResource(q));
			}
			return { doc: document(ctx, q) };
		});
	decide('approve', 'approved');
	decide('decline', 'declined');

	api('POST', '/inquiries/:inquiryId/expire', (ctx) => {
		const q = getInquiry(ctx.params.inquiryId);
		assertNotRedacted(q);
		if (['approved', 'declined'].includes(q.status)) throw E.unprocessable(`Inquiry ${q.id} is ${q.status} and cannot be expired`);
		if (q.status !== 'expired') {
			q.status = 'expired';
			q.expiredAt = d.nowIso();
			touch(q);
			d.emit('inquiry.expired', q, {}, O.inquiryResource(q));
		}
		return { doc: document(ctx, q) };
	});

	const tagAction = (action, apply) =>
		api('POST', `/inquiries/:inquiryId/${action}`, (ctx, p) => {
			const q = getInquiry(ctx.params.inquiryId);
			assertNotRedacted(q);
			const name = d.resolveTag(d.requireMeta(p), { create: action === 'add-tag' });
			const next = apply(q.tags, name);
			if (next.length !== q.tags.length) {
				q.tags = next;
				touch(q);
			}
			return { doc: document(ctx, q) };
		});
	tagAction('add-tag', (tags, name) => (tags.includes(name) ? tags : [...tags, name]));
	tagAction('remove-tag', (tags, name) => tags.filter((t) => t !== name));

	api('DELETE', '/inquiries/:inquiryId', (ctx) => {
		const q = getInquiry(ctx.params.inquiryId);
		if (!q.redactedAt) {
			Object.assign(q, { nameFirst: null, nameLast: null, email: null, note: null, redactedAt: d.nowIso() });
			touch(q);
		}
		return { doc: document(ctx, q) };
	});

	d.print('/inquiries/:inquiryId/print', (ctx) => {
		const q = getInquiry(ctx.params.inquiryId);
		if (q.redactedAt) return { unavailable: `Inquiry ${q.id} has been redacted and cannot be printed` };
		return { pdf: O.printPdf('inquiry', O.inquiryResource(q)), fileName: `${q.id}.pdf` };
	});

	return { getInquiry };
}

module.exports = { registerInquiryRoutes };
