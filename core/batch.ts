import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** What the vendor said about one key of a batched call: done, refused (with why), or not known. */
export interface KeyResult {
	ok: boolean | null;
	error?: string;
}

/** What an item's output says, and the failure to report for it (refused keys), if any. */
export interface BatchedItemOutput {
	json: IDataObject;
	failure?: { message: string; description?: string };
}

/**
 * An operation the vendor offers in bulk (one call for up to `maxKeysPerCall` keys): each input
 * item names keys and the parameters of its call; items with the same parameters share calls.
 */
export interface BatchedOperation<P> {
	maxKeysPerCall: number;
	/** Reads and checks item `i` before anything is sent; throws for bad input. */
	read(ctx: IExecuteFunctions, itemIndex: number): { keys: string[]; params: P };
	/** One vendor call for `keys` (at most maxKeysPerCall); a result per key. */
	call(ctx: IExecuteFunctions, keys: string[], params: P, itemIndexes: number[]): Promise<Map<string, KeyResult>>;
	/** Item `i`'s output from its keys' results. */
	output(ctx: IExecuteFunctions, itemIndex: number, keys: string[], results: Map<string, KeyResult>): BatchedItemOutput;
}

function errorJson(error: Error & { description?: unknown; httpCode?: unknown }): IDataObject {
	const json: IDataObject = { error: error.message };
	if (typeof error.description === 'string' && error.description) json.description = error.description;
	if (error.httpCode) json.httpCode = String(error.httpCode);
	return json;
}

/** n8n's node errors pass through (with the item they concern); anything else is wrapped. */
function asNodeError(ctx: IExecuteFunctions, error: unknown, itemIndex: number): NodeOperationError {
	if (error instanceof NodeOperationError || (error as { context?: unknown }).context) {
		const e = error as NodeOperationError;
		if (e.context && e.context.itemIndex === undefined) e.context.itemIndex = itemIndex;
		return e;
	}
	return new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
}

/** Splits `list` into chunks of at most `size`. */
export function chunk<T>(list: T[], size: number): T[][] {
	const out: T[][] = [];
	for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
	return out;
}

/**
 * Runs a bulk operation over all input items in as few calls as the vendor's limit allows:
 * every item is read first (bad input fails before anything is sent), items with the same
 * parameters are grouped, their keys de-duplicated and sent in chunks of `maxKeysPerCall`, and
 * each key's result is mapped back to every item that named it. With Continue On Fail, bad items
 * and items with refused keys become error items (paired with their input), the rest go on.
 */
export async function runBatched<P>(ctx: IExecuteFunctions, op: BatchedOperation<P>): Promise<INodeExecutionData[]> {
	const items = ctx.getInputData();
	const continueOnFail = ctx.continueOnFail();
	const read: Array<{ keys: string[]; params: P } | { error: Error }> = items.map((_, i) => {
		try {
			const r = op.read(ctx, i);
			return { keys: [...new Set(r.keys)], params: r.params };
		} catch (error) {
			if (!continueOnFail) throw asNodeError(ctx, error, i);
			return { error: error as Error };
		}
	});

	const groups = new Map<string, { params: P; items: number[] }>();
	read.forEach((r, i) => {
		if ('error' in r) return;
		const id = JSON.stringify(r.params);
		const group = groups.get(id) ?? { params: r.params, items: [] };
		group.items.push(i);
		groups.set(id, group);
	});

	const results = new Map<string, Map<string, KeyResult>>();
	const callErrors = new Map<number, Error>();
	for (const [id, group] of groups) {
		const byKey = new Map<string, KeyResult>();
		results.set(id, byKey);
		const keys = [...new Set(group.items.flatMap((i) => (read[i] as { keys: string[] }).keys))];
		for (const part of chunk(keys, op.maxKeysPerCall)) {
			const owners = group.items.filter((i) => (read[i] as { keys: string[] }).keys.some((k) => part.includes(k)));
			try {
				for (const [key, result] of await op.call(ctx, part, group.params, owners)) byKey.set(key, result);
			} catch (error) {
				if (!continueOnFail) throw asNodeError(ctx, error, owners[0]);
				for (const i of owners) if (!callErrors.has(i)) callErrors.set(i, error as Error);
			}
		}
	}

	return read.map((r, i): INodeExecutionData => {
		const paired = { item: i };
		if ('error' in r) return { json: errorJson(r.error), pairedItem: paired };
		const callError = callErrors.get(i);
		if (callError) return { json: errorJson(callError), pairedItem: paired };
		const out = op.output(ctx, i, r.keys, results.get(JSON.stringify(r.params)) ?? new Map());
		if (!out.failure) return { json: out.json, pairedItem: paired };
		if (!continueOnFail)
			throw new NodeOperationError(ctx.getNode(), out.failure.message, { itemIndex: i, description: out.failure.description });
		return { json: { error: out.failure.message, ...(out.failure.description ? { description: out.failure.description } : {}), ...out.json }, pairedItem: paired };
	});
}
