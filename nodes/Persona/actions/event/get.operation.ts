import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { requireId } from '../../../../core/validate';
import { personaRequest } from '../../api';
import { EVENT_ID_PATTERN, eventsRequestError, PERSONA_EVENTS_PATH } from '../../events';
import { personaEventItem } from '../../objects';

const show = { resource: ['event'], operation: ['get'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Event ID',
		name: 'eventId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'evt_ABC123',
		description: 'The event to read (Persona keeps events for a limited time)',
		displayOptions: { show },
	},
];

export const parallel = true;

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const id = requireId(this, i, { name: 'eventId', label: 'Event ID', pattern: EVENT_ID_PATTERN, example: 'evt_ABC123' });
	let doc: IDataObject;
	try {
		doc = await personaRequest.call(
			this,
			{ method: 'GET', path: `${PERSONA_EVENTS_PATH}/${encodeURIComponent(id)}` },
			{ itemIndex: i, context: `getting event ${id}` },
		);
	} catch (error) {
		throw eventsRequestError(this.getNode(), error, { itemIndex: i });
	}
	return personaEventItem((doc.data ?? {}) as IDataObject, this.getNodeParameter('simplify', i, true) as boolean);
}
