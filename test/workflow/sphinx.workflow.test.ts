import type { IDataObject } from 'n8n-workflow';

import { apiRequests, byId, credentialsFor, json, runSphinx, sphinxTestBed } from './sphinx-helpers';

const bed = sphinxTestBed({ caseCount: 130 });
/** A client secret the simulator does not know. */
const WRONG = ['not', 'the', 'right', 'one'].join('-');

describe('Sphinx › OAuth2 client credentials (n8n fetches and renews the token)', () => {
	it('gets a token from <baseUrl>/api/oauth/token/ form-encoded, caches it, and sends it as Bearer', async () => {
		const { items, error, result } = await runSphinx(bed.sim, { operation: 'getAll', returnAll: false, limit: 5 }, { auth: 'oAuth2' });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(5);
		const tokenRequests = bed.sim.control.tokenRequests() as IDataObject[];
		expect(tokenRequests).toEqual([{ format: 'form', basic: false, grant_type: 'client_credentials', client_id: bed.sim.clientId }]);
		const stored = result.credentials.sphinxOAuth2Api.oauthTokenData as IDataObject;
		expect(stored.access_token).toMatch(/^sphx_at_/);
		expect(apiRequests(bed.sim)[0].headers.authorization).toBe(`Bearer ${String(stored.access_token)}`);
	});

	it('renews an expired token in the middle of a Return All and still returns every case once', async () => {
		// Pages of 20: the token expires after 2 more API requests, so page 3 of 7 gets a 401.
		bed.sim.control.configure({ pageSizeCap: 20 });
		bed.sim.control.expireTokensAfter(2);
		const { items, error } = await runSphinx(bed.sim, { operation: 'getAll', returnAll: true, simplify: true }, { auth: 'oAuth2' });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(130);
		expect(new Set(items.map((i) => i.json.id)).size).toBe(130);
		expect(bed.sim.control.tokenRequests()).toHaveLength(2);
		const refused = apiRequests(bed.sim).filter((r) => r.status === 401);
		expect(refused.length).toBeGreaterThanOrEqual(1);
	});

	it('uses the token stored in the credential on the next run instead of fetching a new one', async () => {
		const first = await runSphinx(bed.sim, { operation: 'getAll', returnAll: false, limit: 1 }, { auth: 'oAuth2' });
		const credentials = first.result.credentials;
		await runSphinx(bed.sim, { operation: 'getAll', returnAll: false, limit: 1 }, { auth: 'oAuth2', credentials });
		expect(bed.sim.control.tokenRequests()).toHaveLength(1);
	});

	it('reports a wrong client secret as a credential problem without showing the secret', async () => {
		const { error } = await runSphinx(bed.sim, { operation: 'get', caseId: byId(1) }, { auth: 'oAuth2', credentials: credentialsFor(bed.sim, { clientSecret: WRONG }) });
		expect(error).toBeDefined();
		expect(JSON.stringify(error)).not.toContain(WRONG);
		expect(apiRequests(bed.sim).filter((r) => r.method === 'GET' && r.path.startsWith('/api/cases'))).toHaveLength(0);
	});
});

describe('Sphinx › Case › Get Many', () => {
	it('walks every page with Return All (static token), newest first, normalized', async () => {
		const { items, error } = await runSphinx(bed.sim, { operation: 'getAll', returnAll: true });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(130);
		const first = items[0].json;
		expect(first).toEqual(expect.objectContaining({ vendor: 'sphinx', id: '130', reference: 'case-0130' }));
		expect(Object.keys(first).sort()).toEqual(['assignee', 'createdAt', 'id', 'outcome', 'reference', 'riskScore', 'status', 'updatedAt', 'vendor']);
		const requests = apiRequests(bed.sim);
		expect(requests).toHaveLength(2);
		expect(requests.every((r) => r.headers.authorization === `Bearer ${bed.sim.accessToken}`)).toBe(true);
		expect(requests.map((r) => r.query.page)).toEqual(['1', '2']);
	});

	it('stops as soon as the limit is reached', async () => {
		const { items } = await runSphinx(bed.sim, { operation: 'getAll', returnAll: false, limit: 7 });
		expect(items).toHaveLength(7);
		expect(apiRequests(bed.sim).map((r) => r.query.page_size)).toEqual(['7']);
	});

	it('sends the documented filters and keeps them on every page even when next links drop them', async () => {
		bed.sim.control.configure({ nextDropsFilters: true, pageSizeCap: 10 });
		const { items, error } = await runSphinx(bed.sim, { operation: 'getAll', returnAll: true, filters: { outcome: 'ACCEPTED', hasWebhook: 'false' } });
		expect(error).toBeUndefined();
		expect(items.length).toBeGreaterThan(20);
		expect(items.every((i) => i.json.outcome === 'ACCEPTED')).toBe(true);
		const requests = apiRequests(bed.sim);
		expect(requests.length).toBeGreaterThan(2);
		expect(requests.every((r) => r.query.outcome === 'ACCEPTED' && r.query.has_webhook === 'false')).toBe(true);
		expect(new Set(items.map((i) => i.json.id)).size).toBe(items.length);
	});

	it('reads the older field generation (status) and the newer one (is_complete / failed) alike', async () => {
		bed.sim.control.configure({ generation: 'old' });
		const old = json((await runSphinx(bed.sim, { operation: 'getAll', returnAll: true })).items);
		bed.sim.control.configure({ generation: 'new' });
		const now = json((await runSphinx(bed.sim, { operation: 'getAll', returnAll: true })).items);
		const statusOf = (list: IDataObject[]) => list.map((c) => c.status);
		expect(statusOf(old)).toEqual(statusOf(now).map((s) => ({ COMPLETED: 'COMPLETED', FAILED: 'ERROR', IN_PROGRESS: expect.stringMatching(/^(PENDING|PROCESSING)$/) })[s as string]));
		expect(new Set(statusOf(now))).toEqual(new Set(['COMPLETED', 'FAILED', 'IN_PROGRESS']));
	});

	it('turns Sphinx\'s reasoning array inside cases into one string with Simplify off', async () => {
		const { items } = await runSphinx(bed.sim, { operation: 'getAll', returnAll: false, limit: 3, simplify: false });
		const checks = items.flatMap((i) => i.json.checks as IDataObject[]);
		expect(checks.some((k) => typeof k.reasoning === 'string')).toBe(true);
		expect(checks.every((k) => k.reasoning === null || typeof k.reasoning === 'string')).toBe(true);
	});

	it('waits out a 429 with Retry-After and keeps going', async () => {
		bed.sim.control.pushFaults({ type: 429, path: '/api/cases', retryAfterSeconds: 3 });
		const { items, error } = await runSphinx(bed.sim, { operation: 'getAll', returnAll: false, limit: 5 });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(5);
		expect(bed.sleeps).toContain(3000);
	});

	it('refuses a non-integer customer filter before sending', async () => {
		const { error } = await runSphinx(bed.sim, { operation: 'getAll', returnAll: true, filters: { customerId: 'abc' } });
		expect(error?.message).toContain('Filters > Customer ID');
		expect(apiRequests(bed.sim)).toHaveLength(0);
	});
});
