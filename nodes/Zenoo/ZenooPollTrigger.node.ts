import type { IDataObject, INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { pollResult } from '../../core/poll';
import { compact, listParameter } from '../../core/validate';
import { USER_ID_PATTERN } from './api';
import { CASE_TYPES, ENTITY_CATEGORIES, RISK_TIERS, WEBHOOK_EVENTS } from './catalog';
import { eventItem } from './events';
import { changedAtOf, comparePoll, createdAtOf, listCases, MAX_PAGES, type Change, type PollState, tokenOf } from './pollScan';

/** The Zenoo Trigger's events a poll can see in the cases list (Zenoo's own names). */
const POLL_EVENTS = WEBHOOK_EVENTS.filter((e) => String(e.value).startsWith('case.'));

type Option = { name: string; value: string };

export class ZenooPollTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Zenoo Poll Trigger',
		name: 'zenooPollTrigger',
		icon: { light: 'file:zenoo.svg', dark: 'file:zenoo.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description: 'Starts the workflow when Zenoo cases are created, change status, escalate or close, by polling (no public URL needed)',
		defaults: { name: 'Zenoo Poll Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'zenooApi', required: true }],
		properties: [
			{
				displayName: `Lists Zenoo cases (GET /v1/cases) on the schedule below and compares each with the last poll: the first poll only records where every case stands. At most ${MAX_PAGES} pages (${(MAX_PAGES * 100).toLocaleString('en-US')} cases) are read per poll; use the filters if more cases are open.`,
				name: 'pollNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				options: POLL_EVENTS,
				required: true,
				default: ['case.status_changed'],
				description: 'Which changes since the last poll start the workflow (the case events of the Zenoo Trigger)',
			},
			{
				displayName: 'Simplify',
				name: 'simplify',
				type: 'boolean',
				default: true,
				description: 'Whether to output the event with the normalized case instead of the Zenoo case from the list',
			},
			{
				displayName: 'Filters',
				name: 'filters',
				type: 'collection',
				placeholder: 'Add Filter',
				default: {},
				description: 'Watch only these cases (a status filter is not offered: status changes are what the trigger reports)',
				options: [
					{ displayName: 'Assigned To (User ID)', name: 'assignedTo', type: 'string', default: '', description: 'Only cases assigned to this Zenoo user' },
					{ displayName: 'Entity Category', name: 'entityCategory', type: 'options', options: ENTITY_CATEGORIES, default: 'Company' },
					{ displayName: 'Risk Tier', name: 'riskTier', type: 'options', options: RISK_TIERS, default: 'High' },
					{ displayName: 'Type', name: 'type', type: 'options', options: CASE_TYPES, default: 'Onboarding' },
				],
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const node = this.getNode();
		const events = listParameter(this.getNodeParameter('events', []));
		if (!events.length)
			throw new NodeOperationError(node, 'Events: select at least one event', {
				description: 'The trigger starts the workflow only for the changes it is told to watch. Nothing was read from Zenoo.',
			});
		const unknown = events.filter((e) => !POLL_EVENTS.some((o) => o.value === e));
		if (unknown.length)
			throw new NodeOperationError(node, `Events: ${unknown.map((e) => `"${e.slice(0, 60)}"`).join(', ')} cannot be seen by polling`, {
				description: `Polling the cases list shows ${POLL_EVENTS.map((o) => o.value).join(', ')}. Alert, check, risk and SLA events need the Zenoo Trigger (webhooks).`,
			});
		const simplify = this.getNodeParameter('simplify', true) as boolean;
		const qs = filterQuery(node, this.getNodeParameter('filters', {}) as IDataObject);

		const toItem = ({ event, c, previousStatus }: Change): INodeExecutionData => {
			const data: IDataObject = event === 'case.status_changed' ? { ...c, previous_status: previousStatus, new_status: c.status ?? null } : c;
			if (!simplify) return { json: { event, ...data } };
			const at = event === 'case.created' ? createdAtOf(c) : changedAtOf(c);
			const body: IDataObject = { event_id: `${tokenOf(c)}:${event}:${String(c.status ?? '')}:${at}`, event_type: event, created_at: at || null, data };
			return { json: eventItem(body, true) };
		};

		if (this.getMode() === 'manual') {
			// "Fetch test event": the most recently changed case of the first page, without moving the trigger's position.
			const { cases } = await listCases(this, qs, { maxPages: 1 });
			const sample = cases.reduce<IDataObject | undefined>((best, c) => (!best || changedAtOf(c) > changedAtOf(best) ? c : best), undefined);
			if (!sample) return null;
			return [[toItem({ event: sampleEvent(sample, events), c: sample, previousStatus: null })]];
		}

		const { cases, complete } = await listCases(this, qs, { maxPages: MAX_PAGES });
		const state = this.getWorkflowStaticData('node') as PollState;
		const changes = comparePoll(state, cases, complete);
		return pollResult(changes.filter((change) => events.includes(change.event)).map(toItem));
	}
}

/** The event the sample shows: the one of the chosen events that fits the case best. */
function sampleEvent(c: IDataObject, events: string[]): string {
	const fits = [c.status === 'Closed' || c.decision ? 'case.closed' : '', c.status === 'Escalated' ? 'case.escalated' : '', 'case.status_changed', 'case.created'];
	return fits.find((e) => e && events.includes(e)) ?? events[0];
}

/** The list filters, each checked: an expression can produce anything. */
function filterQuery(node: ReturnType<IPollFunctions['getNode']>, filters: IDataObject): IDataObject {
	const option = (label: string, value: unknown, allowed: Option[]) => {
		const text = typeof value === 'string' ? value.trim() : '';
		if (!text) return undefined;
		const match = allowed.find((o) => o.value.toLowerCase() === text.toLowerCase());
		if (!match)
			throw new NodeOperationError(node, `Filters > ${label}: "${text.slice(0, 60)}" is not one of ${allowed.map((o) => o.value).join(', ')}`, {
				description: 'Nothing was read from Zenoo.',
			});
		return match.value;
	};
	const assignee = typeof filters.assignedTo === 'string' ? filters.assignedTo.trim() : '';
	if (assignee && !USER_ID_PATTERN.test(assignee))
		throw new NodeOperationError(node, `Filters > Assigned To (User ID): "${assignee.slice(0, 60)}" is not a Zenoo user ID`, {
			description: 'Use the user\'s ID from Zenoo (Settings › Users), e.g. usr_a1b2c3. Nothing was read from Zenoo.',
		});
	return compact({
		type: option('Type', filters.type, CASE_TYPES),
		entity_category: option('Entity Category', filters.entityCategory, ENTITY_CATEGORIES),
		risk_tier: option('Risk Tier', filters.riskTier, RISK_TIERS),
		assigned_to: assignee || undefined,
	});
}
