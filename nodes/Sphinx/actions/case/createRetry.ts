import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { sphinxPaths, sphinxRequest } from '../../api';

/** A failure after which the create may or may not have reached Sphinx (timeout, reset, 5xx). */
function outcomeUnknown(error: unknown): boolean {
	const e = error as { httpCode?: unknown; errorResponse?: { networkCode?: unknown; reason?: unknown } };
	const status = Number(e.httpCode);
	if (Number.isFinite(status) && status > 0) return status >= 500 || status === 408;
	const code = e.errorResponse?.networkCode;
	if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') return false;
	return e.errorResponse?.reason !== undefined;
}

/**
 * Sphinx has no idempotency keys, so the core never repeats a create blindly. Where the case has
 * an External ID (unique per organisation), an unclear failure is resolved by looking the case up:
 * found → it was created, and is returned; not found → the create is sent once more. The list
 * filter by external_id is not documented, so the answer is trusted only when every case in it
 * carries that External ID (a server that ignored the filter would list other cases).
 */
export async function createWithLookup(
	ctx: IExecuteFunctions,
	itemIndex: number,
	externalId: string | undefined,
	enabled: boolean,
	create: () => Promise<IDataObject>,
): Promise<{ raw: IDataObject; recovered?: string }> {
	let failure: unknown;
	try {
		return { raw: await create() };
	} catch (error) {
		failure = error;
	}
	if (!enabled || !externalId || !outcomeUnknown(failure)) throw failure;
	const page = await sphinxRequest
		.call(
			ctx,
			{ method: 'GET', path: sphinxPaths.cases, qs: { external_id: externalId, page: 1, page_size: 10 } },
			{ itemIndex, context: `looking up case ${externalId}` },
		)
		.catch(() => undefined);
	if (!page) throw failure;
	const found = Array.isArray(page.results) ? (page.results as IDataObject[]) : [];
	if (!found.every((c) => c.external_id === externalId)) {
		const e = failure as { description?: string };
		e.description = `${e.description ?? ''}\nThe node looked for a case with External ID "${externalId}", but Sphinx's list did not filter by it, so whether the case was created is unknown. Search for it in Sphinx before running this item again.`.trim();
		throw failure;
	}
	if (found.length) return { raw: found[0], recovered: 'found by External ID after a failed create' };
	return { raw: await create(), recovered: 'created again: no case with this External ID existed after a failed create' };
}
