import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { returnAllAndLimit } from '../../../../core/descriptions';
import { invalidInput } from '../../../../core/errors';
import { isoOrNull } from '../../../../core/normalize';
import { compact } from '../../../../core/validate';
import { personaRequestAll } from '../../api';
import { simplifyPersonaInquiry } from '../../objects';

const show = { resource: ['inquiry'], operation: ['getAll'] };

/** Inquiry statuses Persona documents (it may add more; Status takes an expression too). */
export const INQUIRY_STATUSES = [
	{ name: 'Approved', value: 'approved' },
	{ name: 'Completed', value: 'completed' },
	{ name: 'Created', value: 'created' },
	{ name: 'Declined', value: 'declined' },
	{ name: 'Expired', value: 'expired' },
	{ name: 'Failed', value: 'failed' },
	{ name: 'Needs Review', value: 'needs_review' },
	{ name: 'Pending', value: 'pending' },
];

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
				displayName: 'Account ID',
				name: 'accountId',
				type: 'string',
				default: '',
				placeholder: 'act_ABC123',
				description: 'Only inquiries of this account',
			},
			{
				displayName: 'Created After',
				name: 'createdAtStart',
				type: 'dateTime',
				default: '',
				description: 'Only inquiries created at or after this time',
			},
			{
				displayName: 'Created Before',
				name: 'createdAtEnd',
				type: 'dateTime',
				default: '',
				description: 'Only inquiries created at or before this time',
			},
			{
				displayName: 'Inquiry Template ID',
				name: 'inquiryTemplateId',
				type: 'string',
				default: '',
				placeholder: 'itmpl_ABC123',
				description: 'Only inquiries from this inquiry template (Dynamic Flow templates, itmpl_…)',
			},
			{
				displayName: 'Note',
				name: 'note',
				type: 'string',
				default: '',
				description: 'Only inquiries with exactly this note. Persona allows no other filter beside it.',
			},
			{
				displayName: 'Reference ID',
				name: 'referenceId',
				type: 'string',
				default: '',
				description: 'Only inquiries with this reference ID (your own user ID)',
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: INQUIRY_STATUSES,
				default: 'completed',
				description: 'Only inquiries in this status',
			},
			{
				displayName: 'Template ID (Legacy)',
				name: 'templateId',
				type: 'string',
				default: '',
				placeholder: 'tmpl_ABC123',
				description: 'Only inquiries from this Legacy 2.0 template (tmpl_…)',
			},
		],
	},
	{
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description:
			'Whether to return flat inquiries (ID, status, reference, name, email, account, template, tags, dates) instead of the raw Persona objects',
		displayOptions: { show },
	},
];

export const parallel = false;

function timeFilter(ctx: IExecuteFunctions, i: number, value: unknown, label: string): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const iso = isoOrNull(value);
	if (!iso) throw invalidInput(ctx.getNode(), i, `Filters > ${label}`, `"${String(value).slice(0, 40)}" is not a date and time`, 'Use an ISO date such as 2026-01-31T00:00:00Z.');
	return iso;
}

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const returnAll = this.getNodeParameter('returnAll', i) as boolean;
	const limit = returnAll ? undefined : (this.getNodeParameter('limit', i) as number);
	const filters = this.getNodeParameter('filters', i, {}) as IDataObject;
	const simplify = this.getNodeParameter('simplify', i, true) as boolean;

	const qs = compact({
		'filter[account-id]': filters.accountId,
		'filter[reference-id]': filters.referenceId,
		'filter[inquiry-template-id]': filters.inquiryTemplateId,
		'filter[template-id]': filters.templateId,
		'filter[status]': filters.status,
		'filter[created-at-start]': timeFilter(this, i, filters.createdAtStart, 'Created After'),
		'filter[created-at-end]': timeFilter(this, i, filters.createdAtEnd, 'Created Before'),
		'filter[note]': filters.note,
	});
	if (qs['filter[note]'] !== undefined && Object.keys(qs).length > 1)
		throw invalidInput(this.getNode(), i, 'Filters > Note', 'cannot be combined with other filters', 'Persona filters by note only on its own: remove the other filters, or filter by note in a later step.');

	return await personaRequestAll.call(
		this,
		{ method: 'GET', path: '/inquiries', qs },
		{ itemIndex: i, limit, context: 'listing inquiries', map: simplify ? simplifyPersonaInquiry : undefined },
	);
}
