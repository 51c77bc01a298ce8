import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { PersonaApi } from '../../credentials/PersonaApi.credentials';
import { Persona } from '../../nodes/Persona/Persona.node';
import { readBinary, runListSearch, runNode } from '../harness';
import { startPersonaSimulator } from '../../simulators/persona';

type Sim = Awaited<ReturnType<typeof startPersonaSimulator>>;
type Resource = { type: string; id: string; attributes: IDataObject; relationships: Record<string, { data: IDataObject | null }> };
type Objects = { inquiries: Resource[]; accounts: Resource[]; reports: Resource[] };

let sim: Sim;

beforeAll(async () => {
	sim = await startPersonaSimulator({ seed: 12, caseCount: 120 });
});
afterAll(async () => await sim.stop());
beforeEach(() => sim.control.reset());

const objects = () => sim.control.objects() as unknown as Objects;
const apiRequests = () => sim.control.requests().filter((r: { path: string }) => r.path.startsWith('/api/v1/'));
const json = (items: INodeExecutionData[]) => items.map((i) => i.json);
const byId = (id: string) => ({ __rl: true, mode: 'id', value: id });
const inquiryIn = (...statuses: string[]) => objects().inquiries.find((q) => statuses.includes(String(q.attributes.status)))!;
const printable = () => objects().reports.find((r) => r.type === 'report/watchlist')!;
const unprintable = () => objects().reports.find((r) => r.type === 'report/email-address')!;

async function persona(parameters: IDataObject, options: { items?: IDataObject[]; continueOnFail?: boolean } = {}) {
	return await runNode({
		nodeType: Persona,
		credentialType: PersonaApi,
		credentials: { personaApi: { apiKey: sim.apiKey, baseUrl: sim.baseUrl } },
		parameters: parameters as INodeParameters,
		items: options.items,
		continueOnFail: options.continueOnFail,
	});
}

function expectPaired(items: INodeExecutionData[], inputIndexes: number[]) {
	expect(items.map((i) => (i.pairedItem as { item: number }).item)).toEqual(inputIndexes);
}

describe('Persona › Inquiry › Get Many', () => {
	it('walks every cursor page with Return All and gives flat inquiries', async () => {
		const all = objects().inquiries;
		const { items, error } = await persona({ resource: 'inquiry', operation: 'getAll', returnAll: true });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(all.length);
		expect(json(items).map((i) => i.id)).toEqual(all.map((q) => q.id));
		expect(apiRequests()).toHaveLength(Math.ceil(all.length / 100));
		const first = all[0];
		expect(items[0].json).toEqual({
			vendor: 'persona',
			type: 'inquiry',
			id: first.id,
			reference: first.attributes['reference-id'],
			status: first.attributes.status,
			name: `${first.attributes['name-first']} ${first.attributes['name-last']}`,
			emailAddress: first.attributes['email-address'],
			accountId: first.relationships.account.data!.id,
			templateId: first.relationships['inquiry-template'].data!.id,
			tags: [],
			note: null,
			createdAt: first.attributes['created-at'],
			updatedAt: first.attributes['updated-at'],
			completedAt: first.attributes['completed-at'],
			decisionedAt: first.attributes['decisioned-at'],
			expiredAt: first.attributes['expired-at'],
			redactedAt: null,
		});
		expectPaired(items, items.map(() => 0));
	});

	it('sends the documented filters and returns only matching inquiries, up to the limit', async () => {
		const account = objects().inquiries[0].relationships.account.data!.id as string;
		const expected = objects().inquiries.filter((q) => q.relationships.account.data!.id === account && q.attributes.status === objects().inquiries[0].attributes.status);
		const { items } = await persona({
			resource: 'inquiry',
			operation: 'getAll',
			returnAll: false,
			limit: 50,
			filters: { accountId: account, status: objects().inquiries[0].attributes.status, createdAtStart: '2020-01-01T00:00:00Z' },
		});
		expect(json(items).map((i) => i.id)).toEqual(expected.map((q) => q.id));
		expect(apiRequests()[0].query).toMatchObject({
			'filter[account-id]': account,
			'filter[status]': objects().inquiries[0].attributes.status,
			'filter[created-at-start]': '2020-01-01T00:00:00.000Z',
		});

		sim.control.clearRequests();
		const limited = await persona({ resource: 'inquiry', operation: 'getAll', returnAll: false, limit: 7 });
		expect(limited.items).toHaveLength(7);
		expect(apiRequests()).toHaveLength(1);
	});

	it('survives short pages and cursor-only links (a Persona that pages differently)', async () => {
		sim.control.setPaging({ nextLinks: 'cursor-only', shortPages: true });
		const { items } = await persona({ resource: 'inquiry', operation: 'getAll', returnAll: true, simplify: false });
		expect(json(items).map((i) => i.id)).toEqual(objects().inquiries.map((q) => q.id));
		expect(items[0].json).toMatchObject({ type: 'inquiry', attributes: expect.any(Object) });
	});

	it('refuses Note beside another filter before sending anything (Persona allows it only alone)', async () => {
		const { error } = await persona({ resource: 'inquiry', operation: 'getAll', returnAll: true, filters: { note: 'x', referenceId: 'customer-0001' } });
		expect(error?.message).toBe('Filters > Note: cannot be combined with other filters [item 0]');
		expect(apiRequests()).toHaveLength(0);
	});
});

