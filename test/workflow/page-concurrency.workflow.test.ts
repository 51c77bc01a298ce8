import type { IDataObject } from 'n8n-workflow';

import { CertnApi } from '../../credentials/CertnApi.credentials';
import { PenboxApi } from '../../credentials/PenboxApi.credentials';
import { SphinxApi } from '../../credentials/SphinxApi.credentials';
import { SphinxOAuth2Api } from '../../credentials/SphinxOAuth2Api.credentials';
import { MAX_PAGE_CONCURRENCY, pageConcurrencyFor } from '../../core/rateWindows';
import { Certn } from '../../nodes/Certn/Certn.node';
import { Penbox } from '../../nodes/Penbox/Penbox.node';
import { Sphinx } from '../../nodes/Sphinx/Sphinx.node';
import { runNode } from '../harness';
import { startCertnSimulator } from '../../simulators/certn';
import { startPenboxSimulator } from '../../simulators/penbox';
import { startSphinxSimulator } from '../../simulators/sphinx';

/**
 * Every page-number vendor gets the same concurrent pages from the core (pageConcurrencyFor its
 * documented budget), not a number of its own: with every answer slowed to 150 ms, Get Many ›
 * Return All of 10 pages has the first page alone, then 8 pages in flight at once (measured from
 * the simulator's arrival times and durations), every case once, 0 × 429.
 */

type Logged = { method: string; path: string; time: string; durationMs?: number; status: number | null };

/** The most requests that were being answered at the same moment. */
function maxInFlight(log: Logged[]): number {
	const spans = log.map((r) => ({ from: Date.parse(r.time), to: Date.parse(r.time) + (r.durationMs ?? 0) }));
	return Math.max(...spans.map((s) => spans.filter((o) => o.from <= s.from && s.from < o.to).length));
}

const SLOW = { type: 'slow', delayMs: 150, count: 1000 };

describe('page-number lists: concurrent pages set by the core from the documented budget', () => {
	it('every vendor here gets 8 (the tightest window allows at least that many at once)', () => {
		expect(MAX_PAGE_CONCURRENCY).toBe(8);
		expect(pageConcurrencyFor({ limit: 60, intervalMs: 60_000 })).toBe(8);
		expect(pageConcurrencyFor([{ limit: 100, intervalMs: 60_000 }, { limit: 1000, intervalMs: 3_600_000 }])).toBe(8);
		// A vendor allowing 3 per second: never more in flight than one window lets through.
		expect(pageConcurrencyFor({ limit: 3, intervalMs: 1000 })).toBe(3);
	});

	it('Sphinx Get Many › Return All: 8 pages in flight, every case once', async () => {
		const sim = await startSphinxSimulator({ seed: 3, caseCount: 1000 });
		try {
			sim.control.pushFaults(SLOW);
			const { items, error } = await runNode({
				nodeType: Sphinx,
				credentialTypes: [SphinxApi, SphinxOAuth2Api],
				credentials: { sphinxApi: { accessToken: sim.accessToken, baseUrl: sim.baseUrl } } as never,
				parameters: { authentication: 'accessToken', resource: 'case', operation: 'getAll', returnAll: true, simplify: false },
				node: { credentials: { sphinxApi: { id: 'sphinxApi', name: 'Sphinx token' } } },
			});
			expect(error).toBeUndefined();
			expect(new Set(items.map((i) => (i.json as IDataObject).id)).size).toBe(1000);
			const pages = (sim.control.requests() as unknown as Logged[]).filter((r) => r.method === 'GET' && r.path.includes('/cases'));
			expect(pages).toHaveLength(10);
			expect(pages.every((p) => p.status === 200)).toBe(true);
			expect(maxInFlight(pages)).toBe(8);
		} finally {
			await sim.stop();
		}
	});

	it('Penbox Get Many › Return All: 8 pages in flight, every listed case once', async () => {
		const sim = await startPenboxSimulator({ seed: 3, caseCount: 1000 });
		try {
			sim.control.pushFaults(SLOW);
			const { items, error } = await runNode({
				nodeType: Penbox,
				credentialTypes: [PenboxApi],
				credentials: { penboxApi: { apiKey: sim.apiKey, baseUrl: sim.baseUrl } },
				parameters: { resource: 'case', operation: 'getAll', returnAll: true, simplify: false },
			});
			expect(error).toBeUndefined();
			const ids = items.map((i) => (i.json as IDataObject).id);
			expect(ids.length).toBeGreaterThan(800); // archived cases are hidden by default
			expect(new Set(ids).size).toBe(ids.length);
			const pages = (sim.control.requests() as unknown as Logged[]).filter((r) => r.method === 'GET' && r.path.endsWith('/cases'));
			expect(pages.length).toBe(Math.ceil(ids.length / 100));
			expect(pages.every((p) => p.status === 200)).toBe(true);
			expect(maxInFlight(pages)).toBe(Math.min(8, pages.length - 1));
		} finally {
			await sim.stop();
		}
	});

	it('Certn Get Many › Return All: 8 pages in flight, every case once', async () => {
		const sim = await startCertnSimulator({ seed: 3, caseCount: 1000 });
		try {
			sim.control.pushFaults(SLOW);
			const { items, error } = await runNode({
				nodeType: Certn,
				credentialType: CertnApi,
				credentials: { certnApi: { apiKey: sim.apiKey, environment: 'custom', baseUrl: sim.baseUrl } },
				parameters: { resource: 'case', operation: 'getAll', returnAll: true, simplify: false },
			});
			expect(error).toBeUndefined();
			expect(new Set(items.map((i) => (i.json as IDataObject).id)).size).toBe(1000);
			const pages = (sim.control.requests() as unknown as Logged[]).filter((r) => r.method === 'GET' && r.path.startsWith('/api/public/'));
			expect(pages).toHaveLength(10);
			expect(pages.every((p) => p.status === 200)).toBe(true);
			expect(maxInFlight(pages)).toBe(8);
		} finally {
			await sim.stop();
		}
	});
});
