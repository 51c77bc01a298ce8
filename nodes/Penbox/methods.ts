import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult, INodePropertyOptions } from 'n8n-workflow';

import { listItems, penboxPaths, penboxRequest, UUID } from './api';
import { contactRoles, schemaKeys, stepKeys, templateIdOf } from './actions/case/fields';

/** Reads one page of 100 (pickers show the first hundred; an expression reaches any other). */
async function firstPage(ctx: ILoadOptionsFunctions, path: string, qs: IDataObject = {}): Promise<IDataObject[]> {
	return listItems(await penboxRequest.call(ctx, { method: 'GET', path, qs: { ...qs, 'page[number]': 1, 'page[size]': 100 } }, { context: 'loading options' }));
}

function parameter(ctx: ILoadOptionsFunctions, name: string): string {
	try {
		const value = ctx.getCurrentNodeParameter(name, { extractValue: true }) as unknown;
		if (value && typeof value === 'object') return String((value as IDataObject).value ?? '');
		return typeof value === 'string' ? value.trim() : '';
	} catch {
		return '';
	}
}

/** The template of the picker's context: `templateId` (create), else the chosen case's template. */
async function contextTemplate(ctx: ILoadOptionsFunctions): Promise<IDataObject | undefined> {
	let templateId = parameter(ctx, 'templateId');
	if (!UUID.test(templateId)) {
		const caseId = parameter(ctx, 'caseId');
		if (!UUID.test(caseId)) return undefined;
		const c = await penboxRequest.call(ctx, { method: 'GET', path: penboxPaths.case(caseId) }, { context: 'loading options' });
		templateId = templateIdOf(c) ?? '';
		if (!UUID.test(templateId)) return c;
	}
	return await penboxRequest.call(ctx, { method: 'GET', path: penboxPaths.template(templateId) }, { context: 'loading options' });
}

const sorted = (options: INodePropertyOptions[]) => options.sort((a, b) => a.name.localeCompare(b.name));

export const loadOptions = {
	async getWorkspaces(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return sorted((await firstPage(this, penboxPaths.workspaces)).map((w) => ({ name: String(w.name ?? w.slug ?? w.id), value: String(w.id), description: String(w.slug ?? '') })));
	},
	async getCaseTemplates(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return sorted((await firstPage(this, penboxPaths.templates)).map((t) => ({ name: String(t.title ?? t.id), value: String(t.id) })));
	},
	async getDataFieldKeys(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		const template = await contextTemplate(this);
		if (!template) return [];
		const fields = (Array.isArray(template.schema) ? template.schema : []) as IDataObject[];
		return schemaKeys(template).map((key) => {
			const f = fields.find((x) => x.key === key) ?? {};
			return { name: `${String(f.name ?? key)} (${key})`, value: key, description: String(f.type ?? '') };
		});
	},
	async getStepKeys(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		const template = await contextTemplate(this);
		if (!template) return [];
		const steps = (Array.isArray(template.steps) ? template.steps : []) as IDataObject[];
		return stepKeys(template).map((key) => {
			const s = steps.find((x) => (x.key ?? x.id) === key) ?? {};
			return { name: String(s.title ?? key), value: key, description: key };
		});
	},
	async getContactRoles(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		const template = await contextTemplate(this);
		if (!template) return [];
		return contactRoles(template).map((key) => ({ name: key, value: key }));
	},
};

export const listSearch = {
	async searchCases(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
		const page = Number(paginationToken ?? 1) || 1;
		const doc = await penboxRequest.call(
			this,
			{ method: 'GET', path: penboxPaths.cases, qs: { 'page[number]': page, 'page[size]': 100, sort: '-updated_at' } },
			{ context: 'listing cases' },
		);
		const needle = (filter ?? '').trim().toLowerCase();
		const results = listItems(doc)
			.map((c) => ({ name: `${String(c.title ?? c.id)}${c.reference ? ` — ${String(c.reference)}` : ''} (${String(c.parent_status ?? '')})`, value: String(c.id) }))
			.filter((r) => !needle || r.name.toLowerCase().includes(needle) || r.value === needle);
		const meta = (doc.meta ?? {}) as IDataObject;
		return { results, paginationToken: Number(meta.total_pages) > page ? String(page + 1) : undefined };
	},
};
