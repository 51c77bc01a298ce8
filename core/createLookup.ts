import type { IDataObject } from 'n8n-workflow';

/** A failure after which a create may or may not have reached the vendor (timeout, reset, 5xx). */
export function createOutcomeUnknown(error: unknown): boolean {
	const e = error as { httpCode?: unknown; errorResponse?: { networkCode?: unknown; reason?: unknown } };
	const status = Number(e.httpCode);
	if (Number.isFinite(status) && status > 0) return status >= 500 || status === 408;
	const code = e.errorResponse?.networkCode;
	if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') return false;
	return e.errorResponse?.reason !== undefined;
}

/**
 * For vendors without idempotency keys, where a record carries a key of the user's that is unique
 * (an external ID, a reference): the core never repeats a create blindly, so an unclear failure is
 * resolved by looking the record up by that key. Found → it was created, and is returned; none →
 * the create is sent once more. The lookup is trusted only when every record it lists carries the
 * key (a server that ignored the filter would list other records); otherwise the original error
 * is thrown, saying the outcome is unknown.
 */
export async function createWithLookup(options: {
	vendor: string;
	/** What the key is called, e.g. "External ID". */
	label: string;
	key: string | undefined;
	create: () => Promise<IDataObject>;
	/** The records the vendor lists for the key. */
	lookup: () => Promise<IDataObject[]>;
	/** Whether a listed record carries the key. */
	carriesKey: (record: IDataObject) => boolean;
}): Promise<{ raw: IDataObject; recovered?: string }> {
	const { vendor, label, key } = options;
	let failure: unknown;
	try {
		return { raw: await options.create() };
	} catch (error) {
		failure = error;
	}
	if (!key || !createOutcomeUnknown(failure)) throw failure;
	const found = await options.lookup().catch(() => undefined);
	if (!found) throw failure;
	if (!found.every(options.carriesKey)) {
		const e = failure as { description?: string };
		e.description = `${e.description ?? ''}\nThe node looked for a case with ${label} "${key}", but ${vendor}'s list did not filter by it, so whether the case was created is unknown. Search for it in ${vendor} before running this item again.`.trim();
		throw failure;
	}
	if (found.length) return { raw: found[0], recovered: `found by ${label} after a failed create` };
	return {
		raw: await options.create(),
		recovered: `created again: no case with this ${label} existed after a failed create`,
	};
}
