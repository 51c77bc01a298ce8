import type { IDataObject } from 'n8n-workflow';

import { readBinary } from '../harness';
import { byId, json, normalized, useZenoo, UUID, type SimAlert, type SimCase } from '../helpers/zenoo';

const z = useZenoo();
const sim = () => z.sim();
const { simCases, requests, mutations } = z;
const zenoo = z.run;

const closedCase = () => sim().control.findCase({ status: 'Closed' }) as SimCase;

describe('Zenoo › Case › Generate Report', () => {
	it('returns the JSON compliance report by default', async () => {
		const c = closedCase();
		const { items, error } = await zenoo({ operation: 'generateReport', caseId: byId(c.token) });
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ case_token: c.token, case_name: c.name, case_status: 'Closed', decision: c.decision, entities: expect.any(Array), checks: expect.any(Array), alerts: expect.any(Array) });
		expect(requests()[0].headers.accept).toBe('application/json');
	});

	it('downloads the PDF as binary where Zenoo serves one', async () => {
		const c = closedCase();
		const { items, error } = await zenoo({ operation: 'generateReport', caseId: byId(c.token), reportFormat: 'pdf', binaryPropertyName: 'report' });
		expect(error).toBeUndefined();
		expect(requests()[0].headers.accept).toBe('application/pdf');
		const bytes = await readBinary(items[0], 'report');
		expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
		expect(items[0].json).toEqual({ caseId: c.token, fileName: `compliance-report-${c.name}.pdf`, fileSize: bytes.length, mimeType: 'application/pdf' });
		expect(items[0].binary?.report).toMatchObject({ mimeType: 'application/pdf', fileName: `compliance-report-${c.name}.pdf` });
	});

	it('says so when Zenoo answers a PDF request with JSON', async () => {
		sim().control.configure({ reportPdf: false });
		const { error } = await zenoo({ operation: 'generateReport', caseId: byId(closedCase().token), reportFormat: 'pdf' });
		expect(error?.message).toMatch(/^Zenoo did not send a PDF for case cas_\w+ \(it answered with application\/json\)/);
		expect(error?.description).toMatch(/Set Report Format to JSON/);
	});

	it('explains a refusal while alerts are open, naming them', async () => {
		const c = sim().control.findCase({ openAlerts: true, notStatus: 'Closed' }) as SimCase;
		const open = (sim().control.caseAlerts(c.token) as SimAlert[]).filter((a) => ['Open', 'Acknowledged', 'Escalated'].includes(a.status));
		const { error } = await zenoo({ operation: 'generateReport', caseId: byId(c.token) });
		expect(error?.message).toMatch(new RegExp(`^Zenoo will not build the compliance report of case ${c.token} while alerts are open: ${open.length} alerts? (is|are) not resolved \\(${open[0].token}: ${open[0].status}`));
		expect(error?.description).toMatch(/Resolve the alerts/);
	});
});

