import type { IDataObject } from 'n8n-workflow';

import { apiRequests, byId, runSphinx, sphinxTestBed } from './sphinx-helpers';

const bed = sphinxTestBed();
const posts = () => apiRequests(bed.sim).filter((r) => r.method !== 'GET');

const newCustomerCase = (extra: IDataObject = {}) => ({
	operation: 'create',
	customerSource: 'new',
	customerFullName: 'Ada Lovelace',
	customerFields: { externalId: 'cust-ada', customerType: 'INDIVIDUAL', inputDetails: '{"dob": "1815-12-10", "nationality": "GB"}' },
	checks: { check: [{ checkType: 'PEP', inputDetails: '{"person_name": "Ada Lovelace"}' }, { checkType: '__other', otherCheckType: 'web_presence' }] },
	...extra,
});

describe('Sphinx › Case › Get', () => {
	it('gets one case per item, paired, with the raw case when Simplify is off', async () => {
		const { items, error } = await runSphinx(bed.sim, { operation: 'get', caseId: '={{ $json.id }}', simplify: false }, { items: [{ id: '3' }, { id: '5' }] });
		expect(error).toBeUndefined();
		expect(items.map((i) => [i.json.id, i.pairedItem])).toEqual([[3, { item: 0 }], [5, { item: 1 }]]);
		expect(items[0].json.checks).toEqual(expect.any(Array));
	});

	it('refuses a non-integer case ID naming the field and the item, nothing sent', async () => {
		// From an expression (the editor refuses a typed one already).
		const { error } = await runSphinx(bed.sim, { operation: 'get', caseId: '={{ $json.ref }}' }, { items: [{ ref: 'case-0003' }] });
		expect(error?.message).toBe('Case ID: "case-0003" is not a valid Case ID [item 0]');
		expect(apiRequests(bed.sim)).toHaveLength(0);
	});

	it('fails on 404 with Sphinx\'s detail and goes on with Continue On Fail', async () => {
		const { items } = await runSphinx(bed.sim, { operation: 'get', caseId: '={{ $json.id }}' }, { items: [{ id: '99999' }, { id: '2' }], continueOnFail: true });
		expect(items[0].json.error).toBe('Sphinx getting case 99999 failed (HTTP 404): Not found.');
		expect(items[1].json.id).toBe('2');
	});

	it('waits for completion with bounded polling when asked', async () => {
		const running = bed.sim.control.addCase({ checks: ['PEP'] }) as IDataObject;
		bed.sim.control.configure({ decisionDelayMs: 40_000 });
		const started = bed.sim.control.addCase({ checks: ['SANCTION'] }) as IDataObject;
		const { items } = await runSphinx(bed.sim, {
			operation: 'get',
			caseId: byId(started.id as number),
			waitForCompletion: { enabled: true, maxWaitSeconds: 120, pollIntervalSeconds: 15 },
		});
		expect(items[0].json).toEqual(expect.objectContaining({ status: 'COMPLETED', waitTimedOut: false }));
		expect(bed.sleeps.filter((s) => s === 15_000)).toHaveLength(3);
		// A case that never finishes: at most Max Wait / Poll Interval reads, then output with waitTimedOut.
		bed.sim.state.cases.get(running.id as number).decideAt = Number.MAX_SAFE_INTEGER;
		bed.sleeps = [];
		const stuck = await runSphinx(bed.sim, { operation: 'get', caseId: byId(running.id as number), waitForCompletion: { enabled: true, maxWaitSeconds: 30, pollIntervalSeconds: 10 } });
		expect(stuck.items[0].json).toEqual(expect.objectContaining({ status: 'IN_PROGRESS', waitTimedOut: true }));
		expect(bed.sleeps).toEqual([10_000, 10_000, 10_000]);
	});
});

