import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { returnAllAndLimit } from '../../../../core/descriptions';
import { compact } from '../../../../core/validate';
import { personaRequestAll } from '../../api';
import { normalizePersonaCase } from '../../normalize';

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
				displayName: 'Account ID',
				name: 'accountId',
				type: 'string',
				default: '',
				placeholder: 'act_ABC123',
				description: 'Only cases attached to this account',
			},
			{
				displayName: 'Case Template ID',
				name: 'caseTemplateId',
				type: 'string',
				default: '',
				placeholder: 'ctmpl_ABC123',
				description: 'Only cases created from this case template',
			},
			{
				displayName: 'Inquiry ID',
				name: 'inquiryId',
				type: 'string',
				default: '',
				placeholder: 'inq_ABC123',
				description: 'Only cases attached to this inquiry',
			},
			{
				displayName: 'Reference ID',
				name: 'referenceId',
				type: 'string',
				default: '',
				description: 'Only cases whose account has this reference ID (your own user ID)',
			},
			{
				displayName: 'Report ID',
				name: 'reportId',
				type: 'string',
				default: '',
				placeholder: 'rep_ABC123',
				description: 'Only cases attached to this report',
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'string',
				default: '',
				placeholder: 'Open',
				description:
					'Only cases with this status. Status names come from the case template and are case-sensitive.',
			},
		],
	},
];

export const parallel = false;

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const returnAll = this.getNodeParameter('returnAll', i) as boolean;
	const limit = returnAll ? undefined : (this.getNodeParameter('limit', i) as number);
	const filters = this.getNodeParameter('filters', i, {}) as IDataObject;
	const simplify = this.getNodeParameter('simplify', i, true) as boolean;

	const qs = compact({
		'filter[status]': filters.status,
		'filter[case-template-id]': filters.caseTemplateId,
		'filter[account-id]': filters.accountId,
		'filter[reference-id]': filters.referenceId,
		'filter[inquiry-id]': filters.inquiryId,
		'filter[report-id]': filters.reportId,
	});

	// Simplified page by page, so the raw cases need not all be held at once.
	return await personaRequestAll.call(
		this,
		{ method: 'GET', path: '/cases', qs },
		{ itemIndex: i, limit, context: 'listing cases', map: simplify ? normalizePersonaCase : undefined },
	);
}
