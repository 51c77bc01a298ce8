// The rate limiter is per n8n process: two workers listing the same vendor account at once.
// Measured at the simulator: requests and 429s per rate-limit window; asserted: both lists are
// the exact set of cases (none missing, none twice) and ran on two different workers.

import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ids, actionPaths } from './helpers.mjs';

// The vendors' own window (a minute), with a budget the two lists together exceed (7 requests
// each for Persona's 600 cases, 4 for Zenoo's 300): a second window is needed either way.
const LIMITS = { persona: 10, zenoo: 6 };
const WINDOW_MS = 60_000;

export function rateLimitSuite({ ctx, sims, assertOnWorker, waitFor, perWindow, log }) {
	const cases = {
		persona: () => [...sims().persona.state.cases.keys()],
		zenoo: () => [...sims().zenoo.state.cases.keys()],
	};
	const apiPrefix = { persona: '/api/v1/', zenoo: '/v1/' };

	describe(`rate limit with two workers listing at once (vendor limit per ${WINDOW_MS / 1000} s: Persona ${LIMITS.persona}, Zenoo ${LIMITS.zenoo})`, () => {
		before(async () => {
			for (const id of [ids.personaList, ids.zenooList]) await ctx.q.main.activate(id);
		});

		for (const [vendor, workflowId, path] of [
			['persona', ids.personaList, actionPaths.personaList],
			['zenoo', ids.zenooList, actionPaths.zenooList],
		]) {
			test(`${vendor}: both lists complete and exact, on two workers; requests and 429s per window (measured)`, async () => {
				const sim = sims()[vendor];
				const LIMIT = LIMITS[vendor];
				const saved = sim.control.rateLimit();
				sim.control.setRateLimit({ limit: LIMIT, windowMs: WINDOW_MS }); // also opens a fresh window
				try {
					sim.control.clearRequests();
					const t = Date.now();
					const answers = await Promise.all(
						[1, 2].map(() => fetch(ctx.q.webhookUrl(path), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }).then((r) => r.status)),
					);
					assert.deepEqual(answers, [200, 200]);
					const list = await waitFor(workflowId, 2, 240000);
					const ms = Date.now() - t;
					const runs = list.slice(0, 2);
					const workers = [];
					for (const e of runs) {
						assert.equal(e.status, 'success', `execution ${e.id}`);
						workers.push(await assertOnWorker(e.id));
						const items = (await ctx.q.main.getExecution(e.id)).items('Get Many');
						const got = items.map((i) => i.id);
						assert.equal(new Set(got).size, got.length, 'no case twice');
						assert.deepEqual([...got].sort(), cases[vendor]().sort(), 'every case');
					}
					assert.notEqual(workers[0], workers[1], `the two lists ran on two different workers (${workers})`);
					const entries = sim.control.requests().filter((q) => q.path.startsWith(apiPrefix[vendor]));
					const windows = perWindow(entries, WINDOW_MS);
					const figures = {
						limit: `${LIMIT}/${WINDOW_MS} ms`,
						workers,
						requests: entries.length,
						accepted: entries.filter((e) => e.status !== 429).length,
						refused429: entries.filter((e) => e.status === 429).length,
						windows: windows.length,
						maxRequestsPerWindow: Math.max(...windows.map((w) => w.requests)),
						maxAcceptedPerWindow: Math.max(...windows.map((w) => w.requests - w.refused)),
						perWindow: windows.map((w) => `${w.requests - w.refused}+${w.refused}×429`),
						seconds: Math.round(ms / 100) / 10,
					};
					ctx.figures[`rateLimit_${vendor}`] = figures;
					log(`${vendor} rate limit, two workers: ${JSON.stringify(figures)}`);
					assert.ok(figures.maxAcceptedPerWindow <= LIMIT);
				} finally {
					sim.control.setRateLimit({ limit: saved.limit, windowMs: saved.windowMs });
				}
			});
		}
	});
}