describe('Persona › Inquiry › single inquiry', () => {
	it('gets an inquiry with its account included (raw) and flat (Simplify)', async () => {
		const q = objects().inquiries[3];
		const raw = await persona({ resource: 'inquiry', operation: 'get', inquiryId: byId(q.id), simplify: false, options: { include: ['account'] } });
		expect(raw.error).toBeUndefined();
		expect(raw.items[0].json).toMatchObject({ type: 'inquiry', id: q.id, included: [{ type: 'account', id: q.relationships.account.data!.id }] });
		expect(apiRequests()[0].query).toMatchObject({ include: 'account' });
		const flat = await persona({ resource: 'inquiry', operation: 'get', inquiryId: `https://app.withpersona.com/dashboard/inquiries/${q.id}` });
		expect(flat.error?.message).toBeDefined(); // a plain string is taken as an ID and must look like one
		const byUrl = await persona({ resource: 'inquiry', operation: 'get', inquiryId: { __rl: true, mode: 'url', value: `https://app.withpersona.com/dashboard/inquiries/${q.id}` } });
		expect(byUrl.items[0].json).toMatchObject({ vendor: 'persona', type: 'inquiry', id: q.id, status: q.attributes.status });
	});

	it('approves and declines with a comment; each answer is the decided inquiry', async () => {
		const a = inquiryIn('completed', 'needs_review');
		const approved = await persona({ resource: 'inquiry', operation: 'approve', inquiryId: byId(a.id), comment: 'Documents verified' });
		expect(approved.error).toBeUndefined();
		expect(approved.items[0].json).toMatchObject({ id: a.id, status: 'approved', decisionedAt: expect.any(String) });
		const post = apiRequests().find((r: { method: string }) => r.method === 'POST');
		expect(post).toMatchObject({ path: `/api/v1/inquiries/${a.id}/approve`, body: { meta: { comment: 'Documents verified' } } });
		expect(sim.control.events().at(-1)).toMatchObject({ attributes: { name: 'inquiry.approved', payload: { data: { id: a.id } } } });

		const declined = await persona({ resource: 'inquiry', operation: 'decline', inquiryId: byId(a.id) });
		expect(declined.items[0].json).toMatchObject({ id: a.id, status: 'declined' });
	});

	it('expires an inquiry; Persona refusing a decided one is an error naming the inquiry', async () => {
		const open = inquiryIn('created', 'pending');
		const expired = await persona({ resource: 'inquiry', operation: 'expire', inquiryId: byId(open.id) });
		expect(expired.items[0].json).toMatchObject({ id: open.id, status: 'expired', expiredAt: expect.any(String) });
		const decided = inquiryIn('approved');
		const refused = await persona({ resource: 'inquiry', operation: 'expire', inquiryId: byId(decided.id) });
		expect(refused.error?.message).toMatch(new RegExp(`^Persona expiring inquiry ${decided.id} failed \\(HTTP 422\\)`));
	});

	it('adds and removes a tag by name', async () => {
		const q = objects().inquiries[0];
		const added = await persona({ resource: 'inquiry', operation: 'addTag', inquiryId: byId(q.id), tag: 'VIP' });
		expect(added.items[0].json).toMatchObject({ id: q.id, tags: ['VIP'] });
		const removed = await persona({ resource: 'inquiry', operation: 'removeTag', inquiryId: byId(q.id), tag: 'VIP' });
		expect(removed.items[0].json).toMatchObject({ id: q.id, tags: [] });
		expect(apiRequests().map((r: { path: string; body: unknown }) => [r.path, r.body])).toEqual([
			[`/api/v1/inquiries/${q.id}/add-tag`, { meta: { 'tag-name': 'VIP' } }],
			[`/api/v1/inquiries/${q.id}/remove-tag`, { meta: { 'tag-name': 'VIP' } }],
		]);
	});

	it('redacts an inquiry: its personal data is gone', async () => {
		const q = objects().inquiries[1];
		const { items } = await persona({ resource: 'inquiry', operation: 'redact', inquiryId: byId(q.id) });
		expect(items[0].json).toMatchObject({ id: q.id, name: null, emailAddress: null, redactedAt: expect.any(String) });
		expect(apiRequests()[0]).toMatchObject({ method: 'DELETE', path: `/api/v1/inquiries/${q.id}` });
	});

	it('prints an inquiry as a PDF into the chosen binary field', async () => {
		const q = objects().inquiries[2];
		const { items, error } = await persona({ resource: 'inquiry', operation: 'print', inquiryId: byId(q.id), binaryPropertyName: 'pdf' });
		expect(error).toBeUndefined();
		expect(items[0].binary?.pdf).toMatchObject({ mimeType: 'application/pdf', fileName: `persona-inquiry-${q.id}.pdf` });
		const pdf = await readBinary(items[0], 'pdf');
		expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
		expect(pdf.toString('latin1')).toContain(`Persona inquiry ${q.id}`);
		expect(items[0].json).toEqual({ id: q.id, type: 'inquiry', fileName: `persona-inquiry-${q.id}.pdf`, mimeType: 'application/pdf', fileSize: pdf.length });
		expectPaired(items, [0]);
	});

	it('an unknown inquiry ID is a NodeApiError saying so; continue-on-fail keeps the other items, each paired', async () => {
		const good = objects().inquiries[0];
		const missing = 'inq_DoesNotExist1';
		const failed = await persona({ resource: 'inquiry', operation: 'get', inquiryId: byId(missing) });
		expect(failed.error?.message).toBe(`Persona getting inquiry ${missing} failed (HTTP 404): Could not find inquiry with id ${missing}`);
		expect((failed.error as unknown as { httpCode?: string }).httpCode).toBe('404');

		const { items } = await persona(
			{ resource: 'inquiry', operation: 'get', inquiryId: '={{ $json.id }}' },
			{ items: [{ id: missing }, { id: good.id }, { id: 'case_WrongKind1' }], continueOnFail: true },
		);
		expect(items).toHaveLength(3);
		expect(items[0].json).toMatchObject({ error: expect.stringMatching(/HTTP 404/), httpCode: '404' });
		expect(items[1].json).toMatchObject({ id: good.id, type: 'inquiry' });
		expect(items[2].json.error).toBe('Inquiry ID: "case_WrongKind1" is not a valid Inquiry ID [item 2]');
		expectPaired(items, [0, 1, 2]);
	});
});

