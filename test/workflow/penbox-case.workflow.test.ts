import type { IDataObject } from 'n8n-workflow';

import { apiRequests, byId, penboxTestBed, runPenbox, template, workspace } from './penbox-helpers';

const bed = penboxTestBed({ caseCount: 30 });
const mutations = () => apiRequests(bed.sim).filter((r) => r.method !== 'GET');

const createParams = (extra: IDataObject = {}) => ({
	operation: 'create',
	templateId: template(bed.sim).id,
	workspaceId: workspace(bed.sim).id,
	title: 'Onboarding ACME',
	mainContact: { email: 'jane@acme.example', given_name: 'Jane', family_name: 'Doe' },
	data: { field: [{ key: 'company_name', value: 'ACME' }, { key: 'employees', value: '42' }] },
	additionalFields: { reference: 'CRM-4711', ownerEmail: 'agent@acme-advisors.example' },
	...extra,
});

describe('Penbox › Case › Get Many', () => {
	it('returns every case with Return All, pages fetched concurrently once total_pages is known', async () => {
		const { items, error } = await runPenbox(bed.sim, { operation: 'getAll', returnAll: true, sort: '-created_at' });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(27); // 3 of 30 are archived and hidden by default
		expect(items[0].json).toEqual(expect.objectContaining({ vendor: 'penbox', id: expect.any(String), reference: expect.any(String), assignee: expect.stringContaining('@') }));
		const created = items.map((i) => i.json.createdAt as string);
		expect([...created].sort().reverse()).toEqual(created);
		expect(apiRequests(bed.sim).map((r) => r.query['page[size]'])).toEqual(['100']);
	});

	it('reads short pages (page size capped by the server) without losing items, and pages without meta', async () => {
		bed.sim.control.configure({ pageSizeCap: 4 });
		const short = await runPenbox(bed.sim, { operation: 'getAll', returnAll: true });
		expect(short.items).toHaveLength(27);
		expect(new Set(short.items.map((i) => i.json.id)).size).toBe(27);
		bed.sim.control.configure({ pageSizeCap: 5, omitMeta: ['total_pages', 'total_count'] });
		const bare = await runPenbox(bed.sim, { operation: 'getAll', returnAll: true });
		expect(new Set(bare.items.map((i) => i.json.id)).size).toBe(27);
	});

	it('stops at the limit and sends simple filters in brackets', async () => {
		const { items } = await runPenbox(bed.sim, {
			operation: 'getAll',
			returnAll: false,
			limit: 3,
			filters: { parentStatus: 'closed', ownerEmail: 'agent@acme-advisors.example' },
			simplify: false,
		});
		expect(items).toHaveLength(3);
		expect(items.every((i) => i.json.parent_status === 'closed' && (i.json.owner as IDataObject).email === 'agent@acme-advisors.example')).toBe(true);
		expect(apiRequests(bed.sim)[0].query).toEqual(expect.objectContaining({ parent_status: 'closed', 'owner[email]': 'agent@acme-advisors.example', 'page[size]': '3', 'page[number]': '1' }));
	});

	it('builds an advanced filter from condition rows (AND) and from JSON', async () => {
		const rows = await runPenbox(bed.sim, {
			operation: 'getAll',
			returnAll: true,
			advancedFilterMode: 'builder',
			advancedFilter: { condition: [{ attribute: 'parent_status', operator: '$ne', value: 'closed' }, { attribute: 'owner.email', operator: '$eq', value: 'agent@acme-advisors.example' }] },
		});
		expect(rows.error).toBeUndefined();
		expect(JSON.parse(apiRequests(bed.sim)[0].query.filter)).toEqual({
			attributes: { parent_status: { $ne: 'closed' } },
			relationships: { owner: { attributes: { email: { $eq: 'agent@acme-advisors.example' } } } },
		});
		expect(rows.items.length).toBeGreaterThan(0);
		expect(rows.items.every((i) => i.json.status !== 'closed' && i.json.assignee === 'agent@acme-advisors.example')).toBe(true);
		const json = await runPenbox(bed.sim, { operation: 'getAll', returnAll: true, advancedFilterMode: 'json', advancedFilterJson: '{"attributes":{"parent_status":{"$eq":"closed"}}}' });
		expect(json.items.every((i) => i.json.status === 'closed')).toBe(true);
	});

	it('refuses bad advanced filters and simple filters beside an advanced one, naming the field and item, nothing sent', async () => {
		const invalid = await runPenbox(bed.sim, { operation: 'getAll', returnAll: true, advancedFilterMode: 'json', advancedFilterJson: '{"attributes": {' });
		expect(invalid.error?.message).toMatch(/^Advanced Filter > Filter \(JSON\): is not valid JSON .*\[item 0\]$/);
		const unknownOp = await runPenbox(bed.sim, { operation: 'getAll', returnAll: true, advancedFilterMode: 'json', advancedFilterJson: '{"attributes":{"status":{"$in":["a"]}}}' });
		expect(unknownOp.error?.message).toBe('Advanced Filter > Filter (JSON): unknown operator "$in" in attributes.status [item 0]');
		const badRow = await runPenbox(bed.sim, { operation: 'getAll', returnAll: true, advancedFilterMode: 'builder', advancedFilter: { condition: [{ attribute: 'status', operator: '$like', value: 'x' }] } });
		expect(badRow.error?.message).toBe('Advanced Filter > Conditions 1 > Operator: "$like" is not an operator Penbox documents [item 0]');
		const both = await runPenbox(bed.sim, { operation: 'getAll', returnAll: true, filters: { status: 'new' }, advancedFilterMode: 'json', advancedFilterJson: '{"attributes":{"status":{"$eq":"new"}}}' });
		expect(both.error?.message).toMatch(/^Filters: Penbox ignores simple filters \(status\) when an advanced filter is given \[item 0\]$/);
		expect(apiRequests(bed.sim)).toHaveLength(0);
	});
});

