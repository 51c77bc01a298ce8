import type { IDataObject } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { PenboxApi } from '../../credentials/PenboxApi.credentials';
import { timing } from '../../core/timing';
import { Penbox } from '../../nodes/Penbox/Penbox.node';
import { startPenboxSimulator } from '../../simulators/penbox';
import { runNode } from '../harness';

/** Shared set-up of the Penbox workflow tests: the simulator on the node's virtual clock. */
export type Sim = Awaited<ReturnType<typeof startPenboxSimulator>>;
export type LogEntry = {
	method: string;
	path: string;
	status: number | null;
	query: Record<string, string>;
	headers: Record<string, string>;
	body: IDataObject | null;
};

export function penboxTestBed(options: { caseCount?: number } = {}) {
	const bed = { sim: undefined as unknown as Sim, clock: 0, sleeps: [] as number[] };
	const real = { ...timing };
	beforeAll(async () => {
		bed.clock = Date.parse('2026-01-05T10:00:00Z');
		bed.sim = await startPenboxSimulator({ seed: 11, caseCount: options.caseCount ?? 30, clock: () => bed.clock });
		timing.now = () => bed.clock;
		timing.monotonic = () => bed.clock;
		timing.sleep = async (ms: number) => {
			bed.sleeps.push(ms);
			// Callers sleeping at the same time wake at their own time (not one after the other), and
			// requests already on their way reach the simulator before virtual time jumps ahead.
			const wake = bed.clock + ms;
			if (ms >= 1000) await sleep(40);
			bed.clock = Math.max(bed.clock, wake);
		};
	});
	afterAll(async () => {
		Object.assign(timing, real);
		await bed.sim.stop();
	});
	beforeEach(() => {
		bed.sim.control.reset();
		bed.sleeps = [];
		// An hour passes between tests: both of the node's budgets from earlier tests are spent.
		bed.clock += 3_601_000;
	});
	return bed;
}

export const credentialsFor = (sim: Sim) => ({ penboxApi: { apiKey: sim.apiKey, baseUrl: sim.baseUrl } });

export async function runPenbox(
	sim: Sim,
	parameters: IDataObject,
	options: { items?: IDataObject[]; continueOnFail?: boolean; binary?: boolean } = {},
) {
	return await runNode({
		nodeType: Penbox,
		credentialTypes: [PenboxApi],
		credentials: credentialsFor(sim) as never,
		parameters: { resource: 'case', ...parameters },
		node: { credentials: { penboxApi: { id: 'penboxApi', name: 'Penbox' } } },
		items: options.items,
		continueOnFail: options.continueOnFail,
	});
}

export const apiRequests = (sim: Sim): LogEntry[] => (sim.control.requests() as unknown as LogEntry[]).filter((r) => r.path.startsWith('/v1/'));

export const byId = (id: string) => ({ __rl: true, mode: 'id', value: id });

export const template = (sim: Sim, n = 0) => (sim.control.templates() as IDataObject[])[n] as IDataObject & { id: string };
export const workspace = (sim: Sim, n = 0) => (sim.control.workspaces() as IDataObject[])[n] as IDataObject & { id: string };
