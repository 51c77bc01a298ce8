import type { IDataObject } from 'n8n-workflow';

import { byId, json, useZenoo, UUID, type SimAlert, type SimCase } from '../helpers/zenoo';

const z = useZenoo();
const sim = () => z.sim();
const { simCases, simAlerts, requests, mutations } = z;
const zenoo = (parameters: IDataObject, o: Parameters<typeof z.run>[1] = {}) => z.run({ resource: 'alert', ...parameters }, o);

/** `n` new Open alerts spread over cases that are not closed. */
function openAlerts(n: number): string[] {
	const cases = simCases().filter((c) => c.status !== 'Closed');
	return Array.from({ length: n }, (_, i) => (sim().control.createAlert({ caseToken: cases[i % cases.length].token, category: 'PEP Match' }) as SimAlert).token);
}
const bulkCalls = (kind: string) => mutations().filter((r) => r.path === `/v1/alerts/bulk/${kind}`);

describe('Zenoo › Alert › single alerts', () => {
	it('Get Many: the work queue with Zenoo\'s filters and sort', async () => {
		const { items, error } = await zenoo({ operation: 'getAll', returnAll: true, alertFilters: { status: 'Open', type: 'Screening' }, alertSort: '-priority_score' });
		expect(error).toBeUndefined();
		const expected = simAlerts()
			.filter((a) => a.status === 'Open' && a.type === 'Screening')
			.sort((a, b) => (a.priority_score === b.priority_score ? (a.token < b.token ? -1 : 1) : b.priority_score - a.priority_score));
		expect(json(items).map((a) => a.token)).toEqual(expected.map((a) => a.token));
		expect(requests()[0].query).toEqual({ limit: '100', status: 'Open', type: 'Screening', sort: '-priority_score' });
		const c = simCases().find((x) => x.open_alerts_count > 0)!;
		const ofCase = await zenoo({ operation: 'getAll', returnAll: true, alertFilters: { caseId: c.token, priority: 'High' } });
		expect(json(ofCase.items).every((a) => a.case_token === c.token && a.priority === 'High')).toBe(true);
	});

	it('Get reads one alert; Resolve records action, rationale, conditions; Request Document keeps it open', async () => {
		const [a, b] = openAlerts(2);
		const got = await zenoo({ operation: 'get', alertId: a });
		expect(got.items[0].json).toMatchObject({ token: a, status: 'Open' });
		const keep = await zenoo({ operation: 'resolve', alertId: a, resolution: 'Request Document', rationale: 'Need the passport' });
		expect(keep.items[0].json).toMatchObject({ token: a, status: 'Open', resolution_action: 'Request Document' });
		const done = await zenoo({ operation: 'resolve', alertId: b, resolution: 'Approve with Conditions', rationale: 'Low exposure', conditions: 'Review in 6 months' });
		expect(done.error).toBeUndefined();
		expect(done.items[0].json).toMatchObject({ token: b, status: 'Resolved', conditions: 'Review in 6 months' });
		expect(mutations().map((r) => r.body)).toEqual([
			{ action: 'Request Document', rationale: 'Need the passport', is_false_positive: false },
			{ action: 'Approve with Conditions', rationale: 'Low exposure', is_false_positive: false, conditions: 'Review in 6 months' },
		]);
		expect(mutations().every((r) => UUID.test(r.headers['idempotency-key']))).toBe(true);
	});

	it('Resolve refuses a missing rationale or conditions before sending; a resolved alert is Zenoo\'s 409', async () => {
		const [a] = openAlerts(1);
		const noWhy = await zenoo({ operation: 'resolve', alertId: a, resolution: 'Decline', rationale: '  ' });
		expect(noWhy.error?.message).toBe('Rationale: is empty [item 0]');
		const noConditions = await zenoo({ operation: 'resolve', alertId: a, resolution: 'Approve with Conditions', rationale: 'ok', conditions: '' });
		expect(noConditions.error?.message).toBe('Conditions: is empty [item 0]');
		expect(mutations()).toHaveLength(0);
		await zenoo({ operation: 'resolve', alertId: a, resolution: 'Decline', rationale: 'True match', isFalsePositive: false });
		const again = await zenoo({ operation: 'resolve', alertId: a, resolution: 'Approve', rationale: 'x' });
		expect(again.error?.message).toMatch(new RegExp(`^Zenoo resolving alert ${a} failed \\(HTTP 409\\): Alert ${a} is already Resolved \\(CONFLICT`));
	});

	it('Escalate sends the reason and the senior reviewer', async () => {
		const [a] = openAlerts(1);
		const { items, error } = await zenoo({ operation: 'escalate', alertId: a, escalateOptions: { reason: 'Possible sanctions evasion', escalateTo: 'usr_compliance_lead' } });
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ token: a, status: 'Escalated', assigned_to: 'usr_compliance_lead' });
		expect(mutations()[0].body).toEqual({ reason: 'Possible sanctions evasion', escalate_to: 'usr_compliance_lead' });
	});
});

