// Zenoo Poll Trigger end-to-end: the package installed in a real n8n (one instance for this file,
// see setup.mjs), against the Zenoo simulator.
//
//   node scripts/e2e.mjs --n8n-version=all test/e2e/zenoo-poll.e2e.test.mjs
//
// An active workflow whose polling trigger (every minute) fires once for a case whose status
// changes after activation, with Zenoo Trigger's event name and the normalized case.

import { beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { useE2e, PKG, workflowId, sleep, requireSim, credentialRef, pollTriggerWorkflow, withActiveWorkflow, waitForTriggerRuns } from './setup.mjs';

const e2e = useE2e({ vendors: ['zenoo'] });
const P = PKG.name;

const sim = () => requireSim(e2e, 'zenoo');
const listReads = () => sim().control.requests({ path: '/v1/cases' }).filter((r) => r.method === 'GET' && r.path === '/v1/cases');

beforeEach(() => sim().control.reset());

describe('Zenoo Poll Trigger in an active workflow', () => {
	test('polls the cases list every minute: a status change after activation starts one execution', async () => {
		const c = sim().control.findCase({ status: 'In Progress' }) ?? sim().control.findCase({ notStatus: 'Closed' });
		assert.ok(c, 'an open case');
		const next = c.status === 'In Review' ? 'Internal Review' : 'In Review';
		const workflow = pollTriggerWorkflow(workflowId('zenooPoll'), 'e2e zenoo: poll trigger', {
			node: 'Zenoo Poll Trigger',
			type: `${P}.zenooPollTrigger`,
			events: ['case.status_changed'],
			credentials: credentialRef(e2e, 'zenooApi'),
		});
		await withActiveWorkflow(e2e, workflow, async (id) => {
			// The activation poll records the baseline first.
			await sleep(2000);
			sim().control.setCaseStatus(c.token, next);
			const runs = await waitForTriggerRuns(e2e, id, { requests: listReads });
			const execution = JSON.stringify(await e2e.n8n.getExecution(runs[0].id));
			assert.match(execution, /case\.status_changed/);
			assert.ok(execution.includes(c.token), 'the execution holds the changed case');
			assert.ok(execution.includes(next), 'with its new status');
			// The same change does not start a second execution on the next poll.
			await sleep(65_000);
			const all = await e2e.n8n.listExecutions({ workflowId: id });
			assert.equal(all.length, 1, JSON.stringify(all));
		});
	});
});
