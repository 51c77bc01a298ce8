import type {
	IDataObject,
	IExecuteFunctions,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
	INodeProperties,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { invalidInput } from '../../core/errors';
import { listParameter } from '../../core/validate';
import { OPAQUE_ID_PATTERN, certnRequest, parseCertnError } from './api';

/**
 * Certn's account directory (groups, packages, users) as pickers: n8n resource locators with a
 * searchable list read from the API and an ID mode. Groups are Certn-documented
 * (`GET /api/public/groups/`, with `name`); packages and users follow public integrations only
 * (`/packages/` with `is_active`, `/users/` with `email` / `full_name`), see the README.
 */
export type DirectoryKind = 'group' | 'package' | 'user';

interface DirectoryEntry {
	path: string;
	/** Singular, as users read it. */
	noun: string;
	/** The server-side text filter for what was typed, where Certn has one. */
	searchParam?: (needle: string) => string;
	/** Fixed filters (only active packages can be ordered). */
	qs?: IDataObject;
	label: (item: IDataObject) => string;
}

const UUID_SOURCE = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
const EXAMPLE_UUID = '7c9e6679-7425-40de-944b-e07fc1f90ae7';

export const DIRECTORY: Record<DirectoryKind, DirectoryEntry> = {
	group: {
		path: '/api/public/groups/',
		noun: 'group',
		searchParam: () => 'name',
		label: (g) => `${String(g.name ?? g.id)}${g.short_id ? ` (${String(g.short_id)})` : ''}${g.is_active === false ? ' — inactive' : ''}`,
	},
	package: {
		path: '/api/public/packages/',
		noun: 'package',
		// Only active packages can be ordered; Certn documents no name filter for packages.
		qs: { is_active: true },
		label: (p) => String(p.name ?? p.id),
	},
	user: {
		path: '/api/public/users/',
		noun: 'user',
		searchParam: (needle) => (needle.includes('@') ? 'email' : 'full_name'),
		label: (u) => `${String(u.full_name || u.email || u.id)}${u.full_name && u.email ? ` <${String(u.email)}>` : ''}${u.is_active === false ? ' — inactive' : ''}`,
	},
};

const PAGE_SIZE = 100;

/**
 * One page of the picker. What was typed goes to Certn's filter where there is one, and is also
 * matched locally (the filter may be missing, ignored or exact-match on an account): when the
 * filtered first page is empty, the list is read unfiltered and matched locally. The token is the
 * next page number, prefixed with `all:` once reading unfiltered.
 */
export async function searchDirectory(
	ctx: ILoadOptionsFunctions,
	kind: DirectoryKind,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const entry = DIRECTORY[kind];
	const needle = (filter ?? '').trim();
	const token = String(paginationToken ?? '');
	let unfiltered = !needle || !entry.searchParam || token.startsWith('all:');
	let page = Number(token.replace(/^all:/, '')) || 1;

	const read = async (withFilter: boolean, pageNumber: number) => {
		const qs: IDataObject = { ...entry.qs, page: pageNumber, page_size: PAGE_SIZE };
		if (withFilter && entry.searchParam) qs[entry.searchParam(needle)] = needle;
		const doc = await certnRequest.call(ctx, { method: 'GET', path: entry.path, qs }, { context: `listing ${entry.noun}s` }).catch((error: unknown) => {
			throw pickerError(ctx, kind, error);
		});
		return doc;
	};

	let doc = await read(!unfiltered, page);
	let items = (Array.isArray(doc.results) ? doc.results : []) as IDataObject[];
	if (!unfiltered && page === 1 && !items.length) {
		unfiltered = true;
		doc = await read(false, (page = 1));
		items = (Array.isArray(doc.results) ? doc.results : []) as IDataObject[];
	}
	const lower = needle.toLowerCase();
	const results: INodeListSearchItems[] = items
		.map((item) => ({ name: entry.label(item), value: String(item.id ?? '') }))
		.filter((r) => r.value && (!lower || r.name.toLowerCase().includes(lower) || r.value.toLowerCase() === lower));
	const pagination = (doc.pagination ?? {}) as IDataObject;
	const more = pagination.page_count !== undefined ? page < Number(pagination.page_count) : Boolean(doc.next ?? pagination.next_page);
	return { results, paginationToken: more ? `${unfiltered && needle ? 'all:' : ''}${page + 1}` : undefined };
}

/** A refused list read, said in the picker's words (n8n shows the message in the dropdown). */
function pickerError(ctx: ILoadOptionsFunctions, kind: DirectoryKind, error: unknown): Error {
	const status = Number((error as { httpCode?: unknown }).httpCode);
	const noun = DIRECTORY[kind].noun;
	if (status === 403)
		return new NodeOperationError(ctx.getNode(), `Certn refused to list ${noun}s: this API key may not read them (HTTP 403)`, {
			description: `Ask a Certn admin to give the key access to ${noun}s (Client Portal › Integrations), or choose "By ID" and paste the ${noun}'s ID.`,
		});
	if (status === 404)
		return new NodeOperationError(ctx.getNode(), `Certn has no ${noun} list on this host (HTTP 404)`, {
			description: `Choose "By ID" and paste the ${noun}'s ID from Certn's Client Portal.`,
		});
	return error as Error;
}

export const listSearch = {
	async searchGroups(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
		return await searchDirectory(this, 'group', filter, paginationToken);
	},
	async searchPackages(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
		return await searchDirectory(this, 'package', filter, paginationToken);
	},
	async searchUsers(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
		return await searchDirectory(this, 'user', filter, paginationToken);
	},
};

const SEARCH_METHOD: Record<DirectoryKind, string> = { group: 'searchGroups', package: 'searchPackages', user: 'searchUsers' };

/**
 * A picker field. Saved workflows that hold a plain string ID keep working: n8n passes the
 * string through, and it is read like the ID mode. `multiple`: the ID mode takes several IDs,
 * separated by commas (list filters).
 */
export function directoryLocator(
	kind: DirectoryKind,
	field: { name: string; displayName: string; description: string; required?: boolean; multiple?: boolean; show?: Record<string, string[]> },
): INodeProperties {
	const noun = DIRECTORY[kind].noun;
	// Group and user IDs are UUIDs (Certn's docs for groups); a package ID was seen as a UUID too.
	const regex = field.multiple ? `^\\s*${UUID_SOURCE}(\\s*,\\s*${UUID_SOURCE})*\\s*$` : `^\\s*${UUID_SOURCE}\\s*$`;
	return {
		displayName: field.displayName,
		name: field.name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: field.required,
		description: field.description,
		...(field.show ? { displayOptions: { show: field.show } } : {}),
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: `Select a ${noun}...`,
				typeOptions: { searchListMethod: SEARCH_METHOD[kind], searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: field.multiple ? `${EXAMPLE_UUID}, …` : EXAMPLE_UUID,
				validation: [
					{
						type: 'regex',
						properties: {
							regex,
							errorMessage: `A Certn ${noun} ID is a UUID${kind === 'group' ? ' (the group\'s "id", not its short ID such as CG_CA_…)' : ''}${field.multiple ? '; separate several with commas' : ''}`,
						},
					},
				],
			},
		],
	};
}

