'use strict';

const O = require('./objects');

/**
 * Persona's Accounts API: list (`filter[reference-id]`, cursor pages), retrieve, add/remove tag.
 * Tag changes emit `account.tag-added` / `account.tag-removed` and `account.updated-tags`.
 */

/** @param {import('./routes').PersonaObjectDeps} d */
function registerAccountRoutes(d) {
	const { api, E } = d;
	const accounts = () => O.prepare(d.state()).accounts;

	function getAccount(id) {
		const a = accounts().get(id);
		if (!a) throw E.notFound(`Could not find account with id ${id}`);
		return a;
	}

	api('GET', '/accounts', (ctx) => {
		const page = d.readPage(ctx.query);
		const filters = d.bracketGroup(ctx.query, 'filter');
		for (const key of Object.keys(filters)) if (key !== 'reference-id') throw E.badParameter(`filter[${key}] is not a permitted filter`, `filter[${key}]`);
		const reference = filters['reference-id'];
		const items = [...accounts().values()].filter((a) => reference === undefined || a.referenceId === String(reference)).sort(O.newestFirst);
		const result = d.paginate(items, O.newestFirst, page, (id) => accounts().get(id));
		return { doc: { data: result.slice.map(O.accountResource), links: d.pageLinks(ctx, '/accounts', page, result) } };
	});

	api('GET', '/accounts/:accountId', (ctx) => ({ doc: { data: O.accountResource(getAccount(ctx.params.accountId)) } }));

	const tagAction = (action, event, apply) =>
		api('POST', `/accounts/:accountId/${action}`, (ctx, p) => {
			const a = getAccount(ctx.params.accountId);
			if (a.redactedAt) throw E.unprocessable(`Account ${a.id} has been redacted`);
			const name = d.resolveTag(d.requireMeta(p), { create: action === 'add-tag' });
			const next = apply(a.tags, name);
			if (next.length !== a.tags.length) {
				a.tags = next;
				a.updatedAt = d.nowIso();
				const resource = O.accountResource(a);
				d.emit(event, a, { tag: name }, resource);
				d.emit('account.updated-tags', a, action === 'add-tag' ? { 'added-tags': [name], 'removed-tags': [] } : { 'added-tags': [], 'removed-tags': [name] }, resource);
			}
			return { doc: { data: O.accountResource(a) } };
		});
	tagAction('add-tag', 'account.tag-added', (tags, name) => (tags.includes(name) ? tags : [...tags, name]));
	tagAction('remove-tag', 'account.tag-removed', (tags, name) => tags.filter((t) => t !== name));

	return { getAccount };
}

module.exports = { registerAccountRoutes };
