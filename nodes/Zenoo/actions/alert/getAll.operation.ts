import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { returnAllAndLimit } from '../../../../core/descriptions';
import { compact } from '../../../../core/validate';
import { TOKEN_PATTERNS, zenooPaths, zenooRequestAll } from '../../api';
import { ALERT_PRIORITIES, ALERT_SORTS, ALERT_STATUSES, ALERT_TYPES } from '../../catalog';
import { oneOf, tokenValue } from '../common';

const show = { resource: ['alert'], operation: ['getAll'] };

export const description: INodeProperties[] = [
	...returnAllAndLimit(show),
	{
		displayName: 'Filters',
		name: 'alertFilters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show },
		options: [
			{ displayName: 'Case Token', name: 'caseId', type: 'string', default: '', placeholder: 'cas_8f2k1m3n4p5q', description: 'Only alerts of this case' },
			{ displayName: 'Category', name: 'category', type: 'string', default: '', placeholder: 'PEP Match', description: 'Only alerts of this category, e.g. PEP Match, Sanctions Hit, Adverse Media' },
			{ displayName: 'Priority', name: 'priority', type: 'options', options: ALERT_PRIORITIES, default: 'Critical' },
			{ displayName: 'Status', name: 'status', type: 'options', options: ALERT_STATUSES, default: 'Open' },
			{ displayName: 'Type', name: 'type', type: 'options', options: ALERT_TYPES, default: 'Screening' },
		],
	},
	{
		displayName: 'Sort',
		name: 'alertSort',
		type: 'options',
		options: ALERT_SORTS,
		default: '-priority_score',
		description: 'The order Zenoo lists the alerts in; highest priority first is the usual work queue',
		displayOptions: { show },
	},
];

export const parallel = true;

const values = (list: Array<{ value: string }>) => list.map((o) => o.value);

/** The alert work queue: GET /v1/alerts with Zenoo's filters and sort. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const limit = (this.getNodeParameter('returnAll', i) as boolean) ? undefined : (this.getNodeParameter('limit', i) as number);
	const f = this.getNodeParameter('alertFilters', i, {}) as IDataObject;
	const optional = (label: string, value: unknown, allowed: string[]) => (value === undefined || value === '' ? undefined : oneOf(this, i, `Filters > ${label}`, value, allowed));
	const caseToken = tokenValue(this, i, 'Filters > Case Token', f.caseId, TOKEN_PATTERNS.case, 'cas_8f2k1m3n4p5q');
	const qs = compact({
		status: optional('Status', f.status, values(ALERT_STATUSES)),
		type: optional('Type', f.type, values(ALERT_TYPES)),
		priority: optional('Priority', f.priority, values(ALERT_PRIORITIES)),
		category: typeof f.category === 'string' ? f.category.trim() : undefined,
		case_token: caseToken,
		sort: oneOf(this, i, 'Sort', this.getNodeParameter('alertSort', i, '-priority_score'), values(ALERT_SORTS)),
	});
	return await zenooRequestAll.call(this, { method: 'GET', path: zenooPaths.alerts, qs }, { itemIndex: i, limit, context: 'listing alerts' });
}
