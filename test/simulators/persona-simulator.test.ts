import axios, { type AxiosInstance, type AxiosResponse } from 'axios';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { startPersonaSimulator } from '../../simulators/persona';
import { startWebhookSink } from '../../simulators/lib/webhook-sink';

/**
 * Checks that the Persona simulator behaves like /work/shared/vendors/persona.md describes, so
 * node tests written against it are meaningful. Waiting happens inside the simulator's JS API
 * (control.wait / flushDeliveries): timers are off limits in .ts files.
 */

type Sim = Awaited<ReturnType<typeof startPersonaSimulator>>;
type Sink = Awaited<ReturnType<typeof startWebhookSink>>;

interface Resource {
	type: string;
	id: string;
	attributes: Record<string, unknown>;
	relationships?: Record<string, { data: unknown }>;
}
interface CaseDoc {
	data: Resource;
	included?: Resource[];
}
interface ListDoc {
	data: Resource[];
	links: { prev: string | null; next: string | null };
}
interface ErrorDoc {
	errors: Array<{ title: string; details: string; source?: { pointer?: string; parameter?: string } }>;
}
interface EventEnvelope {
	data: {
		type: string;
		id: string;
		attributes: { name: string; 'created-at': string; context: Record<string, unknown>; payload: { data: Resource; included: unknown[] } };
	};
}
interface WebhookAttributes {
	status: string;
	secrets: Array<{ value: string; 'expires-at': string | null }>;
	[key: string]: unknown;
}

const client = (baseURL: string, apiKey?: string): AxiosInstance =>
	axios.create({
		baseURL,
		headers: apiKey ? { Authorization: `Bearer ${apiKey}` } : {},
		validateStatus: () => true,
	});

function signatureGroups(header: string): Array<{ t: string; v1: string }> {
	return header
		.trim()
		.split(/\s+/)
		.map((group) => {
			const pairs = Object.fromEntries(
				group.split(',').map((pair) => {
					const i = pair.indexOf('=');
					return [pair.slice(0, i), pair.slice(i + 1)];
				}),
			);
			return { t: pairs.t, v1: pairs.v1 };
		});
}

function groupVerifies(group: { t: string; v1: string }, rawBody: string, secret: string): boolean {
	const expected = createHmac('sha256', secret).update(`${group.t}.${rawBody}`).digest('hex');
	return expected.length === group.v1.length && timingSafeEqual(Buffer.from(expected), Buffer.from(group.v1));
}

const header = (value: string | string[] | undefined): string => (Array.isArray(value) ? value[0] : (value ?? ''));

