'use strict';

const O = require('./objects');

/**
 * Persona's Reports API: retrieve, re-run (`POST /reports/{id}/run`) and print. A re-run emits
 * `report/<type>.ready`, and `report/<type>.matched` when the report has a match.
 */

/** @param {import('./routes').PersonaObjectDeps} d */
function registerReportRoutes(d) {
	const { api, E } = d;
	const reports = () => O.prepare(d.state()).reports;

	function getReport(id) {
		const r = reports().get(id);
		if (!r) throw E.notFound(`Could not find report with id ${id}`);
		return r;
	}

	api('GET', '/reports/:reportId', (ctx) => ({ doc: { data: O.reportResource(getReport(ctx.params.reportId)) } }));

	api('POST', '/reports/:reportId/run', (ctx) => {
		const r = getReport(ctx.params.reportId);
		if (r.redactedAt) throw E.unprocessable(`Report ${r.id} has been redacted`);
		const now = d.nowIso();
		Object.assign(r, { status: 'ready', completedAt: now, updatedAt: now, runs: r.runs + 1 });
		const resource = O.reportResource(r);
		d.emit(`${r.type}.ready`, r, {}, resource);
		if (r.hasMatch) d.emit(`${r.type}.matched`, r, {}, resource);
		return { doc: { data: resource } };
	});

	d.print('/reports/:reportId/print', (ctx) => {
		const r = getReport(ctx.params.reportId);
		if (O.UNPRINTABLE_REPORT_TYPES.includes(r.type)) return { unavailable: `Report ${r.id} of type ${r.type} cannot be printed as PDF` };
		if (r.redactedAt) return { unavailable: `Report ${r.id} has been redacted and cannot be printed` };
		return { pdf: O.printPdf('report', O.reportResource(r)), fileName: `${r.id}.pdf` };
	});

	return { getReport };
}

module.exports = { registerReportRoutes };
