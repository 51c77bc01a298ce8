import { MAX_SEEN_IDS, pollResult, readBackTo, rememberSeen, trimSnapshots, unseen, walkForward } from '../../core/poll';
import { windowsLimiter } from '../../core/rateWindows';
import { useVirtualClock } from '../harness/clock';

/**
 * A newest-first list like Persona's events: `items[0]` is the newest. Items can be added at the
 * top at any time, as events that happen while a poll reads.
 */
function newestFirstList(count: number) {
	let next = 0;
	const items: string[] = [];
	const add = (n: number) => {
		for (let i = 0; i < n; i++) items.unshift(`evt_${String(next++).padStart(5, '0')}`);
	};
	add(count);
	return {
		items,
		add,
		/** The page just newer than `cursor` (newest first), as `page[before]` answers. */
		newer(cursor: string, size: number) {
			const end = items.indexOf(cursor);
			const page = items.slice(Math.max(0, end - size), end);
			return { items: page, more: end > size };
		},
		/** The page after `cursor` (older), as `page[after]` answers; from the top without one. */
		older(cursor: string | undefined, size: number) {
			const start = cursor === undefined ? 0 : items.indexOf(cursor) + 1;
			const page = items.slice(start, start + size);
			return { items: page, next: start + size < items.length ? page[page.length - 1] : undefined };
		},
	};
}
const idOf = (id: string) => id;

describe('core/poll', () => {
	it('rememberSeen keeps each id once, newest last, at most the bound', () => {
		expect(rememberSeen(['a', 'b'], ['b', 'c', 'c'])).toEqual(['a', 'b', 'c']);
		const many = Array.from({ length: 1500 }, (_, i) => `id${i}`);
		const kept = rememberSeen(undefined, many);
		expect(kept).toHaveLength(MAX_SEEN_IDS);
		expect(kept[0]).toBe('id500');
		expect(kept.at(-1)).toBe('id1499');
		// Seen again: moves to the newest end, so it is the last to be forgotten.
		expect(rememberSeen(['x', 'y', 'z'], ['x'], 3)).toEqual(['y', 'z', 'x']);
		expect(rememberSeen(['x', 'y', 'z'], ['w'], 3)).toEqual(['y', 'z', 'w']);
	});

	it('trimSnapshots drops the entries that sort lowest, keeping the bound', () => {
		const snapshots: Record<string, string> = {};
		for (let i = 0; i < 20; i++) snapshots[`case${i}`] = `2026-01-${String(i + 1).padStart(2, '0')}|OPEN`;
		trimSnapshots(snapshots, 5, (key) => snapshots[key]);
		expect(Object.keys(snapshots).sort()).toEqual(['case15', 'case16', 'case17', 'case18', 'case19']);
	});

	it('pollResult and unseen', () => {
		expect(pollResult([])).toBeNull();
		expect(pollResult([{ json: {} }])).toEqual([[{ json: {} }]]);
		expect(unseen(['a', 'b', 'b', 'c'], ['a'], idOf)).toEqual(['b', 'c']);
	});

	it('readBackTo reads newest first down to the position and returns oldest first; a page cap says incomplete', async () => {
		const list = newestFirstList(350);
		const position = list.items[120];
		const back = await readBackTo(async (cursor) => list.older(cursor, 50), { reached: (id) => id <= position, maxPages: 10 });
		expect(back).toEqual({ items: list.items.slice(0, 120).reverse(), complete: true });
		const capped = await readBackTo(async (cursor) => list.older(cursor, 50), { reached: () => false, maxPages: 2 });
		expect(capped.complete).toBe(false);
		expect(capped.items).toHaveLength(100);
	});

	it('walkForward reads a backlog oldest first and goes on from its cursor after a restart, each item once', async () => {
		const list = newestFirstList(1);
		const start = list.items[0];
		list.add(1050);
		const first = await walkForward(async (c) => list.newer(c, 100), start, { idOf, maxPages: 4 });
		expect(first.complete).toBe(false);
		expect(first.items).toHaveLength(400);
		// A restart: only the cursor was kept (in static data).
		const saved = JSON.parse(JSON.stringify({ cursor: first.cursor })) as { cursor: string };
		const rest = await walkForward(async (c) => list.newer(c, 100), saved.cursor, { idOf, maxPages: 100 });
		expect(rest.complete).toBe(true);
		const all = [...first.items, ...rest.items];
		expect(all).toEqual([...list.items.slice(0, 1050)].reverse());
		expect(new Set(all).size).toBe(1050);
		// Nothing new: an empty read that keeps the cursor.
		expect(await walkForward(async (c) => list.newer(c, 100), rest.cursor, { idOf, maxPages: 100 })).toEqual({ items: [], cursor: rest.cursor, complete: true });
	});

	it('walkForward misses nothing and repeats nothing when items arrive while it reads', async () => {
		const list = newestFirstList(1);
		const start = list.items[0];
		list.add(250);
		let reads = 0;
		const out = await walkForward(
			async (c) => {
				// Between pages, 7 more arrive at the top.
				if (reads++ === 1) list.add(7);
				return list.newer(c, 100);
			},
			start,
			{ idOf, maxPages: 100 },
		);
		expect(out.items).toEqual([...list.items.slice(0, 257)].reverse());
		expect(out.cursor).toBe(list.items[0]);
	});

	it('readBackTo: items added at the top during the read are left for the next poll, not lost', async () => {
		const list = newestFirstList(200);
		const position = list.items[150];
		let reads = 0;
		const first = await readBackTo(
			async (cursor) => {
				if (reads++ === 1) list.add(5);
				return list.older(cursor, 50);
			},
			{ reached: (id) => id <= position, maxPages: 10 },
		);
		expect(first.items).toHaveLength(150);
		const newest = first.items.at(-1) as string;
		const second = await readBackTo(async (cursor) => list.older(cursor, 50), { reached: (id) => id <= newest, maxPages: 10 });
		expect(second.items).toEqual(list.items.slice(0, 5).reverse());
	});

	it('catches up over many pages within the rate limit: waits for the window instead of exceeding it', async () => {
		const clock = useVirtualClock(10_000_000);
		try {
			const limiter = windowsLimiter(`poll-test|${Math.random()}`, { limit: 5, intervalMs: 60_000 });
			const list = newestFirstList(1);
			const start = list.items[0];
			list.add(1200);
			const sentAt: number[] = [];
			const out = await walkForward(
				async (c) => {
					const permit = await limiter.take(Infinity, () => 0);
					if (!permit) throw new Error('no permit');
					sentAt.push(clock.now);
					permit.done();
					return list.newer(c, 100);
				},
				start,
				{ idOf, maxPages: 100 },
			);
			expect(out.items).toHaveLength(1200);
			expect(sentAt).toHaveLength(12);
			// Never more than 5 requests in any 60 s.
			for (let i = 5; i < sentAt.length; i++) expect(sentAt[i] - sentAt[i - 5]).toBeGreaterThanOrEqual(60_000);
			expect(clock.sleeps.length).toBeGreaterThan(0);
		} finally {
			clock.restore();
		}
	});
});
