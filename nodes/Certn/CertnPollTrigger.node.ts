import type { IDataObject, INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { pollResult, trimSnapshots } from '../../core/poll';
import { timing } from '../../core/timing';
import { certnPagination, certnPaths, certnRequest } from './api';
import { WEBHOOK_EVENTS } from './catalog';
import { certnEventItem } from './CertnTrigger.node';
import { orderedCases, type ScanOptions } from './pollScan';

/** Cases remembered between polls (the most recently modified are kept). */
const MAX_REMEMBERED = 5000;
const DAY_MS = 24 * 3600 * 1000;

/** The webhook events a poll can see in the cases list (Certn's own names, as Certn Trigger emits them). */
const POLL_EVENTS = WEBHOOK_EVENTS.filter((e) => ['CASE_STATUS_CHANGED', 'CHECK_STATUS_CHANGED'].includes(String(e.value)));

/** What the trigger keeps in the workflow's static data (kept across polls and n8n restarts). */
interface PollState extends IDataObject {
	/** The newest `modified` (Certn's clock) seen: changes from there on are new; empty before any case. */
	since?: string;
	/** Case id → `modified|overall_status|overall_score|checkId:status,…` as last seen (bounded). */
	cases?: IDataObject;
	/** Set once a list came back sorted by `modified` and not by creation: Certn applies `ordering`. */
	orderingProven?: boolean;
	/** How `order_timeframe_after` is accepted: `date` (tried first) or `datetime`. */
	timeframe?: 'date' | 'datetime';
}

const modifiedOf = (c: IDataObject) => String(c.modified ?? c.updated ?? c.created ?? '');
const checksOf = (c: IDataObject) => (Array.isArray(c.checks) ? (c.checks as IDataObject[]) : []);
const snapshotOf = (c: IDataObject) =>
	[modifiedOf(c), c.overall_status ?? '', c.overall_score ?? '', checksOf(c).map((k) => `${String(k.id)}:${String(k.status ?? '')}`).join(',')]
		.map(String)
		.join('|');

interface Change {
	c: IDataObject;
	event: string;
	objectType: 'CASE' | 'CHECK';
	objectId: string;
}

/** The changes between a case's last snapshot and now, case status first, then its checks. */
function changesOf(c: IDataObject, previous: string | undefined, since: string): Change[] {
	const id = String(c.id);
	const caseChange: Change = { c, event: 'CASE_STATUS_CHANGED', objectType: 'CASE', objectId: id };
	if (previous === undefined)
		// New to the trigger: a case ordered since the last poll counts as a status change (its first
		// status); an older one (outside the memory until now) is only remembered.
		return String(c.created ?? '') >= since ? [caseChange] : [];
	if (previous === snapshotOf(c)) return [];
	const [, status, score, checks] = previous.split('|');
	const out: Change[] = [];
	if (String(c.overall_status ?? '') !== status || String(c.overall_score ?? '') !== score) out.push(caseChange);
	const before = new Map((checks ? checks.split(',') : []).map((entry) => entry.split(':') as [string, string]));
	for (const k of checksOf(c))
		if (before.get(String(k.id)) !== String(k.status ?? ''))
			out.push({ c, event: 'CHECK_STATUS_CHANGED', objectType: 'CHECK', objectId: String(k.id) });
	return out;
}

export class CertnPollTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Certn Poll Trigger',
		name: 'certnPollTrigger',
		icon: { light: 'file:certn.svg', dark: 'file:certn.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description: 'Starts the workflow when Certn case or check statuses change, by polling (no public URL needed)',
		defaults: { name: 'Certn Poll Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'certnApi', required: true }],
		properties: [
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				options: POLL_EVENTS,
				required: true,
				default: ['CASE_STATUS_CHANGED'],
				description: 'Which changes since the last poll start the workflow (a change of the overall score counts as a case status change)',
			},
			{
				displayName: 'Simplify',
				name: 'simplify',
				type: 'boolean',
				default: true,
				description: 'Whether to output the event with the normalized case instead of the Certn case from the list',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Look Back (Days)',
						name: 'lookBackDays',
						type: 'number',
						typeOptions: { minValue: 1, maxValue: 365 },
						default: 30,
						description: 'Only cases ordered within this many days are watched (order_timeframe_after): Certn documents no "changed since" filter',
					},
				],
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const events = this.getNodeParameter('events', []) as string[];
		const simplify = this.getNodeParameter('simplify', true) as boolean;
		const lookBack = Number((this.getNodeParameter('options', {}) as IDataObject).lookBackDays ?? 30) || 30;
		if (!events.length)
			throw new NodeOperationError(this.getNode(), 'Events: select at least one event', {
				description: 'The trigger starts the workflow only for the changes it is told to watch.',
			});
		const toItem = ({ c, event, objectType, objectId }: Change): INodeExecutionData => {
			const body: IDataObject = {
				id: `${String(c.id)}:${event}:${objectId}:${modifiedOf(c)}`,
				event_type: event,
				object_id: objectId,
				object_type: objectType,
				case_id: String(c.id),
				created: modifiedOf(c) || null,
				case_status: c.overall_status ?? null,
			};
			return { json: certnEventItem(body, simplify, c) };
		};

		if (this.getMode() === 'manual') {
			// "Fetch test event": the most recently changed case, without moving the trigger's position.
			const request = { method: 'GET' as const, path: certnPaths.cases, qs: { ordering: '-modified', page: 1, page_size: 1 } };
			const [sample] = certnPagination.read(await certnRequest.call(this, request, { context: 'listing cases' }), request, 1).items;
			if (!sample) return null;
			const check = checksOf(sample)[0];
			const change: Change = events.includes('CASE_STATUS_CHANGED') || !check
				? { c: sample, event: 'CASE_STATUS_CHANGED', objectType: 'CASE', objectId: String(sample.id) }
				: { c: sample, event: 'CHECK_STATUS_CHANGED', objectType: 'CHECK', objectId: String(check.id) };
			return [[toItem(change)]];
		}

		const state = this.getWorkflowStaticData('node') as PollState;
		const remembered = (state.cases ?? {}) as IDataObject;
		const scan: ScanOptions = {
			orderedAfterMs: timing.now() - lookBack * DAY_MS,
			// First poll: every case of the look-back, to remember where each stands.
			stopBeforeModified: state.since,
			orderingProven: state.orderingProven === true,
			timeframe: state.timeframe ?? 'date',
		};
		const scanned = await orderedCases(this, scan);
		state.orderingProven = scanned.orderingProven;
		state.timeframe = scanned.timeframe;

		const unique = new Map<string, IDataObject>();
		for (const c of scanned.cases) if (!unique.has(String(c.id))) unique.set(String(c.id), c);
		const sorted = [...unique.values()].sort((a, b) => (modifiedOf(a) < modifiedOf(b) ? -1 : modifiedOf(a) > modifiedOf(b) ? 1 : 0));
		const first = state.since === undefined;
		const since = state.since ?? '';
		const changes: Change[] = [];
		for (const c of sorted) {
			if (!first) changes.push(...changesOf(c, remembered[String(c.id)] as string | undefined, since));
			remembered[String(c.id)] = snapshotOf(c);
		}
		const newest = sorted.reduce((max, c) => (modifiedOf(c) > max ? modifiedOf(c) : max), since);
		// Certn's clock only: with no case in the look-back yet, every case ordered later is new.
		state.since = newest;
		// Keep the most recently modified cases only, so the static data stays small.
		state.cases = trimSnapshots(remembered, MAX_REMEMBERED, (key) => String(remembered[key]));
		return pollResult(changes.filter((change) => events.includes(change.event)).map(toItem));
	}
}
