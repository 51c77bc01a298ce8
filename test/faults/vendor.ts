import type { IDataObject } from 'n8n-workflow';

import type { RunNodeResult } from '../harness';

/** What the fault suite needs of a simulator (every vendor's has it, see simulators/README.md). */
export interface FaultSim {
	baseUrl: string;
	apiKey: string;
	control: {
		pushFaults(faults: IDataObject | IDataObject[]): unknown;
		clearFaults(): void;
		requests(filter?: IDataObject): unknown[];
		clearRequests(): void;
	};
	state?: unknown;
	stop(): Promise<void>;
}

/**
 * One vendor in the fault suite. A new vendor joins by adding a file like ./vendors/persona.ts
 * and one line to ./vendors/index.ts.
 */
export interface FaultVendor {
	name: string;
	start(clock: () => number, caseCount: number): Promise<FaultSim>;
	/** The simulator path (no trailing slash, no query) of Get Many's list requests. */
	listPath: string;
	/** The simulator path of the create / order request. */
	createPath: string;
	/** Get Many › Return All, Simplify off. */
	getAll(sim: FaultSim): Promise<RunNodeResult>;
	/** The id of every case in the simulator now. */
	caseIds(sim: FaultSim): string[];
	/** A raw output item's case id. */
	itemId(json: IDataObject): string;
	/** Adds one case to the simulator (a case created while a list is read). */
	grow(sim: FaultSim): void;
	/** How a create that may have been processed is made safe. */
	createSafety: 'idempotency key' | 'lookup by key' | 'not repeated';
	/** One create / order with a key of its own (`tag`), through the node. */
	create(sim: FaultSim, tag: string): Promise<RunNodeResult>;
	/** How many cases the simulator holds for that create (0, 1, or more = duplicates). */
	created(sim: FaultSim, tag: string, before: number): number;
	/** Cases in the simulator (for vendors that count creates by difference). */
	caseCount(sim: FaultSim): number;
}

/** The entries of a Map-valued field of the simulator's state. */
export function stateValues<T = IDataObject>(sim: FaultSim, field: string): T[] {
	const map = (sim.state as Record<string, unknown>)[field] as Map<string, T>;
	return [...map.values()];
}