describe('Persona simulator', () => {
	let sim: Sim;
	let api: AxiosInstance;
	const CASES = 300;

	beforeAll(async () => {
		sim = await startPersonaSimulator({
			seed: 42,
			caseCount: CASES,
			webhookDelivery: { maxAttempts: 3, retryDelaysMs: [20, 40], timeoutMs: 2000 },
		});
		api = client(sim.baseUrl, sim.apiKey);
	});

	afterAll(async () => {
		await sim.stop();
	});

	/** Walks every page by following relative `links.next`. */
	async function walk(firstPath: string): Promise<{ ids: string[]; pages: ListDoc[] }> {
		const pages: ListDoc[] = [];
		let path: string | null = firstPath;
		while (path) {
			const res: AxiosResponse<ListDoc> = await axios.get<ListDoc>(sim.url + path, { headers: { Authorization: `Bearer ${sim.apiKey}` } });
			expect(res.status).toBe(200);
			pages.push(res.data);
			path = res.data.links.next;
		}
		return { ids: pages.flatMap((p) => p.data.map((c) => c.id)), pages };
	}

	describe('authentication, errors and the request log', () => {
		it('answers 401 in Persona error shape without credentials and logs it', async () => {
			const res = await client(sim.baseUrl).get<ErrorDoc>('/cases');
			expect(res.status).toBe(401);
			expect(res.data.errors[0]).toEqual({ title: 'Unauthorized', details: 'Must be authenticated to access this endpoint' });
			expect(res.data.errors[0]).not.toHaveProperty('detail');
			expect(res.headers['request-id']).toMatch(/^req_/);
			const entry = sim.control.requests().pop();
			expect(entry?.auth).toEqual({ present: false, valid: false });
			expect(entry?.status).toBe(401);
		});

		it('rejects a wrong key and never stores the key in the log', async () => {
			const res = await client(sim.baseUrl, 'persona_sandbox_wrong_key_123').get('/cases');
			expect(res.status).toBe(401);
			const entry = sim.control.requests().pop();
			expect(entry?.auth).toEqual({ present: true, valid: false });
			expect(JSON.stringify(sim.control.requests())).not.toContain('wrong_key_123');
			expect(JSON.stringify(sim.control.requests())).not.toContain(sim.apiKey);
		});

		it('records Persona-Version, Key-Inflection, Idempotency-Key and Content-Type', async () => {
			await api.get('/cases?page[size]=1', { headers: { 'Persona-Version': '2025-12-08', 'Key-Inflection': 'kebab' } });
			const entry = sim.control.requests().pop();
			expect(entry?.headers['persona-version']).toBe('2025-12-08');
			expect(entry?.headers['key-inflection']).toBe('kebab');
			expect(entry?.auth).toEqual({ present: true, valid: true });
			expect(entry?.query).toEqual({ 'page[size]': '1' });
		});

		it('answers 404 Record not found for an unknown case and 400 for invalid JSON', async () => {
			const missing = await api.get<ErrorDoc>('/cases/case_doesnotexist');
			expect(missing.status).toBe(404);
			expect(missing.data.errors[0].title).toBe('Record not found');
			const broken = await api.post<ErrorDoc>('/cases', '{"data": ', { headers: { 'Content-Type': 'application/json' } });
			expect(broken.status).toBe(400);
			expect(broken.data.errors[0].title).toBe('Bad Request');
		});

		it('rejects unknown Persona-Version and Key-Inflection values', async () => {
			expect((await api.get('/cases', { headers: { 'Key-Inflection': 'snake_case' } })).status).toBe(400);
			expect((await api.get('/cases', { headers: { 'Persona-Version': '2019-01-01' } })).status).toBe(400);
		});
	});

	describe('listing cases', () => {
		it('walks every page through relative links: all seeded cases, newest first, no duplicates', async () => {
			const { ids, pages } = await walk('/api/v1/cases?page[size]=37');
			expect(ids).toHaveLength(CASES);
			expect(new Set(ids).size).toBe(CASES);
			expect(pages[0].links.prev).toBeNull();
			expect(pages[pages.length - 1].links.next).toBeNull();
			expect(pages[0].links.next).toMatch(/^\/api\/v1\/cases\?page%5Bafter%5D=case_[A-Za-z0-9]+&page%5Bsize%5D=37$/);
			const created = pages.flatMap((p) => p.data.map((c) => String(c.attributes['created-at'])));
			expect([...created].sort().reverse()).toEqual(created);
		});

		it('pages backwards with page[before] and accepts literal or percent-encoded brackets', async () => {
			const first = await api.get<ListDoc>('/cases?page%5Bsize%5D=5');
			const literal = await api.get<ListDoc>('/cases?page[size]=5');
			expect(literal.data.data.map((c) => c.id)).toEqual(first.data.data.map((c) => c.id));
			const second = await axios.get<ListDoc>(sim.url + first.data.links.next, { headers: { Authorization: `Bearer ${sim.apiKey}` } });
			expect(second.data.links.prev).toMatch(/page%5Bbefore%5D=/);
			const back = await axios.get<ListDoc>(sim.url + second.data.links.prev, { headers: { Authorization: `Bearer ${sim.apiKey}` } });
			expect(back.data.data.map((c) => c.id)).toEqual(first.data.data.map((c) => c.id));
		});

		it('validates page[size]: default 10, 1..100, >100 rejected', async () => {
			expect((await api.get<ListDoc>('/cases')).data.data).toHaveLength(10);
			expect((await api.get<ListDoc>('/cases?page[size]=100')).data.data).toHaveLength(100);
			const tooBig = await api.get<ErrorDoc>('/cases?page[size]=101');
			expect(tooBig.status).toBe(400);
			expect(tooBig.data.errors[0].source).toEqual({ parameter: 'page[size]' });
			expect((await api.get('/cases?page[size]=0')).status).toBe(400);
		});

		it('filters by status across pages and keeps the filter in the links', async () => {
			const { ids, pages } = await walk('/api/v1/cases?filter[status]=Approved&page[size]=7');
			expect(ids.length).toBeGreaterThan(7);
			expect(pages.flatMap((p) => p.data).every((c) => c.attributes.status === 'Approved')).toBe(true);
			expect(pages[0].links.next).toContain('filter%5Bstatus%5D=Approved');
			const inReview = await api.get<ListDoc>('/cases?filter%5Bstatus%5D=In%20Review&page[size]=100');
			expect(inReview.data.data.length).toBeGreaterThan(0);
			expect(inReview.data.data.every((c) => c.attributes.status === 'In Review')).toBe(true);
		});

		it('filters by template, account, reference id and inquiry', async () => {
			const state = sim.control.state();
			const template = state.templates[1];
			const byTemplate = await walk(`/api/v1/cases?filter[case-template-id]=${template.id}&page[size]=100`);
			const templateIds = byTemplate.pages.flatMap((p) => p.data.map((c) => (c.relationships?.['case-template'].data as Resource).id));
			expect(new Set(templateIds)).toEqual(new Set([template.id]));

			const sample = (await api.get<ListDoc>('/cases?page[size]=100')).data.data.find((c) => (c.relationships?.accounts.data as Resource[]).length > 0);
			const accountId = (sample?.relationships?.accounts.data as Resource[])[0].id;
			const byAccount = await api.get<ListDoc>(`/cases?filter[account-id]=${accountId}&page[size]=100`);
			expect(byAccount.data.data.map((c) => c.id)).toContain(sample?.id);
			const reference = state.accounts.find((a) => a.id === accountId)?.referenceId;
			const byReference = await api.get<ListDoc>(`/cases?filter[reference-id]=${reference}&page[size]=100`);
			expect(byReference.data.data.map((c) => c.id)).toContain(sample?.id);
			const none = await api.get<ListDoc>('/cases?filter[inquiry-id]=inq_unknown');
			expect(none.data.data).toEqual([]);
			expect(none.data.links).toEqual({ prev: null, next: null });
		});

		it('rejects unknown filters', async () => {
			const res = await api.get<ErrorDoc>('/cases?filter[colour]=blue');
			expect(res.status).toBe(400);
			expect(res.data.errors[0].details).toContain('filter[colour]');
		});

		it('echoes Key-Inflection but never inflects keys inside attributes.fields', async () => {
			const camel = await api.get<ListDoc>('/cases?page[size]=20&filter[case-template-id]=' + sim.control.state().templates[0].id, {
				headers: { 'Key-Inflection': 'camel' },
			});
			const c = camel.data.data[0];
			expect(c.attributes).toHaveProperty('createdAt');
			expect(c.relationships).toHaveProperty('caseTemplate');
			expect(Object.keys(c.attributes.fields as object).sort()).toEqual(['country_code', 'priority', 'risk-score', 'sourceOfFunds']);
			const snake = await api.get<CaseDoc>(`/cases/${c.id}`, { headers: { 'Key-Inflection': 'snake' } });
			expect(snake.data.data.attributes).toHaveProperty('created_at');
			expect(snake.data.data.attributes.fields).toHaveProperty('risk-score');
		});

		it('retrieves a case with include and sparse fieldsets', async () => {
			const id = (await api.get<ListDoc>('/cases?page[size]=1')).data.data[0].id;
			const plain = await api.get<CaseDoc>(`/cases/${id}`);
			expect(plain.data).not.toHaveProperty('included');
			const withTemplate = await api.get<CaseDoc>(`/cases/${id}?include=case-template,accounts`);
			expect(withTemplate.data.included?.some((r) => r.type === 'case-template')).toBe(true);
			const sparse = await api.get<CaseDoc>(`/cases/${id}?fields[case]=status,name`);
			expect(Object.keys(sparse.data.data.attributes).sort()).toEqual(['name', 'status']);
			expect((await api.get(`/cases/${id}?include=bogus`)).status).toBe(400);
			const template = await api.get<CaseDoc>(`/case-templates/${sim.control.state().templates[0].id}`);
			expect(template.data.data.type).toBe('case-template');
			expect(template.data.data.attributes['field-schemas']).toHaveLength(4);
		});

		it('is deterministic per seed', async () => {
			const again = await startPersonaSimulator({ seed: 42, caseCount: CASES });
			const other = await startPersonaSimulator({ seed: 43, caseCount: CASES });
			try {
				const ids = async (s: Sim) => (await client(s.baseUrl, s.apiKey).get<ListDoc>('/cases?page[size]=20')).data.data.map((c) => c.id);
				expect(await ids(again)).toEqual(await ids(sim));
				expect(await ids(other)).not.toEqual(await ids(sim));
			} finally {
				await again.stop();
				await other.stop();
			}
		});
	});

	describe('case mutations', () => {
		const kyc = () => sim.control.state().templates.find((t) => t.name === 'KYC Review')!;

		it('validates create: template required (400) and known (422), fields checked', async () => {
			const missing = await api.post<ErrorDoc>('/cases', { data: { attributes: {} } });
			expect(missing.status).toBe(400);
			expect(missing.data.errors[0].source?.pointer).toBe('/data/attributes/case-template-id');
			const unknown = await api.post<ErrorDoc>('/cases', { data: { attributes: { 'case-template-id': 'ctmpl_nope' } } });
			expect(unknown.status).toBe(422);
			expect(unknown.data.errors[0].source?.pointer).toBe('/data/attributes/case-template-id');
			const badField = await api.post<ErrorDoc>('/cases', { data: { attributes: { 'case-template-id': kyc().id, fields: { nope: 1 } } } });
			expect(badField.status).toBe(400);
			expect(badField.data.errors[0].source?.pointer).toBe('/data/attributes/fields/nope');
		});

		it('creates a case (201) in the initial status; top-level custom fields are ignored', async () => {
			const inquiry = sim.control.state().inquiries[0].id;
			const res = await api.post<CaseDoc>('/cases', {
				data: { attributes: { 'case-template-id': kyc().id, 'risk-score': 99, fields: { country_code: 'DE', 'risk-score': 12 } } },
				meta: { 'object-ids': [inquiry], 'sla-expires-in-seconds': 3600 },
			});
			expect(res.status).toBe(201);
			const c = res.data.data;
			expect(c.id).toMatch(/^case_/);
			expect(c.attributes.status).toBe('Open');
			expect(c.attributes.fields).toMatchObject({ country_code: { type: 'string', value: 'DE' }, 'risk-score': { type: 'number', value: 12 } });
			expect(c.attributes['sla-expires-at']).not.toBeNull();
			expect(c.relationships?.inquiries.data).toEqual([{ type: 'inquiry', id: inquiry }]);
			expect(sim.control.requests().pop()?.warnings.join(' ')).toContain('risk-score');
			const newest = await api.get<ListDoc>('/cases?page[size]=1');
			expect(newest.data.data[0].id).toBe(c.id);
		});

		it('replays an Idempotency-Key with the same body and rejects it with a different one', async () => {
			const before = sim.state.cases.size;
			const body = { data: { attributes: { 'case-template-id': kyc().id } } };
			const headers = { 'Idempotency-Key': 'idem-create-1' };
			const first = await api.post<CaseDoc>('/cases', body, { headers });
			const second = await api.post<CaseDoc>('/cases', body, { headers });
			expect(first.status).toBe(201);
			expect(second.status).toBe(201);
			expect(second.data).toEqual(first.data);
			expect(sim.state.cases.size).toBe(before + 1);
			expect(sim.control.requests().pop()?.idempotentReplay).toBe(true);
			const conflict = await api.post<ErrorDoc>('/cases', { data: { attributes: { 'case-template-id': kyc().id, fields: { priority: 'high' } } } }, { headers });
			expect(conflict.status).toBe(409);
			// Validation errors are stored and replayed too.
			const bad = { data: { attributes: {} } };
			const e1 = await api.post('/cases', bad, { headers: { 'Idempotency-Key': 'idem-bad' } });
			const e2 = await api.post('/cases', bad, { headers: { 'Idempotency-Key': 'idem-bad' } });
			expect([e1.status, e2.status]).toEqual([400, 400]);
		});

		it('validates set-status: meta.status required, data.attributes.status rejected, template statuses only', async () => {
			const id = (await api.post<CaseDoc>('/cases', { data: { attributes: { 'case-template-id': kyc().id } } })).data.data.id;
			const missing = await api.post<ErrorDoc>(`/cases/${id}/set-status`, { meta: {} });
			expect(missing.status).toBe(400);
			expect(missing.data.errors[0].source?.pointer).toBe('/meta/status');
			const legacy = await api.post<ErrorDoc>(`/cases/${id}/set-status`, { data: { attributes: { status: 'Approved' } } });
			expect(legacy.status).toBe(400);
			const wrongCase = await api.post<ErrorDoc>(`/cases/${id}/set-status`, { meta: { status: 'approved' } });
			expect(wrongCase.status).toBe(422);
			const ok = await api.post<CaseDoc>(`/cases/${id}/set-status`, { meta: { status: 'Approved' } });
			expect(ok.status).toBe(200);
			expect(ok.data.data.attributes).toMatchObject({ status: 'Approved', resolution: 'Approved' });
			expect(ok.data.data.attributes['resolved-at']).not.toBeNull();
			const names = sim.control.events().filter((e) => e.attributes.payload.data.id === id).map((e) => e.attributes.name);
			expect(names).toEqual(['case.created', 'case.status-updated', 'case.resolved']);
		});

		it('updates fields, assigns, tags and refuses status via PATCH', async () => {
			const id = (await api.post<CaseDoc>('/cases', { data: { attributes: { 'case-template-id': kyc().id } } })).data.data.id;
			const patched = await api.patch<CaseDoc>(`/cases/${id}`, { data: { attributes: { fields: { priority: 'high' } } }, meta: { 'sla-expires-in-seconds': null } });
			expect(patched.status).toBe(200);
			expect(patched.data.data.attributes.fields).toMatchObject({ priority: { type: 'choices', value: 'high' } });
			expect((await api.patch(`/cases/${id}`, { data: { attributes: { status: 'Approved' } } })).status).toBe(400);

			expect((await api.post(`/cases/${id}/assign`, { meta: {} })).status).toBe(400);
			expect((await api.post(`/cases/${id}/assign`, { meta: { 'user-email-address': 'nobody@example.com' } })).status).toBe(422);
			const assigned = await api.post<CaseDoc>(`/cases/${id}/assign`, { meta: { 'user-email-address': 'grace.hopper@example.com' } });
			expect(assigned.data.data.attributes['assignee-id']).toBe('grace.hopper@example.com');

			await api.post(`/cases/${id}/add-tag`, { meta: { 'tag-name': 'FRAUD' } });
			const tagged = await api.post<CaseDoc>(`/cases/${id}/add-tag`, { meta: { 'tag-name': 'NEW TAG' } });
			expect(tagged.data.data.attributes.tags).toEqual(['FRAUD', 'NEW TAG']);
			const removed = await api.post<CaseDoc>(`/cases/${id}/remove-tag`, { meta: { 'tag-name': 'FRAUD' } });
			expect(removed.data.data.attributes.tags).toEqual(['NEW TAG']);
			const set = await api.post<CaseDoc>(`/cases/${id}/set-tags`, { meta: { 'tag-name': ['PEP', 'VIP'] } });
			expect(set.data.data.attributes.tags).toEqual(['PEP', 'VIP']);
			expect((await api.post(`/cases/${id}/set-tags`, { meta: { 'tag-name': 'PEP' } })).status).toBe(400);
		});

		it('adds and removes objects, adds comments', async () => {
			const id = (await api.post<CaseDoc>('/cases', { data: { attributes: { 'case-template-id': kyc().id } } })).data.data.id;
			const account = sim.control.state().accounts[0].id;
			const added = await api.post<CaseDoc>(`/cases/${id}/add-objects`, { meta: { 'object-ids': [account] } });
			expect(added.data.data.relationships?.accounts.data).toEqual([{ type: 'account', id: account }]);
			expect((await api.post(`/cases/${id}/add-objects`, { meta: { 'object-ids': 'x' } })).status).toBe(400);
			const removed = await api.post<CaseDoc>(`/cases/${id}/remove-objects`, { meta: { 'object-ids': [account, 'inq_not_attached'] } });
			expect(removed.data.data.relationships?.accounts.data).toEqual([]);
			const commented = await api.post<CaseDoc>(`/cases/${id}/add-comment?include=case-comments`, { meta: { message: 'Looks fine' } });
			expect(commented.data.included?.[0].attributes.message).toBe('Looks fine');
		});

		it('redacts: 200 with redacted-at and cleared fields; the case can still be retrieved', async () => {
			const id = (await api.post<CaseDoc>('/cases', { data: { attributes: { 'case-template-id': kyc().id, fields: { country_code: 'FR' } } } })).data.data.id;
			const redacted = await api.delete<CaseDoc>(`/cases/${id}`);
			expect(redacted.status).toBe(200);
			expect(redacted.data.data.attributes['redacted-at']).not.toBeNull();
			expect(redacted.data.data.attributes.fields).toEqual({});
			const again = await api.get<CaseDoc>(`/cases/${id}`);
			expect(again.status).toBe(200);
			expect(again.data.data.attributes['redacted-at']).toBe(redacted.data.data.attributes['redacted-at']);
		});

		it('searches with and/or/not clauses and pages by re-POSTing the body to links.next', async () => {
			const template = sim.control.state().templates.find((t) => t.name === 'Transaction Monitoring')!;
			const body = {
				query: {
					and: [
						{ attribute: 'template', operator: 'eq', value: template.id },
						{ or: [{ attribute: 'status', operator: 'eq', value: 'open' }, { attribute: 'status', operator: 'eq', value: 'pending' }] },
						{ not: { attribute: 'status', operator: 'eq', value: 'resolved' } },
					],
				},
				sort: { attribute: 'created_at', direction: 'asc' },
				page: { size: 9 },
			};
			const ids: string[] = [];
			let path: string | null = '/api/v1/cases/search';
			let pages = 0;
			while (path) {
				const res: AxiosResponse<ListDoc> = await axios.post<ListDoc>(sim.url + path, body, { headers: { Authorization: `Bearer ${sim.apiKey}` } });
				expect(res.status).toBe(200);
				res.data.data.forEach((c) => {
					expect(['open', 'pending']).toContain(c.attributes.status);
					ids.push(c.id);
				});
				path = res.data.links.next;
				if (path) expect(path).toMatch(/^\/api\/v1\/cases\/search\?page%5Bafter%5D=case_/);
				pages++;
			}
			const expected = (await walk(`/api/v1/cases?filter[case-template-id]=${template.id}&page[size]=100`)).pages
				.flatMap((p) => p.data)
				.filter((c) => c.attributes.status !== 'resolved');
			expect(ids.sort()).toEqual(expected.map((c) => c.id).sort());
			expect(pages).toBeGreaterThan(1);

			const tooDeep = await api.post<ErrorDoc>('/cases/search', { query: { and: [{ or: [{ not: { attribute: 'status', operator: 'eq', value: 'x' } }] }] } });
			expect(tooDeep.status).toBe(400);
			const badOperator = await api.post<ErrorDoc>('/cases/search', { query: { attribute: 'created_at', operator: 'like', value: 'x' } });
			expect(badOperator.data.errors[0].source?.pointer).toBe('/query/operator');
			const byField = await api.post<ListDoc>('/cases/search', { query: { attribute: 'fields.risk-score', operator: 'gte', value: 95 }, page: { size: 100 } });
			expect(byField.data.data.every((c) => ((c.attributes.fields as Record<string, { value: number }>)['risk-score'].value ?? 0) >= 95)).toBe(true);
		});
	});

	describe('webhooks', () => {
		let sink: Sink;
		let webhookId: string;
		let secret: string;
		let caseId: string;

		beforeAll(async () => {
			sink = await startWebhookSink();
			// A fresh case, so earlier tests (redaction, status changes) cannot interfere.
			const templateId = sim.control.state().templates.find((t) => t.name === 'KYC Review')!.id;
			caseId = (await api.post<CaseDoc>('/cases', { data: { attributes: { 'case-template-id': templateId } } })).data.data.id;
		});
		afterAll(async () => {
			await sink.stop();
		});
		beforeEach(async () => {
			await sim.control.flushDeliveries();
			sink.clear();
		});

		it('validates and creates webhooks disabled, with a secret', async () => {
			const missing = await api.post<ErrorDoc>('/webhooks', { data: { attributes: { url: sink.url, 'enabled-events': ['case.assigned'] } } });
			expect(missing.status).toBe(400);
			expect(missing.data.errors[0].source?.pointer).toBe('/data/attributes/name');
			const res = await api.post<{ data: { id: string; attributes: WebhookAttributes } }>('/webhooks', {
				data: { attributes: { name: 'n8n trigger', url: `${sink.url}/hook`, 'enabled-events': ['case.assigned', 'case.status-updated'], 'api-key-inflection': 'kebab' } },
			});
			expect(res.status).toBe(201);
			expect(res.data.data.id).toMatch(/^wbh_/);
			expect(res.data.data.attributes.status).toBe('disabled');
			expect(res.data.data.attributes.secrets).toEqual([{ value: expect.stringMatching(/^wbhsec_/), 'expires-at': null }]);
			webhookId = res.data.data.id;
			secret = res.data.data.attributes.secrets[0].value;
			const listed = await api.get<ListDoc>('/webhooks');
			expect(listed.data.data.map((w) => w.id)).toContain(webhookId);
		});

		it('delivers nothing while disabled', async () => {
			await api.post(`/cases/${caseId}/assign`, { meta: { 'user-email-address': 'ada.lovelace@example.com' } });
			await sim.control.flushDeliveries();
			expect(sink.requests).toHaveLength(0);
		});

		it('delivers a signed event envelope once enabled', async () => {
			const enabled = await api.post<{ data: { attributes: WebhookAttributes } }>(`/webhooks/${webhookId}/enable`);
			expect(enabled.data.data.attributes.status).toBe('enabled');
			await api.post(`/cases/${caseId}/assign`, { meta: { 'user-email-address': 'alan.turing@example.com' } });
			await sim.control.flushDeliveries();
			expect(sink.requests).toHaveLength(1);
			const req = sink.requests[0];
			expect(req.path).toBe('/hook');
			expect(header(req.headers['persona-webhook-attempts-made'])).toBe('1');
			expect(header(req.headers['persona-webhook-attempts-left'])).toBe('2');
			expect(header(req.headers['persona-webhook-first-attempted-at'])).toMatch(/^\d{10}$/);
			const groups = signatureGroups(header(req.headers['persona-signature']));
			expect(groups).toHaveLength(1);
			expect(groupVerifies(groups[0], req.rawBody, secret)).toBe(true);
			expect(groupVerifies(groups[0], req.rawBody + ' ', secret)).toBe(false);
			const envelope = req.body as EventEnvelope;
			expect(envelope.data.type).toBe('event');
			expect(envelope.data.id).toMatch(/^evt_/);
			expect(envelope.data.attributes.name).toBe('case.assigned');
			expect(envelope.data.attributes.payload.data).toMatchObject({ type: 'case', id: caseId });
			expect(envelope.data.attributes.payload.data.attributes['assignee-id']).toBe('alan.turing@example.com');
			expect(envelope.data.attributes.payload.included).toEqual([]);
		});

		it('retries failed deliveries with attempt headers', async () => {
			sink.respondWith(500, 503);
			await api.post(`/cases/${caseId}/assign`, { meta: { 'user-email-address': 'grace.hopper@example.com' } });
			await sim.control.flushDeliveries();
			expect(sink.requests.map((r) => r.status)).toEqual([500, 503, 200]);
			expect(sink.requests.map((r) => header(r.headers['persona-webhook-attempts-made']))).toEqual(['1', '2', '3']);
			expect(sink.requests.map((r) => header(r.headers['persona-webhook-attempts-left']))).toEqual(['2', '1', '0']);
			expect(new Set(sink.requests.map((r) => (r.body as EventEnvelope).data.id)).size).toBe(1);
		});

		it('signs with both secrets during a rotation', async () => {
			const rotated = await api.post<{ data: { attributes: WebhookAttributes } }>(`/webhooks/${webhookId}/rotate-secret`, { meta: { 'expires-in-seconds': 3600 } });
			const secrets = rotated.data.data.attributes.secrets;
			expect(secrets).toHaveLength(2);
			expect(secrets.find((s) => s.value === secret)?.['expires-at']).not.toBeNull();
			const fresh = secrets.find((s) => s.value !== secret)!;
			expect(fresh['expires-at']).toBeNull();

			sim.control.setCaseStatus(caseId, 'Pending');
			await sim.control.flushDeliveries();
			expect(sink.requests).toHaveLength(1);
			const req = sink.requests[0];
			const groups = signatureGroups(header(req.headers['persona-signature']));
			expect(groups).toHaveLength(2);
			expect(groups.some((g) => groupVerifies(g, req.rawBody, secret))).toBe(true);
			expect(groups.some((g) => groupVerifies(g, req.rawBody, fresh.value))).toBe(true);
			secret = fresh.value;
		});

		it('sends forged, stale and duplicated events on request (JS and HTTP control)', async () => {
			const all = sim.control.webhooks().find((w) => w.id === webhookId)!;
			const secrets = (all.attributes.secrets as Array<{ value: string }>).map((s) => s.value);
			const forged = await sim.control.sendEvent({ caseId, name: 'case.status-updated', webhookId, forged: true });
			const forgedGroups = signatureGroups(forged.deliveries[0].signature ?? '');
			expect(forgedGroups.some((g) => secrets.some((s) => groupVerifies(g, forged.deliveries[0].requestBody, s)))).toBe(false);

			const stale = await sim.control.sendEvent({ caseId, name: 'case.status-updated', webhookId, timestampOffsetSeconds: -3600 });
			const staleGroup = signatureGroups(stale.deliveries[0].signature ?? '')[0];
			expect(Number(staleGroup.t)).toBeLessThan(Date.now() / 1000 - 3500);
			expect(secrets.some((s) => groupVerifies(staleGroup, stale.deliveries[0].requestBody, s))).toBe(true);

			const dup = await axios.post<{ event: { id: string }; deliveries: Array<{ status: number }> }>(`${sim.url}/__control/persona/events`, {
				caseId,
				name: 'case.assigned',
				webhookId,
				duplicateTimes: 3,
			});
			expect(dup.data.deliveries.map((d) => d.status)).toEqual([200, 200, 200]);
			const lastThree = sink.requests.slice(-3).map((r) => (r.body as EventEnvelope).data.id);
			expect(lastThree).toEqual([dup.data.event.id, dup.data.event.id, dup.data.event.id]);
		});

		it('serialises payloads with the webhook api-key-inflection, leaving field keys alone', async () => {
			const created = await api.post<{ data: { id: string } }>('/webhooks', {
				data: { attributes: { name: 'camel', url: `${sink.url}/camel`, 'enabled-events': ['*'], 'api-key-inflection': 'camel' } },
			});
			await api.post(`/webhooks/${created.data.data.id}/enable`);
			try {
				const tagged = await api.post(`/cases/${caseId}/add-tag`, { meta: { 'tag-name': 'camel-check' } });
				expect(tagged.status).toBe(200);
				await sim.control.flushDeliveries();
				const camelReq = sink.requests.find((r) => r.path === '/camel');
				const envelope = camelReq?.body as { data: { attributes: { name: string; payload: { data: Resource } } } };
				expect(envelope.data.attributes.name).toBe('case.updated-tags');
				const payload = envelope.data.attributes.payload.data;
				expect(payload.attributes).toHaveProperty('updatedAt');
				expect(payload.attributes.fields).toHaveProperty('risk-score');
				expect(payload.attributes.fields).toHaveProperty('country_code');
				expect(payload.attributes.fields).toHaveProperty('sourceOfFunds');
			} finally {
				await api.post(`/webhooks/${created.data.data.id}/archive`);
			}
		});

		it('archives: nothing is delivered afterwards, control still lists it with secrets', async () => {
			const archived = await api.post<{ data: { attributes: WebhookAttributes } }>(`/webhooks/${webhookId}/archive`);
			expect(archived.data.data.attributes.status).toBe('archived');
			expect((await api.post(`/webhooks/${webhookId}/enable`)).status).toBe(422);
			const viaHttp = await axios.post(`${sim.url}/__control/persona/cases/${caseId}/status`, { status: 'Declined' });
			expect(viaHttp.status).toBe(200);
			await sim.control.flushDeliveries();
			expect(sink.requests).toHaveLength(0);
			const listed = await axios.get<Array<{ id: string; attributes: WebhookAttributes }>>(`${sim.url}/__control/persona/webhooks`);
			const mine = listed.data.find((w) => w.id === webhookId);
			expect(mine?.attributes.status).toBe('archived');
			expect(mine?.attributes.secrets.length).toBeGreaterThan(0);
		});
	});

	describe('faults', () => {
		afterEach(() => sim.control.clearFaults());

		it('429 with RateLimit-Reset and optional Retry-After', async () => {
			sim.control.pushFaults({ type: 429, resetSeconds: 7, retryAfterSeconds: 7 });
			const res = await api.get<ErrorDoc>('/cases');
			expect(res.status).toBe(429);
			expect(res.headers['ratelimit-reset']).toBe('7');
			expect(res.headers['ratelimit-remaining']).toBe('0');
			expect(res.headers['retry-after']).toBe('7');
			expect(res.data.errors[0].title).toBe('Rate limit exceeded');
			sim.control.pushFaults({ type: '429' });
			const plain = await api.get('/cases');
			expect(plain.headers['ratelimit-reset']).toBe('1');
			expect(plain.headers['retry-after']).toBeUndefined();
			expect((await api.get('/cases')).status).toBe(200);
		});

		it('500/502/503 in Persona error shape, consumed in order, before authentication', async () => {
			sim.control.pushFaults([{ type: 500 }, { type: 502 }, { type: 503, count: 2 }]);
			const statuses: number[] = [];
			for (let i = 0; i < 5; i++) statuses.push((await client(sim.baseUrl).get('/cases')).status);
			expect(statuses).toEqual([500, 502, 503, 503, 401]);
			sim.control.pushFaults({ type: 503 });
			const res = await api.get<ErrorDoc>('/cases');
			expect(res.data.errors[0].title).toBe('Service Unavailable');
		});

		it('matches faults by method and path', async () => {
			sim.control.pushFaults({ type: 503, method: 'GET', path: '/api/v1/cases/:caseId', count: 2 });
			expect((await api.get('/cases')).status).toBe(200);
			const id = (await api.get<ListDoc>('/cases?filter[status]=Pending&page[size]=1')).data.data[0].id;
			expect((await api.get(`/cases/${id}`)).status).toBe(503);
			expect((await api.post(`/cases/${id}/add-tag`, { meta: { 'tag-name': 'VIP' } })).status).toBe(200);
			expect((await api.get(`/cases/${id}`)).status).toBe(503);
			expect((await api.get(`/cases/${id}`)).status).toBe(200);
		});

		it('slow answers after the delay', async () => {
			sim.control.pushFaults({ type: 'slow', delayMs: 300 });
			const started = Date.now();
			const res = await api.get('/cases?page[size]=1');
			expect(res.status).toBe(200);
			expect(Date.now() - started).toBeGreaterThanOrEqual(280);
			await expect(api.get('/cases', { timeout: 100 }).then(() => 'ok')).resolves.toBe('ok');
			sim.control.pushFaults({ type: 'slow', delayMs: 500 });
			await expect(api.get('/cases', { timeout: 100 })).rejects.toThrow();
		});

		it('truncated responses fail on the client (both modes)', async () => {
			sim.control.pushFaults({ type: 'truncated' });
			await expect(api.get('/cases')).rejects.toThrow();
			sim.control.pushFaults({ type: 'truncated', mode: 'cut' });
			await expect(api.get('/cases')).rejects.toThrow();
			const log = sim.control.requests().slice(-2);
			expect(log.map((e) => e.fault)).toEqual(['truncated', 'truncated']);
			expect((await api.get('/cases')).status).toBe(200);
		});

		it('reset drops the connection; with after:true the request still ran, so an idempotent retry replays it', async () => {
			sim.control.pushFaults({ type: 'reset' });
			await expect(api.get('/cases')).rejects.toThrow();
			const template = sim.control.state().templates[0].id;
			const before = sim.state.cases.size;
			sim.control.pushFaults({ type: 'reset', after: true, method: 'POST', path: '/api/v1/cases' });
			const headers = { 'Idempotency-Key': 'reset-after-1' };
			await expect(api.post('/cases', { data: { attributes: { 'case-template-id': template } } }, { headers })).rejects.toThrow();
			expect(sim.state.cases.size).toBe(before + 1);
			const retry = await api.post<CaseDoc>('/cases', { data: { attributes: { 'case-template-id': template } } }, { headers });
			expect(retry.status).toBe(201);
			expect(sim.state.cases.size).toBe(before + 1);
		});

		it('is controllable over HTTP', async () => {
			const pushed = await axios.post<Array<{ id: string; type: string }>>(`${sim.url}/__control/faults`, { faults: [{ type: 502, path: '/api/v1/webhooks' }] });
			expect(pushed.data[0].type).toBe('502');
			expect((await axios.get<unknown[]>(`${sim.url}/__control/faults`)).data).toHaveLength(1);
			expect((await api.get('/webhooks')).status).toBe(502);
			expect((await axios.get<unknown[]>(`${sim.url}/__control/faults`)).data).toHaveLength(0);
			const bad = await axios.post(`${sim.url}/__control/faults`, { type: 'explode' }, { validateStatus: () => true });
			expect(bad.status).toBe(400);
		});
	});

	describe('control API over HTTP', () => {
		it('health, request log, reset', async () => {
			const health = await axios.get<{ ok: boolean; vendor: string }>(`${sim.url}/__control/health`);
			expect(health.data).toMatchObject({ ok: true, vendor: 'persona' });
			await api.get('/cases?page[size]=2');
			const log = await axios.get<Array<{ path: string }>>(`${sim.url}/__control/requests`);
			expect(log.data[log.data.length - 1].path).toBe('/api/v1/cases');
			await axios.delete(`${sim.url}/__control/requests`);
			expect((await axios.get<unknown[]>(`${sim.url}/__control/requests`)).data).toEqual([]);

			const created = await api.post<CaseDoc>('/cases', { data: { attributes: { 'case-template-id': sim.control.state().templates[0].id } } });
			await axios.post(`${sim.url}/__control/reset`);
			expect((await api.get(`/cases/${created.data.data.id}`)).status).toBe(404);
			expect(sim.state.cases.size).toBe(CASES);
			expect((await axios.get<{ caseCount: number }>(`${sim.url}/__control/persona/state`)).data.caseCount).toBe(CASES);
		});
	});
});

