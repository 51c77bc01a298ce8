import { byId, json, newestFirst, normalized, useZenoo, UUID, type SimCase } from '../helpers/zenoo';

const z = useZenoo();
const sim = () => z.sim();
const { simCases, requests, mutations } = z;
const zenoo = z.run;

describe('Zenoo › Case › Get Many', () => {
	it('walks every cursor page with Return All, X-API-KEY on every request, normalized, paired', async () => {
		const { items, error } = await zenoo({ operation: 'getAll', returnAll: true });
		expect(error).toBeUndefined();
		const expected = newestFirst(simCases());
		expect(json(items)).toEqual(expected.map(normalized));
		const reqs = requests();
		expect(reqs.map((r) => [r.path, r.query.limit, r.query.cursor === undefined])).toEqual([
			['/v1/cases', '100', true],
			['/v1/cases', '100', false],
		]);
		expect(reqs.every((r) => r.status === 200)).toBe(true);
		expect((sim().control.requests() as Array<{ auth: { valid: boolean } }>).every((r) => r.auth.valid)).toBe(true);
		expect(items.every((i) => (i.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	it('stops as soon as the limit is reached, asking for no more than needed', async () => {
		const { items } = await zenoo({ operation: 'getAll', returnAll: false, limit: 30 });
		expect(json(items).map((c) => c.id)).toEqual(newestFirst(simCases()).slice(0, 30).map((c) => c.token));
		expect(requests().map((r) => r.query.limit)).toEqual(['30']);
	});

	it('sends the documented filters and gets only matching cases (raw with Simplify off)', async () => {
		const target = simCases().find((c) => c.assigned_to && c.risk_tier)!;
		const { items, error } = await zenoo({
			operation: 'getAll',
			returnAll: true,
			simplify: false,
			filters: { status: target.status, type: target.type, entityCategory: target.entity_category, riskTier: target.risk_tier, assignedTo: target.assigned_to },
		});
		expect(error).toBeUndefined();
		const expected = simCases().filter(
			(c) => c.status === target.status && c.type === target.type && c.entity_category === target.entity_category && c.risk_tier === target.risk_tier && c.assigned_to === target.assigned_to,
		);
		expect(json(items).map((c) => c.token).sort()).toEqual(expected.map((c) => c.token).sort());
		expect(requests()[0].query).toEqual({ limit: '100', status: target.status, type: target.type, entity_category: target.entity_category, risk_tier: target.risk_tier, assigned_to: target.assigned_to });
		expect(json(items)[0]).toHaveProperty('open_alerts_count');
	});

	it('keeps going over short pages, and over a cursor sent without has_more; stops on has_more false', async () => {
		sim().control.configure({ paging: { maxPageSize: 7 } });
		const short = await zenoo({ operation: 'getAll', returnAll: false, limit: 20 });
		expect(short.items).toHaveLength(20);
		expect(requests().map((r) => r.query.limit)).toEqual(['20', '20', '20']);

		sim().control.clearRequests();
		sim().control.configure({ paging: { maxPageSize: 50, hasMore: 'omit' } });
		const noFlag = await zenoo({ operation: 'getAll', returnAll: true });
		expect(noFlag.items).toHaveLength(130);
		expect(requests()).toHaveLength(3);

		sim().control.clearRequests();
		sim().control.configure({ paging: { maxPageSize: 0, hasMore: 'send', cursorOnLastPage: true } });
		const lastCursor = await zenoo({ operation: 'getAll', returnAll: true });
		expect(lastCursor.items).toHaveLength(130);
		expect(requests()).toHaveLength(2);

		// Neither has_more nor a null cursor at the end: the empty page after the last one (with
		// the same cursor again) ends the list, it is not taken for a loop.
		sim().control.clearRequests();
		sim().control.configure({ paging: { maxPageSize: 50, hasMore: 'omit', cursorOnLastPage: true } });
		const neither = await zenoo({ operation: 'getAll', returnAll: true });
		expect(neither.error).toBeUndefined();
		expect(neither.items).toHaveLength(130);
		expect(new Set(json(neither.items).map((c) => c.id)).size).toBe(130);
		expect(requests()).toHaveLength(4);
	});

	it('copes with cases whose optional fields are missing', async () => {
		sim().control.configure({ omitOptionalFields: true });
		const c = newestFirst(simCases()).find((x) => !x.assigned_to)!;
		const { items, error } = await zenoo({ operation: 'get', caseId: byId(c.token) });
		expect(error).toBeUndefined();
		expect(items[0].json).toEqual({ ...normalized(c), assignee: null, outcome: null, updatedAt: null, riskScore: c.risk_score });
	});
});

describe('Zenoo › Case › Create, Update', () => {
	it('creates a case with its entity inline, external reference and metadata; a UUID Idempotency-Key', async () => {
		const before = simCases().length;
		const { items, error } = await zenoo({
			operation: 'create',
			caseType: 'Onboarding',
			entityCategory: 'Company',
			companyName: 'Acme Widgets Ltd',
			entityDetails: { registrationNumber: '01234567', country: 'gb', addressLine1: '1 Main St', city: 'London', postalCode: 'N1 1AA', addressCountry: 'GB' },
			additionalFields: { externalReference: 'CRM-42', metadata: '{"segment": "sme"}', assignedTo: 'usr_a1ice' },
		});
		expect(error).toBeUndefined();
		expect(simCases()).toHaveLength(before + 1);
		const [post] = mutations();
		expect(post.path).toBe('/v1/cases');
		expect(post.body).toEqual({
			type: 'Onboarding',
			entity_category: 'Company',
			entity: { type: 'Company', company_name: 'Acme Widgets Ltd', registration_number: '01234567', country: 'GB', address: { line1: '1 Main St', city: 'London', postal_code: 'N1 1AA', country: 'GB' } },
			assigned_to: 'usr_a1ice',
			external_reference: 'CRM-42',
			metadata: { segment: 'sme' },
		});
		expect(post.headers['idempotency-key']).toMatch(UUID);
		const created = sim().control.getCase(String(items[0].json.id)) as SimCase & { external_reference: string; total_entities_count: number };
		expect(created.external_reference).toBe('CRM-42');
		expect(created.total_entities_count).toBe(1);
		expect(items[0].json).toEqual(normalized(created));
		expect(created.status).toBe('In Progress');
	});

	it('a create whose answer is lost is retried with the same key: Zenoo replays it, one case', async () => {
		const before = simCases().length;
		sim().control.pushFaults({ type: 'reset', after: true, method: 'POST', path: '/v1/cases' });
		const { items, error } = await zenoo({ operation: 'create', caseType: 'Review', entityCategory: 'Person', firstName: 'Jo', lastName: 'Doe' });
		expect(error).toBeUndefined();
		expect(simCases()).toHaveLength(before + 1);
		const posts = mutations();
		expect(posts).toHaveLength(2);
		expect(posts[0].headers['idempotency-key']).toBe(posts[1].headers['idempotency-key']);
		expect(posts[1].idempotentReplay).toBe(true);
		expect(items[0].json.id).toBe(newestFirst(simCases())[0].token);
	});

	it('n8n\'s Retry On Fail keeps the key: a create that failed twice over makes exactly one case', async () => {
		const before = simCases().length;
		sim().control.pushFaults([
			{ type: 'reset', after: true, method: 'POST', path: '/v1/cases' },
			{ type: 503, count: 4, method: 'POST', path: '/v1/cases' },
		]);
		const { items, error } = await zenoo(
			{ operation: 'create', caseType: 'Review', entityCategory: 'Person', firstName: 'Jo', lastName: 'Doe' },
			{ node: { retryOnFail: true, maxTries: 2, waitBetweenTries: 0 } },
		);
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		expect(simCases()).toHaveLength(before + 1);
		expect(new Set(mutations().map((r) => r.headers['idempotency-key'])).size).toBe(1);
		expect(mutations().length).toBeGreaterThan(5);
	});

	it('an Idempotency Key of your own is sent as given, so a re-run of the same record replays', async () => {
		const own = ['9b2c6a8e', '4d1f', '4a57', '8c3e', '1f0a2b3c4d5e'].join('-');
		const params = { operation: 'create', caseType: 'Review', entityCategory: 'Person', firstName: 'Jo', lastName: 'Doe', additionalFields: { idempotencyKey: own } };
		const first = await zenoo(params);
		const second = await zenoo(params);
		expect(second.items[0].json.id).toBe(first.items[0].json.id);
		expect(mutations().map((r) => [r.headers['idempotency-key'], r.idempotentReplay ?? false])).toEqual([
			[own, false],
			[own, true],
		]);
	});

	it('updates status, assignee and metadata with one PATCH', async () => {
		const c = simCases().find((x) => x.status === 'In Progress')!;
		const { items, error } = await zenoo({ operation: 'update', caseId: byId(c.token), updateFields: { status: 'In Review', assignedTo: 'usr_d4vid', metadata: { priority: 'high' } } });
		expect(error).toBeUndefined();
		const [patch] = mutations();
		expect([patch.method, patch.path]).toEqual(['PATCH', `/v1/cases/${c.token}`]);
		expect(patch.body).toEqual({ status: 'In Review', assigned_to: 'usr_d4vid', metadata: { priority: 'high' } });
		expect(patch.headers['idempotency-key']).toMatch(UUID);
		expect(items[0].json).toMatchObject({ id: c.token, status: 'In Review', assignee: 'usr_d4vid' });
	});
});

describe('Zenoo › Case › Close', () => {
	it('says which preconditions failed (open alerts, no approved assessment) and changes nothing', async () => {
		const c = sim().control.findCase({ openAlerts: true, assessment: 'Active', notStatus: 'Closed' }) as SimCase;
		const open = (sim().control.caseAlerts(c.token) as Array<{ token: string; status: string }>).filter((a) => ['Open', 'Acknowledged', 'Escalated'].includes(a.status));
		const assessment = sim().control.currentAssessment(c.token) as { token: string };
		const { error } = await zenoo({ operation: 'close', caseId: byId(c.token), decision: 'Approve', summary: 'ok' });
		const closeRequest = (sim().control.requests() as Array<{ path: string; requestId: string }>).find((r) => r.path.endsWith('/close'))!;
		const alertsAre = `${open.length} ${open.length === 1 ? 'alert is' : 'alerts are'} not resolved`;
		expect(error?.message).toBe(
			`Zenoo refused to close case ${c.token}: ${alertsAre} (${open.map((a) => `${a.token}: ${a.status}`).join(', ')}); and its risk assessment ${assessment.token} is Active, not Approved ` +
				`(HTTP 409; Zenoo says: Case cannot be closed: ${alertsAre} (${open.map((a) => a.token).join(', ')}) (CONFLICT, request ${closeRequest.requestId}))`,
		);
		expect(error?.message).toContain(`its risk assessment ${assessment.token} is Active, not Approved`);
		expect(error?.message).toMatch(/HTTP 409; Zenoo says: Case cannot be closed/);
		expect(error?.description).toMatch(/Nothing was changed\. Zenoo closes a case only when all its alerts are resolved and its current risk assessment is approved\. To close it: resolve each alert/);
		expect((sim().control.getCase(c.token) as SimCase).status).toBe(c.status);
	});

	it('names a missing approval alone when the alerts are resolved', async () => {
		const c = sim().control.findCase({ openAlerts: false, assessment: 'Active', notStatus: 'Closed' }) as SimCase;
		const { error } = await zenoo({ operation: 'close', caseId: byId(c.token), decision: 'Decline' });
		const assessment = sim().control.currentAssessment(c.token) as { token: string };
		expect(error?.message).toMatch(new RegExp(`^Zenoo refused to close case ${c.token}: its risk assessment ${assessment.token} is Active, not Approved \\(HTTP 409`));
		expect(error?.description).toMatch(/have the current risk assessment approved in Zenoo/);
	});

	it('closes a case whose alerts are resolved and whose assessment is approved', async () => {
		const c = sim().control.findCase({ openAlerts: true, notStatus: 'Closed' }) as SimCase;
		sim().control.prepareForClose(c.token);
		const { items, error } = await zenoo({ operation: 'close', caseId: byId(c.token), decision: 'Decline', summary: 'Sanctions match confirmed.' });
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ id: c.token, status: 'Closed', outcome: 'Decline' });
		const close = mutations().find((r) => r.path.endsWith('/close'))!;
		expect(close.body).toEqual({ decision: 'Decline', summary: 'Sanctions match confirmed.' });
		expect(close.headers['idempotency-key']).toMatch(UUID);
		expect((sim().control.audit(c.token) as Array<{ event_type: string }>).at(-1)?.event_type).toBe('CASE_CLOSURE');
	});
});
