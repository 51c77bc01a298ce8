import type { IDataObject, INodeListSearchItems } from 'n8n-workflow';

import { CertnApi } from '../../credentials/CertnApi.credentials';
import { timing } from '../../core/timing';
import { Certn } from '../../nodes/Certn/Certn.node';
import { runListSearch, runNode } from '../harness';
import { startCertnSimulator } from '../../simulators/certn';

type Sim = Awaited<ReturnType<typeof startCertnSimulator>>;
type Named = { id: string; name: string; is_active: boolean; short_id?: string };
type User = { id: string; email: string; full_name: string };
type LogEntry = { method: string; path: string; status: number | null; query: Record<string, string | string[]>; body: IDataObject };

let sim: Sim;
const realTiming = { ...timing };
let clock = 0;

beforeAll(async () => {
	clock = Date.now();
	// 3 seeded groups and users plus 12 more ("Branch 01"…), so the pickers have pages to walk.
	sim = await startCertnSimulator({ seed: 7, caseCount: 40, directoryExtra: 12, clock: () => clock });
	timing.now = () => clock;
	timing.monotonic = () => clock;
	timing.sleep = async (ms: number) => {
		clock += ms;
	};
});
afterAll(async () => {
	Object.assign(timing, realTiming);
	await sim.stop();
});
beforeEach(() => {
	sim.control.reset();
	clock += 61_000;
});

const credentials = () => ({ certnApi: { apiKey: sim.apiKey, environment: 'custom', baseUrl: sim.baseUrl } });
const apiRequests = (): LogEntry[] => (sim.control.requests() as unknown as LogEntry[]).filter((r) => r.path.startsWith('/api/public/'));
const groups = () => sim.control.state().groups as Named[];
const packages = () => sim.control.state().packages as Named[];
const users = () => sim.control.state().users as User[];
const picked = (id: string) => ({ __rl: true, mode: 'list', value: id, cachedResultName: 'picked' });
const byId = (id: string) => ({ __rl: true, mode: 'id', value: id });
const UNKNOWN = '0b7c8a52-3c2e-4d8e-9f1a-6e5d4c3b2a19';

async function search(method: string, filter?: string, paginationToken?: string) {
	return await runListSearch({ nodeType: Certn, credentialType: CertnApi, credentials: credentials(), method, filter, paginationToken });
}

/** Every page of a picker, as the editor loads them while the user scrolls. */
async function allPages(method: string, filter?: string) {
	const seen: INodeListSearchItems[] = [];
	let token: string | undefined;
	let pages = 0;
	do {
		const page = await search(method, filter, token);
		seen.push(...page.results);
		token = page.paginationToken as string | undefined;
		pages++;
	} while (token && pages < 50);
	return { items: seen, pages };
}

async function certn(parameters: IDataObject, options: { continueOnFail?: boolean } = {}) {
	return await runNode({
		nodeType: Certn,
		credentialType: CertnApi,
		credentials: credentials(),
		parameters: { resource: 'case', ...parameters },
		continueOnFail: options.continueOnFail,
	});
}

