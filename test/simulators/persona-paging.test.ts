import axios, { type AxiosResponse } from 'axios';
import { startPersonaSimulator } from '../../simulators/persona';

/**
 * The Persona simulator's list-page variants (start option `paging`, `control.setPaging`,
 * `/__control/persona/paging`): links that carry only the cursor, short pages, absolute links on
 * the simulator's own origin or on another host. Persona promises none of its links' extras, so
 * clients are tested against each.
 */

type Sim = Awaited<ReturnType<typeof startPersonaSimulator>>;

interface Resource {
	type: string;
	id: string;
	attributes: Record<string, unknown>;
}
interface ListDoc {
	data: Resource[];
	links: { prev: string | null; next: string | null };
}

describe('Persona simulator paging variants', () => {
	let sim: Sim;
	const auth = () => ({ headers: { Authorization: `Bearer ${sim.apiKey}` } });

	beforeAll(async () => {
		sim = await startPersonaSimulator({ seed: 42, caseCount: 120 });
	});
	afterAll(async () => {
		await sim.stop();
	});
	beforeEach(() => sim.control.reset());

	const approved = () => [...sim.state.cases.values()].filter((c) => c.attributes.status === 'Approved').map((c) => c.id);
	const cursorOf = (link: string) => new URL(link, sim.url).searchParams.get('page[after]');

	/** Walks a list keeping its own query and taking only `page[after]` from each next link. */
	async function walkWithCursor(path: string, query: string): Promise<{ ids: string[]; pages: ListDoc[] }> {
		const pages: ListDoc[] = [];
		let after: string | null = null;
		do {
			const cursor: string = after ? `&page[after]=${after}` : '';
			const res: AxiosResponse<ListDoc> = await axios.get<ListDoc>(`${sim.baseUrl}${path}?${query}${cursor}`, auth());
			expect(res.status).toBe(200);
			pages.push(res.data);
			after = res.data.links.next ? cursorOf(res.data.links.next) : null;
		} while (after);
		return { ids: pages.flatMap((p) => p.data.map((c) => c.id)), pages };
	}

	it('defaults to full relative links and full pages', async () => {
		expect(sim.control.paging()).toEqual({ nextLinks: 'full', shortPages: false, linkOrigin: null });
		const res = await axios.get<ListDoc>(`${sim.baseUrl}/cases?filter[status]=Approved&page[size]=5`, auth());
		expect(res.data.data).toHaveLength(5);
		expect(res.data.links.next).toMatch(/^\/api\/v1\/cases\?page%5Bafter%5D=case_\w+&page%5Bsize%5D=5&filter%5Bstatus%5D=Approved$/);
	});

	it('(a) cursor-only links carry page[after] and nothing else; the client keeps its filters', async () => {
		sim.control.setPaging({ nextLinks: 'cursor-only' });
		const { ids, pages } = await walkWithCursor('/cases', 'filter[status]=Approved&page[size]=4');
		expect(pages.length).toBeGreaterThanOrEqual(3);
		for (const page of pages.slice(0, -1)) expect(page.links.next).toMatch(/^\/api\/v1\/cases\?page%5Bafter%5D=case_\w+$/);
		expect(pages[1].links.prev).toMatch(/^\/api\/v1\/cases\?page%5Bbefore%5D=case_\w+$/);
		expect(ids.sort()).toEqual(approved().sort());

		// Following the bare link as it is drops the filter: that is the client bug this variant exposes.
		const bare = await axios.get<ListDoc>(sim.url + (pages[0].links.next as string), auth());
		expect(bare.data.data.some((c) => c.attributes.status !== 'Approved')).toBe(true);
	});

	it('(b) short pages hold fewer items than page[size] while a next link says more remain', async () => {
		sim.control.setPaging({ shortPages: true });
		const { ids, pages } = await walkWithCursor('/cases', 'filter[status]=Approved&page[size]=6');
		expect(pages.length).toBeGreaterThanOrEqual(3);
		for (const page of pages.slice(0, -1)) {
			expect(page.data).toHaveLength(3);
			expect(page.links.next).toContain('page%5Bsize%5D=6');
		}
		expect(ids.sort()).toEqual(approved().sort());

		sim.control.setPaging({ shortPages: 2 });
		const capped = await axios.get<ListDoc>(`${sim.baseUrl}/cases?page[size]=10`, auth());
		expect(capped.data.data).toHaveLength(2);
		expect(capped.data.links.next).not.toBeNull();
		const single = await axios.get<ListDoc>(`${sim.baseUrl}/cases?page[size]=1`, auth());
		expect(single.data.data).toHaveLength(1);
	});

	it('(c) absolute links on its own origin and (d) links pointing to another host', async () => {
		sim.control.setPaging({ linkOrigin: 'self' });
		const own = await axios.get<ListDoc>(`${sim.baseUrl}/cases?page[size]=2`, auth());
		expect(own.data.links.next?.startsWith(`${sim.baseUrl}/cases?page%5Bafter%5D=`)).toBe(true);
		const followed = await axios.get<ListDoc>(own.data.links.next as string, auth());
		expect(followed.data.data[0].id).not.toBe(own.data.data[0].id);

		sim.control.setPaging({ linkOrigin: 'http://127.0.0.1:9/ignored/path', nextLinks: 'cursor-only' });
		const other = await axios.get<ListDoc>(`${sim.baseUrl}/cases?page[size]=2`, auth());
		expect(other.data.links.next).toMatch(/^http:\/\/127\.0\.0\.1:9\/api\/v1\/cases\?page%5Bafter%5D=case_\w+$/);
	});

	it('pages searches the same way (the body keeps the query)', async () => {
		sim.control.setPaging({ nextLinks: 'cursor-only', shortPages: true });
		const body = { query: { attribute: 'status', operator: 'eq', value: 'Approved' }, page: { size: 4 } };
		const ids: string[] = [];
		let after: string | null = null;
		let pages = 0;
		do {
			const url: string = `${sim.baseUrl}/cases/search${after ? `?page[after]=${after}` : ''}`;
			const res: AxiosResponse<ListDoc> = await axios.post<ListDoc>(url, body, auth());
			expect(res.data.data.length).toBeLessThanOrEqual(2);
			ids.push(...res.data.data.map((c) => c.id));
			if (res.data.links.next) expect(res.data.links.next).toMatch(/^\/api\/v1\/cases\/search\?page%5Bafter%5D=case_\w+$/);
			after = res.data.links.next ? cursorOf(res.data.links.next) : null;
			pages++;
		} while (after);
		expect(pages).toBeGreaterThanOrEqual(3);
		expect(ids.sort()).toEqual(approved().sort());
	});

	it('is switched over HTTP, validated, restored by reset, and settable at start', async () => {
		const set = await axios.post(`${sim.url}/__control/persona/paging`, { nextLinks: 'cursor-only', shortPages: 3 });
		expect(set.data).toEqual({ nextLinks: 'cursor-only', shortPages: 3, linkOrigin: null });
		expect((await axios.get(`${sim.url}/__control/persona/paging`)).data).toEqual(set.data);
		for (const bad of [{ nextLinks: 'some' }, { shortPages: 0 }, { linkOrigin: 'ftp://x' }, { other: 1 }]) {
			const res = await axios.post(`${sim.url}/__control/persona/paging`, bad, { validateStatus: () => true });
			expect(res.status).toBe(400);
		}
		expect(sim.control.paging()).toEqual(set.data);
		await axios.post(`${sim.url}/__control/reset`);
		expect(sim.control.paging()).toEqual({ nextLinks: 'full', shortPages: false, linkOrigin: null });

		const started = await startPersonaSimulator({ caseCount: 5, paging: { linkOrigin: 'self' } });
		try {
			const res = await axios.get<ListDoc>(`${started.baseUrl}/cases?page[size]=2`, { headers: { Authorization: `Bearer ${started.apiKey}` } });
			expect(res.data.links.next?.startsWith(started.baseUrl)).toBe(true);
			started.control.reset();
			expect(started.control.paging().linkOrigin).toBe('self');
		} finally {
			await started.stop();
		}
	});
});
