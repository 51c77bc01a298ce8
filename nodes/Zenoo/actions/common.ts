import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { returnAllAndLimit } from '../../../core/descriptions';
import { invalidInput } from '../../../core/errors';
import { USER_ID_PATTERN, zenooRequestAll } from '../api';

/** Checks every resource's operations share: Zenoo's words, lengths, user ids, sub-lists. */

/** A user id (assignee, reviewer, mention); undefined when empty. */
export function userIdOf(ctx: IExecuteFunctions, itemIndex: number, label: string, value: unknown): string | undefined {
	const text = typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
	if (!text) return undefined;
	if (!USER_ID_PATTERN.test(text))
		throw invalidInput(ctx.getNode(), itemIndex, label, `"${text.slice(0, 60)}" is not a Zenoo user ID`, 'Use the user\'s ID from Zenoo (Settings › Users), e.g. usr_a1b2c3.');
	return text;
}

/** A value that must be one of Zenoo's own words (an expression can produce anything). */
export function oneOf(ctx: IExecuteFunctions, itemIndex: number, label: string, value: unknown, allowed: string[], fix?: string): string {
	const text = typeof value === 'string' ? value.trim() : '';
	if (!text) throw invalidInput(ctx.getNode(), itemIndex, label, 'is empty', fix ?? `Choose one of ${allowed.join(', ')}.`);
	const match = allowed.find((a) => a.toLowerCase() === text.toLowerCase());
	if (!match) throw invalidInput(ctx.getNode(), itemIndex, label, `"${text.slice(0, 60)}" is not one of ${allowed.join(', ')}`, fix ?? `Choose one of ${allowed.join(', ')}.`);
	return match;
}

/** Text with Zenoo's documented maximum length. */
export function maxLength(ctx: IExecuteFunctions, itemIndex: number, label: string, value: unknown, max: number): string | undefined {
	const text = typeof value === 'string' ? value.trim() : value === undefined || value === null ? '' : String(value);
	if (!text) return undefined;
	if (text.length > max) throw invalidInput(ctx.getNode(), itemIndex, label, `is ${text.length} characters long; Zenoo takes at most ${max}`, 'Shorten the text.');
	return text;
}

type Option = { name: string; value: string };

export type SubListFilter = { displayName: string; name: string; query: string; options: Option[] };

/**
 * A list under one record (a case's comments, checks, alerts; an entity's checks…): Return All /
 * Limit and optional single-value filters sent as query parameters.
 */
export function subListDescription(show: Record<string, string[]>, filters: SubListFilter[]): INodeProperties[] {
	const props: INodeProperties[] = [...returnAllAndLimit(show)];
	if (filters.length)
		props.push({
			displayName: 'Filters',
			name: 'listFilters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			displayOptions: { show },
			options: filters.map((f) => ({ displayName: f.displayName, name: f.name, type: 'options' as const, options: f.options, default: f.options[0].value })),
		});
	return props;
}

export async function fetchSubList(
	ctx: IExecuteFunctions,
	i: number,
	path: string,
	context: string,
	filters: SubListFilter[] = [],
): Promise<IDataObject[]> {
	const limit = (ctx.getNodeParameter('returnAll', i) as boolean) ? undefined : (ctx.getNodeParameter('limit', i) as number);
	const given = filters.length ? (ctx.getNodeParameter('listFilters', i, {}) as IDataObject) : {};
	const qs: IDataObject = {};
	for (const f of filters)
		if (given[f.name] !== undefined && given[f.name] !== '')
			qs[f.query] = oneOf(ctx, i, `Filters > ${f.displayName}`, given[f.name], f.options.map((o) => o.value));
	return await zenooRequestAll.call(ctx, { method: 'GET', path, qs }, { itemIndex: i, limit, context });
}

/** A token given as a value (e.g. inside a collection): undefined when empty, else it must match. */
export function tokenValue(ctx: IExecuteFunctions, itemIndex: number, label: string, value: unknown, pattern: RegExp, example: string): string | undefined {
	const text = typeof value === 'string' ? value.trim() : '';
	if (!text) return undefined;
	if (!pattern.test(text))
		throw invalidInput(ctx.getNode(), itemIndex, label, `"${text.slice(0, 60)}" is not a valid ${label.split(' > ').pop()}`, `Use the token as Zenoo shows it, e.g. ${example}.`);
	return text;
}
