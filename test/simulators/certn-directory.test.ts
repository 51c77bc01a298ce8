import axios, { type AxiosInstance } from 'axios';

import { startCertnSimulator } from '../../simulators/certn';

/** The Certn simulator's groups, packages and users (simulators/certn/directory.js) and their variants. */

type Sim = Awaited<ReturnType<typeof startCertnSimulator>>;
type Page = { pagination: { result_count: number; page_count: number; page_size: number; current_page: number }; results: Array<Record<string, unknown>> };

let sim: Sim;
let api: AxiosInstance;

beforeAll(async () => {
	sim = await startCertnSimulator({ seed: 3, caseCount: 5, directoryExtra: 7 });
	api = axios.create({ baseURL: sim.url, headers: { Authorization: `Api-Key ${sim.apiKey}` }, validateStatus: () => true, maxRedirects: 0 });
});
afterAll(async () => await sim.stop());
beforeEach(() => sim.control.reset());

const names = (page: Page) => page.results.map((r) => r.name ?? r.full_name);

describe('Certn simulator: directory', () => {
	it('lists groups in Certn\'s envelope, filtered by name (part, any case), activity and parent', async () => {
		const all = (await api.get('/api/public/groups/?page_size=4')).data as Page;
		expect(all.pagination).toMatchObject({ result_count: 10, page_count: 3, page_size: 4, current_page: 1 });
		expect((await api.get('/api/public/groups/?name=WAREHOUSE')).data.results.map((g: { name: string }) => g.name)).toEqual(['Warehouse Staff']);
		expect(((await api.get('/api/public/groups/?is_active=false')).data as Page).results.map((g) => g.name)).toEqual(['Old Region']);
		const head = (all.results[0] as { id: string }).id;
		expect(((await api.get(`/api/public/groups/?parent_id=${head}&page_size=100`)).data as Page).pagination.result_count).toBe(8);
		const bad = await api.get('/api/public/groups/?is_active=maybe');
		expect(bad.status).toBe(400);
		expect(bad.data.errors[0]).toMatchObject({ attr: 'is_active' });
		expect((await api.get(`/api/public/groups/${head}/`)).data.name).toBe('Head Office');
		expect((await api.get('/api/public/groups/0b7c8a52-3c2e-4d8e-9f1a-6e5d4c3b2a19/')).status).toBe(404);
	});

	it('lists packages by activity and purpose, and users by email, full name and role', async () => {
		expect(names((await api.get('/api/public/packages/?is_active=true')).data)).toEqual(['Identity + Canadian criminal', 'Drivers']);
		expect(names((await api.get('/api/public/packages/?permissible_purposes=LENDING')).data)).toEqual([]);
		expect(names((await api.get('/api/public/users/?email=RECRUITER')).data)).toEqual(['Riley Recruiter']);
		expect(names((await api.get('/api/public/users/?full_name=branch user 0&page_size=100')).data)).toHaveLength(7);
		expect(names((await api.get('/api/public/users/?role=ADMIN')).data)).toEqual(['Harper Manager']);
	});

	it('variants: shorter pages than asked, search ignored, and a key without access (403)', async () => {
		sim.control.configure({ directoryPageSize: 3, directorySearch: 'ignored', directoryDenied: ['users'] });
		const short = (await api.get('/api/public/groups/?page_size=100&name=Warehouse')).data as Page;
		expect(short.pagination).toMatchObject({ result_count: 10, page_count: 4, page_size: 3 });
		expect(short.results).toHaveLength(3);
		const denied = await api.get('/api/public/users/');
		expect(denied.status).toBe(403);
		expect(denied.data).toEqual({ type: 'client_error', errors: [{ code: 'permission_denied', detail: 'You do not have permission to perform this action.', attr: null }] });
		sim.control.reset();
		expect((await api.get('/api/public/users/')).status).toBe(200);
	});

	it('refuses a case filter naming a group or user that does not exist, as django-filter does', async () => {
		const r = await api.get('/api/public/cases/?group=0b7c8a52-3c2e-4d8e-9f1a-6e5d4c3b2a19');
		expect(r.status).toBe(400);
		expect(r.data.errors[0]).toMatchObject({ code: 'invalid_choice', attr: 'group' });
		const extra = (sim.control.state().groups as Array<{ id: string; name: string }>).find((g) => g.name === 'Branch 07')!;
		expect((await api.get(`/api/public/cases/?group=${extra.id}`)).status).toBe(200);
	});
});
