import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { OperationResult } from './types';

/** One operation of a resource: its UI fields and what it does for item i. */
export interface OperationModule {
	description: import('n8n-workflow').INodeProperties[];
	execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult>;
	/** Items may run in parallel (reads); mutations stay in item order. */
	parallel?: boolean;
}

export type ResourceMap = Record<string, Record<string, OperationModule>>;

/**
 * How many read items are started at once. Not the concurrency that reaches the vendor: every
 * request waits in the rate limiter (core/rateLimit.ts), which lets through as many as the
 * vendor's budget allows at that moment (documented, or reported in `RateLimit-*` headers),
 * so a burst the budget allows goes out at once and one it does not allow is spread out.
 * This ceiling only bounds the work in progress inside n8n.
 */
export const MAX_PARALLEL_ITEMS = 200;

/** Runs `fn` over `count` indexes with at most `limit` in flight; results keep index order. */
export async function mapWithConcurrency<T>(
	count: number,
	limit: number,
	fn: (index: number) => Promise<T>,
): Promise<T[]> {
	const results = new Array<T>(count);
	let next = 0;
	let failed = false;
	const workers = Array.from({ length: Math.max(1, Math.min(limit, count)) }, async () => {
		// Once one item has failed the node fails: no further items are started behind its back.
		while (next < count && !failed) {
			const index = next++;
			let done = false;
			try {
				results[index] = await fn(index);
				done = true;
			} finally {
				if (!done) failed = true;
			}
		}
	});
	await Promise.all(workers);
	return results;
}

function isExecutionData(value: unknown): value is INodeExecutionData {
	return !!value && typeof value === 'object' && 'json' in (value as object);
}

/** Whatever an operation returned, as output items paired with the input item. */
export function toItems(result: OperationResult, itemIndex: number): INodeExecutionData[] {
	const list = Array.isArray(result) ? result : [result];
	// One pairing object for all the items of an input, as n8n's constructExecutionMetaData does:
	// a list of 100,000 cases would otherwise hold 100,000 copies of it.
	const pairedItem = { item: itemIndex };
	return list.map((entry) =>
		isExecutionData(entry) ? { ...entry, pairedItem } : { json: entry as IDataObject, pairedItem },
	);
}

function errorItem(error: Error & { description?: unknown; httpCode?: unknown }, itemIndex: number): INodeExecutionData {
	const json: IDataObject = { error: error.message };
	if (typeof error.description === 'string' && error.description) json.description = error.description;
	if (error.httpCode) json.httpCode = String(error.httpCode);
	return { json, pairedItem: { item: itemIndex } };
}

/**
 * The execute() of every action node: routes each item to its resource/operation, pairs every
 * output item with its input, and turns failures into error items when "Continue On Fail" is on.
 * The operation is decided per item (an Operation expression may mix reads and mutations):
 * consecutive reads run with bounded concurrency; a mutation waits for everything before it
 * and runs alone, so mutations keep item order and a read after a mutation sees it.
 */
export async function routeItems(
	this: IExecuteFunctions,
	resources: ResourceMap,
	options: { concurrency?: number } = {},
): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const operationFor = (i: number): OperationModule => {
		const resource = this.getNodeParameter('resource', i) as string;
		const operation = this.getNodeParameter('operation', i) as string;
		const module = resources[resource]?.[operation];
		if (!module)
			throw new NodeOperationError(
				this.getNode(),
				`The operation "${operation}" is not supported for resource "${resource}"`,
				{ itemIndex: i },
			);
		return module;
	};

	const fail = (error: unknown, i: number): INodeExecutionData[] => {
		if (this.continueOnFail()) return [errorItem(error as Error, i)];
		if (error instanceof NodeOperationError || (error as { context?: unknown }).context) {
			const e = error as NodeOperationError;
			if (e.context && e.context.itemIndex === undefined) e.context.itemIndex = i;
			throw e;
		}
		throw new NodeOperationError(this.getNode(), error as Error, { itemIndex: i });
	};

	// Resolved up front, each in its own try: an item whose operation cannot be resolved is
	// that item's failure, not the node's.
	const modules = items.map((_, i) => {
		try {
			return operationFor(i);
		} catch (error) {
			return { error };
		}
	});
	const runOne = async (i: number): Promise<INodeExecutionData[]> => {
		const module = modules[i];
		if ('error' in module) return fail(module.error, i);
		try {
			return toItems(await module.execute.call(this, i), i);
		} catch (error) {
			return fail(error, i);
		}
	};
	const isRead = (i: number) => !('error' in modules[i]) && (modules[i] as OperationModule).parallel === true;

	const output: INodeExecutionData[][] = [];
	for (let i = 0; i < items.length; ) {
		if (!isRead(i)) {
			output.push(await runOne(i));
			i++;
			continue;
		}
		let end = i;
		while (end < items.length && isRead(end)) end++;
		const first = i;
		output.push(...(await mapWithConcurrency(end - first, options.concurrency ?? MAX_PARALLEL_ITEMS, async (k) => await runOne(first + k))));
		i = end;
	}
	return [output.flat()];
}
