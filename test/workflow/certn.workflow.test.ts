import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { CertnApi } from '../../credentials/CertnApi.credentials';
import { timing } from '../../core/timing';
import { Certn } from '../../nodes/Certn/Certn.node';
import { CertnTrigger } from '../../nodes/Certn/CertnTrigger.node';
import { readBinary, runNode, runWebhook, startTestServer, type RecordedRequest, type TestServer } from '../harness';
import { startCertnSimulator } from '../../simulators/certn';
import { clearSecretCache } from '../../core/triggerRuntime';

type Sim = Awaited<ReturnType<typeof startCertnSimulator>>;
type Check = { id: string; type: string; status: string };
type SimCase = {
	id: string;
	short_id: string;
	created: string;
	overall_status: string;
	overall_score: string | null;
	email_address: string;
	group: string | null;
	tags: string[];
	checks: Check[];
	invite_link: string | null;
	input_claims: IDataObject;
	check_types_with_arguments: IDataObject;
};
type LogEntry = { method: string; path: string; status: number | null; query: Record<string, string | string[]>; headers: Record<string, string>; body: IDataObject; warnings: string[]; fault: string | null };

let sim: Sim;

/**
 * A virtual clock for the node's waits (rate limiter, Retry-After, report polling): nothing in
 * these tests sleeps for real, and every wait the node asked for is recorded.
 */
const realTiming = { ...timing };
let clock = 0;
let sleeps: number[] = [];

beforeAll(async () => {
	clock = Date.now();
	// The simulator's rate-limit window runs on the same virtual clock as the node.
	sim = await startCertnSimulator({ seed: 11, caseCount: 250, clock: () => clock });
	timing.now = () => clock;
	timing.monotonic = () => clock;
	timing.sleep = async (ms: number) => {
		sleeps.push(ms);
		clock += ms;
	};
});
afterAll(async () => {
	Object.assign(timing, realTiming);
	await sim.stop();
});
beforeEach(() => {
	sim.control.reset();
	sleeps = [];
	// A minute passes between tests: the node's own request budget from earlier tests is spent.
	clock += 61_000;
});

const cases = (): SimCase[] => [...(sim.state.cases as Map<string, SimCase>).values()];
const newestFirst = (list: SimCase[]) => [...list].sort((a, b) => (a.created !== b.created ? (a.created < b.created ? 1 : -1) : a.id < b.id ? -1 : 1));
const apiRequests = (): LogEntry[] => (sim.control.requests() as unknown as LogEntry[]).filter((r) => r.path.startsWith('/api/public/'));
const posts = () => apiRequests().filter((r) => r.method === 'POST');
const credentials = (extra: IDataObject = {}) => ({
	certnApi: { apiKey: sim.apiKey, environment: 'custom', baseUrl: sim.baseUrl, webhookSecret: sim.webhookSecret, ...extra },
});

async function certn(parameters: IDataObject, options: { items?: IDataObject[]; continueOnFail?: boolean } = {}) {
	return await runNode({
		nodeType: Certn,
		credentialType: CertnApi,
		credentials: credentials(),
		parameters: { resource: 'case', ...parameters },
		items: options.items,
		continueOnFail: options.continueOnFail,
	});
}

const json = (items: INodeExecutionData[]) => items.map((i) => i.json);
const byId = (id: string) => ({ __rl: true, mode: 'id', value: id });

function expectPaired(items: INodeExecutionData[], inputIndexes: number[]) {
	expect(items.map((i) => (i.pairedItem as { item: number }).item)).toEqual(inputIndexes);
}

/** Every request carried `Api-Key`, used a trailing slash (no 301) and was answered. */
function expectWellFormed(requests: LogEntry[]) {
	for (const r of requests) {
		expect(r.warnings).not.toContain('path without trailing slash');
		expect(r.status).not.toBe(301);
	}
}

const CLAIMS = {
	name: { given_name: 'Jo', family_name: 'Doe', additional_name: '', type: 'LEGAL' },
	date_of_birth: '1990-01-15',
	are_consents_and_disclosures_accepted: true,
	is_general_authorization_accepted: true,
};