describe('Zenoo › Alert › bulk calls (1–50 tokens each)', () => {
	it('batches the tokens of all items into as few calls as the limit allows and maps results back to each item', async () => {
		const tokens = openAlerts(120);
		const items = [{ t: tokens.slice(0, 60) }, { t: tokens.slice(60, 100).join(', ') }, { t: tokens.slice(100) }];
		const { items: out, error } = await zenoo({ operation: 'bulkAcknowledge', alertIds: '={{ $json.t }}' }, { items });
		expect(error).toBeUndefined();
		expect(bulkCalls('acknowledge').map((r) => (r.body.alert_tokens as string[]).length)).toEqual([50, 50, 20]);
		expect(bulkCalls('acknowledge').flatMap((r) => r.body.alert_tokens as string[])).toEqual(tokens);
		expect(json(out).map((o) => [o.succeeded, o.failed, o.unknown])).toEqual([
			[60, 0, 0],
			[40, 0, 0],
			[20, 0, 0],
		]);
		expect(json(out)[1]).toMatchObject({ operation: 'bulkAcknowledge', alertTokens: tokens.slice(60, 100), results: tokens.slice(60, 100).map((t) => ({ alertToken: t, success: true })) });
		expect(out.map((o) => (o.pairedItem as { item: number }).item)).toEqual([0, 1, 2]);
		expect(tokens.every((t) => (sim().control.getAlert(t) as SimAlert).status === 'Acknowledged')).toBe(true);
		expect(bulkCalls('acknowledge').every((r) => UUID.test(r.headers['idempotency-key']))).toBe(true);
	});

	it('sends a token named by two items once; items with different parameters get their own calls', async () => {
		const tokens = openAlerts(4);
		const { items: out, error } = await zenoo(
			{ operation: 'bulkResolve', alertIds: '={{ $json.t }}', resolution: '={{ $json.action }}', rationale: 'Reviewed' },
			{ items: [{ t: [tokens[0], tokens[1]], action: 'Approve' }, { t: [tokens[1], tokens[2]], action: 'Approve' }, { t: [tokens[3]], action: 'Decline' }] },
		);
		expect(error).toBeUndefined();
		expect(bulkCalls('resolve').map((r) => [r.body.alert_tokens, r.body.action])).toEqual([
			[[tokens[0], tokens[1], tokens[2]], 'Approve'],
			[[tokens[3]], 'Decline'],
		]);
		expect(json(out).map((o) => o.succeeded)).toEqual([2, 2, 1]);
	});

	it('a token Zenoo refuses fails its item (the others are done); with Continue On Fail it is an error item with the results', async () => {
		const tokens = openAlerts(3);
		await zenoo({ operation: 'resolve', alertId: tokens[1], resolution: 'Decline', rationale: 'done before' });
		const strict = await zenoo({ operation: 'bulkResolve', alertIds: '={{ $json.t }}', resolution: 'Approve', rationale: 'Batch clear' }, { items: [{ t: [tokens[0]] }, { t: [tokens[1], tokens[2]] }] });
		expect(strict.error?.message).toBe(`Zenoo resolved 1 of 2 alerts of this item; refused: ${tokens[1]} (Alert ${tokens[1]} is already Resolved)`);
		expect(strict.error?.description).toMatch(/The other alerts were resolved/);
		expect((sim().control.getAlert(tokens[2]) as SimAlert).status).toBe('Resolved');

		const more = openAlerts(1);
		const lenient = await zenoo(
			{ operation: 'bulkResolve', alertIds: '={{ $json.t }}', resolution: 'Approve', rationale: 'Batch clear' },
			{ continueOnFail: true, items: [{ t: [tokens[1]] }, { t: more }] },
		);
		expect(lenient.error).toBeUndefined();
		expect(json(lenient.items)).toEqual([
			expect.objectContaining({ error: `Zenoo resolved 0 of 1 alerts of this item; refused: ${tokens[1]} (Alert ${tokens[1]} is already Resolved)`, failed: 1, results: [{ alertToken: tokens[1], success: false, error: `Alert ${tokens[1]} is already Resolved` }] }),
			expect.objectContaining({ succeeded: 1, failed: 0 }),
		]);
	});

	it('where Zenoo answers with counts only, the failed alerts are found by reading them back', async () => {
		const tokens = openAlerts(3);
		await zenoo({ operation: 'resolve', alertId: tokens[0], resolution: 'Approve', rationale: 'cleared' });
		sim().control.clearRequests();
		const { items, error } = await zenoo({ operation: 'bulkAcknowledge', alertIds: tokens.join(',') }, { continueOnFail: true });
		expect(error).toBeUndefined();
		expect(json(items)[0]).toMatchObject({ succeeded: 2, failed: 1, results: [{ alertToken: tokens[0], success: false, error: 'not acknowledged (Zenoo counted it as failed)' }, { alertToken: tokens[1], success: true }, { alertToken: tokens[2], success: true }] });
		expect(requests().filter((r) => r.method === 'GET').map((r) => r.path)).toEqual(tokens.map((t) => `/v1/alerts/${t}`));
	});

	it('Bulk Assign gives every alert to the user with the note', async () => {
		const tokens = openAlerts(3);
		const { items, error } = await zenoo({ operation: 'bulkAssign', alertIds: tokens.join(','), assigneeUserId: 'usr_b0bby', assignNote: 'Your queue today' });
		expect(error).toBeUndefined();
		expect(bulkCalls('assign')[0].body).toEqual({ alert_tokens: tokens, user_id: 'usr_b0bby', note: 'Your queue today' });
		expect(json(items)[0]).toMatchObject({ succeeded: 3 });
		expect(tokens.every((t) => (sim().control.getAlert(t) as SimAlert).assigned_to === 'usr_b0bby')).toBe(true);
	});

	it('an empty token list is refused before anything is sent; with Continue On Fail the other items still run', async () => {
		const tokens = openAlerts(2);
		const strict = await zenoo({ operation: 'bulkAcknowledge', alertIds: '={{ $json.t }}' }, { items: [{ t: tokens }, { t: [] }] });
		expect(strict.error?.message).toBe('Alert Tokens: is empty [item 1]');
		expect(mutations()).toHaveLength(0);
		const lenient = await zenoo({ operation: 'bulkAcknowledge', alertIds: '={{ $json.t }}' }, { continueOnFail: true, items: [{ t: tokens }, { t: '' }, { t: 'CAS-1' }] });
		expect(json(lenient.items)).toEqual([
			expect.objectContaining({ succeeded: 2 }),
			{ error: 'Alert Tokens: is empty [item 1]', description: expect.any(String) },
			{ error: 'Alert Tokens: "CAS-1" is not an alert token [item 2]', description: expect.any(String) },
		]);
		expect(bulkCalls('acknowledge')).toHaveLength(1);
	});

	it('a bulk call retried after a 503 keeps its Idempotency-Key', async () => {
		const tokens = openAlerts(2);
		sim().control.pushFaults({ type: 503, method: 'POST', path: '/v1/alerts/bulk/acknowledge' });
		const { error } = await zenoo({ operation: 'bulkAcknowledge', alertIds: tokens.join(',') });
		expect(error).toBeUndefined();
		const calls = bulkCalls('acknowledge');
		expect(calls).toHaveLength(2);
		expect(calls[0].headers['idempotency-key']).toBe(calls[1].headers['idempotency-key']);
	});
});

