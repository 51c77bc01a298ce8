import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { personaRequest } from '../api';
import { simplifyPersonaObject } from '../objects';

/**
 * "From List" for the inquiry and account pickers: one page of Persona's list (newest first),
 * filtered here by what the user typed (Persona's lists have no text search); a typed reference
 * ID is also asked of Persona directly (`filter[reference-id]`), so an older object is found too.
 */
async function searchObjects(
	ctx: ILoadOptionsFunctions,
	collection: '/inquiries' | '/accounts',
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const needle = filter?.trim() ?? '';
	const qs: IDataObject = { 'page[size]': 100 };
	if (paginationToken) qs['page[after]'] = paginationToken;
	const context = collection === '/inquiries' ? 'listing inquiries' : 'listing accounts';
	const doc = await personaRequest.call(ctx, { method: 'GET', path: collection, qs }, { context });
	const page = (doc.data ?? []) as IDataObject[];
	let found: IDataObject[] = [];
	if (needle && !paginationToken && !/\s/.test(needle)) {
		const byReference = await personaRequest.call(
			ctx,
			{ method: 'GET', path: collection, qs: { 'page[size]': 100, 'filter[reference-id]': needle } },
			{ context },
		);
		found = (byReference.data ?? []) as IDataObject[];
	}
	const seen = new Set<string>();
	const lower = needle.toLowerCase();
	const results = [...found, ...page]
		.map((resource) => {
			const flat = simplifyPersonaObject(resource);
			const label = [flat.name, flat.reference, flat.status].filter(Boolean).join(' · ');
			return { name: label ? `${label} (${flat.id})` : String(flat.id), value: String(flat.id) };
		})
		.filter((r) => {
			if (seen.has(r.value)) return false;
			seen.add(r.value);
			return !lower || r.name.toLowerCase().includes(lower);
		});
	const links = (doc.links ?? {}) as IDataObject;
	const last = page[page.length - 1];
	return { results, paginationToken: links.next && last ? String(last.id) : undefined };
}

export async function searchInquiries(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
	return await searchObjects(this, '/inquiries', filter, paginationToken);
}

export async function searchAccounts(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
	return await searchObjects(this, '/accounts', filter, paginationToken);
}