describe('Sphinx › Case › Create', () => {
	it('creates a case with a new customer inline and checks, started at once', async () => {
		const { items, error } = await runSphinx(bed.sim, newCustomerCase({ additionalFields: { externalId: 'onb-1', notes: 'VIP' } }));
		expect(error).toBeUndefined();
		expect(items[0].json).toEqual(expect.objectContaining({ vendor: 'sphinx', reference: 'onb-1', status: 'IN_PROGRESS' }));
		const [post] = posts();
		expect(post.path).toBe('/api/cases');
		expect(post.body).toEqual({
			customer: { full_name: 'Ada Lovelace', external_id: 'cust-ada', customer_type: 'INDIVIDUAL', input_details: { dob: '1815-12-10', nationality: 'GB' } },
			checks: [{ check_type: 'PEP', input_details: { person_name: 'Ada Lovelace' } }, { check_type: 'WEB_PRESENCE', input_details: {} }],
			auto_start: true,
			external_id: 'onb-1',
			notes: 'VIP',
		});
	});

	it('creates for an existing customer from a case config, not started, with a webhook URL', async () => {
		const { items, error } = await runSphinx(bed.sim, {
			operation: 'create',
			customerId: '4',
			caseConfig: 'aml-screening',
			autoStart: false,
			webhookUrlSource: 'url',
			webhookUrl: 'https://example.com/hook',
			simplify: false,
		});
		expect(error).toBeUndefined();
		expect(items[0].json).toEqual(expect.objectContaining({ is_complete: false, webhook_url: 'https://example.com/hook' }));
		expect((items[0].json.checks as IDataObject[]).map((k) => k.check_type)).toEqual(['PEP', 'SANCTION', 'ADVERSE_MEDIA']);
		expect(posts()[0].body).toEqual({ customer_id: 4, case_config: 'aml-screening', webhook_url: 'https://example.com/hook', auto_start: false });
	});

	it('uses this workflow\'s trigger URL when asked, and says how to get one when there is none', async () => {
		const staticData = { global: { sphinxTriggerUrl: 'https://n8n.example.com/webhook/abc/webhook?token=t0k' } };
		const ok = await runSphinx(bed.sim, newCustomerCase({ webhookUrlSource: 'trigger' }), { staticData });
		expect(ok.error).toBeUndefined();
		expect(posts()[0].body?.webhook_url).toBe('https://n8n.example.com/webhook/abc/webhook?token=t0k');
		const missing = await runSphinx(bed.sim, newCustomerCase({ webhookUrlSource: 'trigger' }));
		expect(missing.error?.message).toContain('no active Sphinx Trigger');
	});

	it.each([
		['neither customer ID nor customer', { operation: 'create', customerSource: 'existing', customerId: '={{ $json.missing }}' }, 'Customer ID: is empty: a case needs a customer [item 0]'],
		['a new customer without a name', { operation: 'create', customerSource: 'new', customerFullName: ' ' }, 'Customer Full Name: is empty'],
		['checks together with a case config', newCustomerCase({ caseConfig: 'aml-screening' }), 'Checks / Case Config: both are set'],
		['invalid JSON in input details', newCustomerCase({ customerFields: { inputDetails: '{"dob": 1815-12-10}' } }), 'Customer Fields > Input Details (JSON): is not valid JSON'],
		['invalid JSON in a check\'s input details', newCustomerCase({ checks: { check: [{ checkType: 'PEP', inputDetails: '{nope' }] } }), 'Checks > Check 1 > Input Details (JSON): is not valid JSON'],
		['a non-integer customer ID', { operation: 'create', customerId: 'cust-1' }, 'Customer ID: "cust-1" is not a whole number'],
	])('refuses %s with a clear error naming the field and item, nothing sent', async (_label, parameters, message) => {
		const { error } = await runSphinx(bed.sim, parameters);
		expect(error?.message).toContain(message);
		expect(error?.message).toContain('[item 0]');
		expect(posts()).toHaveLength(0);
	});

	it('shows Sphinx\'s field errors (DRF) with the field named', async () => {
		const { error } = await runSphinx(bed.sim, { operation: 'create', customerId: '99999', checks: { check: [{ checkType: 'PEP' }] } });
		expect(error?.message).toBe('Sphinx creating a case failed (HTTP 400): customer_id: Invalid pk "99999" - object does not exist.');
		expect(String((error as { description?: string }).description)).toContain('Field: customer_id');
	});

	it('never repeats a create blindly: after a 503 without an External ID the item fails and says so', async () => {
		bed.sim.control.pushFaults({ type: 503, method: 'POST', path: '/api/cases' });
		const { error } = await runSphinx(bed.sim, newCustomerCase());
		expect(error?.message).toContain('HTTP 503');
		expect(String((error as { description?: string }).description)).toContain('may have reached Sphinx');
		expect(posts()).toHaveLength(1);
	});

	it('with an External ID, looks the case up after a lost answer instead of creating it twice', async () => {
		// The create reaches Sphinx, the answer is lost (connection reset after processing).
		bed.sim.control.pushFaults({ type: 'reset', after: true, method: 'POST', path: '/api/cases' });
		const { items, error } = await runSphinx(bed.sim, newCustomerCase({ additionalFields: { externalId: 'onb-lost' } }));
		expect(error).toBeUndefined();
		expect(items[0].json).toEqual(expect.objectContaining({ reference: 'onb-lost', recoveredAfterError: 'found by External ID after a failed create' }));
		expect(posts()).toHaveLength(1);
		expect([...bed.sim.state.cases.values()].filter((c: { external_id: string }) => c.external_id === 'onb-lost')).toHaveLength(1);
	});

	it('with an External ID, creates once more when the lookup finds nothing', async () => {
		bed.sim.control.pushFaults({ type: 503, method: 'POST', path: '/api/cases' });
		const { items, error } = await runSphinx(bed.sim, newCustomerCase({ additionalFields: { externalId: 'onb-503' } }));
		expect(error).toBeUndefined();
		expect(items[0].json.recoveredAfterError).toContain('created again');
		expect(posts()).toHaveLength(2);
	});

	it('does not trust a lookup the server did not filter, and fails instead of creating again', async () => {
		bed.sim.control.configure({ externalIdFilter: false });
		bed.sim.control.pushFaults({ type: 503, method: 'POST', path: '/api/cases' });
		const { error } = await runSphinx(bed.sim, newCustomerCase({ additionalFields: { externalId: 'onb-x' } }));
		expect(String((error as { description?: string }).description)).toContain('did not filter by it');
		expect(posts()).toHaveLength(1);
	});
});