describe('Persona › Account', () => {
	it('finds the account of a user by filter[reference-id] and gets it', async () => {
		const account = objects().accounts[5];
		const reference = String(account.attributes['reference-id']);
		const { items } = await persona({ resource: 'account', operation: 'getAll', returnAll: true, filters: { referenceId: reference } });
		expect(json(items)).toEqual([
			{
				vendor: 'persona',
				type: 'account',
				id: account.id,
				reference,
				status: null,
				accountType: 'User',
				name: `${account.attributes['name-first']} ${account.attributes['name-last']}`,
				emailAddress: account.attributes['email-address'],
				countryCode: account.attributes['country-code'],
				tags: [],
				createdAt: account.attributes['created-at'],
				updatedAt: account.attributes['updated-at'],
				redactedAt: null,
			},
		]);
		expect(apiRequests()[0].query).toMatchObject({ 'filter[reference-id]': reference });
		const got = await persona({ resource: 'account', operation: 'get', accountId: byId(account.id), simplify: false });
		expect(got.items[0].json).toMatchObject({ type: 'account', id: account.id, attributes: { 'reference-id': reference } });
	});

	it('lists all accounts over pages with Return All', async () => {
		const { items } = await persona({ resource: 'account', operation: 'getAll', returnAll: true });
		expect(json(items).map((a) => a.id)).toEqual(objects().accounts.map((a) => a.id));
	});

	it('adds and removes a tag (Persona emits account.tag-added / account.tag-removed)', async () => {
		const account = objects().accounts[0];
		const added = await persona({ resource: 'account', operation: 'addTag', accountId: byId(account.id), tag: 'High Value' });
		expect(added.items[0].json).toMatchObject({ id: account.id, tags: ['High Value'] });
		const removed = await persona({ resource: 'account', operation: 'removeTag', accountId: byId(account.id), tag: 'High Value' });
		expect(removed.items[0].json).toMatchObject({ id: account.id, tags: [] });
		const names = sim.control.events().map((e: IDataObject) => (e.attributes as IDataObject).name);
		expect(names).toEqual(['account.tag-added', 'account.updated-tags', 'account.tag-removed', 'account.updated-tags']);
	});

	it('items run in order: one per input item, each paired', async () => {
		const [a, b] = objects().accounts;
		const { items } = await persona({ resource: 'account', operation: 'get', accountId: '={{ $json.id }}' }, { items: [{ id: a.id }, { id: b.id }] });
		expect(json(items).map((i) => i.id)).toEqual([a.id, b.id]);
		expectPaired(items, [0, 1]);
	});
});