describe('Zenoo › Case › the case\'s records', () => {
	it('Get Audit Trail pages through the whole immutable trail', async () => {
		const c = closedCase();
		sim().control.configure({ paging: { maxPageSize: 3 } });
		const { items, error } = await zenoo({ operation: 'getAuditTrail', caseId: byId(c.token), returnAll: true });
		expect(error).toBeUndefined();
		expect(json(items)).toEqual(sim().control.audit(c.token));
		expect(requests().length).toBe(Math.ceil(items.length / 3));
	});

	it('Add Comment posts the comment with its type and mentions; Get Comments filters by type', async () => {
		const c = simCases().find((x) => x.status === 'In Progress')!;
		const added = await zenoo({ operation: 'addComment', caseId: byId(c.token), comment: 'Please check @usr_b0bby', commentFields: { type: 'Note', mentions: 'usr_b0bby' } });
		expect(added.error).toBeUndefined();
		expect(mutations()[0].body).toEqual({ body: 'Please check @usr_b0bby', type: 'Note', mentions: ['usr_b0bby'] });
		expect(mutations()[0].headers['idempotency-key']).toMatch(UUID);
		expect(added.items[0].json).toMatchObject({ token: expect.stringMatching(/^cmt_/), type: 'Note', case_token: c.token });
		const notes = await zenoo({ operation: 'getComments', caseId: byId(c.token), returnAll: true, listFilters: { type: 'Note' } });
		expect(json(notes.items)).toEqual((sim().control.comments(c.token) as IDataObject[]).filter((x) => x.type === 'Note'));
		expect(requests().at(-1)?.query).toEqual({ limit: '100', type: 'Note' });
	});

	it('Get Checks and Get Alerts list the case\'s checks and alerts, filtered by status', async () => {
		const c = sim().control.findCase({ openAlerts: true }) as SimCase;
		const checks = await zenoo({ operation: 'getChecks', caseId: byId(c.token), returnAll: true, listFilters: { status: 'Complete' } });
		expect(checks.error).toBeUndefined();
		expect(checks.items.length).toBeGreaterThan(0);
		expect(json(checks.items).every((k) => k.status === 'Complete' && k.case_token === c.token)).toBe(true);
		const alerts = await zenoo({ operation: 'getAlerts', caseId: byId(c.token), returnAll: false, limit: 10 });
		expect(json(alerts.items).map((a) => a.token)).toEqual((sim().control.caseAlerts(c.token) as SimAlert[]).slice(0, 10).map((a) => a.token));
	});

	it('Add Entity adds an existing entity with its role, or creates a new one', async () => {
		const c = simCases().find((x) => x.status === 'In Progress')!;
		const other = [...(sim().state.entities as Map<string, unknown>).keys()][0];
		const existing = await zenoo({ operation: 'addEntity', caseId: byId(c.token), entityRole: 'Director', entitySource: 'existing', entityId: other });
		expect(existing.error).toBeUndefined();
		expect(existing.items[0].json).toMatchObject({ token: other, role: 'Director' });
		const fresh = await zenoo({
			operation: 'addEntity',
			caseId: byId(c.token),
			entityRole: 'UBO',
			entitySource: 'new',
			entityType: 'Person',
			firstName: 'Ana',
			lastName: 'Lima',
			entityDetails: { dateOfBirth: '1980-02-29', nationality: 'pt' },
		});
		expect(fresh.error).toBeUndefined();
		expect(mutations().map((r) => r.body)).toEqual([
			{ role: 'Director', entity_token: other },
			{ role: 'UBO', entity: { type: 'Person', first_name: 'Ana', last_name: 'Lima', date_of_birth: '1980-02-29', nationality: 'PT' } },
		]);
		expect((sim().control.getCase(c.token) as { total_entities_count: number }).total_entities_count).toBeGreaterThanOrEqual(3);
	});

	it('Add Reviewer invites the user with a role', async () => {
		const c = simCases().find((x) => x.status === 'In Progress')!;
		const { items, error } = await zenoo({ operation: 'addReviewer', caseId: byId(c.token), reviewerUserId: 'usr_c4rla', reviewerRole: 'Reviewer' });
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ user_id: 'usr_c4rla', role: 'Reviewer', status: 'Invited', name: 'Carla Nunes' });
		expect(sim().control.reviewers(c.token)).toEqual([expect.objectContaining({ user_id: 'usr_c4rla' })]);
	});

	it('Recalculate Risk Assessment supersedes the current one; Get Risk Assessment reads the new one', async () => {
		const c = sim().control.findCase({ assessment: 'Active' }) as SimCase;
		const before = sim().control.currentAssessment(c.token) as { token: string };
		const made = await zenoo({ operation: 'recalculateRiskAssessment', caseId: byId(c.token), riskFields: { overrideData: '{"geographic": 90}' } });
		expect(made.error).toBeUndefined();
		expect(mutations()[0].body).toEqual({ override_data: { geographic: 90 } });
		expect(made.items[0].json).toMatchObject({ token: expect.stringMatching(/^rsk_/), status: 'Active', tier: 'High' });
		expect(made.items[0].json.token).not.toBe(before.token);
		const current = await zenoo({ operation: 'getRiskAssessment', caseId: byId(c.token) });
		expect(current.items[0].json.token).toBe(made.items[0].json.token);
	});
});

