'use strict';

const crypto = require('node:crypto');
const http = require('node:http');
const https = require('node:https');
const { createSimulatorServer } = require('./lib/server');
const { SimError } = require('./lib/errors');
const { buildQuery } = require('./lib/query');
const { randomId, clone } = require('./lib/util');
const { buildPdf } = require('./certn/pdf');
const { orderCases } = require('./certn/ordering');
const { registerDirectory } = require('./certn/directory');
const {
	createCertnState,
	newCase,
	applyCaseStatus,
	CHECK_TYPES,
	OVERALL_STATUSES,
	PERMISSIBLE_PURPOSES,
} = require('./certn/seed');

/**
 * Certn "Centric" public API simulator (cases, reports, supplementary data, signed webhooks with
 * the GET challenge), following /work/shared/vendors/certn.md. Where Certn's docs are silent the
 * choice is marked "simulator choice"; it errs on the strict side so client bugs surface.
 */

const BASE_PATH = '/api/public';
const DEFAULT_API_KEY = 'certn_sandbox_simulator_key';
const DEFAULT_WEBHOOK_SECRET = 'certn_whsec_simulator_secret';
const EVENT_TYPES = ['CASE_STATUS_CHANGED', 'CHECK_STATUS_CHANGED', 'CASE_REPORT_READY', 'CASE_INPUT_CLAIMS_AUTOMATICALLY_GENERATED'];
const CANCELLABLE = ['AWAITING_APPLICANT_SUBMISSION', 'PENDING_FULFILLMENT'];
const CLOSED = ['COMPLETE', 'CANCELLED', 'SUPERSEDED'];
const LIST_FILTERS = ['check_type', 'email_address', 'group', 'order_timeframe_after', 'order_timeframe_before', 'ordered_by', 'overall_status', 'tag'];
const ORDER_FIELDS = [
	'email_address',
	'check_types_with_arguments',
	'send_invite_email',
	'return_invite_link',
	'input_claims',
	'permissible_purpose',
	'group',
	'tags',
	'tag_ids',
	'ordered_by',
	'package',
	'applicant_language',
];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;
const HOUR_MS = 3600 * 1000;

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const asList = (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

const CODES = { 400: 'invalid', 401: 'not_authenticated', 403: 'permission_denied', 404: 'not_found', 405: 'method_not_allowed', 422: 'invalid', 429: 'throttled' };
const typeFor = (status) => (status >= 500 ? 'server_error' : status === 400 || status === 422 ? 'validation_error' : 'client_error');

/** One field error, or several: `{type, errors:[{code, detail, attr}]}` like Certn's docs. */
const invalid = (attr, detail, code = 'invalid', status = 400) => new SimError(status, 'Validation error', detail, { code, attr });
const invalidMany = (errors, status = 400) => new SimError(status, 'Validation error', errors[0].detail, { errors });
const notFound = (detail = 'Not found.') => new SimError(404, 'Not Found', detail, { code: 'not_found' });

/**
 * @typedef {Object} CertnSimulatorOptions
 * @property {number} [port]
 * @property {string} [host]
 * @property {number | string} [seed] default 1
 * @property {number} [caseCount] default 250
 * @property {string | number | Date} [anchor] seeded dates count back from here
 * @property {string[]} [apiKeys] default ['certn_sandbox_simulator_key']
 * @property {string} [webhookSecret] secret of the portal webhook and the credential, default 'certn_whsec_simulator_secret'
 * @property {{ limit?: number, windowMs?: number }} [rateLimit] default 60 per 60000 ms
 * @property {boolean} [retryAfterHeader] send Retry-After on 429 (not documented by Certn)
 * @property {'pagination' | 'count'} [envelope] list envelope: `{pagination, results}` (default) or `{count, next, previous, results}`
 * @property {'any' | 'date' | 'datetime'} [timeframeFormat] what order_timeframe_* accept (default any)
 * @property {boolean} [strictTrailingSlash] paths without the trailing slash get a 301 (default true)
 * @property {'minimal' | 'case'} [orderResponse] order answer: `{id, short_id, invite_link}` (default) or the full case
 * @property {'empty' | 'case'} [cancelResponse] 204 No Content (default) or 200 with the case
 * @property {number} [cancelRefusalStatus] HTTP status of a refused cancel (default 400)
 * @property {number} [reportReadyAfterPolls] report-file reads answering PENDING before COMPLETE (default 2)
 * @property {number} [reportReadyAfterMs] and at least this long after generation (default 0)
 * @property {'COMPLETE' | 'FAILED'} [reportOutcome] default COMPLETE
 * @property {number} [presignedTtlMs] report URL lifetime (default 5 min; supplementary files 3 h)
 * @property {'id' | 'event_id' | 'both'} [eventIdField] where events carry their id (default id, as documented)
 * @property {{ maxAttempts?: number, retryDelaysMs?: number[], timeoutMs?: number }} [webhookDelivery]
 * @property {number} [directoryPageSize] groups/packages/users pages hold at most this many, whatever page_size asks (variant)
 * @property {'filtered' | 'ignored'} [directorySearch] whether their text filters (name, email, full_name) work (default filtered)
 * @property {string[]} [directoryDenied] 'groups' | 'packages' | 'users' answered 403 (a key without that permission)
 * @property {number} [directoryExtra] more seeded groups and users ("Branch 01"…), for paging
 * @property {'honoured' | 'ignored'} [ordering] whether the cases list applies `ordering=-modified` etc. (undocumented; default honoured)
 * @property {() => number} [clock] time source of the rate-limit window and of `created` times (default Date.now)
 */

/**
 * Starts a Certn simulator.
 * @param {CertnSimulatorOptions} [options]
 */
async function startCertnSimulator(options = {}) {
	const config = {
		seed: options.seed ?? 1,
		caseCount: options.caseCount ?? 250,
		anchor: options.anchor,
		apiKeys: options.apiKeys && options.apiKeys.length ? [...options.apiKeys] : [DEFAULT_API_KEY],
		webhookSecret: options.webhookSecret ?? DEFAULT_WEBHOOK_SECRET,
		envelope: options.envelope ?? 'pagination',
		timeframeFormat: options.timeframeFormat ?? 'any',
		strictTrailingSlash: options.strictTrailingSlash ?? true,
		orderResponse: options.orderResponse ?? 'minimal',
		cancelResponse: options.cancelResponse ?? 'empty',
		cancelRefusalStatus: options.cancelRefusalStatus ?? 400,
		reportReadyAfterPolls: options.reportReadyAfterPolls ?? 2,
		reportReadyAfterMs: options.reportReadyAfterMs ?? 0,
		reportOutcome: options.reportOutcome ?? 'COMPLETE',
		presignedTtlMs: options.presignedTtlMs ?? 5 * 60 * 1000,
		eventIdField: options.eventIdField ?? 'id',
		ordering: options.ordering ?? 'honoured',
		directoryPageSize: options.directoryPageSize ?? 0,
		directorySearch: options.directorySearch ?? 'filtered',
		directoryDenied: options.directoryDenied ?? [],
		directoryExtra: options.directoryExtra ?? 0,
	};
	const initial = { ...config };
	const keyIds = new Map(config.apiKeys.map((k) => [k, `key_${crypto.createHash('sha256').update(k).digest('hex').slice(0, 12)}`]));

	let state = createCertnState(config);

	const sim = createSimulatorServer({
		vendor: 'certn',
		host: options.host,
		port: options.port,
		requestIdHeader: 'X-Request-Id',
		errorBody: (status, title, details, extra) => ({
			type: extra.type || typeFor(status),
			errors: extra.errors || [{ code: extra.code || CODES[status] || 'error', detail: details ?? title, attr: extra.attr ?? null }],
		}),
		authenticate: (ctx) => {
			const header = String(ctx.headers.authorization || '');
			if (!header) return { ok: false, error: new SimError(401, 'Unauthorized', 'Authentication credentials were not provided.', { code: 'not_authenticated' }) };
			const match = /^Api-Key\s+(\S+)$/.exec(header);
			const keyId = match ? keyIds.get(match[1]) : undefined;
			if (!keyId) return { ok: false, error: new SimError(401, 'Unauthorized', 'Invalid API key.', { code: 'authentication_failed' }) };
			return { ok: true, principal: { keyId } };
		},
		rateLimit: {
			limit: options.rateLimit?.limit ?? 60,
			windowMs: options.rateLimit?.windowMs ?? 60_000,
			retryAfterHeader: options.retryAfterHeader ?? false,
			error: () => ({ title: 'Too Many Requests', details: 'Request was throttled.' }),
			// Tests that run the client on a virtual clock pass it here so both windows agree.
			...(options.clock ? { now: options.clock } : {}),
		},
		logHeaders: ['content-type', 'accept', 'user-agent', 'x-signature'],
		webhooks: { maxAttempts: 4, retryDelaysMs: [100, 300, 900], timeoutMs: 10_000, ...(options.webhookDelivery || {}) },
		onReset: (o) => {
			Object.assign(config, initial);
			state = createCertnState({
				...config,
				...(o.seed !== undefined ? { seed: o.seed } : {}),
				...(o.caseCount !== undefined ? { caseCount: o.caseCount } : {}),
				...(o.anchor !== undefined ? { anchor: o.anchor } : {}),
			});
		},
	});

	// Event and record times follow the client's clock when a test runs it virtually.
	const nowIso = () => new Date(options.clock ? options.clock() : Date.now()).toISOString();
	// Seeded data is reproducible; everything made later gets fresh ids, unique across resets
	// (event ids repeating after a reset would look like duplicate deliveries to a client).
	const freshUuid = () => crypto.randomUUID();
	const freshShortId = (prefix) => `${prefix}${randomId('', 10).toUpperCase()}`;

	// ---------------------------------------------------------------- plumbing

	/**
	 * Registers a Centric endpoint under /api/public. Certn's docs always write the trailing
	 * slash; without it Django answers with a redirect (a POST would come back as a GET).
	 */
	function api(method, pattern, handler) {
		sim.route(method, BASE_PATH + pattern, (ctx) => {
			if (config.strictTrailingSlash && !ctx.rawPath.endsWith('/')) {
				ctx.warn('path without trailing slash');
				return { status: 301, body: '', headers: { Location: `${ctx.rawPath}/${ctx.search}`, 'Content-Type': 'text/html; charset=utf-8' } };
			}
			return handler(ctx);
		});
	}

	function getCase(id) {
		const c = UUID.test(id) ? state.cases.get(id.toLowerCase()) : undefined;
		if (!c) throw notFound();
		return c;
	}

	/** @type {{ state: any, size: number, list: any[] } | null} */
	let sortedCache = null;
	/**
	 * Cases newest first (read-only). Cached until a case is added or the state is re-seeded:
	 * `created` and `id` never change, so the order cannot change otherwise (large seeded lists
	 * for benchmarks would otherwise be re-sorted on every page).
	 */
	function sortedCases() {
		if (!sortedCache || sortedCache.state !== state || sortedCache.size !== state.cases.size) {
			const list = [...state.cases.values()].sort((a, b) => (a.created !== b.created ? (a.created < b.created ? 1 : -1) : a.id < b.id ? -1 : 1));
			sortedCache = { state, size: state.cases.size, list };
		}
		return sortedCache.list;
	}

	/** What a case looks like in lists: no claims (personal data), checks without output claims. */
	function caseSummary(c) {
		const { input_claims, ...rest } = clone(c);
		void input_claims;
		rest.checks = rest.checks.map(({ output_claims, ...check }) => (void output_claims, check));
		return rest;
	}

	function readPage(query) {
		const rawPage = query.page === undefined ? '1' : String(asList(query.page)[0]);
		if (!/^\d+$/.test(rawPage) || Number(rawPage) < 1) throw notFound('Invalid page.');
		let size = 10;
		if (query.page_size !== undefined) {
			const raw = String(asList(query.page_size)[0]);
			// DRF: an unreadable page_size falls back to the default, a large one is capped.
			if (/^\d+$/.test(raw) && Number(raw) > 0) size = Math.min(100, Number(raw));
		}
		return { page: Number(rawPage), size };
	}

	/** Page `page` of `items` in the configured envelope; other query parameters are kept in links. */
	function paged(ctx, items, render) {
		const { page, size } = readPage(ctx.query);
		if (Number(asList(ctx.query.page_size)[0]) > 100) ctx.warn('page_size above 100 was capped to 100');
		const count = items.length;
		const pageCount = Math.max(1, Math.ceil(count / size));
		if (page > pageCount) throw notFound('Invalid page.');
		const results = items.slice((page - 1) * size, page * size).map(render);
		const hasNext = page < pageCount;
		if (config.envelope === 'count') {
			const preserved = Object.entries(ctx.query).filter(([k]) => k !== 'page');
			const link = (p) => `${sim.url}${ctx.rawPath}?${buildQuery([...preserved, ['page', p]])}`;
			return { count, next: hasNext ? link(page + 1) : null, previous: page > 1 ? link(page - 1) : null, results };
		}
		return {
			pagination: {
				result_count: count,
				page_count: pageCount,
				page_size: size,
				current_page: page,
				next_page: hasNext ? page + 1 : null,
				previous_page: page > 1 ? page - 1 : null,
			},
			results,
		};
	}

	/** `order_timeframe_*`: a date (whole day, UTC) or an ISO datetime, as configured. */
	function readTimeframe(value, attr, endOfDay) {
		const text = String(value);
		const accepts = config.timeframeFormat;
		if (DATE.test(text) && accepts !== 'datetime') {
			const t = Date.parse(`${text}T00:00:00.000Z`);
			if (!Number.isNaN(t)) return endOfDay ? t + 24 * HOUR_MS - 1 : t;
		}
		if (DATETIME.test(text) && accepts !== 'date') {
			const t = Date.parse(/(Z|[+-]\d{2}:?\d{2})$/.test(text) ? text : `${text}Z`);
			if (!Number.isNaN(t)) return t;
		}
		throw invalid(attr, accepts === 'datetime' ? 'Enter a valid date/time.' : 'Enter a valid date.');
	}

	function uuidList(query, attr) {
		const values = asList(query[attr]).map(String);
		const bad = values.find((v) => !UUID.test(v));
		if (bad) throw invalid(attr, `“${bad}” is not a valid UUID.`);
		return values.map((v) => v.toLowerCase());
	}

	// ---------------------------------------------------------------- cases

	api('GET', '/cases', (ctx) => {
		const q = ctx.query;
		for (const key of Object.keys(q)) if (!['page', 'page_size', 'ordering', ...LIST_FILTERS].includes(key)) ctx.warn(`unknown query parameter ${key} ignored`);
		// Django's MultipleChoiceFilter: every value must be a choice, so "A,B" in one value fails.
		const statuses = asList(q.overall_status).map(String);
		const badStatus = statuses.find((s) => !OVERALL_STATUSES.includes(s));
		if (badStatus) throw invalid('overall_status', `Select a valid choice. ${badStatus} is not one of the available choices.`, 'invalid_choice');
		const checkTypes = asList(q.check_type).map(String);
		const groups = uuidList(q, 'group');
		const orderedBy = uuidList(q, 'ordered_by');
		// django-filter's ModelMultipleChoiceFilter: an id of no group / user is an invalid choice.
		for (const [attr, ids, known] of [['group', groups, state.groups], ['ordered_by', orderedBy, state.users]]) {
			const unknown = ids.find((id) => !known.some((x) => x.id === id));
			if (unknown) throw invalid(attr, `Select a valid choice. ${unknown} is not one of the available choices.`, 'invalid_choice');
		}
		const tags = asList(q.tag).map(String);
		const email = q.email_address === undefined ? undefined : String(asList(q.email_address)[0]).toLowerCase();
		const after = q.order_timeframe_after === undefined ? undefined : readTimeframe(asList(q.order_timeframe_after)[0], 'order_timeframe_after', false);
		const before = q.order_timeframe_before === undefined ? undefined : readTimeframe(asList(q.order_timeframe_before)[0], 'order_timeframe_before', true);

		const filtered = statuses.length || checkTypes.length || groups.length || orderedBy.length || tags.length || email !== undefined || after !== undefined || before !== undefined;
		const items = !filtered ? sortedCases() : sortedCases().filter((c) => {
			const created = after === undefined && before === undefined ? 0 : Date.parse(c.created);
			return (
				(!statuses.length || statuses.includes(c.overall_status)) &&
				(!checkTypes.length || c.checks.some((k) => checkTypes.includes(k.type))) &&
				(!groups.length || groups.includes(c.group)) &&
				(!orderedBy.length || orderedBy.includes(c.ordered_by)) &&
				(!tags.length || c.tags.some((t) => tags.includes(t))) &&
				(email === undefined || c.email_address.toLowerCase() === email) &&
				(after === undefined || created >= after) &&
				(before === undefined || created <= before)
			);
		});
		const ordered = q.ordering !== undefined && config.ordering === 'honoured' ? orderCases(items, q.ordering) : items;
		return { status: 200, body: paged(ctx, ordered, caseSummary) };
	});

	// Registered before /cases/:caseId/… so that "report-files" is never read as a case id.
	api('GET', '/cases/report-files/:reportFileId', (ctx) => {
		const file = state.reportFiles.get(ctx.params.reportFileId);
		if (!file) throw notFound();
		file.polls++;
		advanceReport(file);
		return { status: 200, body: reportFileBody(file) };
	});

	api('GET', '/cases/:caseId', (ctx) => ({ status: 200, body: clone(getCase(ctx.params.caseId)) }));

	api('POST', '/cases/order', (ctx) => {
		const body = requireBody(ctx);
		const common = readOrderCommon(ctx, body);
		const errors = [...common.errors];
		const cta = body.check_types_with_arguments;
		let types = [];
		if (cta === undefined || cta === null) errors.push({ code: 'required', detail: 'This field is required.', attr: 'check_types_with_arguments' });
		else if (!isObject(cta)) errors.push({ code: 'invalid', detail: 'Expected a dictionary of items.', attr: 'check_types_with_arguments' });
		else if (!Object.keys(cta).length) errors.push({ code: 'empty', detail: 'At least one check type is required.', attr: 'check_types_with_arguments' });
		else {
			for (const [type, args] of Object.entries(cta)) {
				if (!CHECK_TYPES.includes(type)) errors.push({ code: 'invalid', detail: `"${type}" is not a valid check type.`, attr: 'check_types_with_arguments' });
				else if (!isObject(args)) errors.push({ code: 'invalid', detail: 'Expected a dictionary of items.', attr: `check_types_with_arguments.${type}` });
			}
			types = Object.keys(cta);
		}
		if (errors.length) throw invalidMany(errors);
		quickscreenClaims(common);
		const c = createOrderedCase(ctx, common, types, cta, []);
		return { status: 201, body: orderAnswer(c) };
	});

	api('POST', '/cases/order-package', (ctx) => {
		const body = requireBody(ctx);
		const common = readOrderCommon(ctx, body);
		const errors = [...common.errors];
		let pkg;
		if (body.package === undefined || body.package === null || body.package === '') errors.push({ code: 'required', detail: 'This field is required.', attr: 'package' });
		else {
			pkg = state.packages.find((p) => p.id === String(body.package).toLowerCase());
			if (!pkg) errors.push({ code: 'does_not_exist', detail: `Invalid pk "${body.package}" - object does not exist.`, attr: 'package' });
			else if (!pkg.is_active) errors.push({ code: 'invalid', detail: 'Only active packages can be ordered.', attr: 'package' });
		}
		if (errors.length) throw invalidMany(errors);
		quickscreenClaims(common);
		const types = pkg.checks.map((k) => k.check_type);
		const args = Object.fromEntries(pkg.checks.map((k) => [k.check_type, k.arguments]));
		const c = createOrderedCase(ctx, common, types, args, pkg.tags);
		c.package = pkg.id;
		return { status: 201, body: orderAnswer(c) };
	});

	api('POST', '/cases/:caseId/cancel', (ctx) => {
		const c = getCase(ctx.params.caseId);
		if (c.overall_status === 'CANCELLED') throw new SimError(config.cancelRefusalStatus, 'Validation error', 'Case is already cancelled.', { code: 'invalid' });
		const active = c.checks.filter((k) => !CLOSED.includes(k.status));
		const blocking = active.filter((k) => !CANCELLABLE.includes(k.status));
		if (blocking.length || !active.length)
			throw new SimError(config.cancelRefusalStatus, 'Validation error', 'Case cannot be cancelled: one or more checks are past the point where they can be cancelled.', { code: 'invalid' });
		for (const k of active) k.status = 'CANCELLED';
		c.overall_status = 'CANCELLED';
		c.modified = nowIso();
		emit('CASE_STATUS_CHANGED', c);
		return config.cancelResponse === 'case' ? { status: 200, body: clone(c) } : { status: 204, body: '' };
	});

	api('POST', '/cases/:caseId/generate-report', (ctx) => {
		const c = getCase(ctx.params.caseId);
		const body = ctx.body === undefined ? {} : ctx.body;
		if (!isObject(body)) throw invalid(null, 'Expected a dictionary of items.');
		if (body.language !== undefined && typeof body.language !== 'string') throw invalid('language', 'Not a valid string.');
		const file = {
			id: freshUuid(),
			case_id: c.id,
			status: 'PENDING',
			created: nowIso(),
			createdAt: Date.now(),
			language: body.language ?? 'en-CA',
			polls: 0,
			forced: null,
		};
		state.reportFiles.set(file.id, file);
		return { status: 201, body: { case_report_file_id: file.id } };
	});

	api('GET', '/cases/:caseId/supplementary-files', (ctx) => {
		const c = getCase(ctx.params.caseId);
		const checks = c.checks.map((k) => ({
			id: k.id,
			type: k.type,
			status: k.status,
			files: k.status === 'COMPLETE' ? [presignedFile('check', k.id, `${k.short_id}.pdf`, 3 * HOUR_MS)] : [],
		}));
		return { status: 200, body: { case_id: c.id, checks } };
	});

	api('GET', '/cases/:caseId/supplementary-information', (ctx) => {
		const c = getCase(ctx.params.caseId);
		const checks = c.checks.map((k) => ({
			id: k.id,
			type: k.type,
			status: k.status,
			information: k.status === 'COMPLETE' ? { completed_at: c.modified, result: k.score, details: clone(k.output_claims) } : null,
		}));
		return { status: 200, body: { case_id: c.id, checks } };
	});

	// ---------------------------------------------------------------- related lists (certn/directory.js)

	registerDirectory({ api, paged, getState: () => state, config });

	// ---------------------------------------------------------------- presigned files (no API key)

	sim.route(
		'GET',
		'/files/:kind/:fileId/:name',
		(ctx) => {
			const xml = (status, code, message) => ({
				status,
				body: `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`,
				headers: { 'Content-Type': 'application/xml' },
			});
			// Like S3: a presigned URL is its own authorization; a second one is refused.
			if (ctx.headers.authorization) return xml(400, 'InvalidArgument', 'Only one auth mechanism allowed');
			const token = String(asList(ctx.query['X-Certn-Signature'])[0] ?? '');
			const grant = state.downloads.get(token);
			if (!grant || grant.kind !== ctx.params.kind || grant.id !== ctx.params.fileId) return xml(403, 'AccessDenied', 'Access Denied');
			if (Date.now() > grant.expiresAt) return xml(403, 'AccessDenied', 'Request has expired');
			const pdf = grant.kind === 'report' ? reportPdf(grant.id) : checkPdf(grant.id);
			return {
				status: 200,
				body: pdf,
				headers: { 'Content-Type': 'application/pdf', 'Content-Disposition': `attachment; filename="${ctx.params.name}"` },
			};
		},
		{ auth: false, rateLimited: false },
	);

	function presignedFile(kind, id, name, ttlMs) {
		const token = randomId('', 40);
		const expiresAt = Date.now() + ttlMs;
		state.downloads.set(token, { kind, id, expiresAt });
		const url = `${sim.url}/files/${kind}/${id}/${encodeURIComponent(name)}?${buildQuery([
			['X-Certn-Expires', Math.floor(expiresAt / 1000)],
			['X-Certn-Signature', token],
		])}`;
		return { name, url, content_type: 'application/pdf', expires_at: new Date(expiresAt).toISOString() };
	}

	function reportPdf(reportFileId) {
		const file = state.reportFiles.get(reportFileId);
		const c = file && state.cases.get(file.case_id);
		return buildPdf([
			'Certn background check report',
			`Case ${c ? c.short_id : reportFileId}`,
			`Status ${c ? c.overall_status : 'unknown'}  Score ${c && c.overall_score ? c.overall_score : 'n/a'}`,
			`Generated ${file ? file.created : nowIso()} (simulator)`,
		]);
	}

	function checkPdf(checkId) {
		return buildPdf(['Certn supplementary file', `Check ${checkId}`]);
	}

	// ---------------------------------------------------------------- reports

	function advanceReport(file) {
		if (file.status !== 'PENDING') return;
		const ready = file.forced || (file.polls > config.reportReadyAfterPolls && Date.now() - file.createdAt >= config.reportReadyAfterMs ? config.reportOutcome : null);
		if (!ready) return;
		file.status = ready;
		if (ready === 'COMPLETE') {
			const c = state.cases.get(file.case_id);
			if (c) emit('CASE_REPORT_READY', c);
		}
	}

	function reportFileBody(file) {
		const c = state.cases.get(file.case_id);
		const pdf = file.status === 'COMPLETE' ? presignedFile('report', file.id, `${c ? c.short_id : file.id}.pdf`, config.presignedTtlMs) : null;
		return { id: file.id, case_id: file.case_id, status: file.status, language: file.language, created: file.created, pdf_url: pdf ? pdf.url : null };
	}

	// ---------------------------------------------------------------- orders

	function requireBody(ctx) {
		if (!isObject(ctx.body)) throw invalid(null, 'Expected a dictionary of items.', 'parse_error');
		return ctx.body;
	}

	function readOrderCommon(ctx, body) {
		const errors = [];
		for (const key of Object.keys(body)) if (!ORDER_FIELDS.includes(key)) ctx.warn(`unknown order field ${key} ignored`);
		const email = body.email_address;
		if (email === undefined || email === null || email === '') errors.push({ code: 'required', detail: 'This field is required.', attr: 'email_address' });
		else if (typeof email !== 'string' || !EMAIL.test(email)) errors.push({ code: 'invalid', detail: 'Enter a valid email address.', attr: 'email_address' });
		for (const flag of ['send_invite_email', 'return_invite_link']) {
			if (body[flag] !== undefined && typeof body[flag] !== 'boolean') errors.push({ code: 'invalid', detail: 'Must be a valid boolean.', attr: flag });
		}
		if (body.input_claims !== undefined && body.input_claims !== null && !isObject(body.input_claims))
			errors.push({ code: 'invalid', detail: 'Expected a dictionary of items.', attr: 'input_claims' });
		if (body.permissible_purpose !== undefined && !PERMISSIBLE_PURPOSES.includes(body.permissible_purpose))
			errors.push({ code: 'invalid_choice', detail: `"${body.permissible_purpose}" is not a valid choice.`, attr: 'permissible_purpose' });
		if (body.group !== undefined && body.group !== null) {
			const g = state.groups.find((x) => x.id === String(body.group).toLowerCase());
			if (!g) errors.push({ code: 'does_not_exist', detail: `Invalid pk "${body.group}" - object does not exist.`, attr: 'group' });
		}
		if (body.ordered_by !== undefined && body.ordered_by !== null && !state.users.some((u) => u.id === String(body.ordered_by).toLowerCase()))
			errors.push({ code: 'does_not_exist', detail: `Invalid pk "${body.ordered_by}" - object does not exist.`, attr: 'ordered_by' });
		const tags = body.tags !== undefined ? body.tags : body.tag_ids;
		const tagsAttr = body.tags !== undefined ? 'tags' : 'tag_ids';
		if (tags !== undefined && (!Array.isArray(tags) || tags.some((t) => typeof t !== 'string')))
			errors.push({ code: 'not_a_list', detail: 'Expected a list of items.', attr: tagsAttr });
		const sendEmail = body.send_invite_email === true;
		const returnLink = body.return_invite_link === true;
		return {
			errors,
			body,
			email: typeof email === 'string' ? email : '',
			sendEmail,
			returnLink,
			quickscreen: !sendEmail && !returnLink,
			claims: isObject(body.input_claims) ? body.input_claims : {},
			tags: Array.isArray(tags) ? tags : [],
		};
	}

	/** Quickscreen has no applicant: the claims must be complete and the consent given (422). */
	function quickscreenClaims(common) {
		if (!common.quickscreen) return;
		const claims = common.claims;
		const errors = [];
		const name = isObject(claims.name) ? claims.name : {};
		if (!name.given_name || !name.family_name) errors.push({ code: 'required', detail: 'The applicant\'s legal name is required for quickscreen.', attr: 'input_claims.name' });
		if (typeof claims.date_of_birth !== 'string' || !DATE.test(claims.date_of_birth))
			errors.push({ code: 'required', detail: 'A date of birth (YYYY-MM-DD) is required for quickscreen.', attr: 'input_claims.date_of_birth' });
		if (claims.are_consents_and_disclosures_accepted !== true)
			errors.push({ code: 'required', detail: 'Consent must be given for quickscreen.', attr: 'input_claims.are_consents_and_disclosures_accepted' });
		if (errors.length) throw invalidMany(errors, 422);
	}

	function createOrderedCase(ctx, common, types, args, extraTags) {
		const status = common.quickscreen ? 'APPLICANT_SUBMITTED' : common.sendEmail ? 'APPLICANT_INVITED' : 'CASE_ORDERED';
		const c = newCase({
			id: freshUuid(),
			shortId: freshShortId('CS_'),
			email: common.email,
			created: Date.now(),
			status,
			types,
			argumentsByType: args,
			group: common.body.group ? String(common.body.group).toLowerCase() : null,
			orderedBy: common.body.ordered_by ? String(common.body.ordered_by).toLowerCase() : null,
			tags: [...new Set([...extraTags, ...common.tags])],
			inputClaims: { ...common.claims, email_address: common.email },
			checkId: freshUuid,
			checkShortId: () => freshShortId('CK_'),
			inviteLink: common.returnLink ? `${sim.url}/invite/${randomId('', 32)}` : null,
			permissiblePurpose: common.body.permissible_purpose ?? null,
			language: common.body.applicant_language ?? null,
		});
		c.ordered_with = { key: ctx.principal.keyId, mode: common.quickscreen ? 'quickscreen' : common.returnLink ? 'link' : 'email' };
		state.cases.set(c.id, c);
		emit('CASE_STATUS_CHANGED', c);
		return c;
	}

	function orderAnswer(c) {
		const { ordered_with, ...visible } = clone(c);
		void ordered_with;
		if (config.orderResponse === 'case') return visible;
		return { id: c.id, short_id: c.short_id, invite_link: c.invite_link };
	}

	// ---------------------------------------------------------------- webhooks (set up in the portal)

	/**
	 * GET `<url>?challenge=<value>` like Certn does when a URL is added (answer within 10 s).
	 * @param {{ url: string, value?: string, timeoutMs?: number }} o
	 */
	function challenge(o) {
		const value = o.value ?? randomId('chl_', 24);
		const started = Date.now();
		return new Promise((resolve) => {
			let target;
			try {
				target = new URL(o.url);
			} catch {
				resolve({ url: o.url, challenge: value, status: 0, echoed: false, error: 'invalid URL' });
				return;
			}
			target.searchParams.set('challenge', value);
			const transport = target.protocol === 'https:' ? https : http;
			const req = transport.request(target, { method: 'GET', rejectUnauthorized: false }, (res) => {
				const chunks = [];
				res.on('data', (c) => chunks.push(c));
				res.on('end', () => {
					const body = Buffer.concat(chunks).toString('utf8');
					resolve({
						url: o.url,
						challenge: value,
						status: res.statusCode || 0,
						echoed: res.statusCode === 200 && body === value,
						body: body.slice(0, 500),
						contentType: res.headers['content-type'] || null,
						nosniff: String(res.headers['x-content-type-options'] || '').toLowerCase() === 'nosniff',
						durationMs: Date.now() - started,
					});
				});
			});
			req.setTimeout(o.timeoutMs ?? 10_000, () => req.destroy(new Error('no answer within 10 s')));
			req.on('error', (err) => resolve({ url: o.url, challenge: value, status: 0, echoed: false, error: err.message, durationMs: Date.now() - started }));
			req.end();
		});
	}

	/**
	 * Adds a webhook as a user would in the Client Portal; Certn verifies it with the challenge
	 * and turns delivery off when that fails.
	 * @param {{ url: string, secret?: string, events?: string[] }} o
	 */
	async function addWebhook(o) {
		if (!o || typeof o.url !== 'string') throw new TypeError('url is required');
		const events = o.events ?? null;
		if (events && events.some((e) => !EVENT_TYPES.includes(e))) throw new TypeError(`events must be among ${EVENT_TYPES.join(', ')}`);
		const check = await challenge({ url: o.url });
		const hook = { id: freshUuid(), url: o.url, secret: o.secret ?? config.webhookSecret, events, enabled: check.echoed, created: nowIso(), challenge: check };
		state.webhooks.push(hook);
		return clone(hook);
	}

	function eventPayload(type, c, o = {}) {
		const id = freshUuid();
		const check = o.checkId ? c.checks.find((k) => k.id === o.checkId) : undefined;
		/** @type {Record<string, any>} */
		const payload = {};
		if (config.eventIdField !== 'event_id') payload.id = id;
		if (config.eventIdField !== 'id') payload.event_id = id;
		payload.event_type = type;
		if (o.objectType === 'CHECK' && check) {
			// Simulator choice for the open question in the notes: a check event naming the check.
			Object.assign(payload, { object_id: check.id, object_type: 'CHECK', case_id: c.id });
		} else {
			Object.assign(payload, { object_id: c.id, object_type: 'CASE' });
		}
		payload.created = nowIso();
		payload.case_status = c.overall_status;
		return { id, payload };
	}

	const sign = (secret, raw) => crypto.createHmac('sha256', secret).update(raw).digest('hex');

	/** Queues an event to every enabled portal webhook subscribed to it (background, with retries). */
	function emit(type, c, o = {}) {
		const { id, payload } = eventPayload(type, c, o);
		state.events.push({ id, payload });
		for (const hook of state.webhooks) {
			if (!hook.enabled || (hook.events && !hook.events.includes(type))) continue;
			const raw = JSON.stringify(payload);
			sim.dispatcher.enqueue({
				url: hook.url,
				build: () => ({ body: raw, headers: { 'Content-Type': 'application/json', 'X-Signature': sign(hook.secret, raw) } }),
				meta: { webhookId: hook.id, eventId: id, eventType: type },
				isLive: () => hook.enabled,
			});
		}
	}

	/**
	 * Delivers one event now, once per duplicate, and reports each answer.
	 * @param {{ caseId: string, eventType?: string, url?: string, secret?: string, forged?: boolean, unsigned?: boolean, duplicateTimes?: number, objectType?: 'CASE' | 'CHECK', checkId?: string }} o
	 */
	async function sendEvent(o) {
		if (!o || typeof o.caseId !== 'string') throw new TypeError('caseId is required');
		const c = state.cases.get(o.caseId);
		if (!c) throw new SimError(404, 'Not Found', `No case ${o.caseId}`);
		const type = o.eventType ?? 'CASE_STATUS_CHANGED';
		const { id, payload } = eventPayload(type, c, { objectType: o.objectType, checkId: o.checkId ?? (o.objectType === 'CHECK' ? c.checks[0].id : undefined) });
		state.events.push({ id, payload });
		const targets = o.url ? [{ url: o.url, secret: o.secret ?? config.webhookSecret }] : state.webhooks.filter((h) => h.enabled);
		const raw = JSON.stringify(payload);
		const deliveries = [];
		for (let n = 0; n < Math.max(1, o.duplicateTimes ?? 1); n++) {
			for (const target of targets) {
				const headers = { 'Content-Type': 'application/json' };
				if (!o.unsigned) headers['X-Signature'] = sign(o.forged ? `${target.secret}-forged` : target.secret, raw);
				const r = await sim.dispatcher.send(target.url, raw, headers, { eventId: id, eventType: type });
				deliveries.push({ url: target.url, status: r.status, ok: r.ok, responseBody: r.body, signature: headers['X-Signature'] ?? null, requestBody: raw, ...(r.error ? { error: r.error } : {}) });
			}
		}
		return { event: payload, rawBody: raw, deliveries };
	}

	// ---------------------------------------------------------------- control

	/** Moves a case to `status` as Certn would while checks run; emits the events. */
	function setCaseStatus(caseId, status, o = {}) {
		const c = state.cases.get(caseId);
		if (!c) throw new SimError(404, 'Not Found', `No case ${caseId}`);
		if (!OVERALL_STATUSES.includes(status)) throw new TypeError(`status must be one of ${OVERALL_STATUSES.join(', ')}`);
		const before = c.checks.map((k) => k.status);
		applyCaseStatus(c, status, state.rnd, o.score ?? null);
		c.modified = nowIso();
		c.checks.forEach((k, i) => {
			if (k.status !== before[i]) emit('CHECK_STATUS_CHANGED', c, { checkId: k.id });
		});
		emit('CASE_STATUS_CHANGED', c);
		return clone(c);
	}

	function setReportStatus(reportFileId, status) {
		const file = state.reportFiles.get(reportFileId);
		if (!file) throw new SimError(404, 'Not Found', `No report file ${reportFileId}`);
		if (!['PENDING', 'COMPLETE', 'FAILED'].includes(status)) throw new TypeError('status must be PENDING, COMPLETE or FAILED');
		if (status === 'PENDING') {
			file.status = 'PENDING';
			file.forced = null;
			file.polls = 0;
		} else {
			file.forced = status;
			advanceReport(file);
		}
		return reportFileBody(file);
	}

	/** @param {{ envelope?: string, timeframeFormat?: string, strictTrailingSlash?: boolean, orderResponse?: string, cancelResponse?: string, cancelRefusalStatus?: number, reportReadyAfterPolls?: number, reportReadyAfterMs?: number, reportOutcome?: string, presignedTtlMs?: number, eventIdField?: string, directoryPageSize?: number, directorySearch?: string, directoryDenied?: string[], ordering?: string }} o */
	function configure(o = {}) {
		const allowed = {
			envelope: ['pagination', 'count'],
			timeframeFormat: ['any', 'date', 'datetime'],
			orderResponse: ['minimal', 'case'],
			cancelResponse: ['empty', 'case'],
			reportOutcome: ['COMPLETE', 'FAILED'],
			eventIdField: ['id', 'event_id', 'both'],
			ordering: ['honoured', 'ignored'],
			directorySearch: ['filtered', 'ignored'],
		};
		for (const [key, value] of Object.entries(o)) {
			if (!(key in config) || ['seed', 'caseCount', 'anchor', 'apiKeys', 'webhookSecret'].includes(key)) throw new TypeError(`unknown setting ${key}`);
			if (allowed[key] && !allowed[key].includes(value)) throw new TypeError(`${key} must be one of ${allowed[key].join(', ')}`);
			config[key] = value;
		}
		return settings();
	}

	const settings = () => {
		const { apiKeys, ...rest } = config;
		void apiKeys;
		return clone(rest);
	};

	const summary = () => {
		const byStatus = {};
		for (const c of state.cases.values()) (byStatus[c.overall_status] ||= []).push(c.id);
		return {
			seed: state.seed,
			anchor: state.anchor,
			caseCount: state.cases.size,
			settings: settings(),
			caseIdsByStatus: byStatus,
			groups: clone(state.groups),
			packages: clone(state.packages),
			users: clone(state.users),
			tags: [...state.tags],
			reportFiles: [...state.reportFiles.values()].map((f) => ({ id: f.id, case_id: f.case_id, status: f.status, polls: f.polls })),
			webhooks: clone(state.webhooks),
		};
	};

	/** A case matching a predicate-ish description, for tests. */
	function findCase(o = {}) {
		const cancellable = (c) => {
			const active = c.checks.filter((k) => !CLOSED.includes(k.status));
			return active.length > 0 && active.every((k) => CANCELLABLE.includes(k.status));
		};
		const c = sortedCases().find(
			(x) => (!o.status || x.overall_status === o.status) && (o.cancellable === undefined || cancellable(x) === o.cancellable),
		);
		return c ? clone(c) : null;
	}

	sim.controlRoute('GET', '/certn/state', () => summary());
	sim.controlRoute('GET', '/certn/settings', () => settings());
	sim.controlRoute('POST', '/certn/settings', ({ body }) => configure(body || {}));
	sim.controlRoute('GET', '/certn/cases/:caseId', ({ params }) => {
		const c = state.cases.get(params.caseId);
		if (!c) throw new SimError(404, 'Not Found', `No case ${params.caseId}`);
		return clone(c);
	});
	sim.controlRoute('POST', '/certn/cases/:caseId/status', ({ params, body }) => setCaseStatus(params.caseId, body && body.status, body || {}));
	sim.controlRoute('POST', '/certn/report-files/:reportFileId/status', ({ params, body }) => setReportStatus(params.reportFileId, body && body.status));
	sim.controlRoute('POST', '/certn/challenge', ({ body }) => {
		if (!body || typeof body.url !== 'string') throw new TypeError('url is required');
		return challenge(body);
	});
	sim.controlRoute('GET', '/certn/webhooks', () => clone(state.webhooks));
	sim.controlRoute('POST', '/certn/webhooks', ({ body }) => addWebhook(body));
	sim.controlRoute('GET', '/certn/events', () => state.events.map((e) => clone(e.payload)));
	sim.controlRoute('POST', '/certn/events', ({ body }) => sendEvent(body));

	const control = {
		...sim.control,
		state: summary,
		settings,
		/** Changes behaviour at run time: envelope, timeframe format, report timing, … (reset restores). */
		configure,
		getCase: (/** @type {string} */ id) => (state.cases.has(id) ? clone(state.cases.get(id)) : null),
		findCase,
		setCaseStatus,
		setReportStatus,
		/** Certn's URL verification: GET ?challenge= against `url`; reports whether it was echoed. */
		challenge,
		addWebhook,
		webhooks: () => clone(state.webhooks),
		events: () => state.events.map((e) => clone(e.payload)),
		sendEvent,
		/** The hex HMAC-SHA256 Certn puts in X-Signature. */
		sign,
	};

	const { url } = await sim.start();
	return {
		vendor: 'certn',
		url,
		// The credential's custom base URL is the host; every path starts with /api/public/.
		baseUrl: url,
		apiKey: config.apiKeys[0],
		webhookSecret: config.webhookSecret,
		get state() {
			return state;
		},
		control,
		stop: () => sim.stop(),
	};
}

module.exports = { startCertnSimulator, DEFAULT_API_KEY, DEFAULT_WEBHOOK_SECRET, BASE_PATH, EVENT_TYPES };
