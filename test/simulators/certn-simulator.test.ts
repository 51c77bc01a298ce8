import axios, { type AxiosInstance } from 'axios';
import { createHmac } from 'node:crypto';

import { startCertnSimulator } from '../../simulators/certn';
import { startWebhookSink } from '../../simulators/lib/webhook-sink';
import { startTestServer, type TestServer } from '../harness';

/**
 * Checks that the Certn simulator behaves like /work/shared/vendors/certn.md describes, for the
 * parts the node's workflow tests do not reach on their own.
 */

type Sim = Awaited<ReturnType<typeof startCertnSimulator>>;
type ErrorDoc = { type: string; errors: Array<{ code: string; detail: string; attr: string | null }> };

let sim: Sim;
let api: AxiosInstance;

beforeAll(async () => {
	sim = await startCertnSimulator({ seed: 5, caseCount: 23 });
	api = axios.create({ baseURL: sim.url, headers: { Authorization: `Api-Key ${sim.apiKey}` }, validateStatus: () => true, maxRedirects: 0 });
});
afterAll(async () => await sim.stop());
beforeEach(() => sim.control.reset());

describe('Certn simulator', () => {
	it('wants Api-Key auth and answers in Certn\'s error shape', async () => {
		const none = await axios.get(`${sim.url}/api/public/cases/`, { validateStatus: () => true });
		expect(none.status).toBe(401);
		expect(none.data).toEqual({ type: 'client_error', errors: [{ code: 'not_authenticated', detail: 'Authentication credentials were not provided.', attr: null }] });
		const bearer = await axios.get(`${sim.url}/api/public/cases/`, { headers: { Authorization: `Bearer ${sim.apiKey}` }, validateStatus: () => true });
		expect((bearer.data as ErrorDoc).errors[0].code).toBe('authentication_failed');
	});

	it('redirects paths without the trailing slash, as Django does', async () => {
		const r = await api.post('/api/public/cases/order', {});
		expect(r.status).toBe(301);
		expect(r.headers.location).toBe('/api/public/cases/order/');
		expect(sim.control.requests()[0].warnings).toContain('path without trailing slash');
	});

	it('pages in either envelope, caps page_size at 100 and 404s past the last page', async () => {
		const first = await api.get('/api/public/cases/?page=3&page_size=10');
		expect(first.data.pagination).toEqual({ result_count: 23, page_count: 3, page_size: 10, current_page: 3, next_page: null, previous_page: 2 });
		expect(first.data.results).toHaveLength(3);
		expect((await api.get('/api/public/cases/?page=4&page_size=10')).status).toBe(404);
		expect((await api.get('/api/public/cases/?page_size=500')).data.pagination.page_size).toBe(100);

		sim.control.configure({ envelope: 'count' });
		const counted = await api.get('/api/public/cases/?page=1&page_size=10&overall_status=COMPLETE&overall_status=IN_PROGRESS');
		expect(counted.data).toMatchObject({ count: expect.any(Number), previous: null, results: expect.any(Array) });
		if (counted.data.next) expect(counted.data.next).toMatch(/overall_status=COMPLETE&overall_status=IN_PROGRESS.*page=2/);
	});

	it('takes array filters only as repeated parameters', async () => {
		const comma = await api.get('/api/public/cases/?overall_status=COMPLETE,CANCELLED');
		expect(comma.status).toBe(400);
		expect((comma.data as ErrorDoc).errors[0]).toMatchObject({ code: 'invalid_choice', attr: 'overall_status' });
		const badGroup = await api.get('/api/public/cases/?group=not-a-uuid');
		expect((badGroup.data as ErrorDoc).errors[0].attr).toBe('group');
	});

	it('validates orders field by field', async () => {
		const r = await api.post('/api/public/cases/order/', { email_address: 'nope', check_types_with_arguments: { NOT_A_CHECK: {} } });
		expect(r.status).toBe(400);
		expect((r.data as ErrorDoc).errors.map((e) => e.attr)).toEqual(['email_address', 'check_types_with_arguments']);
	});

	it('serves presigned report URLs without the key, and refuses expired ones', async () => {
		sim.control.configure({ reportReadyAfterPolls: 0, presignedTtlMs: -1 });
		const c = sim.control.findCase({ status: 'COMPLETE' }) as { id: string };
		const file = (await api.post(`/api/public/cases/${c.id}/generate-report/`, {})).data as { case_report_file_id: string };
		const report = (await api.get(`/api/public/cases/report-files/${file.case_report_file_id}/`)).data as { status: string; pdf_url: string };
		expect(report.status).toBe('COMPLETE');
		const expired = await axios.get(report.pdf_url, { validateStatus: () => true });
		expect(expired.status).toBe(403);
		expect(String(expired.data)).toContain('Request has expired');
	});

	it('runs the GET challenge against a URL and only enables webhooks that echo it', async () => {
		const echo: TestServer = await startTestServer((r) => ({ status: 200, headers: { 'x-content-type-options': 'nosniff' }, body: String(r.query.challenge) }));
		const silent: TestServer = await startTestServer(() => ({ status: 200, body: 'ok' }));
		try {
			expect(await sim.control.challenge({ url: `${echo.url}/hook` })).toMatchObject({ status: 200, echoed: true, nosniff: true });
			expect((await sim.control.addWebhook({ url: `${silent.url}/hook` })).enabled).toBe(false);
		} finally {
			await echo.close();
			await silent.close();
		}
	});

	it('signs events it emits with a hex HMAC-SHA256 of the raw body', async () => {
		const sink = await startWebhookSink();
		try {
			// The sink answers the challenge with JSON, so the webhook is added disabled; enable it by hand.
			await sim.control.addWebhook({ url: sink.url, events: ['CASE_STATUS_CHANGED'] });
			(sim.state.webhooks as Array<{ enabled: boolean }>)[0].enabled = true;
			const c = sim.control.findCase({ cancellable: true }) as { id: string };
			expect((await api.post(`/api/public/cases/${c.id}/cancel/`)).status).toBe(204);
			await sim.control.flushDeliveries();
			const delivery = sink.requests.find((r) => r.method === 'POST')!;
			expect(delivery.body).toMatchObject({ event_type: 'CASE_STATUS_CHANGED', object_id: c.id, object_type: 'CASE', case_status: 'CANCELLED', id: expect.any(String) });
			expect(delivery.headers['x-signature']).toBe(createHmac('sha256', sim.webhookSecret).update(delivery.rawBody).digest('hex'));
		} finally {
			await sink.stop();
		}
	});
});
