import type { IDataObject, INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { pollResult } from '../../core/poll';
import { timing } from '../../core/timing';
import { sphinxPaths, sphinxRequest } from './api';
import { authenticationField, sphinxCredentials } from './description';
import { caseEventOf, normalizeSphinxCase, sphinxCaseStatus, withCheckReasoningText } from './normalize';
import { CASE_EVENTS } from './SphinxTrigger.node';

const DAY_MS = 24 * 3600 * 1000;
const PAGE_SIZE = 100;
/** At most this many pages per poll (10,000 cases); a longer look-back needs filters Sphinx does not have. */
const MAX_PAGES = 100;

/** What the trigger remembers between polls (workflow static data, kept across restarts). */
interface PollState extends IDataObject {
	/** The newest `updated_at` (Sphinx's clock) seen so far: later changes are new. */
	since?: string;
	/** Changes at exactly `since` that were already handled: `id|updated_at|status|outcome`. */
	seenAtSince?: string[];
}

const changeKey = (c: IDataObject) => `${String(c.id)}|${String(c.updated_at ?? c.created_at ?? '')}|${sphinxCaseStatus(c)}|${String(c.outcome ?? '')}`;
const changedAt = (c: IDataObject) => String(c.updated_at ?? c.created_at ?? '');

/** Cases created within the look-back, newest first, page by page (Sphinx lists by creation only). */
async function recentCases(ctx: IPollFunctions, createdAfterMs: number): Promise<IDataObject[]> {
	const out: IDataObject[] = [];
	for (let page = 1; page <= MAX_PAGES; page++) {
		const doc = await sphinxRequest.call(ctx, { method: 'GET', path: sphinxPaths.cases, qs: { page, page_size: PAGE_SIZE } }, { context: 'listing cases' });
		const results = (Array.isArray(doc.results) ? doc.results : []) as IDataObject[];
		let older = false;
		for (const c of results) {
			const created = Date.parse(String(c.created_at ?? ''));
			if (Number.isFinite(created) && created < createdAfterMs) older = true;
			else out.push(c);
		}
		if (older || !doc.next || !results.length) break;
	}
	return out;
}

export class SphinxPollTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Sphinx Poll Trigger',
		name: 'sphinxPollTrigger',
		icon: { light: 'file:sphinx.svg', dark: 'file:sphinx.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description: 'Starts the workflow when Sphinx cases complete or change, by polling (no public URL needed)',
		defaults: { name: 'Sphinx Poll Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: sphinxCredentials,
		properties: [
			authenticationField,
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				options: [...CASE_EVENTS, { name: 'Case Updated', value: 'case.updated', description: 'Any other change: a new case, started, a field updated' }],
				default: ['case.completed', 'case.failed'],
				description: 'Which changes since the last poll start the workflow',
			},
			{
				displayName: 'Simplify',
				name: 'simplify',
				type: 'boolean',
				default: true,
				description: 'Whether to output the event with the normalized case instead of the full Sphinx case',
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
						description: 'Only cases created within this many days are watched: Sphinx lists cases by creation date and has no "changed since" filter',
					},
				],
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const state = this.getWorkflowStaticData('node') as PollState;
		const events = this.getNodeParameter('events', []) as string[];
		const simplify = this.getNodeParameter('simplify', true) as boolean;
		const lookBack = Number((this.getNodeParameter('options', {}) as IDataObject).lookBackDays ?? 30) || 30;
		const cases = await recentCases(this, timing.now() - lookBack * DAY_MS);
		const eventOf = (c: IDataObject) => caseEventOf(c) ?? 'case.updated';
		const toItem = (c: IDataObject): INodeExecutionData => ({
			json: simplify ? { event: eventOf(c), ...normalizeSphinxCase(c) } : { event: eventOf(c), ...withCheckReasoningText(c) },
		});

		if (this.getMode() === 'manual') {
			// "Fetch test event": the newest matching case, without moving the trigger's position.
			const sample = [...cases].sort((a, b) => (changedAt(a) < changedAt(b) ? 1 : -1)).find((c) => !events.length || events.includes(eventOf(c)));
			return sample ? [[toItem(sample)]] : null;
		}

		const newest = cases.reduce((max, c) => (changedAt(c) > max ? changedAt(c) : max), state.since ?? '');
		if (state.since === undefined) {
			// First poll after activation: start from now, report nothing that happened before.
			state.since = newest || new Date(timing.now()).toISOString();
			state.seenAtSince = cases.filter((c) => changedAt(c) === state.since).map(changeKey);
			return null;
		}
		const since = state.since;
		const seen = new Set(state.seenAtSince ?? []);
		const changed = cases
			.filter((c) => changedAt(c) > since || (changedAt(c) === since && !seen.has(changeKey(c))))
			.sort((a, b) => (changedAt(a) === changedAt(b) ? Number(a.id) - Number(b.id) : changedAt(a) < changedAt(b) ? -1 : 1));
		state.since = newest || since;
		state.seenAtSince = [...(newest === since ? seen : []), ...cases.filter((c) => changedAt(c) === state.since).map(changeKey)].filter(
			(key, n, all) => all.indexOf(key) === n,
		);
		const items = changed.filter((c) => !events.length || events.includes(eventOf(c))).map(toItem);
		return pollResult(items);
	}
}
