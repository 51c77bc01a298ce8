import type { IDataObject, INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { pick } from '../../core/normalize';
import { pollResult, readBackTo, rememberSeen, unseen, walkForward } from '../../core/poll';
import { listParameter } from '../../core/validate';
import { eventsRequestError, PERSONA_EVENTS_PATH } from './events';
import { PERSONA_EVENT_NAME_PATTERN, PERSONA_EVENT_OPTIONS, personaEventItem } from './objects';
import { personaRequest } from './api';

const PAGE_SIZE = 100;
/** Pages a poll reads forward from its position (10,000 events); a longer backlog goes on next poll. */
const MAX_FORWARD_PAGES = 100;
/** Pages read back from the top when the position cannot be used (its event is gone, events changed). */
const MAX_BACK_PAGES = 50;
/** Events up to this much older than the position are read again (then skipped by id) when reading back. */
const OVERLAP_MS = 5 * 60_000;

/** What the trigger keeps in the workflow's static data (kept across polls and n8n restarts). */
interface PollState extends IDataObject {
	/** The event names the position belongs to (comma list, sorted). */
	names?: string;
	/** Id of the newest event handled: the next poll asks for the events after it. */
	cursor?: string;
	/** Its `created-at` (Persona's clock); empty while there was no matching event. */
	since?: string;
	/** Ids of the latest events emitted (bounded), so none is emitted twice. */
	seen?: string[];
}

type Event = IDataObject;
const idOf = (e: Event) => String(e.id ?? '');
const nameOf = (e: Event) => String(pick(e.attributes, 'name') ?? '');
const createdMs = (e: Event) => Date.parse(String(pick(e.attributes, 'created-at') ?? ''));

export class PersonaPollTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Persona Poll Trigger',
		name: 'personaPollTrigger',
		icon: { light: 'file:persona.svg', dark: 'file:persona.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description: 'Starts the workflow on Persona events by polling its Events API (no public URL needed)',
		defaults: { name: 'Persona Poll Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'personaApi', required: true }],
		properties: [
			{
				displayName:
					'Polls Persona\'s Events API (GET /events) on the schedule below and starts the workflow once per new event. The API key needs permission to read events.',
				name: 'pollNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				options: PERSONA_EVENT_OPTIONS,
				default: ['case.status-updated'],
				description: 'The events that start the workflow',
			},
			{
				displayName: 'Other Events',
				name: 'otherEvents',
				type: 'string',
				default: '',
				placeholder: 'e.g. case-comment.created, inquiry.transitioned',
				description: 'Further Persona event names, comma-separated, for events not in the list above',
			},
			{
				displayName: 'Simplify',
				name: 'simplify',
				type: 'boolean',
				default: true,
				description:
					'Whether to output the event name with a flat item (the normalized case for case events) instead of the raw Persona event',
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const node = this.getNode();
		const picked = listParameter(this.getNodeParameter('events', []) as string[]);
		const other = listParameter(this.getNodeParameter('otherEvents', '') as string);
		const malformed = other.filter((name) => !PERSONA_EVENT_NAME_PATTERN.test(name));
		if (malformed.length)
			throw new NodeOperationError(node, `Other Events: ${malformed.map((n) => `"${n.slice(0, 80)}"`).join(', ')} is not a Persona event name`, {
				description: 'Persona event names are lower-case, with one dot between the object and the action, e.g. case.status-updated, inquiry.completed or report/watchlist.matched. Nothing was read from Persona.',
			});
		const names = [...new Set([...picked, ...other])].sort();
		if (!names.length)
			throw new NodeOperationError(node, 'Select at least one event, or name one under Other Events', {
				description: 'The trigger asks Persona only for the events it names.',
			});
		const simplify = this.getNodeParameter('simplify', true) as boolean;
		const wanted = new Set(names);

		const list = async (qs: IDataObject): Promise<{ items: Event[]; links?: IDataObject }> => {
			try {
				const doc = await personaRequest.call(
					this,
					{ method: 'GET', path: PERSONA_EVENTS_PATH, qs: { 'filter[name]': names.join(','), 'page[size]': PAGE_SIZE, ...qs } },
					{ context: 'listing events' },
				);
				// Unfiltered here: the position moves over every event Persona lists, even one it should
				// have filtered out; only the chosen names are emitted.
				return { items: (doc.data ?? []) as Event[], links: doc.links as IDataObject | undefined };
			} catch (error) {
				throw eventsRequestError(node, error, { picked, other });
			}
		};
		const toItem = (e: Event): INodeExecutionData => ({ json: personaEventItem(e, simplify) });

		if (this.getMode() === 'manual') {
			// "Fetch test event": the newest matching event, without moving the trigger's position.
			const sample = (await list({ 'page[size]': 10 })).items.find((e) => wanted.has(nameOf(e)));
			return sample ? [[toItem(sample)]] : null;
		}

		const state = this.getWorkflowStaticData('node') as PollState;
		const key = names.join(',');
		if (state.since === undefined) {
			// First poll after activation: start after the newest event Persona has, report nothing older.
			const { items } = await list({ 'page[size]': 1 });
			state.names = key;
			state.cursor = items[0] ? idOf(items[0]) : undefined;
			// Persona's clock only: with no event yet, every matching event that appears later is new.
			state.since = items[0] ? String(pick(items[0].attributes, 'created-at')) : '';
			state.seen = items[0] ? [idOf(items[0])] : [];
			return null;
		}

		let fresh: Event[] | undefined;
		let cursor = state.cursor;
		if (cursor && state.names === key) {
			// Forward from the position, oldest first: a long backlog is read page by page (over
			// several polls if need be), and events added meanwhile are after the cursor, not lost.
			const walked = await walkForward(
				async (before) => {
					const { items, links } = await list({ 'page[before]': before });
					const more = links && 'prev' in links ? typeof links.prev === 'string' && links.prev !== '' : items.length >= PAGE_SIZE;
					return { items, more };
				},
				cursor,
				{ idOf, maxPages: MAX_FORWARD_PAGES },
			).catch((error: unknown) => {
				// The cursor's event is gone (Persona keeps events for a limited time): read back instead.
				if ((error as { cursorGone?: boolean }).cursorGone) return undefined;
				throw error;
			});
			if (walked) {
				fresh = walked.items;
				cursor = walked.cursor;
			}
		}
		if (fresh === undefined) {
			// No usable position (no event yet, other events chosen, cursor gone): from the top down
			// to the last poll's time, with some overlap; events already emitted are skipped by id.
			const since = state.since ? Date.parse(state.since) : -Infinity;
			const read = await readBackTo(
				async (after) => {
					const { items, links } = await list(after ? { 'page[after]': after } : {});
					const hasNext = links && 'next' in links ? typeof links.next === 'string' && links.next !== '' : items.length >= PAGE_SIZE;
					return { items, next: hasNext && items.length ? idOf(items[items.length - 1]) : undefined };
				},
				{ reached: (e) => createdMs(e) < since - OVERLAP_MS, maxPages: MAX_BACK_PAGES },
			);
			fresh = read.items;
			if (fresh.length) cursor = idOf(fresh[fresh.length - 1]);
		}

		const emitted = unseen(fresh, state.seen, idOf).filter((e) => wanted.has(nameOf(e)));
		const newest = fresh[fresh.length - 1];
		state.names = key;
		state.cursor = cursor;
		if (newest && Number.isFinite(createdMs(newest))) state.since = new Date(createdMs(newest)).toISOString();
		state.seen = rememberSeen(state.seen, fresh.map(idOf));
		return pollResult(emitted.map(toItem));
	}
}