/** The value of a picker (resource locator or an old plain string): its ID(s), each URL-safe. */
export function directoryIds(ctx: IExecuteFunctions, itemIndex: number, label: string, raw: unknown): string[] {
	const value = raw && typeof raw === 'object' && 'value' in (raw as IDataObject) ? (raw as IDataObject).value : raw;
	const ids = listParameter(typeof value === 'number' ? String(value) : value);
	const bad = ids.find((id) => !OPAQUE_ID_PATTERN.test(id));
	if (bad)
		throw invalidInput(
			ctx.getNode(),
			itemIndex,
			label,
			`"${bad.slice(0, 80)}" is not a valid ID`,
			'Pick it from the list, or paste the ID (a UUID) from Certn\'s Client Portal; separate several with commas.',
		);
	return ids;
}

/** One ID, or undefined when the picker is empty. */
export function directoryId(ctx: IExecuteFunctions, itemIndex: number, label: string, raw: unknown): string | undefined {
	const ids = directoryIds(ctx, itemIndex, label, raw);
	if (ids.length > 1)
		throw invalidInput(ctx.getNode(), itemIndex, label, 'holds several IDs', `Choose one ${label.toLowerCase()}.`);
	return ids[0];
}

/**
 * Certn's answer that a picked ID names nothing (`does_not_exist` on an order, `invalid_choice` on
 * a list filter), said with the node's field name instead of Certn's body field. Other errors
 * pass unchanged.
 */
export function explainUnknownIds(
	ctx: IExecuteFunctions,
	itemIndex: number,
	error: unknown,
	fields: Record<string, { label: string; noun: string }>,
): unknown {
	if (!(error instanceof NodeApiError)) return error;
	const body = (error as unknown as { errorResponse?: { body?: unknown } }).errorResponse?.body;
	const doc = body && typeof body === 'object' ? (body as { errors?: unknown }) : {};
	const errors = (Array.isArray(doc.errors) ? doc.errors : []) as Array<{ code?: unknown; attr?: unknown; detail?: unknown }>;
	const unknown = errors.find((e) => typeof e.attr === 'string' && fields[e.attr] && ['does_not_exist', 'invalid_choice', 'invalid_pk_value'].includes(String(e.code)));
	if (!unknown) return error;
	const field = fields[unknown.attr as string];
	const certnSays = parseCertnError({ errors: [unknown] }).message;
	return new NodeOperationError(ctx.getNode(), `${field.label}: Certn has no such ${field.noun} in this account [item ${itemIndex}]`, {
		itemIndex,
		description: `Pick the ${field.noun} from the list, or check that the ID belongs to the same Certn environment and region as the credential.${certnSays ? ` Certn says: ${certnSays}` : ''}`,
	});
}
