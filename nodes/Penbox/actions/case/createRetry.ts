import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { createWithLookup as withLookup } from '../../../../core/createLookup';
import { penboxPaths, penboxRequest } from '../../api';

/**
 * `POST /cases` answers 200 and Penbox has no idempotency key: with a reference, an unclear
 * failure of a create is resolved by listing cases with that reference (core/createLookup.ts).
 */
export async function createWithLookup(
	ctx: IExecuteFunctions,
	itemIndex: number,
	reference: string | undefined,
	create: () => Promise<IDataObject>,
): Promise<{ raw: IDataObject; recovered?: string }> {
	return await withLookup({
		vendor: 'Penbox',
		label: 'reference',
		key: reference,
		create,
		lookup: async () => {
			const page = await penboxRequest.call(
				ctx,
				{ method: 'GET', path: penboxPaths.cases, qs: { reference, 'page[number]': 1, 'page[size]': 10 } },
				{ itemIndex, context: `looking up case ${reference}` },
			);
			return Array.isArray(page.data) ? (page.data as IDataObject[]) : [];
		},
		carriesKey: (c) => c.reference === reference,
	});
}