describe('Certn › Get Many', () => {
	it('walks every page with Return All through the real request helper and credential', async () => {
		const { items, error } = await certn({ operation: 'getAll', returnAll: true });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(250);
		expect(json(items).map((c) => c.id)).toEqual(newestFirst(cases()).map((c) => c.id));
		const requests = apiRequests();
		expect(requests.map((r) => [r.path, r.query.page, r.query.page_size])).toEqual([
			['/api/public/cases', '1', '100'],
			['/api/public/cases', '2', '100'],
			['/api/public/cases', '3', '100'],
		]);
		expectWellFormed(requests);
		expect(requests.every((r) => r.status === 200)).toBe(true);
		const first = newestFirst(cases())[0];
		expect(json(items)[0]).toEqual({
			vendor: 'certn',
			id: first.id,
			reference: first.short_id,
			status: first.overall_status,
			outcome: first.overall_score,
			riskScore: null,
			assignee: null,
			createdAt: new Date(first.created).toISOString(),
			updatedAt: expect.any(String),
		});
		expectPaired(items, items.map(() => 0));
	});

	it('reads the {count, next, previous, results} envelope as well', async () => {
		sim.control.configure({ envelope: 'count' });
		const { items, error } = await certn({ operation: 'getAll', returnAll: true, simplify: false });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(250);
		expect(apiRequests()).toHaveLength(3);
		expect(json(items)[0]).toMatchObject({ id: expect.any(String), short_id: expect.any(String), checks: expect.any(Array) });
	});

	it('stops fetching as soon as the limit is reached', async () => {
		const { items } = await certn({ operation: 'getAll', returnAll: false, limit: 120 });
		expect(items).toHaveLength(120);
		expect(apiRequests().map((r) => [r.query.page, r.query.page_size])).toEqual([
			['1', '100'],
			['2', '100'],
		]);
		const small = await certn({ operation: 'getAll', returnAll: false, limit: 5 });
		expect(small.items).toHaveLength(5);
		expect(apiRequests().slice(-1)[0].query.page_size).toBe('5');
	});

	it('sends every documented filter, arrays as repeated parameters, and gets only matching cases', async () => {
		const group = (sim.control.state().groups as Array<{ id: string }>)[0].id;
		const { items, error } = await certn({
			operation: 'getAll',
			returnAll: true,
			filters: {
				overallStatus: ['COMPLETE'],
				otherStatuses: 'in_progress',
				checkTypes: ['IDENTITY_VERIFICATION_1'],
				groups: group,
				orderTimeframeAfter: '2000-01-01T00:00:00',
				orderTimeframeBefore: '2100-12-31T00:00:00',
			},
		});
		expect(error).toBeUndefined();
		const expected = cases().filter(
			(c) => ['COMPLETE', 'IN_PROGRESS'].includes(c.overall_status) && c.group === group && c.checks.some((k) => k.type === 'IDENTITY_VERIFICATION_1'),
		);
		expect(expected.length).toBeGreaterThan(1);
		expect(json(items).map((c) => c.id).sort()).toEqual(expected.map((c) => c.id).sort());
		expect(apiRequests()[0].query).toEqual({
			page: '1',
			page_size: '100',
			overall_status: ['COMPLETE', 'IN_PROGRESS'],
			check_type: 'IDENTITY_VERIFICATION_1',
			group,
			order_timeframe_after: '2000-01-01',
			order_timeframe_before: '2100-12-31',
		});
	});

	it('filters by email, tag and ordering user', async () => {
		const target = cases().find((c) => c.tags.length)!;
		const { items } = await certn({
			operation: 'getAll',
			returnAll: true,
			filters: { emailAddress: target.email_address.toUpperCase(), tags: `${target.tags[0]}, nope`, orderedBy: (target as unknown as { ordered_by: string }).ordered_by },
		});
		expect(json(items).map((c) => c.id)).toEqual([target.id]);
		expect(apiRequests()[0].query.tag).toEqual([target.tags[0], 'nope']);
	});

	it('sends dates by default and full ISO datetimes when switched, for accounts that want them', async () => {
		sim.control.configure({ timeframeFormat: 'datetime' });
		const dates = await certn({ operation: 'getAll', returnAll: false, limit: 1, filters: { orderTimeframeAfter: '2026-01-01T10:30:00' } });
		expect(dates.error?.message).toBe('Certn listing cases failed (HTTP 400): order_timeframe_after: Enter a valid date/time.');
		expect(dates.error?.description).toMatch(/order_timeframe_after/);

		const iso = await certn({
			operation: 'getAll',
			returnAll: false,
			limit: 1,
			filters: { orderTimeframeAfter: '2026-01-01T10:30:00', timeframeFormat: 'datetime' },
		});
		expect(iso.error).toBeUndefined();
		expect(apiRequests().slice(-1)[0].query.order_timeframe_after).toBe('2026-01-01T10:30:00.000Z');
	});

	it('shows Certn\'s own words for a filter value it rejects, and refuses an unreadable date before sending', async () => {
		const bad = await certn({ operation: 'getAll', returnAll: false, limit: 1, filters: { otherStatuses: 'NOT_A_STATUS' } });
		expect(bad.error?.message).toBe(
			'Certn listing cases failed (HTTP 400): overall_status: Select a valid choice. NOT_A_STATUS is not one of the available choices.',
		);
		const requestsBefore = apiRequests().length;
		const unreadable = await certn({ operation: 'getAll', returnAll: false, limit: 1, filters: { orderTimeframeAfter: 'last tuesday' } });
		expect(unreadable.error?.message).toBe('Filters > Ordered After: "last tuesday" is not a date [item 0]');
		expect(apiRequests()).toHaveLength(requestsBefore);
	});

	it('waits out a 429 and succeeds', async () => {
		sim.control.pushFaults({ type: 429, count: 1, resetSeconds: 2 });
		const { items, error } = await certn({ operation: 'getAll', returnAll: false, limit: 3 });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(3);
		expect(apiRequests().map((r) => r.status)).toEqual([429, 200]);
		expect(sleeps).toContain(2000);
	});

	it('keeps under Certn\'s 60 requests per minute on its own', async () => {
		sim.control.reset({ caseCount: 70 });
		const { items, error } = await certn({ operation: 'getAll', returnAll: true }, {});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(70);
		// 70 single-case reads: the 61st waits for the window instead of drawing a 429.
		const ids = json(items).map((c) => ({ id: c.id }));
		sleeps = [];
		const reads = await certn({ operation: 'get', caseId: '={{ $json.id }}' }, { items: ids });
		expect(reads.error).toBeUndefined();
		expect(reads.items).toHaveLength(70);
		expect(apiRequests().filter((r) => r.status === 429)).toHaveLength(0);
		expect(sleeps.length).toBeGreaterThan(0);
	});
});