describe('Zenoo › bad input is refused before anything is sent', () => {
	const good = () => simCases().find((x) => x.status === 'In Progress')!;

	it('a case token without the cas_ prefix names the field and the item', async () => {
		// n8n's editor already refuses a literal without cas_; an expression gets past it.
		const { error } = await zenoo({ operation: 'get', caseId: byId('={{ $json.token }}') }, { items: [{ token: '8f2k1m3n' }] });
		expect(error?.message).toBe('Case Token: "8f2k1m3n" is not a valid Case Token [item 0]');
		expect(requests()).toHaveLength(0);
	});

	it('close without a decision', async () => {
		const { error } = await zenoo({ operation: 'close', caseId: byId(good().token), decision: '={{ $json.decision }}' }, { items: [{ decision: '' }] });
		expect(error?.message).toBe('Decision: is empty [item 0]');
		expect(error?.description).toMatch(/Approve or Decline/);
		expect(requests()).toHaveLength(0);
	});

	it('invalid JSON in metadata', async () => {
		const { error } = await zenoo({ operation: 'create', caseType: 'Review', entityCategory: 'Person', firstName: 'A', lastName: 'B', additionalFields: { metadata: '{"a": 1,}' } });
		expect(error?.message).toMatch(/^Additional Fields > Metadata \(JSON\): is not valid JSON .* \[item 0\]$/);
		expect(mutations()).toHaveLength(0);
	});

	it('with Continue On Fail: error items for the bad items, results for the rest, in order', async () => {
		const c = good();
		const { items, error } = await zenoo(
			{ operation: 'update', caseId: byId('={{ $json.token }}'), updateFields: { metadata: '={{ $json.metadata }}' } },
			{
				continueOnFail: true,
				items: [
					{ token: c.token, metadata: '{"ok": true}' },
					{ token: 'CAS-000001', metadata: '{"ok": true}' },
					{ token: c.token, metadata: '{not json' },
				],
			},
		);
		expect(error).toBeUndefined();
		expect(json(items)).toEqual([
			expect.objectContaining({ id: c.token, vendor: 'zenoo' }),
			{ error: 'Case Token: "CAS-000001" is not a valid Case Token [item 1]', description: expect.stringContaining('cas_') },
			{ error: expect.stringMatching(/^Update Fields > Metadata \(JSON\): is not valid JSON .*\[item 2\]$/), description: expect.any(String) },
		]);
		expect(items.map((i) => (i.pairedItem as { item: number }).item)).toEqual([0, 1, 2]);
		expect(mutations()).toHaveLength(1);
	});
});

describe('Zenoo › errors carry Zenoo\'s code, message and request id', () => {
	it('404: the case token is unknown', async () => {
		const { error } = await zenoo({ operation: 'get', caseId: byId('cas_doesnotexist') });
		const [req] = requests();
		expect(error?.message).toBe(`Zenoo getting case cas_doesnotexist failed (HTTP 404): Case cas_doesnotexist was not found (NOT_FOUND, request ${req.requestId})`);
		expect(error?.description).toMatch(/Nothing was found with this token/);
	});

	it('401: a wrong key, never shown', async () => {
		const { error } = await zenoo({ operation: 'getAll', returnAll: false, limit: 1 }, { apiKey: ['zenoo', 'wrong', 'key', '123456'].join('_') });
		expect(error?.message).toMatch(/^Zenoo listing cases failed \(HTTP 401\): Invalid API key \(UNAUTHORIZED/);
		expect(error?.description).toMatch(/staging key only works on staging/);
		expect(JSON.stringify(error)).not.toContain('zenoo_wrong_key_123456');
	});

	it('429: waits the Retry-After and retries', async () => {
		sim().control.pushFaults({ type: 429, count: 2, retryAfterSeconds: 7 });
		const c = simCases()[0];
		const { items, error } = await zenoo({ operation: 'get', caseId: byId(c.token) });
		expect(error).toBeUndefined();
		expect(items[0].json).toEqual(normalized(sim().control.getCase(c.token) as SimCase));
		expect(z.clock().sleeps.filter((ms) => ms === 7000)).toHaveLength(2);
	});
});
