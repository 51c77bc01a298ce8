'use strict';

const { SimError } = require('../lib/errors');
const { addAttachment } = require('./state');
const { page } = require('./query');

/** Tiny valid PDF with one line of text (the merged file and form-response PDFs). */
function pdf(text) {
	const stream = `BT /F1 12 Tf 40 780 Td (${String(text).replace(/[()\\]/g, '')}) Tj ET`;
	const objects = [
		'<< /Type /Catalog /Pages 2 0 R >>',
		'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
		'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
		`<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
		'<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
	];
	let body = '%PDF-1.4\n';
	const offsets = [];
	objects.forEach((o, i) => {
		offsets.push(body.length);
		body += `${i + 1} 0 obj\n${o}\nendobj\n`;
	});
	const xref = body.length;
	body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
	body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
	return Buffer.from(body, 'latin1');
}

function accepts(ctx, type) {
	return String(ctx.headers.accept || '').includes(type);
}

function registerResourceRoutes(sim, state) {
	sim.route('GET', '/v1/workspaces', (ctx) => ({ status: 200, body: page(ctx.query, state.workspaces.map((w) => ({ ...w, created_at: '2024-01-02T03:04:05Z' })), state.settings) }));

	sim.route('GET', '/v1/case_templates', (ctx) => {
		const title = ctx.query.title === undefined ? '' : String(ctx.query.title).toLowerCase();
		const list = state.templates.filter((t) => !title || t.title.toLowerCase().includes(title)).map((t) => ({ id: t.id, title: t.title, reference: t.reference, is_template: true }));
		return { status: 200, body: page(ctx.query, list, state.settings) };
	});

	sim.route('GET', '/v1/case_templates/:id', (ctx) => {
		const t = state.templates.find((x) => x.id === ctx.params.id);
		if (!t) throw new SimError(404, 'Not Found', `Case template ${ctx.params.id} not found`);
		return { status: 200, body: { ...JSON.parse(JSON.stringify(t)), is_template: true } };
	});

	sim.route('GET', '/v1/attachments/:id', (ctx) => {
		const a = state.attachments.get(ctx.params.id);
		if (!a) throw new SimError(404, 'Not Found', `Attachment ${ctx.params.id} not found`);
		if (accepts(ctx, 'application/octet-stream'))
			return { status: 200, body: a.data, headers: { 'Content-Type': a.type, 'Content-Disposition': `attachment; filename="${a.name}"` } };
		return { status: 200, body: { id: a.id, name: a.name, type: a.type, metadata: { size: a.data.length }, uri: `${ctx.origin}/v1/attachments/${a.id}`, data: a.data.toString('base64') } };
	});

	sim.route('GET', '/v1/attachments', (ctx) => {
		const ids = String(ctx.query.ids ?? '').split(',').filter(Boolean);
		if (!ids.length) throw new SimError(400, 'Bad Request', 'ids is required', { parameter: 'ids' });
		const found = ids.map((id) => state.attachments.get(id));
		const missing = ids.find((id, n) => !found[n]);
		if (missing) throw new SimError(404, 'Not Found', `Attachment ${missing} not found`);
		const filename = String(ctx.query.filename || 'merged.pdf');
		const merged = pdf(`Merged: ${found.map((a) => a.name).join(', ')}`);
		return { status: 200, body: merged, headers: { 'Content-Type': 'application/pdf', 'Content-Disposition': `attachment; filename="${filename}"`, 'X-Penbox-Merged-Count': String(found.length) } };
	});

	sim.route('POST', '/v1/attachments', (ctx) => {
		const body = ctx.body && typeof ctx.body === 'object' ? ctx.body : {};
		if (typeof body.name !== 'string' || !body.name) throw new SimError(400, 'Bad Request', 'name is required', { pointer: '/name' });
		if (typeof body.data !== 'string' || !/^[A-Za-z0-9+/=]*$/.test(body.data)) throw new SimError(400, 'Bad Request', 'data must be base64', { pointer: '/data' });
		if (body.scope !== undefined && !['public', 'restricted'].includes(body.scope)) throw new SimError(400, 'Bad Request', 'scope must be public or restricted', { pointer: '/scope' });
		if (ctx.query.company !== undefined && !state.workspaces.some((w) => w.id === ctx.query.company)) throw new SimError(400, 'Bad Request', `Unknown workspace ${ctx.query.company}`, { parameter: 'company' });
		const a = addAttachment(state, { name: body.name, type: body.type, data: Buffer.from(body.data, 'base64'), scope: body.scope });
		return { status: 201, body: { id: a.id, name: a.name, type: a.type, uri: `${ctx.origin}/v1/attachments/${a.id}`, metadata: { size: a.data.length } } };
	});

	sim.route('GET', '/v1/responses/:id', (ctx) => {
		const r = state.responses.get(ctx.params.id);
		if (!r) throw new SimError(404, 'Not Found', `Response ${ctx.params.id} not found`);
		if (accepts(ctx, 'application/pdf')) return { status: 200, body: pdf(`Response ${r.id}`), headers: { 'Content-Type': 'application/pdf' } };
		const { case_id: _caseId, ...json } = r;
		return { status: 200, body: json };
	});
}

module.exports = { registerResourceRoutes, pdf };