describe('Certn › Get', () => {
	it('gets one case per input item, paired, with its checks when Simplify is off', async () => {
		const [a, b] = cases();
		const { items } = await certn({ operation: 'get', caseId: '={{ $json.id }}', simplify: false }, { items: [{ id: a.id }, { id: b.id }] });
		expect(json(items).map((c) => c.id)).toEqual([a.id, b.id]);
		expect(json(items)[0]).toMatchObject({ short_id: a.short_id, checks: expect.any(Array), input_claims: expect.any(Object) });
		expectPaired(items, [0, 1]);
		expect(apiRequests().map((r) => r.path).sort()).toEqual([`/api/public/cases/${a.id}`, `/api/public/cases/${b.id}`].sort());
		expectWellFormed(apiRequests());
	});

	it('fails on 404 with Certn\'s message and a hint, and goes on with Continue On Fail', async () => {
		const missing = '00000000-0000-4000-8000-000000000000';
		const failed = await certn({ operation: 'get', caseId: byId(missing) });
		expect(failed.status).toBe('error');
		expect(failed.error?.message).toBe(`Certn getting case ${missing} failed (HTTP 404): Not found.`);
		expect(failed.error?.description).toMatch(/Check the ID/);

		const good = cases()[0];
		const { items } = await certn({ operation: 'get', caseId: '={{ $json.id }}' }, { items: [{ id: missing }, { id: good.id }], continueOnFail: true });
		expect(items).toHaveLength(2);
		expect(items[0].json).toMatchObject({ error: expect.stringMatching(/HTTP 404/), httpCode: '404' });
		expect(items[1].json).toMatchObject({ id: good.id, reference: good.short_id, status: good.overall_status });
		expectPaired(items, [0, 1]);
	});

	it('refuses an empty or malformed case ID before sending anything', async () => {
		const { items } = await certn(
			{ operation: 'get', caseId: '={{ $json.id }}' },
			{ items: [{ id: '' }, { id: 'CS_ABC123' }, { id: '../groups' }], continueOnFail: true },
		);
		expect(json(items).map((i) => i.error)).toEqual([
			'Case ID: is empty [item 0]',
			'Case ID: "CS_ABC123" is not a valid Case ID [item 1]',
			'Case ID: "../groups" is not a valid Case ID [item 2]',
		]);
		expectPaired(items, [0, 1, 2]);
		expect(apiRequests()).toHaveLength(0);
	});

	it('retries a 503 and a dropped connection on reads', async () => {
		sim.control.pushFaults([
			{ type: 503, count: 1 },
			{ type: 'reset', count: 1 },
		]);
		const c = cases()[5];
		const { items, error } = await certn({ operation: 'get', caseId: byId(c.id) });
		expect(error).toBeUndefined();
		expect(json(items)[0]).toMatchObject({ id: c.id });
	});

	it('reports a wrong API key as a credential problem without showing the key', async () => {
		const result = await runNode({
			nodeType: Certn,
			credentialType: CertnApi,
			credentials: { certnApi: { apiKey: 'certn_dummy_wrong_key_123', environment: 'custom', baseUrl: sim.baseUrl } },
			parameters: { resource: 'case', operation: 'getAll', returnAll: false, limit: 1 },
		});
		expect(result.error?.message).toBe('Certn listing cases failed (HTTP 401): Invalid API key.');
		expect(result.error?.description).toMatch(/environment/);
		expect(JSON.stringify(result.error)).not.toContain('certn_dummy_wrong_key_123');
	});
});

