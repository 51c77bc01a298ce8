import type { IDataObject } from 'n8n-workflow';

import { collectRanges, rangeCountFor, splitKeyRange, type KeyRange } from '../../core/splitWalk';
import { canSplit, queryInRange } from '../../nodes/Persona/actions/case/searchRanges';

/** Which range a key falls in: exactly one, or the ranges are wrong. */
function owners(ranges: KeyRange[], key: number): number[] {
	return ranges
		.map((r, i) => ((r.from === undefined || key >= r.from) && (r.to === undefined || key < r.to) ? i : -1))
		.filter((i) => i >= 0);
}

describe('splitKeyRange', () => {
	it('cuts [low, high] into `parts` half-open ranges, open below and above, every key in exactly one', () => {
		const ranges = splitKeyRange(1000, 9000, 8);
		expect(ranges).toHaveLength(8);
		expect(ranges[0]).toEqual({ to: 2000 });
		expect(ranges[7]).toEqual({ from: 8000 });
		for (let i = 1; i < 8; i++) expect(ranges[i].from).toBe(ranges[i - 1].to);
		for (const key of [-5, 1000, 1999, 2000, 5555, 8999, 9000, 1e12]) expect(owners(ranges, key)).toHaveLength(1);
	});

	it('makes fewer ranges when the span has fewer keys, and one open range when there is nothing to split', () => {
		expect(splitKeyRange(10, 12, 8)).toEqual([{ to: 11 }, { from: 11, to: 12 }, { from: 12 }]);
		expect(splitKeyRange(5, 5, 8)).toEqual([{}]);
		expect(splitKeyRange(5, 4, 8)).toEqual([{}]);
		expect(splitKeyRange(0, 100, 1)).toEqual([{}]);
	});
});

describe('rangeCountFor', () => {
	it('one range per 30 requests a minute of the tightest window, 1 to 8', () => {
		expect(rangeCountFor({ limit: 300, intervalMs: 60_000 })).toBe(8);
		expect(rangeCountFor({ limit: 60, intervalMs: 60_000 })).toBe(2);
		expect(rangeCountFor({ limit: 10, intervalMs: 60_000 })).toBe(1);
		expect(rangeCountFor([{ limit: 100, intervalMs: 60_000 }, { limit: 1000, intervalMs: 3_600_000 }])).toBe(1);
	});
});

describe('collectRanges', () => {
	const walkOf = (pages: Record<string, IDataObject[]>) => async (range: string) => pages[range];

	it('concatenates in range order (reversed for a descending walk) and keeps the first of a repeated id', async () => {
		const pages = { a: [{ id: 1 }, { id: 2 }], b: [{ id: 2 }, { id: 3 }], c: [{ id: 4 }] };
		expect(await collectRanges(['a', 'b', 'c'], walkOf(pages), { concurrency: 3, key: (i) => i.id })).toEqual([
			{ id: 1 },
			{ id: 2 },
			{ id: 3 },
			{ id: 4 },
		]);
		const desc = { a: [{ id: 2 }, { id: 1 }], b: [{ id: 3 }], c: [{ id: 5 }, { id: 4 }] };
		const got = await collectRanges(['a', 'b', 'c'], walkOf(desc), { concurrency: 2, reverse: true, key: (i) => i.id });
		expect(got.map((i) => i.id)).toEqual([5, 4, 3, 2, 1]);
	});

	it('when one walk fails, the others stop before their next page and the first error is thrown', async () => {
		const fetched: string[] = [];
		let release: () => void = () => undefined;
		const gate = new Promise<void>((resolve) => (release = resolve));
		const walk = async (range: string, beforePage: () => void) => {
			const items: IDataObject[] = [];
			for (let page = 0; page < 5; page++) {
				beforePage();
				fetched.push(`${range}${page}`);
				if (range === 'bad') {
					// The other walk's page answers a little later (as a response from the network would).
					let later = Promise.resolve();
					for (let tick = 0; tick < 10; tick++) later = later.then(() => undefined);
					void later.then(release);
					throw new Error('HTTP 400 on the range condition');
				}
				await gate;
				items.push({ id: `${range}${page}` });
			}
			return items;
		};
		await expect(collectRanges(['ok', 'bad', 'later'], walk, { concurrency: 2 })).rejects.toThrow('HTTP 400');
		expect(fetched).toEqual(['ok0', 'bad0']); // 'ok' stopped before its second page, 'later' never started
	});
});

describe('Persona search query in a created_at range', () => {
	const leaf = { attribute: 'status', operator: 'eq', value: 'Open' };
	const range = { from: Date.UTC(2026, 0, 1), to: Date.UTC(2026, 1, 1) };
	const gte = { attribute: 'created_at', operator: 'gte', value: '2026-01-01T00:00:00.000Z' };
	const lt = { attribute: 'created_at', operator: 'lt', value: '2026-02-01T00:00:00.000Z' };

	it('joins a top-level "and" at the same depth, wraps anything else one level deeper', () => {
		expect(queryInRange(undefined, range)).toEqual({ and: [gte, lt] });
		expect(queryInRange({ and: [leaf] }, range)).toEqual({ and: [leaf, gte, lt] });
		expect(queryInRange(leaf, { to: range.to })).toEqual({ and: [leaf, lt] });
		expect(queryInRange({ or: [leaf, leaf] }, range)).toEqual({ and: [{ or: [leaf, leaf] }, gte, lt] });
		expect(queryInRange({ and: [leaf] }, {})).toEqual({ and: [leaf] });
	});

	it('refuses what Persona would refuse: depth over 2, more than 20 clauses in a list', () => {
		expect(canSplit({ and: [{ or: [leaf, leaf] }, leaf] })).toBe(true); // stays at depth 2
		expect(canSplit({ or: [{ and: [leaf] }, leaf] })).toBe(false); // would be 3
		expect(canSplit({ not: { or: [leaf] } })).toBe(false);
		expect(canSplit({ and: Array.from({ length: 18 }, () => leaf) })).toBe(true);
		expect(canSplit({ and: Array.from({ length: 19 }, () => leaf) })).toBe(false);
	});
});