describe('Persona › Report', () => {
	it('gets a report flat: type, status, match and the account and inquiry it belongs to', async () => {
		const report = objects().reports.find((r) => r.relationships.account.data)!;
		const { items } = await persona({ resource: 'report', operation: 'get', reportId: byId(report.id) });
		expect(items[0].json).toMatchObject({
			vendor: 'persona',
			type: report.type,
			reportType: report.type.replace('report/', ''),
			id: report.id,
			status: 'ready',
			hasMatch: report.attributes['has-match'],
			accountId: report.relationships.account.data!.id,
			reference: report.attributes['reference-id'],
		});
	});

	it('re-runs a report: Persona runs it again and emits report/<type>.ready', async () => {
		const report = printable();
		const { items } = await persona({ resource: 'report', operation: 'rerun', reportId: byId(report.id) });
		expect(items[0].json).toMatchObject({ id: report.id, status: 'ready', completedAt: expect.any(String) });
		expect(apiRequests()[0]).toMatchObject({ method: 'POST', path: `/api/v1/reports/${report.id}/run` });
		expect(sim.control.events().map((e: IDataObject) => (e.attributes as IDataObject).name)).toContain('report/watchlist.ready');
	});

	it('a rerun whose answer is lost is retried with the same Idempotency-Key: Persona runs the report once', async () => {
		const report = printable();
		sim.control.pushFaults({ type: 'reset', after: true, method: 'POST', path: '/api/v1/reports/:id/run' });
		const { items, error } = await persona({ resource: 'report', operation: 'rerun', reportId: byId(report.id) });
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ id: report.id, status: 'ready' });
		const posts = apiRequests().filter((r: { method: string }) => r.method === 'POST');
		expect(posts).toHaveLength(2);
		expect(posts[0].headers['idempotency-key']).toEqual(expect.any(String));
		expect(posts[1].headers['idempotency-key']).toBe(posts[0].headers['idempotency-key']);
		expect(sim.control.events().filter((e: IDataObject) => (e.attributes as IDataObject).name === 'report/watchlist.ready')).toHaveLength(1);
	});

	it('prints a report as a PDF', async () => {
		const report = printable();
		const { items } = await persona({ resource: 'report', operation: 'print', reportId: byId(report.id) });
		const pdf = await readBinary(items[0], 'data');
		expect(pdf.toString('latin1')).toContain(`Persona report ${report.id}`);
		expect(items[0].json).toMatchObject({ id: report.id, type: 'report', mimeType: 'application/pdf' });
	});

	it.each([
		['error', /\(HTTP 422; Persona says: Report rep_\w+ of type report\/email-address cannot be printed as PDF\)$/],
		['empty', /\(the answer was not a PDF\)$/],
	])('a report without a PDF (Persona answering with %s) is refused naming the Report ID field', async (variant, detail) => {
		sim.control.setObjectOptions({ printUnavailable: variant as 'error' | 'empty' });
		const report = unprintable();
		const { error } = await persona({ resource: 'report', operation: 'print', reportId: byId(report.id) });
		expect(error?.message).toMatch(new RegExp(`^Report ID: Persona has no PDF for report ${report.id} `));
		expect(error?.message).toMatch(detail);
		expect(error?.description).toMatch(/not every report type has a PDF/);

		const { items } = await persona(
			{ resource: 'report', operation: 'print', reportId: '={{ $json.id }}' },
			{ items: [{ id: report.id }, { id: printable().id }], continueOnFail: true },
		);
		expect(items[0].json.error).toMatch(/^Report ID: Persona has no PDF/);
		expect(items[1].binary?.data).toMatchObject({ mimeType: 'application/pdf' });
		expectPaired(items, [0, 1]);
	});

	it('an unknown report ID is a clear NodeApiError', async () => {
		const { error } = await persona({ resource: 'report', operation: 'get', reportId: byId('rep_Missing000') });
		expect(error?.message).toBe('Persona getting report rep_Missing000 failed (HTTP 404): Could not find report with id rep_Missing000');
	});
});

