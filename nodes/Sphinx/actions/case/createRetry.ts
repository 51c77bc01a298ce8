import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { createWithLookup as withLookup } from '../../../../core/createLookup';
import { sphinxPaths, sphinxRequest } from '../../api';

/**
 * Sphinx has no idempotency keys: where the case has an External ID (unique per organisation),
 * an unclear failure of a create is resolved by looking the case up (core/createLookup.ts). The
 * list filter by external_id is not documented, so its answer is checked case by case.
 */
export async function createWithLookup(
	ctx: IExecuteFunctions,
	itemIndex: number,
	externalId: string | undefined,
	enabled: boolean,
	create: () => Promise<IDataObject>,
): Promise<{ raw: IDataObject; recovered?: string }> {
	return await withLookup({
		vendor: 'Sphinx',
		label: 'External ID',
		key: enabled ? externalId : undefined,
		create,
		lookup: async () => {
			const page = await sphinxRequest.call(
				ctx,
				{ method: 'GET', path: sphinxPaths.cases, qs: { external_id: externalId, page: 1, page_size: 10 } },
				{ itemIndex, context: `looking up case ${externalId}` },
			);
			return Array.isArray(page.results) ? (page.results as IDataObject[]) : [];
		},
		carriesKey: (c) => c.external_id === externalId,
	});
}