describe('Certn pickers (listSearch through n8n\'s LoadOptionsContext and the credential)', () => {
	it('lists the groups by name with their short ID, an inactive one marked, values being the group IDs', async () => {
		const { results, paginationToken } = await search('searchGroups');
		expect(paginationToken).toBeUndefined();
		expect(results).toHaveLength(15);
		const head = groups()[0];
		expect(results[0]).toEqual({ name: `Head Office (${head.short_id})`, value: head.id });
		expect(results.find((r) => r.value === groups()[2].id)?.name).toBe('Old Region (CG_CA_ARCHIVED001) — inactive');
		expect(apiRequests()[0]).toMatchObject({ path: '/api/public/groups', query: { page: '1', page_size: '100' } });
	});

	it('sends what was typed as Certn\'s name filter, and still finds a group by its short ID', async () => {
		const branch = await search('searchGroups', 'branch 0');
		expect(branch.results.map((r) => r.name.split(' (')[0])).toEqual(['Branch 01', 'Branch 02', 'Branch 03', 'Branch 04', 'Branch 05', 'Branch 06', 'Branch 07', 'Branch 08', 'Branch 09']);
		expect(apiRequests()[0].query).toMatchObject({ name: 'branch 0' });
		// No group is named like its short ID: the filtered page is empty, so the list is read and matched here.
		const warehouse = groups().find((g) => g.name === 'Warehouse Staff')!;
		const byShortId = await search('searchGroups', 'cg_ca_warehouse');
		expect(byShortId.results).toEqual([{ name: `Warehouse Staff (${warehouse.short_id})`, value: warehouse.id }]);
	});

	it('walks pages with the token when Certn pages shorter than asked, without losing or repeating a group', async () => {
		sim.control.configure({ directoryPageSize: 4 });
		const { items, pages } = await allPages('searchGroups');
		expect(pages).toBe(4);
		expect(items.map((r) => r.value)).toEqual(groups().map((g) => g.id));
		const searched = await allPages('searchGroups', 'Branch 1');
		expect(searched.items.map((r) => r.name.split(' (')[0])).toEqual(['Branch 10', 'Branch 11', 'Branch 12']);
	});

	it('matches locally when Certn ignores the search filter', async () => {
		sim.control.configure({ directorySearch: 'ignored' });
		const { results } = await search('searchGroups', 'Warehouse');
		expect(apiRequests()[0].query).toMatchObject({ name: 'Warehouse' });
		expect(results.map((r) => r.name)).toEqual([expect.stringMatching(/^Warehouse Staff/)]);
		const user = await search('searchUsers', 'Casey');
		expect(user.results.map((r) => r.name)).toEqual(['Casey Compliance <compliance@example.com>']);
	});

	it('lists only active packages (the ones that can be ordered) by name, searched locally', async () => {
		const all = await search('searchPackages');
		expect(apiRequests()[0].query).toMatchObject({ is_active: 'true' });
		expect(all.results.map((r) => r.name)).toEqual(['Identity + Canadian criminal', 'Drivers']);
		const drivers = await search('searchPackages', 'driv');
		expect(drivers.results).toEqual([{ name: 'Drivers', value: packages().find((p) => p.name === 'Drivers')!.id }]);
	});

	it('searches users by email or by full name', async () => {
		const byEmail = await search('searchUsers', 'recruiter@example.com');
		expect(apiRequests()[0].query).toMatchObject({ email: 'recruiter@example.com' });
		expect(byEmail.results).toEqual([{ name: 'Riley Recruiter <recruiter@example.com>', value: users()[1].id }]);
		await search('searchUsers', 'Harper');
		expect(apiRequests()[1].query).toMatchObject({ full_name: 'Harper' });
	});

	it('says clearly when the key may not list groups, and what to do instead', async () => {
		sim.control.configure({ directoryDenied: ['groups'] });
		await expect(search('searchGroups')).rejects.toMatchObject({
			message: 'Certn refused to list groups: this API key may not read them (HTTP 403)',
			description: expect.stringContaining('choose "By ID"'),
		});
	});
});

