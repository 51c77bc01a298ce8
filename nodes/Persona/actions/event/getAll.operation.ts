import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { returnAllAndLimit } from '../../../../core/descriptions';
import { compact, listParameter } from '../../../../core/validate';
import { personaRequestAll } from '../../api';
import { EVENT_ID_PATTERN, eventsRequestError, PERSONA_EVENTS_PATH } from '../../events';
import { PERSONA_EVENT_NAME_PATTERN, PERSONA_EVENT_OPTIONS, personaEventItem } from '../../objects';

const show = { resource: ['event'], operation: ['getAll'] };

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
				displayName: 'Event IDs',
				name: 'eventIds',
				type: 'string',
				default: '',
				placeholder: 'evt_ABC123, evt_DEF456',
				description: 'Only the events with these IDs, comma-separated',
			},
			{
				displayName: 'Event Names',
				name: 'names',
				type: 'multiOptions',
				options: PERSONA_EVENT_OPTIONS,
				default: [],
				description: 'Only events with one of these names (filter[name])',
			},
			{
				displayName: 'Object IDs',
				name: 'objectIds',
				type: 'string',
				default: '',
				placeholder: 'case_ABC123, inq_DEF456',
				description: 'Only events about the objects with these IDs (a case, inquiry, account, report…), comma-separated',
			},
			{
				displayName: 'Other Event Names',
				name: 'otherNames',
				type: 'string',
				default: '',
				placeholder: 'e.g. case-comment.created',
				description: 'Further event names not in the list, comma-separated',
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
	const picked = listParameter(filters.names as string[] | undefined);
	const other = listParameter(filters.otherNames as string | undefined);
	const malformed = other.filter((name) => !PERSONA_EVENT_NAME_PATTERN.test(name));
	if (malformed.length)
		throw new NodeOperationError(this.getNode(), `Filters > Other Event Names: ${malformed.map((n) => `"${n.slice(0, 80)}"`).join(', ')} is not a Persona event name`, {
			itemIndex: i,
			description: 'Persona event names are lower-case, with one dot between the object and the action, e.g. case.status-updated or inquiry.completed.',
		});
	const ids = listParameter(filters.eventIds as string | undefined);
	const badId = ids.find((id) => !EVENT_ID_PATTERN.test(id));
	if (badId)
		throw new NodeOperationError(this.getNode(), `Filters > Event IDs: "${badId.slice(0, 60)}" is not a Persona event ID`, {
			itemIndex: i,
			description: 'Persona event IDs start with "evt_", e.g. evt_ABC123.',
		});
	const names = [...new Set([...picked, ...other])];
	const qs = compact({
		'filter[name]': names.length ? names.join(',') : undefined,
		'filter[object-id]': listParameter(filters.objectIds as string | undefined).join(',') || undefined,
		'filter[id]': ids.length ? ids.join(',') : undefined,
	});
	try {
		return await personaRequestAll.call(
			this,
			{ method: 'GET', path: PERSONA_EVENTS_PATH, qs },
			{ itemIndex: i, limit, context: 'listing events', map: (event) => personaEventItem(event, simplify) },
		);
	} catch (error) {
		throw eventsRequestError(this.getNode(), error, {
			picked,
			other,
			itemIndex: i,
			labels: { picked: 'Filters > Event Names', other: 'Filters > Other Event Names' },
		});
	}
}