describe('Persona › pickers (From List)', () => {
	const search = async (method: string, filter?: string, paginationToken?: string) =>
		await runListSearch({
			nodeType: Persona,
			credentialType: PersonaApi,
			credentials: { personaApi: { apiKey: sim.apiKey, baseUrl: sim.baseUrl } },
			method,
			filter,
			paginationToken,
		});

	it('lists inquiries newest first with name, reference and status, paging on with a token', async () => {
		const all = objects().inquiries;
		const first = await search('searchInquiries');
		expect(first.results.map((r) => r.value)).toEqual(all.slice(0, 100).map((q) => q.id));
		const q = all[0];
		expect(first.results[0].name).toBe(`${q.attributes['name-first']} ${q.attributes['name-last']} · ${q.attributes['reference-id']} · ${q.attributes.status} (${q.id})`);
		const second = await search('searchInquiries', undefined, first.paginationToken);
		expect(second.results.map((r) => r.value)).toEqual(all.slice(100, 200).map((q) => q.id));
	});

	it('asks Persona for a typed reference ID (filter[reference-id]) and shows just that account', async () => {
		const account = objects().accounts.at(-1)!;
		const { results } = await search('searchAccounts', String(account.attributes['reference-id']));
		expect(results.map((r) => r.value)).toEqual([account.id]);
		expect(apiRequests().some((r: { query: IDataObject }) => r.query['filter[reference-id]'] === account.attributes['reference-id'])).toBe(true);
	});
});
