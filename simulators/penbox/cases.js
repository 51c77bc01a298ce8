'use strict';

const { SimError } = require('../lib/errors');
const { addCase, addResponse, setStatus, touch } = require('./state');
const { selectCases, sortCases, page } = require('./query');

/** Case routes: list, count (group-by), get, create, data, contacts, start step. */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function serialize(c, state, detail) {
	const out = { ...c, owner: { ...c.owner }, contacts: c.contacts.map((k) => ({ ...k })) };
	delete out.workspace;
	out.workspace = state.settings.omitOptional ? undefined : { id: c.workspace };
	if (!detail) {
		delete out.steps;
		delete out.schema;
	} else {
		out.steps = c.steps.map((s) => ({ ...s }));
		out.schema = c.schema.map((f) => ({ ...f }));
	}
	if (state.settings.omitOptional) for (const k of ['description', 'locale', 'waiting_for', 'archived_at', 'workspace']) delete out[k];
	return JSON.parse(JSON.stringify(out));
}

function findCase(state, id) {
	const c = UUID.test(id) ? state.cases.get(id) : undefined;
	if (!c) throw new SimError(404, 'Not Found', `Case ${id} not found`);
	return c;
}

function registerCaseRoutes(sim, state) {
	const out = (c, detail = true) => serialize(c, state, detail);

	sim.route('GET', '/v1/cases', (ctx) => {
		const list = sortCases(selectCases(state, ctx.query), ctx.query.sort);
		return { status: 200, body: page(ctx.query, list, state.settings, (c) => out(c, false)) };
	});

	sim.route('GET', '/v1/cases/count', (ctx) => {
		const list = selectCases(state, ctx.query);
		const groupBy = ctx.query['group-by'];
		if (groupBy === undefined) return { status: 200, body: { count: list.length } };
		const by = {};
		for (const c of list) {
			const value = String(groupBy).startsWith('data.')
				? c.schema.find((f) => f.key === String(groupBy).slice(5))?.value
				: c[String(groupBy)];
			const key = value === undefined || value === null ? 'null' : String(value);
			by[key] = (by[key] ?? 0) + 1;
		}
		return { status: 200, body: { count: list.length, by } };
	});

	sim.route('GET', '/v1/cases/:id', (ctx) => ({ status: 200, body: out(findCase(state, ctx.params.id)) }));

	sim.route('POST', '/v1/cases', (ctx) => {
		const body = ctx.body && typeof ctx.body === 'object' ? ctx.body : {};
		if (typeof body.title !== 'string' || !body.title.trim()) throw new SimError(400, 'Bad Request', 'title is required', { pointer: '/title' });
		const template = body.template?.id !== undefined ? state.templates.find((t) => t.id === body.template.id) : undefined;
		if (body.template?.id !== undefined && !template) throw new SimError(400, 'Bad Request', `Unknown template ${body.template.id}`, { pointer: '/template/id' });
		if (body.workspace?.id !== undefined && !state.workspaces.some((w) => w.id === body.workspace.id))
			throw new SimError(400, 'Bad Request', `Unknown workspace ${body.workspace.id}`, { pointer: '/workspace/id' });
		if (body.owner?.email !== undefined && !state.owners.some((o) => o.email === body.owner.email))
			throw new SimError(400, 'Bad Request', `Unknown owner ${body.owner.email}`, { pointer: '/owner/email' });
		for (const k of body.contacts ?? []) {
			if (template && !template.contacts.some((r) => r.key === k.key)) throw new SimError(400, 'Bad Request', `Unknown contact role ${k.key}`, { pointer: '/contacts' });
			if (!k.email && !k.phone) throw new SimError(400, 'Bad Request', 'A contact needs an email or a phone', { pointer: '/contacts' });
		}
		const c = addCase(state, body);
		// Creation answers 200, not 201 (documented).
		return { status: 200, body: out(c) };
	});

	sim.route('POST', '/v1/cases/:id/data', (ctx) => {
		const c = findCase(state, ctx.params.id);
		const data = ctx.body && ctx.body.data;
		if (!data || typeof data !== 'object' || Array.isArray(data)) throw new SimError(400, 'Bad Request', 'data is required', { pointer: '/data' });
		for (const key of Object.keys(data))
			if (!c.schema.some((f) => f.key === key)) throw new SimError(400, 'Bad Request', `Unknown data field ${key}`, { pointer: `/data/${key}` });
		for (const [key, value] of Object.entries(data)) c.schema.find((f) => f.key === key).value = value;
		touch(state, c);
		return { status: 200, body: out(c) };
	});

	sim.route('POST', '/v1/cases/:id/contacts', (ctx) => {
		const c = findCase(state, ctx.params.id);
		const contacts = ctx.body && ctx.body.contacts;
		if (!Array.isArray(contacts) || !contacts.length) throw new SimError(400, 'Bad Request', 'contacts is required', { pointer: '/contacts' });
		const template = state.templates.find((t) => t.id === c.template);
		for (const k of contacts) {
			if (template && !template.contacts.some((r) => r.key === k.key)) throw new SimError(400, 'Bad Request', `Unknown contact role ${k.key}`, { pointer: '/contacts' });
			const existing = c.contacts.find((x) => x.key === k.key && (!k.email || x.email === k.email));
			const fields = { key: k.key, email: k.email ?? null, given_name: k.given_name ?? null, family_name: k.family_name ?? null, phone: k.phone ?? null };
			fields.name = [fields.given_name, fields.family_name].filter(Boolean).join(' ') || null;
			if (existing) Object.assign(existing, fields);
			else c.contacts.push({ id: `${c.id.slice(0, 24)}${String(c.contacts.length).padStart(12, '0')}`, ...fields });
		}
		touch(state, c);
		return { status: 200, body: out(c) };
	});

	sim.route('POST', '/v1/cases/:id/start/:step', (ctx) => {
		const c = findCase(state, ctx.params.id);
		const step = c.steps.find((s) => s.key === ctx.params.step);
		if (!step) throw new SimError(404, 'Not Found', `Step ${ctx.params.step} not found on this case`);
		if (step.status !== 'not_started') throw new SimError(409, 'Conflict', `Step ${step.key} was already started`);
		step.status = 'started';
		step.data = (ctx.body && ctx.body.data) || {};
		step.started_at = new Date(state.clock()).toISOString();
		if (c.parent_status === 'draft') setStatus(state, c, 'awaiting_documents');
		else touch(state, c);
		return { status: 200, body: out(c) };
	});
}

/** The client answers the form: files uploaded, data filled, response recorded, status moves on. */
function completeCase(state, c, { attachments, addAttachment, closeAs }) {
	const files = c.schema.filter((f) => f.type === 'file');
	files.forEach((f, n) => {
		const a = addAttachment(state, { name: `${f.key}.pdf`, type: 'application/pdf', data: attachments(f, n) });
		f.value = { id: a.id, name: a.name };
	});
	const response = addResponse(state, c, Object.fromEntries(c.schema.map((f) => [f.key, f.value])));
	for (const s of c.steps) if (s.status === 'started') s.status = 'completed';
	setStatus(state, c, closeAs ?? 'approved');
	c.last_response = response.id;
	return response;
}

module.exports = { registerCaseRoutes, serialize, findCase, completeCase };
