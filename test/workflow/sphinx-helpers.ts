import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { SphinxApi } from '../../credentials/SphinxApi.credentials';
import { SphinxOAuth2Api } from '../../credentials/SphinxOAuth2Api.credentials';
import { Sphinx } from '../../nodes/Sphinx/Sphinx.node';
import { startSphinxSimulator } from '../../simulators/sphinx';
import { runNode } from '../harness';
import { useVirtualClock } from '../harness/clock';

/** Shared set-up of the Sphinx workflow tests: the simulator on the node's virtual clock. */
export type Sim = Awaited<ReturnType<typeof startSphinxSimulator>>;
export type LogEntry = {
	method: string;
	path: string;
	status: number | null;
	query: Record<string, string>;
	headers: Record<string, string>;
	body: IDataObject | null;
	warnings: string[];
	fault: string | null;
};

export function sphinxTestBed(options: { caseCount?: number } = {}) {
	let clock: ReturnType<typeof useVirtualClock> | undefined;
	const bed = {
		sim: undefined as unknown as Sim,
		/** The virtual time the node and the simulator share (test/harness/clock.ts). */
		get clock(): number {
			return clock?.now ?? 0;
		},
		set clock(ms: number) {
			if (clock) clock.now = ms;
		},
		get sleeps(): number[] {
			return clock?.sleeps ?? [];
		},
		set sleeps(list: number[]) {
			if (clock) clock.sleeps = list;
		},
	};
	beforeAll(async () => {
		clock = useVirtualClock(Date.now());
		bed.sim = await startSphinxSimulator({ seed: 7, caseCount: options.caseCount ?? 60, clock: () => bed.clock, settings: { decisionDelayMs: 60_000 } });
	});
	afterAll(async () => {
		clock?.restore();
		await bed.sim.stop();
	});
	beforeEach(() => {
		bed.sim.control.reset();
		bed.sleeps = [];
		// A minute passes between tests: the node's request budget from earlier tests is spent.
		bed.clock += 61_000;
	});
	return bed;
}

export function credentialsFor(sim: Sim, extra: IDataObject = {}) {
	return {
		sphinxOAuth2Api: { clientId: sim.clientId, clientSecret: sim.clientSecret, baseUrl: sim.baseUrl, ...extra },
		sphinxApi: { accessToken: sim.accessToken, baseUrl: sim.baseUrl },
	};
}

export async function runSphinx(
	sim: Sim,
	parameters: IDataObject,
	options: { items?: IDataObject[]; continueOnFail?: boolean; auth?: 'oAuth2' | 'accessToken'; credentials?: IDataObject; staticData?: IDataObject } = {},
) {
	const auth = options.auth ?? 'accessToken';
	return await runNode({
		nodeType: Sphinx,
		credentialTypes: [SphinxApi, SphinxOAuth2Api],
		credentials: (options.credentials ?? credentialsFor(sim)) as Record<string, IDataObject> as never,
		parameters: { authentication: auth, resource: 'case', ...parameters },
		node: {
			credentials:
				auth === 'oAuth2'
					? { sphinxOAuth2Api: { id: 'sphinxOAuth2Api', name: 'Sphinx OAuth2' } }
					: { sphinxApi: { id: 'sphinxApi', name: 'Sphinx token' } },
		},
		items: options.items,
		continueOnFail: options.continueOnFail,
		staticData: options.staticData,
	});
}

export const json = (items: INodeExecutionData[]) => items.map((i) => i.json);
export const byId = (id: string | number) => ({ __rl: true, mode: 'id', value: String(id) });
export const apiRequests = (sim: Sim): LogEntry[] =>
	(sim.control.requests() as unknown as LogEntry[]).filter((r) => r.path.startsWith('/api/') && r.path !== '/api/oauth/token');
