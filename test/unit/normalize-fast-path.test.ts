import { isoOrNull, pick } from '../../core/normalize';

describe('normalization fast paths (issue 8: Simplify on 10,000 cases)', () => {
	it('returns a canonical ISO timestamp as it is, and still lets Date settle the others', () => {
		expect(isoOrNull('2026-11-24T23:47:22.829Z')).toBe('2026-11-24T23:47:22.829Z');
		expect(isoOrNull('2026-02-28T00:00:00.000Z')).toBe('2026-02-28T00:00:00.000Z');
		// day 29-31 and other shapes go through Date, as before
		expect(isoOrNull('2026-02-31T00:00:00.000Z')).toBe('2026-03-03T00:00:00.000Z');
		expect(isoOrNull('2026-11-24T23:47:22Z')).toBe('2026-11-24T23:47:22.000Z');
		expect(isoOrNull('2026-11-24T23:47:22.829+01:00')).toBe('2026-11-24T22:47:22.829Z');
	});

	it('finds a key in any casing, the same on every call', () => {
		for (let i = 0; i < 3; i++) {
			expect(pick({ 'created-at': 1 }, 'createdAt')).toBe(1);
			expect(pick({ created_at: 2 }, 'created-at')).toBe(2);
			expect(pick({ createdAt: 3 }, 'created_at')).toBe(3);
			expect(pick({ other: 4 }, 'created_at')).toBeUndefined();
		}
	});
});
