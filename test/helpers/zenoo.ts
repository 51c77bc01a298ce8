import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { ZenooApi } from '../../credentials/ZenooApi.credentials';
import { Zenoo } from '../../nodes/Zenoo/Zenoo.node';
import { runNode } from '../harness';
import { useVirtualClock } from '../harness/clock';
import { startZenooSimulator } from '../../simulators/zenoo';

export type ZenooSim = Awaited<ReturnType<typeof startZenooSimulator>>;
export type SimCase = {
	token: string;
	name: string;
	status: string;
	type: string;
	entity_category: string;
	risk_tier: string | null;
	risk_score: number | null;
	assigned_to: string | null;
	decision: string | null;
	created_at: string;
	updated_at: string;
	open_alerts_count: number;
};
export type SimAlert = { token: string; case_token: string; entity_token: string | null; status: string; category: string; type: string; priority: string; assigned_to: string | null; created_at: string; priority_score: number };
export type LogEntry = {
	method: string;
	path: string;
	status: number | null;
	query: Record<string, string>;
	headers: Record<string, string>;
	body: IDataObject;
	warnings: string[];
	requestId: string;
	idempotentReplay?: boolean;
};

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const byId = (value: string) => ({ __rl: true, mode: 'id', value });
export const json = (items: INodeExecutionData[]) => items.map((i) => i.json);

/**
 * One Zenoo simulator for a test file, on the same virtual clock as the node (no real waits:
 * rate limits and Retry-After pass instantly), reset before every test.
 */
export function useZenoo(options: { seed?: number; caseCount?: number } = {}) {
	const ctx = {} as { sim: ZenooSim; clock: ReturnType<typeof useVirtualClock> };
	beforeAll(async () => {
		ctx.clock = useVirtualClock(Date.now());
		ctx.sim = await startZenooSimulator({ seed: options.seed ?? 7, caseCount: options.caseCount ?? 130, clock: () => ctx.clock.now });
	});
	afterAll(async () => {
		ctx.clock.restore();
		await ctx.sim.stop();
	});
	beforeEach(() => {
		ctx.sim.control.reset();
		// A minute passes between tests: the node's request budget from earlier tests is spent.
		ctx.clock.advance(61_000);
	});

	const sim = () => ctx.sim;
	return {
		sim,
		clock: () => ctx.clock,
		simCases: (): SimCase[] => [...(ctx.sim.state.cases as Map<string, unknown>).keys()].map((t) => ctx.sim.control.getCase(t) as SimCase),
		simAlerts: (): SimAlert[] => [...(ctx.sim.state.alerts as Map<string, unknown>).keys()].map((t) => ctx.sim.control.getAlert(t) as SimAlert),
		requests: (): LogEntry[] => (ctx.sim.control.requests() as unknown as LogEntry[]).filter((r) => r.path.startsWith('/v1/')),
		mutations: (): LogEntry[] => (ctx.sim.control.requests() as unknown as LogEntry[]).filter((r) => r.path.startsWith('/v1/') && (r.method === 'POST' || r.method === 'PATCH')),
		async run(parameters: IDataObject, o: { items?: IDataObject[]; continueOnFail?: boolean; node?: IDataObject; apiKey?: string } = {}) {
			return await runNode({
				nodeType: Zenoo,
				credentialType: ZenooApi,
				credentials: { zenooApi: { apiKey: o.apiKey ?? ctx.sim.apiKey, environment: 'custom', baseUrl: ctx.sim.baseUrl } },
				parameters: { resource: 'case', ...parameters },
				items: o.items,
				continueOnFail: o.continueOnFail,
				node: o.node,
			});
		},
	};
}

export const newestFirst = (list: SimCase[]) => [...list].sort((a, b) => (a.created_at !== b.created_at ? (a.created_at < b.created_at ? 1 : -1) : a.token < b.token ? -1 : 1));

/** What Simplify should make of a simulator case. */
export function normalized(c: SimCase) {
	return {
		vendor: 'zenoo',
		id: c.token,
		reference: c.name,
		status: c.status,
		outcome: c.decision,
		riskScore: c.risk_score,
		assignee: c.assigned_to,
		createdAt: new Date(c.created_at).toISOString(),
		updatedAt: new Date(c.updated_at).toISOString(),
	};
}
