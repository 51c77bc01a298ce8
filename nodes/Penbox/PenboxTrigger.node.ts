import type { IDataObject, INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { pollResult, trimSnapshots } from '../../core/poll';
import { timing } from '../../core/timing';
import { listItems, penboxPaths, penboxRequest, penboxRequestAll, UUID } from './api';
import { eventsOf, PENBOX_EVENTS, snapshotOf } from './events';
import { normalizePenboxCase } from './normalize';

/** Cases remembered between polls (the most recently changed are kept). */
const MAX_REMEMBERED = 5000;

/** What the trigger keeps in the workflow's static data (kept across polls and n8n restarts). */
interface PollState extends IDataObject {
	/** The newest `updated_at` (Penbox's clock) seen: the next poll asks for changes from there on. */
	since?: string;
	/** Case id → `updated_at|status|parent_status|waiting_for` as last seen. */
	cases?: IDataObject;
}

const changedAt = (c: IDataObject) => String(c.updated_at ?? c.created_at ?? '');

export class PenboxTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Penbox Trigger',
		name: 'penboxTrigger',
		icon: { light: 'file:penbox.svg', dark: 'file:penbox.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description: 'Starts the workflow when Penbox cases are created or change, by polling (Penbox has no webhook registration API)',
		defaults: { name: 'Penbox Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'penboxApi', required: true }],
		properties: [
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				options: PENBOX_EVENTS,
				default: ['case.closed'],
				description: 'Which changes since the last poll start the workflow',
			},
			{
				displayName: 'Simplify',
				name: 'simplify',
				type: 'boolean',
				default: true,
				description: 'Whether to output the event with the normalized case instead of the Penbox case',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Start From',
						name: 'startFrom',
						type: 'dateTime',
						default: '',
						description: 'On the first poll after activation, report changes since this time (default: none from before the activation)',
					},
					{
						displayName: 'Template ID',
						name: 'templateId',
						type: 'string',
						default: '',
						description: 'Only cases made from this case template (its UUID)',
					},
					{
						displayName: 'Workspace ID',
						name: 'workspaceId',
						type: 'string',
						default: '',
						description: 'Only cases of this workspace (its UUID)',
					},
				],
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const state = this.getWorkflowStaticData('node') as PollState;
		const events = this.getNodeParameter('events', []) as string[];
		const simplify = this.getNodeParameter('simplify', true) as boolean;
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const relationships: IDataObject = {};
		for (const [name, rel] of [['templateId', 'template'], ['workspaceId', 'workspace']] as const) {
			const id = String(options[name] ?? '').trim();
			if (!id) continue;
			if (!UUID.test(id)) throw new NodeOperationError(this.getNode(), `Options > ${name === 'templateId' ? 'Template' : 'Workspace'} ID: "${id.slice(0, 60)}" is not a UUID`, { description: 'Use the ID Penbox shows, e.g. 3fa85f64-5717-4562-b3fc-2c963f66afa6.' });
			relationships[rel] = { attributes: { id: { $eq: id } } };
		}
		const filterFrom = (since: string | undefined) => {
			const filter: IDataObject = {};
			if (since) filter.attributes = { updated_at: { $ge: since } };
			if (Object.keys(relationships).length) filter.relationships = relationships;
			return Object.keys(filter).length ? { filter: JSON.stringify(filter) } : {};
		};
		const toItem = (c: IDataObject, found: string[]): INodeExecutionData => {
			const event = found.find((e) => events.includes(e)) ?? found[0];
			return { json: simplify ? { event, events: found, ...normalizePenboxCase(c) } : { event, events: found, ...c } };
		};

		if (this.getMode() === 'manual') {
			// "Fetch test event": the most recently changed case, without moving the trigger's position.
			const doc = await penboxRequest.call(this, { method: 'GET', path: penboxPaths.cases, qs: { ...filterFrom(undefined), sort: '-updated_at', 'page[number]': 1, 'page[size]': 1 } }, { context: 'listing cases' });
			const sample = listItems(doc)[0];
			return sample ? [[toItem(sample, sample.parent_status === 'closed' ? ['case.closed', 'case.updated'] : ['case.updated'])]] : null;
		}

		let since = state.since;
		const remembered = (state.cases ?? {}) as IDataObject;
		if (since === undefined) {
			const startFrom = String(options.startFrom ?? '').trim();
			if (!startFrom) {
				// First poll after activation: start from the newest change Penbox has, report nothing older.
				const doc = await penboxRequest.call(this, { method: 'GET', path: penboxPaths.cases, qs: { ...filterFrom(undefined), sort: '-updated_at', 'page[number]': 1, 'page[size]': 100 } }, { context: 'listing cases' });
				const newest = listItems(doc);
				state.since = newest.length ? changedAt(newest[0]) : new Date(timing.now()).toISOString();
				state.cases = Object.fromEntries(newest.filter((c) => changedAt(c) === state.since).map((c) => [String(c.id), snapshotOf(c)]));
				return null;
			}
			const at = Date.parse(startFrom);
			if (!Number.isFinite(at)) throw new NodeOperationError(this.getNode(), `Options > Start From: "${startFrom.slice(0, 40)}" is not a date`);
			since = new Date(at).toISOString();
		}

		// Every page that changed since the last poll (newest first, all of them): nothing is missed
		// when more than one page changed; `$ge` and the per-case snapshot keep the edge exact.
		const cases = await penboxRequestAll.call(this, { method: 'GET', path: penboxPaths.cases, qs: { ...filterFrom(since), sort: '-updated_at' } }, { context: 'listing changed cases' });
		const unique = new Map<string, IDataObject>();
		for (const c of cases) if (!unique.has(String(c.id))) unique.set(String(c.id), c);
		const changes: Array<{ c: IDataObject; found: string[] }> = [];
		for (const c of [...unique.values()].sort((a, b) => (changedAt(a) < changedAt(b) ? -1 : changedAt(a) > changedAt(b) ? 1 : 0))) {
			const found = eventsOf(c, remembered[String(c.id)] as string | undefined, since);
			if (found.length) changes.push({ c, found });
			remembered[String(c.id)] = snapshotOf(c);
		}
		const newest = [...unique.values()].reduce((max, c) => (changedAt(c) > max ? changedAt(c) : max), since);
		state.since = newest;
		// Keep the most recently changed cases only, so the static data stays small.
		state.cases = trimSnapshots(remembered, MAX_REMEMBERED, (key) => String(remembered[key]));
		const items = changes.filter(({ found }) => !events.length || found.some((e) => events.includes(e))).map(({ c, found }) => toItem(c, found));
		return pollResult(items);
	}
}
