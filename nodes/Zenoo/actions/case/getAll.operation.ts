import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { returnAllAndLimit } from '../../../../core/descriptions';
import { compact } from '../../../../core/validate';
import { zenooPaths, zenooRequestAll } from '../../api';
import { CASE_STATUSES, CASE_TYPES, ENTITY_CATEGORIES, RISK_TIERS } from '../../catalog';
import { normalizeZenooCase } from '../../normalize';
import { oneOf, userIdOf } from './fields';

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
			{ displayName: 'Assigned To (User ID)', name: 'assignedTo', type: 'string', default: '', description: 'Only cases assigned to this Zenoo user' },
			{ displayName: 'Entity Category', name: 'entityCategory', type: 'options', options: ENTITY_CATEGORIES, default: 'Company' },
			{ displayName: 'Risk Tier', name: 'riskTier', type: 'options', options: RISK_TIERS, default: 'High' },
			{ displayName: 'Status', name: 'status', type: 'options', options: CASE_STATUSES, default: 'New' },
			{ displayName: 'Type', name: 'type', type: 'options', options: CASE_TYPES, default: 'Onboarding' },
		],
	},
];

export const parallel = true;

const values = (list: Array<{ value: string }>) => list.map((o) => o.value);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const returnAll = this.getNodeParameter('returnAll', i) as boolean;
	const limit = returnAll ? undefined : (this.getNodeParameter('limit', i) as number);
	const filters = this.getNodeParameter('filters', i, {}) as IDataObject;
	const optional = (label: string, value: unknown, allowed: string[]) =>
		value === undefined || value === '' ? undefined : oneOf(this, i, `Filters > ${label}`, value, allowed);
	const qs = compact({
		status: optional('Status', filters.status, values(CASE_STATUSES)),
		type: optional('Type', filters.type, values(CASE_TYPES)),
		entity_category: optional('Entity Category', filters.entityCategory, values(ENTITY_CATEGORIES)),
		risk_tier: optional('Risk Tier', filters.riskTier, values(RISK_TIERS)),
		assigned_to: userIdOf(this, i, 'Filters > Assigned To (User ID)', filters.assignedTo),
	});
	// Simplified page by page, so the raw cases need not all be held at once.
	const simplify = this.getNodeParameter('simplify', i, true) as boolean;
	return await zenooRequestAll.call(
		this,
		{ method: 'GET', path: zenooPaths.cases, qs },
		{ itemIndex: i, limit, context: 'listing cases', map: simplify ? normalizeZenooCase : undefined },
	);
}