describe('Certn › Order', () => {
	it('orders with a Certn invite email: check types from the list, as free text and from the arguments JSON', async () => {
		const before = cases().length;
		const { items, error } = await certn({
			operation: 'order',
			emailAddress: 'applicant@example.com',
			inviteMode: 'email',
			checkTypes: ['IDENTITY_VERIFICATION_1'],
			otherCheckTypes: 'basic_canadian_criminal_record_report_2',
			checkArguments: '{"CREDIT_REPORT_1": {"ordering_type": "EXPLICIT_ORDERING", "explicit_check_type": ["US_CREDIT_REPORT_1"]}}',
			additionalFields: { tags: 'priority, rehire', permissiblePurpose: 'EMPLOYMENT', applicantLanguage: 'fr-CA' },
		});
		expect(error).toBeUndefined();
		expect(cases().length).toBe(before + 1);
		const order = posts()[0];
		expect(order.path).toBe('/api/public/cases/order');
		expect(order.body).toEqual({
			email_address: 'applicant@example.com',
			check_types_with_arguments: {
				IDENTITY_VERIFICATION_1: {},
				BASIC_CANADIAN_CRIMINAL_RECORD_REPORT_2: {},
				CREDIT_REPORT_1: { ordering_type: 'EXPLICIT_ORDERING', explicit_check_type: ['US_CREDIT_REPORT_1'] },
			},
			send_invite_email: true,
			return_invite_link: false,
			permissible_purpose: 'EMPLOYMENT',
			applicant_language: 'fr-CA',
			tags: ['priority', 'rehire'],
		});
		expect(order.warnings).toEqual([]);
		const created = sim.control.getCase(String(json(items)[0].id)) as SimCase;
		expect(json(items)[0]).toMatchObject({ vendor: 'certn', id: created.id, reference: created.short_id, status: 'APPLICANT_INVITED', outcome: null });
		expect(json(items)[0]).not.toHaveProperty('inviteLink');
		// Certn answers an order with little more than the id: the node reads the case once.
		expect(apiRequests().map((r) => `${r.method} ${r.path}`)).toEqual(['POST /api/public/cases/order', `GET /api/public/cases/${created.id}`]);
		expectWellFormed(apiRequests());
		expectPaired(items, [0]);
	});

	it('returns the invite link when Certn is not to send the email', async () => {
		const { items, error } = await certn({ operation: 'order', emailAddress: 'b@example.com', inviteMode: 'link', checkTypes: ['IDENTITY_VERIFICATION_1'] });
		expect(error).toBeUndefined();
		expect(posts()[0].body).toMatchObject({ send_invite_email: false, return_invite_link: true });
		expect(json(items)[0]).toMatchObject({ status: 'CASE_ORDERED', inviteLink: expect.stringMatching(/\/invite\//) });

		const raw = await certn({ operation: 'order', emailAddress: 'c@example.com', inviteMode: 'link', checkTypes: ['IDENTITY_VERIFICATION_1'], simplify: false });
		expect(json(raw.items)[0]).toMatchObject({ email_address: 'c@example.com', invite_link: expect.stringMatching(/\/invite\//), checks: expect.any(Array) });
	});

	it('runs a quickscreen with input claims, and refuses one without them before sending', async () => {
		const { items, error } = await certn({
			operation: 'order',
			emailAddress: 'q@example.com',
			inviteMode: 'quickscreen',
			checkTypes: ['IDENTITY_VERIFICATION_1'],
			inputClaims: JSON.stringify(CLAIMS),
		});
		expect(error).toBeUndefined();
		expect(posts()[0].body).toMatchObject({ send_invite_email: false, return_invite_link: false, input_claims: CLAIMS });
		expect(json(items)[0]).toMatchObject({ status: 'APPLICANT_SUBMITTED' });

		sim.control.clearRequests();
		const empty = await certn({ operation: 'order', emailAddress: 'q@example.com', inviteMode: 'quickscreen', checkTypes: ['IDENTITY_VERIFICATION_1'], inputClaims: '{}' });
		expect(empty.error?.message).toBe("Input Claims (JSON): is empty, but Quickscreen needs the applicant's data [item 0]");
		expect(apiRequests()).toHaveLength(0);
	});

	it('shows Certn\'s 422 when quickscreen claims are incomplete', async () => {
		const { error } = await certn({
			operation: 'order',
			emailAddress: 'q@example.com',
			inviteMode: 'quickscreen',
			checkTypes: ['IDENTITY_VERIFICATION_1'],
			inputClaims: { name: { given_name: 'Jo', family_name: 'Doe' } },
		});
		expect(error?.message).toBe(
			'Certn ordering a case failed (HTTP 422): input_claims.date_of_birth: A date of birth (YYYY-MM-DD) is required for quickscreen.; input_claims.are_consents_and_disclosures_accepted: Consent must be given for quickscreen.',
		);
		expect(error?.description).toMatch(/input_claims.date_of_birth/);
	});

	it('names the field and the item for bad input, and sends nothing', async () => {
		const { items } = await certn(
			{
				operation: 'order',
				emailAddress: '={{ $json.email }}',
				inviteMode: 'email',
				checkTypes: '={{ $json.checks }}',
				inputClaims: '={{ $json.claims }}',
			},
			{
				items: [
					{ email: '', checks: 'IDENTITY_VERIFICATION_1', claims: '{}' },
					{ email: 'ok@example.com', checks: '', claims: '{}' },
					{ email: 'ok@example.com', checks: 'IDENTITY_VERIFICATION_1', claims: '{"name": {"given_name": "Jo",}' },
					{ email: 'not-an-email', checks: 'IDENTITY_VERIFICATION_1', claims: '{}' },
					{ email: 'ok@example.com', checks: 'IDENTITY VERIFICATION', claims: '{}' },
				],
				continueOnFail: true,
			},
		);
		const errors = json(items).map((i) => String(i.error));
		expect(errors[0]).toBe('Email Address: is empty [item 0]');
		expect(errors[1]).toBe('Check Types: is empty [item 1]');
		expect(errors[2]).toMatch(/^Input Claims \(JSON\): is not valid JSON .*\[item 2\]$/);
		expect(errors[3]).toBe('Email Address: "not-an-email" is not an email address [item 3]');
		expect(errors[4]).toBe('Check Types: "IDENTITY VERIFICATION" is not a Certn identifier [item 4]');
		expectPaired(items, [0, 1, 2, 3, 4]);
		expect(apiRequests()).toHaveLength(0);
	});

	it('never repeats an order after a 503: exactly one POST, and the error says so', async () => {
		const before = cases().length;
		sim.control.pushFaults({ type: 503, count: 3, method: 'POST' });
		const { error } = await certn({ operation: 'order', emailAddress: 'x@example.com', checkTypes: ['IDENTITY_VERIFICATION_1'] });
		expect(error?.message).toMatch(/^Certn ordering a case failed \(HTTP 503\)/);
		expect(error?.description).toMatch(/may have reached Certn/);
		expect(error?.description).not.toMatch(/after retries/);
		expect(posts()).toHaveLength(1);
		expect(cases().length).toBe(before);
	});

	it('never repeats an order whose answer was lost: exactly one POST, one new case, a warning to check first', async () => {
		const before = cases().length;
		sim.control.pushFaults({ type: 'reset', after: true, count: 3, method: 'POST' });
		const { error } = await certn({ operation: 'order', emailAddress: 'lost@example.com', checkTypes: ['IDENTITY_VERIFICATION_1'] });
		expect(error?.message).toBe('Could not complete the request to Certn: the connection was reset');
		expect(error?.description).toMatch(/may have reached Certn.*not safe to send it again/s);
		expect(posts()).toHaveLength(1);
		// Certn did create it: that is why the node must not send the order again.
		expect(cases().length).toBe(before + 1);
	});

	it('does repeat an order Certn rate-limited, since a 429 was never processed', async () => {
		sim.control.pushFaults({ type: 429, count: 1, method: 'POST', resetSeconds: 1 });
		const { error } = await certn({ operation: 'order', emailAddress: 'r@example.com', checkTypes: ['IDENTITY_VERIFICATION_1'] });
		expect(error).toBeUndefined();
		expect(posts().map((r) => r.status)).toEqual([429, 201]);
	});

	it('shows the full case at once when Certn answers the order with it', async () => {
		sim.control.configure({ orderResponse: 'case' });
		const { items } = await certn({ operation: 'order', emailAddress: 'f@example.com', checkTypes: ['IDENTITY_VERIFICATION_1'] });
		expect(json(items)[0]).toMatchObject({ status: 'APPLICANT_INVITED' });
		expect(apiRequests()).toHaveLength(1);
	});
});

describe('Certn › Order Package', () => {
	it('orders an active package, and shows Certn\'s refusal of an inactive one', async () => {
		const packages = sim.control.state().packages as Array<{ id: string; is_active: boolean; checks: Array<{ check_type: string }> }>;
		const active = packages.find((p) => p.is_active)!;
		const { items, error } = await certn({ operation: 'orderPackage', packageId: active.id, emailAddress: 'p@example.com', inviteMode: 'link' });
		expect(error).toBeUndefined();
		expect(posts()[0]).toMatchObject({ path: '/api/public/cases/order-package', body: { package: active.id, email_address: 'p@example.com', send_invite_email: false, return_invite_link: true } });
		const created = sim.control.getCase(String(json(items)[0].id)) as SimCase;
		expect(created.checks.map((k) => k.type)).toEqual(active.checks.map((k) => k.check_type));
		expect(json(items)[0]).toMatchObject({ inviteLink: created.invite_link });

		const inactive = packages.find((p) => !p.is_active)!;
		const refused = await certn({ operation: 'orderPackage', packageId: inactive.id, emailAddress: 'p@example.com' });
		expect(refused.error?.message).toBe('Certn ordering a case from a package failed (HTTP 400): package: Only active packages can be ordered.');
	});
});

describe('Certn › Cancel', () => {
	it('cancels a case whose checks are still waiting', async () => {
		const c = sim.control.findCase({ cancellable: true }) as SimCase;
		const { items, error } = await certn({ operation: 'cancel', caseId: byId(c.id) });
		expect(error).toBeUndefined();
		expect(json(items)[0]).toMatchObject({ id: c.id, status: 'CANCELLED' });
		expect((sim.control.getCase(c.id) as SimCase).overall_status).toBe('CANCELLED');
		expect(apiRequests().map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
			`POST /api/public/cases/${c.id}/cancel 204`,
			`GET /api/public/cases/${c.id} 200`,
		]);
	});

	it('says exactly why Certn refuses to cancel a case whose checks are too far along', async () => {
		const c = sim.control.findCase({ status: 'IN_PROGRESS' }) as SimCase;
		const blocking = c.checks.filter((k) => k.status === 'IN_PROGRESS').map((k) => `${k.type}: IN_PROGRESS`);
		const { error } = await certn({ operation: 'cancel', caseId: byId(c.id) });
		expect(error?.message).toBe(
			`Certn refused to cancel case ${c.id}: its checks are too far along (${blocking.join(', ')}); a case can only be cancelled while every active check is AWAITING_APPLICANT_SUBMISSION or PENDING_FULFILLMENT (HTTP 400; Certn says: Case cannot be cancelled: one or more checks are past the point where they can be cancelled.)`,
		);
		expect(error?.description).toMatch(/Nothing was changed/);
		expect((sim.control.getCase(c.id) as SimCase).overall_status).toBe('IN_PROGRESS');
	});
});

describe('Certn › reports', () => {
	it('generates a report, waits for it and downloads the PDF as binary named after the case', async () => {
		const c = sim.control.findCase({ status: 'COMPLETE' }) as SimCase;
		const generated = await certn({ operation: 'generateReport', caseId: byId(c.id) });
		expect(generated.error).toBeUndefined();
		const reportFileId = String(json(generated.items)[0].reportFileId);
		expect(json(generated.items)[0]).toMatchObject({ caseId: c.id, reportFileId: expect.any(String) });

		sim.control.clearRequests();
		const { items, error } = await certn({ operation: 'getReportFile', reportFileId, binaryPropertyName: 'report' });
		expect(error).toBeUndefined();
		const item = items[0];
		expect(item.binary?.report).toMatchObject({ mimeType: 'application/pdf', fileName: `certn-report-${c.short_id}.pdf`, fileExtension: 'pdf' });
		const pdf = await readBinary(item, 'report');
		expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
		expect(pdf.toString('latin1')).toContain(`Case ${c.short_id}`);
		expect(item.json).toMatchObject({ reportFileId, caseId: c.id, reference: c.short_id, status: 'COMPLETE', fileName: `certn-report-${c.short_id}.pdf`, fileSize: pdf.length });
		expect(JSON.stringify(item.json)).not.toMatch(/X-Certn-Signature/);
		// Two PENDING answers, two waits of the poll interval, then COMPLETE.
		expect(apiRequests().filter((r) => r.path.includes('/report-files/')).length).toBe(3);
		expect(sleeps).toEqual([3000, 3000]);
		// The presigned URL was fetched without the API key (the simulator refuses both at once).
		const download = (sim.control.requests() as unknown as LogEntry[]).find((r) => r.path.startsWith('/files/report/'));
		expect(download).toMatchObject({ status: 200 });
		expectPaired(items, [0]);
	});

	it('stops waiting after the bounded number of polls, and does not wait when told not to', async () => {
		const c = sim.control.findCase({ status: 'COMPLETE' }) as SimCase;
		sim.control.configure({ reportReadyAfterPolls: 100 });
		const generated = await certn({ operation: 'generateReport', caseId: byId(c.id) });
		const reportFileId = String(json(generated.items)[0].reportFileId);

		const waited = await certn({ operation: 'getReportFile', reportFileId, reportFileOptions: { maxWaitSeconds: 10, pollIntervalSeconds: 2 } });
		expect(waited.error?.message).toBe(`Report file ${reportFileId} is not complete yet (status PENDING) after 6 checks`);
		expect(sleeps).toEqual([2000, 2000, 2000, 2000, 2000]);

		const once = await certn({ operation: 'getReportFile', reportFileId, reportFileOptions: { waitForCompletion: false } });
		expect(once.error?.message).toBe(`Report file ${reportFileId} is not complete yet (status PENDING)`);
		expect(once.error?.description).toMatch(/Wait Until Complete/);
	});

	it('reports a failed report, and a report file ID that does not exist', async () => {
		const c = sim.control.findCase({ status: 'COMPLETE' }) as SimCase;
		const generated = await certn({ operation: 'generateReport', caseId: byId(c.id) });
		const reportFileId = String(json(generated.items)[0].reportFileId);
		sim.control.setReportStatus(reportFileId, 'FAILED');
		const failed = await certn({ operation: 'getReportFile', reportFileId });
		expect(failed.error?.message).toBe(`Certn could not generate report file ${reportFileId} (status FAILED)`);

		const missing = await certn({ operation: 'getReportFile', reportFileId: '11111111-2222-4333-8444-555555555555' });
		expect(missing.error?.message).toBe('Certn getting report file 11111111-2222-4333-8444-555555555555 failed (HTTP 404): Not found.');
		expect(missing.error?.description).toMatch(/Check the ID/);

		const malformed = await certn({ operation: 'getReportFile', reportFileId: 'a/b' });
		expect(malformed.error?.message).toBe('Report File ID: "a/b" is not a valid Report File ID [item 0]');
	});
});

describe('Certn › supplementary data', () => {
	it('gets the supplementary files and information of a case', async () => {
		const c = sim.control.findCase({ status: 'COMPLETE' }) as SimCase;
		const files = await certn({ operation: 'getSupplementaryFiles', caseId: byId(c.id) });
		expect(files.error).toBeUndefined();
		const fileItem = json(files.items)[0] as { caseId: string; checks: Array<{ type: string; files: Array<{ url: string }> }> };
		expect(fileItem.caseId).toBe(c.id);
		expect(fileItem.checks.map((k) => k.type)).toEqual(c.checks.map((k) => k.type));
		expect(fileItem.checks[0].files[0].url).toMatch(/X-Certn-Signature=/);

		const info = await certn({ operation: 'getSupplementaryInformation', caseId: '={{ $json.id }}' }, { items: [{ id: c.id }, { id: c.id }] });
		expect(json(info.items).map((i) => i.caseId)).toEqual([c.id, c.id]);
		expect((json(info.items)[0].checks as IDataObject[])[0]).toMatchObject({ status: 'COMPLETE', information: expect.any(Object) });
		expectPaired(info.items, [0, 1]);
		expect(apiRequests().map((r) => r.path)).toContain(`/api/public/cases/${c.id}/supplementary-information`);
	});
});

/**
 * Stands in for n8n's webhook server: every request to it runs the Certn Trigger (GET → the
 * challenge webhook, POST → the event webhook) and answers with what the node answered.
 */
async function triggerEndpoint(parameters: IDataObject = {}, creds: IDataObject = credentials()) {
	const runs: Array<Awaited<ReturnType<typeof runWebhook>>> = [];
	// One trigger node: its static data (seen event ids) lives on between deliveries, as in n8n.
	const staticData: IDataObject = {};
	const server: TestServer = await startTestServer(async (request: RecordedRequest) => {
		const run = await runWebhook({
			nodeType: CertnTrigger,
			credentialType: CertnApi,
			credentials: creds as never,
			parameters: { events: ['CASE_STATUS_CHANGED', 'CASE_REPORT_READY'], ...parameters },
			webhookName: request.method === 'GET' ? 'setup' : 'default',
			staticData,
			request: { method: request.method, headers: request.headers, query: request.query, body: request.json ?? undefined, rawBody: request.rawBody },
		});
		runs.push(run);
		const captured = run.responseCaptured;
		if (captured.ended) return { status: captured.status, headers: captured.headers, body: captured.body as string };
		// n8n's answer for responseMode onReceived.
		return { status: 200, body: run.webhookResponse ?? { message: 'Workflow was started' } };
	});
	return { server, runs, url: `${server.url}/webhook/certn-test/webhook` };
}

describe('Certn Trigger', () => {
	it('answers the GET challenge as plain text on its URL, without starting anything', async () => {
		const direct = await runWebhook({
			nodeType: CertnTrigger,
			credentialType: CertnApi,
			credentials: credentials(),
			parameters: { events: ['CASE_STATUS_CHANGED'] },
			webhookName: 'setup',
			request: { method: 'GET', query: { challenge: 'chl_abc123' } },
		});
		expect(direct.workflowData).toBeUndefined();
		expect(direct.noWebhookResponse).toBe(true);
		expect(direct.responseCaptured).toMatchObject({ status: 200, body: 'chl_abc123', ended: true });
		expect(direct.responseCaptured.headers['content-type']).toMatch(/^text\/plain/);
		expect(direct.responseCaptured.headers['x-content-type-options']).toBe('nosniff');

		// And the way Certn does it, over HTTP against the URL the portal is given.
		const endpoint = await triggerEndpoint();
		try {
			const check = (await sim.control.challenge({ url: endpoint.url })) as { echoed: boolean; nosniff: boolean; status: number };
			expect(check).toMatchObject({ status: 200, echoed: true, nosniff: true });
			const hook = (await sim.control.addWebhook({ url: endpoint.url })) as { enabled: boolean };
			expect(hook.enabled).toBe(true);
			expect(endpoint.runs.every((r) => r.workflowData === undefined)).toBe(true);
		} finally {
			await endpoint.server.close();
		}
	});

	it('starts one execution with the full case for a correctly signed event, and ignores the duplicate', async () => {
		const endpoint = await triggerEndpoint();
		try {
			const c = sim.control.findCase({ status: 'COMPLETE' }) as SimCase;
			const sent = (await sim.control.sendEvent({ caseId: c.id, eventType: 'CASE_STATUS_CHANGED', url: endpoint.url, duplicateTimes: 2 })) as {
				event: IDataObject;
				deliveries: Array<{ status: number; signature: string }>;
			};
			expect(sent.deliveries.map((d) => d.status)).toEqual([200, 200]);
			const started = endpoint.runs.filter((r) => r.workflowData);
			expect(started).toHaveLength(1);
			const emitted = started[0].workflowData![0];
			expect(emitted).toHaveLength(1);
			expect(emitted[0].json).toEqual({
				event: 'CASE_STATUS_CHANGED',
				eventId: sent.event.id,
				eventCreatedAt: sent.event.created,
				objectType: 'CASE',
				objectId: c.id,
				vendor: 'certn',
				id: c.id,
				reference: c.short_id,
				status: 'COMPLETE',
				outcome: c.overall_score,
				riskScore: null,
				assignee: null,
				createdAt: expect.any(String),
				updatedAt: expect.any(String),
			});
			expect(endpoint.runs[1].webhookResponse).toEqual({ received: true, duplicate: true });
			expect(apiRequests().filter((r) => r.path === `/api/public/cases/${c.id}`)).toHaveLength(1);
		} finally {
			await endpoint.server.close();
		}
	});

	it('answers 401 and starts nothing for a forged, unsigned or unverifiable delivery', async () => {
		const endpoint = await triggerEndpoint();
		const noSecret = await triggerEndpoint({}, credentials({ webhookSecret: '' }));
		try {
			const c = cases()[0];
			const forged = (await sim.control.sendEvent({ caseId: c.id, url: endpoint.url, forged: true })) as { deliveries: Array<{ status: number; responseBody: string }> };
			const unsigned = (await sim.control.sendEvent({ caseId: c.id, url: endpoint.url, unsigned: true })) as { deliveries: Array<{ status: number }> };
			// Both endpoints use the same credential id here; secrets read from it are kept for SECRET_CACHE_MS.
			clearSecretCache();
			const secretless = (await sim.control.sendEvent({ caseId: c.id, url: noSecret.url })) as { deliveries: Array<{ status: number; responseBody: string }> };
			expect([forged, unsigned, secretless].map((s) => s.deliveries[0].status)).toEqual([401, 401, 401]);
			expect(forged.deliveries[0].responseBody).toMatch(/X-Signature did not verify \(mismatch\)/);
			expect(secretless.deliveries[0].responseBody).toMatch(/No webhook secret is set/);
			expect([...endpoint.runs, ...noSecret.runs].every((r) => r.workflowData === undefined)).toBe(true);
			expect(apiRequests()).toHaveLength(0);
		} finally {
			await endpoint.server.close();
			await noSecret.server.close();
		}
	});

	it('acknowledges events that are not selected without starting anything', async () => {
		const endpoint = await triggerEndpoint({ events: ['CASE_REPORT_READY'] });
		try {
			const c = cases()[0];
			const sent = (await sim.control.sendEvent({ caseId: c.id, eventType: 'CHECK_STATUS_CHANGED', url: endpoint.url })) as { deliveries: Array<{ status: number }> };
			expect(sent.deliveries[0].status).toBe(200);
			expect(endpoint.runs[0].workflowData).toBeUndefined();
			expect(endpoint.runs[0].webhookResponse).toEqual({ received: true, ignored: 'event CHECK_STATUS_CHANGED is not selected' });
		} finally {
			await endpoint.server.close();
		}
	});

	it('delivers the events Certn emits on its own (report ready) to the portal webhook, with the raw payload on request', async () => {
		const endpoint = await triggerEndpoint({ events: ['CASE_REPORT_READY'], simplify: false, fetchCase: false });
		try {
			await sim.control.addWebhook({ url: endpoint.url });
			const c = sim.control.findCase({ status: 'COMPLETE' }) as SimCase;
			const generated = await certn({ operation: 'generateReport', caseId: byId(c.id) });
			const reportFileId = String(json(generated.items)[0].reportFileId);
			sim.control.setReportStatus(reportFileId, 'COMPLETE');
			await sim.control.flushDeliveries();
			const started = endpoint.runs.filter((r) => r.workflowData);
			expect(started).toHaveLength(1);
			expect(started[0].workflowData![0][0].json).toEqual({
				event: 'CASE_REPORT_READY',
				id: expect.any(String),
				event_type: 'CASE_REPORT_READY',
				object_id: c.id,
				object_type: 'CASE',
				created: expect.any(String),
				case_status: 'COMPLETE',
			});
		} finally {
			await endpoint.server.close();
		}
	});

	it('still starts the workflow when the case cannot be read, saying why', async () => {
		const endpoint = await triggerEndpoint();
		try {
			const c = cases()[0];
			sim.control.pushFaults({ type: 500, count: 5, method: 'GET' });
			await sim.control.sendEvent({ caseId: c.id, url: endpoint.url });
			const started = endpoint.runs.filter((r) => r.workflowData);
			expect(started).toHaveLength(1);
			expect(started[0].workflowData![0][0].json).toMatchObject({
				event: 'CASE_STATUS_CHANGED',
				id: c.id,
				status: c.overall_status,
				reference: null,
				caseFetchError: expect.stringMatching(/HTTP 500/),
			});
		} finally {
			await endpoint.server.close();
		}
	});
});