describe('Certn node with picked groups, packages and users', () => {
	const orderPackage = (packageId: IDataObject | string, additionalFields: IDataObject = {}) =>
		certn({ operation: 'orderPackage', packageId, emailAddress: 'p@example.com', inviteMode: 'link', additionalFields });

	it('orders a package picked from the list, by ID, or saved as a plain string by an older version', async () => {
		const drivers = packages().find((p) => p.name === 'Drivers')!;
		for (const value of [picked(drivers.id), byId(` ${drivers.id} `), drivers.id]) {
			sim.control.reset();
			const { items, error } = await orderPackage(value);
			expect(error).toBeUndefined();
			const post = apiRequests().find((r) => r.method === 'POST')!;
			expect(post).toMatchObject({ path: '/api/public/cases/order-package', body: { package: drivers.id } });
			expect((sim.control.getCase(String(items[0].json.id)) as IDataObject).tags).toEqual(['driver']);
		}
	});

	it('sends the picked group and ordering user with an order, plain strings too', async () => {
		const [group, user] = [groups()[1], users()[2]];
		const { error } = await orderPackage(picked(packages()[0].id), { group: picked(group.id), orderedBy: byId(user.id) });
		expect(error).toBeUndefined();
		expect(apiRequests().find((r) => r.method === 'POST')!.body).toMatchObject({ group: group.id, ordered_by: user.id });
		sim.control.reset();
		await orderPackage(packages()[0].id, { group: group.id, orderedBy: user.id });
		expect(apiRequests().find((r) => r.method === 'POST')!.body).toMatchObject({ group: group.id, ordered_by: user.id });
	});

	it('names the field when a picked package, group or user does not exist, and orders nothing', async () => {
		const missing = await orderPackage(byId(UNKNOWN), {}).then((r) => r.error);
		expect(missing?.message).toBe('Package: Certn has no such package in this account [item 0]');
		expect(missing?.description).toContain('Pick the package from the list');
		const group = await orderPackage(byId(packages()[0].id), { group: byId(UNKNOWN) }).then((r) => r.error);
		expect(group?.message).toBe('Additional Fields > Group: Certn has no such group in this account [item 0]');
		const user = await orderPackage(byId(packages()[0].id), { orderedBy: picked(UNKNOWN) }).then((r) => r.error);
		expect(user?.message).toBe('Additional Fields > Ordered By: Certn has no such user in this account [item 0]');
		expect(sim.control.state().caseCount).toBe(40);
		// A package expression that comes out empty is refused before anything is sent.
		sim.control.reset();
		expect((await orderPackage({ __rl: true, mode: 'id', value: '={{ "" }}' })).error?.message).toBe('Package: is empty [item 0]');
		expect(apiRequests()).toHaveLength(0);
	});

	it('filters Get Many by a picked group and user, several IDs in ID mode, or an old comma list', async () => {
		const cases = () => [...(sim.state.cases as Map<string, { id: string; group: string | null; ordered_by: string | null }>).values()];
		const [g0, g1] = [groups()[0].id, groups()[1].id];
		const expected = (ids: string[]) => cases().filter((c) => c.group && ids.includes(c.group)).map((c) => c.id).sort();
		for (const [value, ids] of [[picked(g0), [g0]], [byId(`${g0}, ${g1}`), [g0, g1]], [`${g0},${g1}`, [g0, g1]]] as const) {
			sim.control.reset();
			const { items, error } = await certn({ operation: 'getAll', returnAll: true, filters: { groups: value } });
			expect(error).toBeUndefined();
			expect(items.map((i) => String(i.json.id)).sort()).toEqual(expected([...ids]));
			expect(apiRequests()[0].query.group).toEqual(ids.length === 1 ? ids[0] : ids);
		}
		const user = cases().find((c) => c.ordered_by)!;
		const { items } = await certn({ operation: 'getAll', returnAll: true, filters: { orderedBy: picked(user.ordered_by!) } });
		expect(items.length).toBe(cases().filter((c) => c.ordered_by === user.ordered_by).length);
	});

	it('names the filter when a group ID is unknown or malformed', async () => {
		const unknown = await certn({ operation: 'getAll', returnAll: true, filters: { groups: byId(UNKNOWN) } });
		expect(unknown.error?.message).toBe('Filters > Group: Certn has no such group in this account [item 0]');
		sim.control.reset();
		const malformed = await certn({ operation: 'getAll', returnAll: true, filters: { orderedBy: 'a b' } });
		expect(malformed.error?.message).toBe('Filters > Ordered By: "a b" is not a valid ID [item 0]');
		expect(apiRequests()).toHaveLength(0);
	});
});

describe('Certn › Group and Package', () => {
	it('gets many groups (active only, by parent) and one group, also through short pages', async () => {
		sim.control.configure({ directoryPageSize: 4 });
		const all = await certn({ resource: 'group', operation: 'getAll', returnAll: true });
		expect(all.items.map((i) => i.json.id)).toEqual(groups().map((g) => g.id));
		const active = await certn({ resource: 'group', operation: 'getAll', returnAll: true, groupFilters: { activeOnly: true, parentId: picked(groups()[0].id) } });
		expect(active.items.map((i) => i.json.name)).toEqual(['Warehouse Staff', ...Array.from({ length: 12 }, (_, n) => `Branch ${String(n + 1).padStart(2, '0')}`)]);
		const limited = await certn({ resource: 'group', operation: 'getAll', returnAll: false, limit: 6 });
		expect(limited.items).toHaveLength(6);
		const one = await certn({ resource: 'group', operation: 'get', groupId: picked(groups()[1].id) });
		expect(one.items[0].json).toEqual(groups()[1]);
		expect(one.items[0].pairedItem).toEqual({ item: 0 });
	});

	it('gets many packages, active only on request', async () => {
		const all = await certn({ resource: 'package', operation: 'getAll', returnAll: true });
		expect(all.items.map((i) => i.json.name)).toEqual(packages().map((p) => p.name));
		const active = await certn({ resource: 'package', operation: 'getAll', returnAll: true, packageFilters: { activeOnly: true } });
		expect(active.items.map((i) => i.json.name)).toEqual(['Identity + Canadian criminal', 'Drivers']);
	});

	it('fails a group read the key may not do with Certn\'s 403, and goes on with Continue On Fail', async () => {
		sim.control.configure({ directoryDenied: ['groups'] });
		const { items, error } = await certn({ resource: 'group', operation: 'getAll', returnAll: true }, { continueOnFail: true });
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ error: 'Certn listing groups failed (HTTP 403): You do not have permission to perform this action.', httpCode: '403' });
	});
});