describe('Penbox › Case › Count', () => {
	it('counts with filters, and per group with group-by', async () => {
		const total = await runPenbox(bed.sim, { operation: 'count', filters: { parentStatus: 'pending' } });
		expect(total.items[0].json).toEqual({ count: 6 });
		const grouped = await runPenbox(bed.sim, { operation: 'count', groupBy: 'parent_status' });
		expect(grouped.items[0].json).toEqual({ count: 27, by: { draft: 6, pending: 6, in_progress: 6, closed: 9 } });
		expect(apiRequests(bed.sim)[1].query['group-by']).toBe('parent_status');
	});
});

describe('Penbox › Case › Create', () => {
	it('creates from a template with workspace, owner, main contact, reference and prefilled data', async () => {
		const { items, error } = await runPenbox(bed.sim, createParams({ simplify: false }));
		expect(error).toBeUndefined();
		const c = items[0].json;
		expect(c).toEqual(expect.objectContaining({ title: 'Onboarding ACME', reference: 'CRM-4711', template: template(bed.sim).id }));
		expect((c.contacts as IDataObject[])[0]).toEqual(expect.objectContaining({ key: 'main', email: 'jane@acme.example' }));
		expect((c.schema as IDataObject[]).filter((f) => f.value !== null).map((f) => [f.key, f.value])).toEqual([['company_name', 'ACME'], ['employees', 42]]);
		const [create, data] = mutations();
		expect(create.body).toEqual({
			title: 'Onboarding ACME',
			template: { id: template(bed.sim).id },
			workspace: { id: workspace(bed.sim).id },
			reference: 'CRM-4711',
			owner: { email: 'agent@acme-advisors.example' },
			contacts: [{ key: 'main', email: 'jane@acme.example', given_name: 'Jane', family_name: 'Doe' }],
		});
		expect(data.path).toBe(`/v1/cases/${String(c.id)}/data`);
	});

	it('refuses a data key that is not in the template schema and a contact role it does not have, nothing created', async () => {
		const badKey = await runPenbox(bed.sim, createParams({ data: { field: [{ key: 'favourite_colour', value: 'blue' }] } }));
		expect(badKey.error?.message).toBe('Data: "favourite_colour" is not a data field of template "Client onboarding" [item 0]');
		const badRole = await runPenbox(bed.sim, createParams({ mainContact: { key: 'lawyer', email: 'a@b.example' } }));
		expect(badRole.error?.message).toBe('Main Contact > Role: "lawyer" is not a contact role of the template [item 0]');
		expect(mutations()).toHaveLength(0);
	});

	it('does not repeat a create blindly: with a reference, a lost answer is resolved by looking the case up', async () => {
		bed.sim.control.pushFaults([{ method: 'POST', path: '/v1/cases', type: 'reset', after: true }]);
		const { items, error } = await runPenbox(bed.sim, createParams({ data: {} }));
		expect(error).toBeUndefined();
		expect(items[0].json).toEqual(expect.objectContaining({ reference: 'CRM-4711', recovered: 'found by reference after a failed create' }));
		expect(mutations().filter((r) => r.path === '/v1/cases')).toHaveLength(1);
		expect(apiRequests(bed.sim).filter((r) => r.method === 'GET' && r.query.reference === 'CRM-4711')).toHaveLength(1);
	});

	it('without a reference, a failed create is reported and not sent again', async () => {
		bed.sim.control.pushFaults([{ method: 'POST', path: '/v1/cases', type: '502' }]);
		const { error } = await runPenbox(bed.sim, createParams({ data: {}, additionalFields: {} }));
		expect(error?.message).toMatch(/HTTP 502/);
		expect(mutations()).toHaveLength(1);
	});
});