describe('Persona simulator rate limit', () => {
	let sim: Sim;
	beforeAll(async () => {
		sim = await startPersonaSimulator({ caseCount: 20, rateLimit: { limit: 3, windowMs: 1000 } });
	});
	afterAll(async () => {
		await sim.stop();
	});

	it('counts requests in a fixed window and answers 429 with RateLimit headers', async () => {
		const api = client(sim.baseUrl, sim.apiKey);
		const remaining: string[] = [];
		for (let i = 0; i < 3; i++) {
			const res = await api.get('/cases');
			expect(res.status).toBe(200);
			expect(res.headers['ratelimit-limit']).toBe('3');
			remaining.push(String(res.headers['ratelimit-remaining']));
		}
		expect(remaining).toEqual(['2', '1', '0']);
		const limited = await api.get<ErrorDoc>('/cases');
		expect(limited.status).toBe(429);
		expect(limited.data.errors[0].title).toBe('Rate limit exceeded');
		expect(Number(limited.headers['ratelimit-reset'])).toBeGreaterThanOrEqual(1);
		expect(limited.headers['retry-after']).toBeUndefined();
		// Unauthenticated calls are rejected before the limiter.
		expect((await client(sim.baseUrl).get('/cases')).status).toBe(401);

		await sim.control.wait(1100);
		expect((await api.get('/cases')).status).toBe(200);
	});

	it('sends Retry-After when configured', async () => {
		const api = client(sim.baseUrl, sim.apiKey);
		sim.control.setRateLimit({ limit: 1, windowMs: 60_000, retryAfterHeader: true });
		expect((await api.get('/cases')).status).toBe(200);
		const limited = await api.get('/cases');
		expect(limited.status).toBe(429);
		expect(limited.headers['retry-after']).toBe('60');
		expect(limited.headers['ratelimit-reset']).toBe('60');
	});
});