describe('Zenoo › Entity and Risk Assessment', () => {
	it('Entity: create a person, get it, list its checks (filtered) and alerts', async () => {
		const created = await z.run({ resource: 'entity', operation: 'create', entityType: 'Person', firstName: 'Ivan', lastName: 'Petrov', entityDetails: { nationality: 'ru', dateOfBirth: '1971-03-09', externalReference: 'CUST-9' } });
		expect(created.error).toBeUndefined();
		expect(mutations()[0].body).toEqual({ type: 'Person', first_name: 'Ivan', last_name: 'Petrov', date_of_birth: '1971-03-09', nationality: 'RU', external_reference: 'CUST-9' });
		const token = String(created.items[0].json.token);
		expect(token).toMatch(/^ent_/);
		const got = await z.run({ resource: 'entity', operation: 'get', entityId: token });
		expect(got.items[0].json).toMatchObject({ token, full_name: 'Ivan Petrov', verification_status: 'Not Started' });

		const busy = [...(sim().state.checks as Map<string, { entity_token: string; category: string; status: string }>).values()].find((k) => k.category === 'Screening' && k.status === 'Complete')!;
		const checks = await z.run({ resource: 'entity', operation: 'getChecks', entityId: busy.entity_token, returnAll: true, listFilters: { category: 'Screening', status: 'Complete' } });
		expect(json(checks.items).length).toBeGreaterThan(0);
		expect(json(checks.items).every((k) => k.entity_token === busy.entity_token && k.category === 'Screening' && k.status === 'Complete')).toBe(true);
		const alerts = await z.run({ resource: 'entity', operation: 'getAlerts', entityId: busy.entity_token, returnAll: true });
		expect(json(alerts.items).map((a) => a.token).sort()).toEqual(simAlerts().filter((a) => a.entity_token === busy.entity_token).map((a) => a.token).sort());
	});

	it('Entity: a bad country code names the field before anything is sent', async () => {
		const { error } = await z.run({ resource: 'entity', operation: 'create', entityType: 'Company', companyName: 'X Ltd', entityDetails: { country: 'United Kingdom' } });
		expect(error?.message).toBe('Entity Details > Country: "United Kingdom" is not a two-letter country code [item 0]');
		expect(mutations()).toHaveLength(0);
	});

	it('Risk Assessment: get, override the tier; the overridden tier must be approved before the case closes', async () => {
		const c = sim().control.findCase({ openAlerts: false, assessment: 'Approved', notStatus: 'Closed' }) as SimCase;
		const current = sim().control.currentAssessment(c.token) as { token: string; tier: string };
		const got = await z.run({ resource: 'riskAssessment', operation: 'get', riskAssessmentId: current.token });
		expect(got.items[0].json).toMatchObject({ token: current.token, case_token: c.token, status: 'Approved' });
		const over = await z.run({ resource: 'riskAssessment', operation: 'override', riskAssessmentId: current.token, tier: 'High', justification: 'Adverse media not captured by the model' });
		expect(over.items[0].json).toMatchObject({ status: 'Overridden', tier: 'High', override_tier: 'High', override_justification: 'Adverse media not captured by the model' });
		expect((sim().control.getCase(c.token) as SimCase).risk_tier).toBe('High');
		const close = await z.run({ operation: 'close', caseId: byId(c.token), decision: 'Approve' });
		expect(close.error?.message).toMatch(new RegExp(`^Zenoo refused to close case ${c.token}: its risk assessment ${current.token} is Overridden, not Approved`));
	});
});
