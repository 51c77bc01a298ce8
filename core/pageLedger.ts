import type { IDataObject } from 'n8n-workflow';

/**
 * What a walk over a list's pages has collected, by item id: drops an item a later page repeats
 * and notices a page sent twice (core/paginate.ts).
 */

function asObject(value: unknown): IDataObject {
	return value && typeof value === 'object' && !Array.isArray(value) ? (value as IDataObject) : {};
}

export const REPEATED_CURSOR = 'The API returned the same page cursor twice; stopped to avoid an endless loop.';

export function defaultItemId(item: IDataObject): string | undefined {
	const id = item?.id ?? item?.token ?? item?.uuid;
	return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
}

const REPEATED_PAGE =
	'The API sent a page it had already sent (the same items again), so its paging is not moving on; stopped to avoid an endless loop or a wrong list. Run the workflow again later; if it keeps happening, use a Limit or narrower filters.';

/**
 * Keeps a walk's items unique by id and notices a page sent twice: a page identical (same ids
 * in the same order) to an earlier one. Items shifted onto a later page by a list that grew
 * meanwhile are dropped quietly; a repeated page is an error (the walk would loop or miss items).
 */
export class PageLedger {
	private readonly ids = new Set<string>();

	private readonly pages = new Set<string>();

	constructor(
		readonly idOf: (item: IDataObject) => string | undefined,
		private readonly fail: (message: string) => never,
	) {}

	/** Which of a page's items (by their ids) were not collected before; fails on a page seen before. */
	keep(ids: Array<string | undefined>): boolean[] {
		if (ids.length && ids.every((id) => id !== undefined)) {
			const signature = ids.join('\n');
			if (this.pages.has(signature)) this.fail(REPEATED_PAGE);
			this.pages.add(signature);
		}
		return ids.map((id) => {
			if (id === undefined) return true;
			if (this.ids.has(id)) return false;
			this.ids.add(id);
			return true;
		});
	}

	/** A new walk over the same list: pages seen before are no longer repeats (ids still are). */
	forgetPages(): void {
		this.pages.clear();
	}

	/** The items of a page not collected before. */
	fresh(items: IDataObject[]): IDataObject[] {
		const keep = this.keep(items.map((item) => this.idOf(item)));
		return items.filter((_, i) => keep[i]);
	}
}

export /** The counts a page-number answer reports (page count, item count), to notice a list that changed. */
function reportedTotals(body: unknown): string {
	const doc = asObject(body);
	const meta = asObject(doc.pagination ?? doc.meta);
	const keys = ['page_count', 'total_pages', 'pageCount', 'result_count', 'total', 'count', 'total_count'];
	return JSON.stringify([...keys.map((k) => meta[k] ?? null), ...keys.map((k) => doc[k] ?? null)]);
}
