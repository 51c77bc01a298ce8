import { chunk } from '../../core/batch';
import { readBulkAnswer } from '../../nodes/Zenoo/actions/alert/bulk';

describe('core/batch chunk', () => {
	it('splits into as few chunks of at most `size` as possible', () => {
		expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
		expect(chunk(Array.from({ length: 120 }, (_, i) => i), 50).map((c) => c.length)).toEqual([50, 50, 20]);
		expect(chunk([], 50)).toEqual([]);
	});
});

describe('Zenoo bulk answers → per-token results', () => {
	const tokens = ['alt_a', 'alt_b', 'alt_c'];
	it('documented resolve answer: counts plus errors per token', () => {
		const r = readBulkAnswer({ resolved: 2, failed: 1, errors: [{ alert_token: 'alt_b', error: 'already resolved' }] }, 'resolved', tokens);
		expect(Object.fromEntries(r)).toEqual({ alt_a: { ok: true }, alt_b: { ok: false, error: 'already resolved' }, alt_c: { ok: true } });
	});
	it('counts only: all done when nothing failed, not known when some did', () => {
		expect([...readBulkAnswer({ acknowledged: 3, failed: 0 }, 'acknowledged', tokens).values()].every((x) => x.ok === true)).toBe(true);
		expect([...readBulkAnswer({ acknowledged: 2, failed: 1 }, 'acknowledged', tokens).values()].map((x) => x.ok)).toEqual([null, null, null]);
	});
	it('lists in place of counts (tokens or objects), and errors as objects', () => {
		const r = readBulkAnswer({ assigned: ['alt_a', { token: 'alt_c' }], failed: [{ alert_token: 'alt_b', error: { message: 'unknown user' } }] }, 'assigned', tokens);
		expect(Object.fromEntries(r)).toEqual({ alt_a: { ok: true }, alt_b: { ok: false, error: 'unknown user' }, alt_c: { ok: true } });
	});
});