describe('Penbox › Case › Update Data, Add Contact, Start Step', () => {
	const newCase = () => bed.sim.control.addCase({ title: 'Fresh' }) as IDataObject & { id: string };

	it('updates data fields of the schema; refuses an unknown key with nothing sent', async () => {
		const c = newCase();
		const ok = await runPenbox(bed.sim, { operation: 'updateData', caseId: byId(c.id), data: { field: [{ key: 'vat_number', value: 'BE0123' }] }, simplify: false });
		expect(((ok.items[0].json.schema as IDataObject[]).find((f) => f.key === 'vat_number') as IDataObject).value).toBe('BE0123');
		const bad = await runPenbox(bed.sim, { operation: 'updateData', caseId: byId(c.id), data: { field: [{ key: 'nope', value: '1' }] } });
		expect(bad.error?.message).toBe(`Data: "nope" is not a data field of case ${c.id} [item 0]`);
		expect(mutations()).toHaveLength(1);
	});

	it('adds a contact in a role of the template', async () => {
		const c = newCase();
		const { items } = await runPenbox(bed.sim, { operation: 'addContact', caseId: byId(c.id), contactRole: 'accountant', email: 'acc@firm.example', additionalFields: { given_name: 'Ann' }, simplify: false });
		expect((items[0].json.contacts as IDataObject[]).map((k) => k.key)).toEqual(['main', 'accountant']);
		const bad = await runPenbox(bed.sim, { operation: 'addContact', caseId: byId(c.id), contactRole: 'lawyer', email: 'x@y.example' });
		expect(bad.error?.message).toBe('Role: "lawyer" is not a contact role of the case\'s template [item 0]');
	});

	it('starts a step (sends the pack); the second start is Penbox\'s 409; an unknown step key is refused before sending', async () => {
		const c = newCase();
		const first = await runPenbox(bed.sim, { operation: 'startStep', caseId: byId(c.id), stepKey: 'send-onboarding-pack' });
		expect(first.items[0].json).toEqual(expect.objectContaining({ id: c.id, status: 'pending' }));
		const again = await runPenbox(bed.sim, { operation: 'startStep', caseId: byId(c.id), stepKey: 'send-onboarding-pack' });
		expect(again.error?.message).toMatch(/HTTP 409/);
		expect(mutations()).toHaveLength(2);
		const unknown = await runPenbox(bed.sim, { operation: 'startStep', caseId: byId(c.id), stepKey: 'reminder-9' });
		expect(unknown.error?.message).toBe('Step: "reminder-9" is not a step of the case\'s template [item 0]');
		expect(mutations()).toHaveLength(2);
	});

	it('gets cases per item, paired; bad IDs are refused naming the item', async () => {
		const a = newCase();
		const { items } = await runPenbox(bed.sim, { operation: 'get', caseId: '={{ $json.id }}' }, { items: [{ id: a.id }, { id: 'not-a-uuid' }], continueOnFail: true });
		expect(items[0].json).toEqual(expect.objectContaining({ id: a.id, vendor: 'penbox' }));
		expect(items[0].pairedItem).toEqual({ item: 0 });
		expect(items[1].json.error).toBe('Case ID: "not-a-uuid" is not a valid Case ID [item 1]');
	});
});
