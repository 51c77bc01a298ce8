import axios, { type AxiosInstance } from 'axios';
import { startPersonaSimulator } from '../../simulators/persona';
import { startWebhookSink } from '../../simulators/lib/webhook-sink';

/** The Persona simulator's inquiries, accounts and reports: what node tests rely on. */

type Sim = Awaited<ReturnType<typeof startPersonaSimulator>>;
type Sink = Awaited<ReturnType<typeof startWebhookSink>>;
type Resource = { type: string; id: string; attributes: Record<string, unknown>; relationships: Record<string, { data: { id: string } | null }> };
type Objects = { inquiries: Resource[]; accounts: Resource[]; reports: Resource[] };

let sim: Sim;
let sink: Sink;
let http: AxiosInstance;

beforeAll(async () => {
	sim = await startPersonaSimulator({ seed: 4, caseCount: 20 });
	sink = await startWebhookSink();
	http = axios.create({ baseURL: sim.baseUrl, headers: { Authorization: `Bearer ${sim.apiKey}` }, validateStatus: () => true });
});
afterAll(async () => {
	await sink.stop();
	await sim.stop();
});
beforeEach(() => sim.control.reset());

const objects = () => sim.control.objects() as unknown as Objects;

describe('Persona simulator › inquiries', () => {
	it('lists newest first over cursor pages; the same seed gives the same objects', async () => {
		const first = await http.get('/inquiries', { params: { 'page[size]': 100 } });
		const next = await http.get(first.data.links.next.replace('/api/v1', ''));
		const ids = [...first.data.data, ...next.data.data].map((q: Resource) => q.id);
		expect(ids).toEqual(objects().inquiries.map((q) => q.id));
		const created = [...first.data.data, ...next.data.data].map((q: Resource) => String(q.attributes['created-at']));
		expect(created).toEqual([...created].sort().reverse());
		const again = await startPersonaSimulator({ seed: 4, caseCount: 20 });
		try {
			expect((again.control.objects() as unknown as Objects).inquiries).toEqual(objects().inquiries);
			expect(again.control.state().reports).toHaveLength(sim.control.state().reports.length);
		} finally {
			await again.stop();
		}
	});

	it('refuses unknown filters and note beside another filter with 400 naming the parameter', async () => {
		const unknown = await http.get('/inquiries', { params: { 'filter[color]': 'red' } });
		expect(unknown.status).toBe(400);
		expect(unknown.data.errors[0].source).toEqual({ parameter: 'filter[color]' });
		const note = await http.get('/inquiries', { params: { 'filter[note]': 'x', 'filter[status]': 'approved' } });
		expect(note.status).toBe(400);
	});

	it('approves only a finished inquiry (422 otherwise) and delivers inquiry.approved to a subscribed webhook', async () => {
		const hook = await http.post('/webhooks', { data: { attributes: { name: 'n', url: sink.url, 'enabled-events': ['inquiry.approved'] } } });
		await http.post(`/webhooks/${hook.data.data.id}/enable`);
		const open = objects().inquiries.find((q) => q.attributes.status === 'created')!;
		expect((await http.post(`/inquiries/${open.id}/approve`)).status).toBe(422);
		const done = objects().inquiries.find((q) => q.attributes.status === 'completed')!;
		const approved = await http.post(`/inquiries/${done.id}/approve`, { meta: { comment: 'ok' } });
		expect(approved.data.data.attributes).toMatchObject({ status: 'approved', 'decisioned-at': expect.any(String) });
		await sim.control.flushDeliveries();
		const bodies = sink.requests.map((r: { body?: unknown }) => r.body as { data: { attributes: { name: string; payload: { data: Resource } } } });
		expect(bodies.map((b) => [b.data.attributes.name, b.data.attributes.payload.data.id])).toEqual([['inquiry.approved', done.id]]);
	});

	it('prints a PDF; an object without one answers 422 or, in the empty variant, JSON that is not a PDF', async () => {
		const q = objects().inquiries[0];
		const pdf = await http.get(`/inquiries/${q.id}/print`, { responseType: 'arraybuffer' });
		expect(pdf.headers['content-type']).toBe('application/pdf');
		expect(Buffer.from(pdf.data).subarray(0, 5).toString('latin1')).toBe('%PDF-');
		const report = objects().reports.find((r) => r.type === 'report/email-address')!;
		expect((await http.get(`/reports/${report.id}/print`)).status).toBe(422);
		sim.control.setObjectOptions({ printUnavailable: 'empty' });
		const empty = await http.get(`/reports/${report.id}/print`);
		expect([empty.status, empty.data]).toEqual([200, { data: null }]);
		sim.control.reset();
		expect(sim.control.objectOptions()).toEqual({ printUnavailable: 'error' });
	});
});

describe('Persona simulator › accounts and reports', () => {
	it('finds an account by filter[reference-id] and refuses other filters', async () => {
		const account = objects().accounts[2];
		const found = await http.get('/accounts', { params: { 'filter[reference-id]': account.attributes['reference-id'] } });
		expect(found.data.data.map((a: Resource) => a.id)).toEqual([account.id]);
		expect((await http.get('/accounts', { params: { 'filter[status]': 'x' } })).status).toBe(400);
	});

	it('a rerun emits report/<type>.ready and .matched when the report has a match; unknown ids are 404', async () => {
		const matched = objects().reports.find((r) => r.attributes['has-match'] === true && r.type !== 'report/email-address')!;
		await http.post(`/reports/${matched.id}/run`);
		const names = sim.control.events().slice(-2).map((e: { attributes: { name: string } }) => e.attributes.name);
		expect(names).toEqual([`${matched.type}.ready`, `${matched.type}.matched`]);
		expect((await http.get('/reports/rep_nope')).status).toBe(404);
		expect((await http.get('/inquiries/inq_nope')).status).toBe(404);
		expect((await http.get('/accounts/act_nope')).status).toBe(404);
	});
});
