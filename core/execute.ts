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
	return list.map((entry) =>
		isExecutionData(entry)
			? { ...entry, pairedItem: { item: itemIndex } }
			: { json: entry as IDataObject, pairedItem: { item: itemIndex } },
	);
}

function errorItem(error: Error & { description?: unknown; httpCode?: unknown }, itemIndex: number): INodeExecutionData {
	const json: IDataObject = { error: error.message };
	if (typeof error.description === 'string' && error.description) json.description = error.description;
	if (error.httpCode) json.httpCode = String(error.httpCode);
	return { json, pairedItem: { item: itemIndex } };
}

/**
 * The execute() of every action node: routes each item to its resource/operation, runs reads
 * with bounded concurrency and mutations in order, pairs every output item with its input, and
 * turns failures into error items when "Continue On Fail" is on.
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

	const runOne = async (i: number): Promise<INodeExecutionData[]> => {
		try {
			return toItems(await operationFor(i).execute.call(this, i), i);
		} catch (error) {
			if (this.continueOnFail()) return [errorItem(error as Error, i)];
			if (error instanceof NodeOperationError || (error as { context?: unknown }).context) {
				const e = error as NodeOperationError;
				if (e.context && e.context.itemIndex === undefined) e.context.itemIndex = i;
				throw e;
			}
			throw new NodeOperationError(this.getNode(), error as Error, { itemIndex: i });
		}
	};

	const first = items.length ? operationFor(0) : undefined;
	const concurrency = first?.parallel ? (options.concurrency ?? 4) : 1;
	const perItem = await mapWithConcurrency(items.length, concurrency, runOne);
	return [perItem.flat()];
}
