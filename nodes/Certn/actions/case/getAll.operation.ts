import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { returnAllAndLimit } from '../../../../core/descriptions';
import { invalidInput } from '../../../../core/errors';
import { compact, listParameter } from '../../../../core/validate';
import { certnPaths, certnRequestAll } from '../../api';
import { CHECK_TYPES, OVERALL_STATUSES } from '../../catalog';
import { normalizeCertnCase } from '../../normalize';
import { directoryIds, directoryLocator, explainUnknownIds } from '../../directory';
import { identifiersFrom } from './fields';

const show = { resource: ['case'], operation: ['getAll'] };

export const description: INodeProperties[] = [
	...returnAllAndLimit(show),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Check Types',
				name: 'checkTypes',
				type: 'multiOptions',
				options: CHECK_TYPES,
				default: [],
				description: 'Only cases with at least one of these checks',
			},
			{
				displayName: 'Email Address',
				name: 'emailAddress',
				type: 'string',
				placeholder: 'name@email.com',
				default: '',
				description: 'Only cases of this applicant email address',
			},
			directoryLocator('group', {
				name: 'groups',
				displayName: 'Group',
				description: 'Only cases of this group, picked by name (By ID takes several group IDs, separated by commas)',
				multiple: true,
			}),
			{
				displayName: 'Ordered After',
				name: 'orderTimeframeAfter',
				type: 'dateTime',
				default: '',
				description: 'Only cases ordered on or after this date (sent as order_timeframe_after)',
			},
			{
				displayName: 'Ordered Before',
				name: 'orderTimeframeBefore',
				type: 'dateTime',
				default: '',
				description: 'Only cases ordered on or before this date (sent as order_timeframe_before)',
			},
			directoryLocator('user', {
				name: 'orderedBy',
				displayName: 'Ordered By',
				description: 'Only cases ordered by this Certn user (By ID takes several user IDs, separated by commas)',
				multiple: true,
			}),
			{
				displayName: 'Other Check Types',
				name: 'otherCheckTypes',
				type: 'string',
				default: '',
				placeholder: 'UK_DIGI_FRAUD_1, GAP_REFERENCE_1',
				description: 'Check type identifiers not in the list, separated by commas',
			},
			{
				displayName: 'Other Statuses',
				name: 'otherStatuses',
				type: 'string',
				default: '',
				description: 'Overall statuses not in the list, separated by commas',
			},
			{
				displayName: 'Overall Status',
				name: 'overallStatus',
				type: 'multiOptions',
				options: OVERALL_STATUSES,
				default: [],
				description: 'Only cases in one of these statuses',
			},
			{
				displayName: 'Tags',
				name: 'tags',
				type: 'string',
				default: '',
				description: 'Only cases with one of these tags, separated by commas',
			},
			{
				displayName: 'Timeframe Format',
				name: 'timeframeFormat',
				type: 'options',
				options: [
					{ name: 'Date (YYYY-MM-DD)', value: 'date' },
					{ name: 'Date and Time (ISO 8601, UTC)', value: 'datetime' },
				],
				default: 'date',
				description:
					'How Ordered After / Before are sent. Certn does not document the format; dates work with the usual range filters, switch to date and time if your account rejects them.',
			},
		],
	},
];

export const parallel = false;

const DATE_ONLY = /^(\d{4}-\d{2}-\d{2})(?:$|[T ])/;

/** A dateTime parameter as `YYYY-MM-DD` or a full UTC ISO datetime; invalid input names the field. */
export function formatTimeframe(
	ctx: IExecuteFunctions,
	itemIndex: number,
	label: string,
	raw: unknown,
	format: 'date' | 'datetime',
): string | undefined {
	if (raw === undefined || raw === null || raw === '') return undefined;
	const text = typeof raw === 'string' ? raw.trim() : raw instanceof Date ? raw.toISOString() : String(raw);
	if (format === 'date') {
		const dateOnly = DATE_ONLY.exec(text);
		if (dateOnly) return dateOnly[1];
	}
	// n8n's date picker gives local times without a zone; read them as UTC so nothing shifts a day.
	const withZone = /[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(text) ? `${text.replace(' ', 'T')}Z` : text;
	const time = Date.parse(withZone);
	if (Number.isNaN(time))
		throw invalidInput(ctx.getNode(), itemIndex, label, `"${text.slice(0, 60)}" is not a date`, 'Use a date such as 2026-01-31.');
	const iso = new Date(time).toISOString();
	return format === 'date' ? iso.slice(0, 10) : iso;
}

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const returnAll = this.getNodeParameter('returnAll', i) as boolean;
	const limit = returnAll ? undefined : (this.getNodeParameter('limit', i) as number);
	const filters = this.getNodeParameter('filters', i, {}) as IDataObject;
	const simplify = this.getNodeParameter('simplify', i, true) as boolean;
	const format = filters.timeframeFormat === 'datetime' ? 'datetime' : 'date';
	const nonEmpty = (list: string[]) => (list.length ? list : undefined);

	const qs = compact({
		check_type: nonEmpty(identifiersFrom(this, i, 'Filters > Check Types', filters.checkTypes, filters.otherCheckTypes)),
		email_address: typeof filters.emailAddress === 'string' ? filters.emailAddress.trim() : undefined,
		group: nonEmpty(directoryIds(this, i, 'Filters > Group', filters.groups)),
		order_timeframe_after: formatTimeframe(this, i, 'Filters > Ordered After', filters.orderTimeframeAfter, format),
		order_timeframe_before: formatTimeframe(this, i, 'Filters > Ordered Before', filters.orderTimeframeBefore, format),
		ordered_by: nonEmpty(directoryIds(this, i, 'Filters > Ordered By', filters.orderedBy)),
		overall_status: nonEmpty(identifiersFrom(this, i, 'Filters > Overall Status', filters.overallStatus, filters.otherStatuses)),
		tag: nonEmpty(listParameter(filters.tags)),
	});

	// Simplified page by page, so the raw cases need not all be held at once.
	return await certnRequestAll
		.call(
			this,
			{ method: 'GET', path: certnPaths.cases, qs },
			{ itemIndex: i, limit, context: 'listing cases', map: simplify ? normalizeCertnCase : undefined },
		)
		.catch((error: unknown) => {
			throw explainUnknownIds(this, i, error, {
				group: { label: 'Filters > Group', noun: 'group' },
				ordered_by: { label: 'Filters > Ordered By', noun: 'user' },
			});
		});
}
