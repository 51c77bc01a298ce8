import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { penboxPaths, penboxRequest } from '../../api';

/** A failure after which the create may or may not have reached Penbox (timeout, reset, 5xx). */
function outcomeUnknown(error: unknown): boolean {
	const e = error as { httpCode?: unknown; errorResponse?: { networkCode?: unknown; reason?: unknown } };
	const status = Number(e.httpCode);
	if (Number.isFinite(status) && status > 0) return status >= 500 || status === 408;
	const code = e.errorResponse?.networkCode;
	if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') return false;
	return e.errorResponse?.reason !== undefined;
}

/**
 * `POST /cases` answers 200 and Penbox has no idempotency key, so the core never repeats it.
 * With a reference, an unclear failure is resolved by listing cases with that reference:
 * found → it was created and is returned; none → the create is sent once more. The answer
 * is trusted only when every listed case carries that reference.
 */
export async function createWithLookup(
	ctx: IExecuteFunctions,
	itemIndex: number,
	reference: string | undefined,
	create: () => Promise<IDataObject>,
): Promise<{ raw: IDataObject; recovered?: string }> {
	let failure: unknown;
	try {
		return { raw: await create() };
	} catch (error) {
		failure = error;
	}
	if (!reference || !outcomeUnknown(failure)) throw failure;
	const page = await penboxRequest
		.call(
			ctx,
			{ method: 'GET', path: penboxPaths.cases, qs: { reference, 'page[number]': 1, 'page[size]': 10 } },
			{ itemIndex, context: `looking up case ${reference}` },
		)
		.catch(() => undefined);
	if (!page) throw failure;
	const found = Array.isArray(page.data) ? (page.data as IDataObject[]) : [];
	if (!found.every((c) => c.reference === reference)) {
		const e = failure as { description?: string };
		e.description = `${e.description ?? ''}\nThe node looked for a case with reference "${reference}", but Penbox's list did not filter by it, so whether the case was created is unknown. Search for it in Penbox before running this item again.`.trim();
		throw failure;
	}
	if (found.length) return { raw: found[0], recovered: 'found by reference after a failed create' };
	return { raw: await create(), recovered: 'created again: no case with this reference existed after a failed create' };
}
