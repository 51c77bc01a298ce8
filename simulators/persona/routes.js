'use strict';

const O = require('./objects');
const { registerInquiryRoutes } = require('./inquiries');
const { registerAccountRoutes } = require('./accounts');
const { registerReportRoutes } = require('./reports');

/**
 * @typedef {Object} PersonaObjectOptions
 * @property {'error' | 'empty'} printUnavailable how `…/print` answers for an object without a
 *   PDF (a report type Persona cannot print, a redacted object): `error` (default) a 422 with
 *   Persona's error body; `empty` a 200 whose body is JSON `{"data":null}`, not a PDF.
 */

/**
 * @typedef {Object} PersonaObjectDeps
 * @property {(method: string, pattern: string, handler: Function) => void} api
 * @property {() => any} state
 * @property {(items: any[], compare: Function, page: any, find: Function) => any} paginate
 * @property {(ctx: any, path: string, page: any, result: any) => any} pageLinks
 * @property {(name: string, object: { id: string }, context: any, payload: any) => any} emit
 * @property {() => string} nowIso
 * @property {(query: any) => any} readPage
 * @property {(query: any, name: string) => Record<string, any>} bracketGroup
 * @property {(meta: any, o: { create: boolean }) => string} resolveTag
 * @property {(p: any) => any} requireMeta
 * @property {Record<string, Function>} E error builders: badRequest, badParameter, notFound, unprocessable
 * @property {(pattern: string, handler: (ctx: any) => { pdf?: Buffer, fileName?: string, unavailable?: string }) => void} [print]
 */

/**
 * Registers the inquiry, account and report endpoints of the Persona simulator and returns
 * what its control API adds. `deps.sim` is the simulator server; `startOptions` its
 * `objectOptions` start option (a re-seed goes back to them).
 * @param {Omit<PersonaObjectDeps, 'print'> & { sim: any, basePath: string, startOptions?: Partial<PersonaObjectOptions> }} deps
 */
function registerPersonaObjects(deps) {
	const { sim, basePath, E } = deps;
	const optionsFrom = (o = {}, base = { printUnavailable: 'error' }) => {
		const next = { ...base };
		for (const [key, value] of Object.entries(o || {})) {
			if (key !== 'printUnavailable') throw new TypeError(`unknown object option ${key}`);
			if (!['error', 'empty'].includes(/** @type {string} */ (value))) throw new TypeError('printUnavailable must be error or empty');
			next.printUnavailable = /** @type {'error' | 'empty'} */ (value);
		}
		return next;
	};
	const start = optionsFrom(deps.startOptions);
	/** Options live with the state, so a re-seed (reset) restores the start-up ones. */
	const perState = new WeakMap();
	const options = () => {
		const state = deps.state();
		if (!perState.has(state)) perState.set(state, { ...start });
		return perState.get(state);
	};

	/** @type {PersonaObjectDeps} */
	const d = {
		...deps,
		print(pattern, handler) {
			sim.route('GET', basePath + pattern, (ctx) => {
				const r = handler(ctx);
				if (r.unavailable) {
					if (options().printUnavailable === 'empty') return { status: 200, body: JSON.stringify({ data: null }), headers: { 'Content-Type': 'application/json' } };
					throw E.unprocessable(r.unavailable);
				}
				return {
					status: 200,
					body: r.pdf,
					headers: { 'Content-Type': 'application/pdf', 'Content-Disposition': `attachment; filename="${r.fileName}"` },
				};
			});
		},
	};

	const inquiries = registerInquiryRoutes(d);
	const accounts = registerAccountRoutes(d);
	const reports = registerReportRoutes(d);

	/** The object an event about `id` carries (`inq_`, `act_`, `rep_`), or null. */
	function eventObject(id) {
		const state = O.prepare(deps.state());
		if (state.inquiries.has(id)) return { id, resource: O.inquiryResource(state.inquiries.get(id)) };
		if (state.accounts.has(id)) return { id, resource: O.accountResource(state.accounts.get(id)) };
		if (state.reports.has(id)) return { id, resource: O.reportResource(state.reports.get(id)) };
		return null;
	}

	/** The individual finishes an inquiry (status `completed`; emits `inquiry.completed`). */
	function completeInquiry(id) {
		const q = inquiries.getInquiry(id);
		const now = deps.nowIso();
		Object.assign(q, { status: 'completed', completedAt: now, updatedAt: now });
		const resource = O.inquiryResource(q);
		deps.emit('inquiry.completed', q, {}, resource);
		return resource;
	}

	const setOptions = (o) => {
		const state = deps.state();
		perState.set(state, optionsFrom(o || {}, options()));
		return { ...options() };
	};
	const resources = () => {
		const state = O.prepare(deps.state());
		return {
			inquiries: [...state.inquiries.values()].sort(O.newestFirst).map(O.inquiryResource),
			accounts: [...state.accounts.values()].sort(O.newestFirst).map(O.accountResource),
			reports: [...state.reports.values()].sort(O.newestFirst).map(O.reportResource),
		};
	};

	sim.controlRoute('GET', '/persona/objects', () => resources());
	sim.controlRoute('GET', '/persona/object-options', () => ({ ...options() }));
	sim.controlRoute('POST', '/persona/object-options', ({ body }) => setOptions(body));
	sim.controlRoute('POST', '/persona/inquiries/:inquiryId/complete', ({ params }) => completeInquiry(params.inquiryId));

	return {
		eventObject,
		control: {
			/** Inquiries, accounts and reports as the API serialises them (kebab-case), newest first. */
			objects: resources,
			/** The inquiry/account/report resource with this id, or null. */
			getObject: (/** @type {string} */ id) => (eventObject(id) || { resource: null }).resource,
			completeInquiry,
			/** Current print variant; `reset()` restores the start-up one. */
			objectOptions: () => ({ ...options() }),
			/** e.g. `{ printUnavailable: 'empty' }` */
			setObjectOptions: setOptions,
		},
	};
}

module.exports = { registerPersonaObjects };
