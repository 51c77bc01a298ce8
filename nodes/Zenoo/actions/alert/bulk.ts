import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { BatchedOperation, KeyResult } from '../../../../core/batch';
import { dataOf, zenooMutation, zenooPaths, zenooResponse } from '../../api';
import { alertTokensOf } from './fields';

/** Zenoo's limit per bulk call (documented: 1–50 alert tokens). */
export const BULK_LIMIT = 50;

type Kind = 'resolve' | 'acknowledge' | 'assign';

const tokenOf = (entry: unknown): string | undefined => {
	if (typeof entry === 'string') return entry;
	if (entry && typeof entry === 'object') {
		const e = entry as IDataObject;
		const t = e.alert_token ?? e.token;
		return typeof t === 'string' ? t : undefined;
	}
	return undefined;
};
const messageOf = (entry: unknown): string => {
	if (entry && typeof entry === 'object') {
		const e = entry as IDataObject;
		const m = e.error ?? e.message ?? e.reason;
		if (typeof m === 'string') return m;
		if (m && typeof m === 'object' && typeof (m as IDataObject).message === 'string') return (m as IDataObject).message as string;
	}
	return 'refused by Zenoo';
};

/**
 * Per-token results from a bulk answer. Documented: resolve → `{resolved, failed, errors:
 * [{alert_token, error}]}`, acknowledge → `{acknowledged, failed}`, assign → `{assigned, failed}`
 * (counts). Lists of tokens in place of counts are read too. Tokens the answer does not place
 * are done when the failures are all accounted for, else not known (null).
 */
export function readBulkAnswer(data: IDataObject, doneKey: string, tokens: string[]): Map<string, KeyResult> {
	const results = new Map<string, KeyResult>();
	const failures = [...(Array.isArray(data.errors) ? data.errors : []), ...(Array.isArray(data.failed) ? data.failed : [])];
	for (const entry of failures) {
		const token = tokenOf(entry);
		if (token && tokens.includes(token)) results.set(token, { ok: false, error: typeof entry === 'string' ? 'refused by Zenoo' : messageOf(entry) });
	}
	if (Array.isArray(data[doneKey]))
		for (const entry of data[doneKey] as unknown[]) {
			const token = tokenOf(entry);
			if (token && tokens.includes(token) && !results.has(token)) results.set(token, { ok: true });
		}
	const failedCount = typeof data.failed === 'number' ? data.failed : failures.length;
	const placedFailures = [...results.values()].filter((r) => r.ok === false).length;
	for (const token of tokens) if (!results.has(token)) results.set(token, { ok: failedCount <= placedFailures ? true : null });
	return results;
}

/**
 * A bulk alert call as a batched operation. Where Zenoo's answer leaves tokens unplaced (counts
 * only, some failed), each of those alerts is read back to see whether the change took.
 */
export function bulkOperation<P extends IDataObject>(o: {
	kind: Kind;
	doneKey: string;
	readParams(ctx: IExecuteFunctions, itemIndex: number): P;
	/** Whether a read-back alert shows the change. */
	took(alert: IDataObject, params: P): boolean;
	/** "resolved", "acknowledged", "assigned" */
	verb: string;
}): BatchedOperation<P> {
	return {
		maxKeysPerCall: BULK_LIMIT,
		read(ctx, i) {
			const keys = alertTokensOf(ctx, i);
			return { keys, params: o.readParams(ctx, i) };
		},
		async call(ctx, tokens, params, itemIndexes) {
			const data = await zenooMutation.call(
				ctx,
				itemIndexes[0],
				{ method: 'POST', path: zenooPaths.alertsBulk(o.kind), body: { alert_tokens: tokens, ...params } },
				{ context: `bulk ${o.kind} of ${tokens.length} alert${tokens.length === 1 ? '' : 's'}` },
			);
			const results = readBulkAnswer(data, o.doneKey, tokens);
			for (const [token, result] of results) {
				if (result.ok !== null) continue;
				try {
					const r = await zenooResponse.call(ctx, { method: 'GET', path: zenooPaths.alert(token) }, { itemIndex: itemIndexes[0], acceptStatus: [404] });
					results.set(token, r.statusCode === 404 ? { ok: false, error: `Alert ${token} was not found` } : o.took(dataOf(r.body), params) ? { ok: true } : { ok: false, error: `not ${o.verb} (Zenoo counted it as failed)` });
				} catch (error) {
					results.set(token, { ok: null, error: `Zenoo reported failures without naming the alerts, and reading this one failed: ${(error as Error).message}` });
				}
			}
			return results;
		},
		output(ctx, i, tokens, results) {
			const list = tokens.map((t) => ({ alertToken: t, success: results.get(t)?.ok ?? null, ...(results.get(t)?.error ? { error: results.get(t)?.error } : {}) }));
			const failed = list.filter((r) => r.success === false);
			const json: IDataObject = {
				operation: `bulk${o.kind[0].toUpperCase()}${o.kind.slice(1)}`,
				alertTokens: tokens,
				succeeded: list.filter((r) => r.success === true).length,
				failed: failed.length,
				unknown: list.filter((r) => r.success === null).length,
				results: list,
			};
			if (!failed.length) return { json };
			return {
				json,
				failure: {
					message: `Zenoo ${o.verb} ${tokens.length - failed.length} of ${tokens.length} alerts of this item; refused: ${failed
						.slice(0, 5)
						.map((f) => `${f.alertToken} (${f.error})`)
						.join(', ')}${failed.length > 5 ? ', …' : ''}`,
					description: `The other alerts were ${o.verb}. Check the refused ones in Zenoo (an alert already resolved cannot be changed again), then run this item again with only those tokens.`,
				},
			};
		},
	};
}
