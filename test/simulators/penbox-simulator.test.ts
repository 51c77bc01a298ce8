import { startPenboxSimulator } from '../../simulators/penbox';

type Sim = Awaited<ReturnType<typeof startPenboxSimulator>>;

describe('Penbox simulator', () => {
	let sim: Sim;
	let now = Date.parse('2026-02-01T09:00:00Z');
	beforeAll(async () => {
		sim = await startPenboxSimulator({ seed: 3, caseCount: 12, clock: () => now });
	});
	afterAll(async () => await sim.stop());
	beforeEach(() => sim.control.reset());

	const get = async (path: string, token = sim.apiKey) => {
		const response = await fetch(`${sim.baseUrl}${path}`, { headers: { Authorization: `Bearer ${token}` } });
		return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, unknown> };
	};

	it('answers 401 with its error body without a valid token', async () => {
		const r = await get('/cases', 'pnbx_wrong');
		expect(r.status).toBe(401);
		expect(r.body).toEqual({ errors: [{ status: '401', title: 'Unauthorized', detail: 'Invalid or expired token' }] });
	});

	it('pages with page[number]/page[size] and meta, and plays short pages and missing meta fields', async () => {
		const r = await get('/cases?page[number]=2&page[size]=4');
		expect(r.body.meta).toEqual({ total_count: 11, total_pages: 3, page_size: 4, current_page: 2 });
		expect(r.body.data).toHaveLength(4);
		sim.control.configure({ pageSizeCap: 3, omitMeta: ['total_pages'] });
		const short = await get('/cases?page[size]=100');
		expect(short.body.meta).toEqual({ total_count: 11, page_size: 3, current_page: 1 });
		expect(await get('/cases?page[size]=101')).toEqual(expect.objectContaining({ status: 400 }));
	});

	it('ignores simple filters when an advanced filter is present, and refuses an unknown operator', async () => {
		const filter = encodeURIComponent(JSON.stringify({ attributes: { parent_status: { $eq: 'closed' } } }));
		const both = await get(`/cases?parent_status=draft&filter=${filter}`);
		expect((both.body.data as Array<{ parent_status: string }>).every((c) => c.parent_status === 'closed')).toBe(true);
		const bad = await get(`/cases?filter=${encodeURIComponent('{"attributes":{"status":{"$in":["a"]}}}')}`);
		expect(bad.status).toBe(400);
	});

	it('refuses a second start of a step with 409', async () => {
		const c = sim.control.addCase({}) as { id: string };
		const start = async () => (await fetch(`${sim.baseUrl}/cases/${c.id}/start/send-onboarding-pack`, { method: 'POST', headers: { Authorization: `Bearer ${sim.apiKey}`, 'Content-Type': 'application/json' }, body: '{}' })).status;
		expect(await start()).toBe(200);
		expect(await start()).toBe(409);
	});

	it('keeps both documented rate limits, answering 429 without any rate-limit header', async () => {
		sim.control.setRateLimit({ perMinute: 3, perHour: 5 });
		const statuses: number[] = [];
		for (let n = 0; n < 4; n++) statuses.push((await get('/workspaces')).status);
		expect(statuses).toEqual([200, 200, 200, 429]);
		const refused = await get('/workspaces');
		expect([...refused.headers.keys()].filter((h) => /ratelimit|retry-after/i.test(h))).toEqual([]);
		now += 61_000;
		expect((await get('/workspaces')).status).toBe(200);
		expect((await get('/workspaces')).status).toBe(200);
		expect((await get('/workspaces')).status).toBe(429); // the hour's 5 are spent
		now += 3_600_000;
		expect((await get('/workspaces')).status).toBe(200);
		sim.control.setRateLimit({ perMinute: 100, perHour: 1000 });
	});
});