describe('Sphinx › Case › Update, Start, Redact', () => {
	it('updates webhook URL, external ID and metadata with PATCH', async () => {
		const { items, error } = await runSphinx(bed.sim, {
			operation: 'update',
			caseId: byId(2),
			updateFields: { webhookUrl: 'https://example.com/h', externalId: 'renamed-2', metadata: '{"team": "ops"}' },
			simplify: false,
		});
		expect(error).toBeUndefined();
		expect(items[0].json).toEqual(expect.objectContaining({ external_id: 'renamed-2', webhook_url: 'https://example.com/h', metadata: { team: 'ops' } }));
		expect(posts()[0]).toEqual(expect.objectContaining({ method: 'PATCH', path: '/api/cases/2' }));
	});

	it('refuses an update with nothing to change, and invalid metadata JSON', async () => {
		expect((await runSphinx(bed.sim, { operation: 'update', caseId: byId(2), updateFields: {} })).error?.message).toContain('Update Fields: nothing to change');
		expect((await runSphinx(bed.sim, { operation: 'update', caseId: byId(2), updateFields: { metadata: '{x' } })).error?.message).toContain('Update Fields > Metadata (JSON): is not valid JSON');
		expect(posts()).toHaveLength(0);
	});

	it('starts a case created without auto start, then reports noop_already_running explicitly', async () => {
		const created = await runSphinx(bed.sim, newCustomerCase({ autoStart: false }));
		const id = created.items[0].json.id as string;
		const first = await runSphinx(bed.sim, { operation: 'start', caseId: byId(id) });
		expect(first.items[0].json).toEqual(expect.objectContaining({ id, actionTaken: 'started', started: true, alreadyRunning: false, alreadyStarted: false }));
		const again = await runSphinx(bed.sim, { operation: 'start', caseId: byId(id), simplify: false });
		expect(again.items[0].json).toEqual(expect.objectContaining({ id: Number(id), actionTaken: 'noop_already_running', started: false, alreadyRunning: true, httpStatus: 202 }));
		expect(again.items[0].json.action_taken).toBeUndefined();
	});

	it('leaves a finished case alone (noop_already_started) unless Allow Restart, which runs a new case', async () => {
		const done = bed.sim.control.findCase({ phase: 'decided' }) as IDataObject;
		const noop = await runSphinx(bed.sim, { operation: 'start', caseId: byId(done.id as number) });
		expect(noop.items[0].json).toEqual(expect.objectContaining({ actionTaken: 'noop_already_started', alreadyStarted: true, status: 'COMPLETED' }));
		const rerun = await runSphinx(bed.sim, { operation: 'start', caseId: byId(done.id as number), allowRestart: true });
		expect(rerun.items[0].json).toEqual(expect.objectContaining({ actionTaken: 'restarted', started: true, previousCaseId: String(done.id), reference: done.external_id, status: 'IN_PROGRESS' }));
		const start = posts().filter((r) => r.path.endsWith('/start'));
		expect(start[1].query).toEqual({ allow_restart: 'true' });
		expect(start[1].body).toEqual({ allow_restart: true });
	});

	it('redacts with delete_after 0; the case is gone afterwards', async () => {
		const { items } = await runSphinx(bed.sim, { operation: 'redact', caseId: byId(6) });
		expect(items[0].json).toEqual({ id: '6', redacted: true, deleteAfter: 0 });
		expect(posts()[0].body).toEqual({ delete_after: 0 });
		const after = await runSphinx(bed.sim, { operation: 'get', caseId: byId(6) });
		expect(after.error?.message).toContain('HTTP 404');
	});
});
