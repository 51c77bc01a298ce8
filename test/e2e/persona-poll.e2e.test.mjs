// Persona Poll Trigger and the Event resource end-to-end: the package installed in a real n8n
// (one instance for this file, see setup.mjs), against the Persona simulator's Events API.
//
//   node scripts/e2e.mjs --n8n-version=all test/e2e/persona-poll.e2e.test.mjs
//
// An active workflow whose polling trigger (every minute) fires for a case status change made
// after activation, once; Persona › Event › Get Many in a manual run; a malformed Other Events
// name refused in the editor's test run with the field named.

import { beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { useE2e, PKG, workflowId, manualWorkflow, sleep, requireSim, credentialRef, pollTriggerWorkflow, withActiveWorkflow, waitForTriggerRuns, assertOk, failure } from './setup.mjs';

const e2e = useE2e({ vendors: ['persona'] });
const P = PKG.name;

const sim = () => requireSim(e2e, 'persona');
const credentials = () => credentialRef(e2e, 'personaApi');
/** The poll trigger of these tests: every minute, case.status-updated only. */
const pollWorkflow = (id, name) => pollTriggerWorkflow(id, name, { node: 'Persona Poll Trigger', type: `${P}.personaPollTrigger`, events: ['case.status-updated'], credentials: credentials() });
const eventReads = () => sim().control.requests({ path: '/api/v1/events' });

/** Moves a case to another status of its template (a case.status-updated event). */
function changeStatus(n = 0) {
	const c = [...sim().state.cases.values()][n];
	const current = sim().control.getCase(c.id).attributes.status;
	const next = sim().state.templates.get(c.templateId).statuses.map((s) => s.name).find((s) => s !== current);
	sim().control.setCaseStatus(c.id, next);
	return c.id;
}

beforeEach(() => sim().control.reset());

describe('Persona Poll Trigger in an active workflow', () => {
	test('polls the Events API every minute: a status change after activation starts one execution with the event', async () => {
		changeStatus(1);
		await withActiveWorkflow(e2e, pollWorkflow(workflowId('personaPoll'), 'e2e persona: poll trigger'), async (id) => {
			await sleep(2000);
			const caseId = changeStatus(2);
			const runs = await waitForTriggerRuns(e2e, id, { requests: eventReads });
			const execution = JSON.stringify(await e2e.n8n.getExecution(runs[0].id));
			assert.match(execution, /case\.status-updated/);
			assert.ok(execution.includes(caseId), 'the execution holds the changed case');
			const newest = sim().control.events().filter((e) => e.attributes.name === 'case.status-updated').at(-1);
			assert.ok(execution.includes(newest.id), 'the execution holds the event id');
			// Every read asked Persona for the chosen events only.
			assert.ok(eventReads().length > 0 && eventReads().every((r) => r.query['filter[name]'] === 'case.status-updated'), JSON.stringify(eventReads().map((r) => r.query)));
			// The same event does not start a second execution on the next polls.
			await sleep(65_000);
			const all = await e2e.n8n.listExecutions({ workflowId: id });
			assert.equal(all.length, 1, JSON.stringify(all));
		});
	});
});

describe('Persona Poll Trigger: bad credential', () => {
	test('a key without the events permission: activation fails with the permission named, and nothing runs', async () => {
		sim().control.setEventsOptions({ permission: false });
		const id = workflowId('personaPollDenied');
		await e2e.n8n.importWorkflow(pollWorkflow(id, 'e2e persona: poll trigger denied'));
		try {
			await assert.rejects(e2e.n8n.activate(id), (error) => {
				assert.match(String(error.message), /may not read events|event\.read/);
				return true;
			});
			assert.ok(eventReads().every((r) => r.status === 403), JSON.stringify(eventReads().map((r) => r.status)));
			assert.deepEqual(await e2e.n8n.listExecutions({ workflowId: id }), []);
		} finally {
			await e2e.n8n.deactivate(id).catch(() => {});
		}
	});
});

describe('Persona › Event', () => {
	test('Get Many by name and object, and Get by ID, in a manual run', async () => {
		const caseId = changeStatus(3);
		const event = sim().control.events().filter((e) => e.attributes.name === 'case.status-updated').at(-1);
		const id = workflowId('personaEvents');
		await e2e.n8n.importWorkflow(
			manualWorkflow(id, 'e2e persona: events', [
				{ name: 'Events', type: `${P}.persona`, parameters: { resource: 'event', operation: 'getAll', returnAll: true, filters: { names: ['case.status-updated'], objectIds: caseId } }, credentials: credentials() },
				{ name: 'One Event', type: `${P}.persona`, parameters: { resource: 'event', operation: 'get', eventId: event.id }, credentials: credentials(), executeOnce: true },
			]),
		);
		const r = await e2e.n8n.execute(id);
		assertOk(r);
		const listed = r.items('Events');
		assert.deepEqual(listed.map((e) => [e.event, e.id]), [['case.status-updated', caseId]]);
		assert.equal(r.items('One Event')[0].eventId, event.id);
	});

	test('a malformed Other Events name is refused with the field named, before anything is read', async () => {
		const id = workflowId('personaEventsBad');
		await e2e.n8n.importWorkflow(
			manualWorkflow(id, 'e2e persona: events bad', [
				{ name: 'Events', type: `${P}.persona`, parameters: { resource: 'event', operation: 'getAll', returnAll: true, filters: { otherNames: 'Case Created' } }, credentials: credentials() },
			]),
		);
		const r = await e2e.n8n.execute(id);
		assert.match(failure(r).message, /Other Event Names: "Case Created" is not a Persona event name/);
		assert.equal(eventReads().length, 0);
	});
});
