// Certn Poll Trigger end-to-end: the package installed in a real n8n (one instance for this file,
// see setup.mjs), against the Certn simulator.
//
//   node scripts/e2e.mjs --n8n-version=all test/e2e/certn-poll.e2e.test.mjs
//
// An active workflow whose polling trigger (every minute) fires once for a case completed after
// activation, with Certn Trigger's event name and the normalized case (status and score).

import { beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { useE2e, PKG, workflowId, sleep, requireSim, credentialRef, pollTriggerWorkflow, withActiveWorkflow, waitForTriggerRuns } from './setup.mjs';

const e2e = useE2e({ vendors: ['certn'] });
const P = PKG.name;
const DAY_MS = 24 * 3600 * 1000;

const sim = () => requireSim(e2e, 'certn');
const listReads = () => sim().control.requests({ path: '/api/public/cases' }).filter((r) => r.method === 'GET' && r.path === '/api/public/cases');

beforeEach(() => sim().control.reset());

describe('Certn Poll Trigger in an active workflow', () => {
	test('polls the cases list every minute: a case completed after activation starts one execution', async () => {
		const c = [...sim().state.cases.values()]
			.filter((x) => Date.parse(x.created) > Date.now() - 20 * DAY_MS && !['COMPLETE', 'CANCELLED'].includes(x.overall_status))
			.sort((a, b) => (a.created < b.created ? 1 : -1))[0];
		assert.ok(c, 'an open case ordered within the look-back');
		const workflow = pollTriggerWorkflow(workflowId('certnPoll'), 'e2e certn: poll trigger', {
			node: 'Certn Poll Trigger',
			type: `${P}.certnPollTrigger`,
			events: ['CASE_STATUS_CHANGED'],
			credentials: credentialRef(e2e, 'certnApi'),
		});
		await withActiveWorkflow(e2e, workflow, async (id) => {
			await sleep(2000);
			sim().control.setCaseStatus(c.id, 'COMPLETE', { score: 'CLEAR' });
			const runs = await waitForTriggerRuns(e2e, id, { requests: listReads });
			const execution = JSON.stringify(await e2e.n8n.getExecution(runs[0].id));
			assert.match(execution, /CASE_STATUS_CHANGED/);
			assert.ok(execution.includes(c.id), 'the execution holds the completed case');
			assert.match(execution, /CLEAR/);
			assert.ok(listReads().every((r) => r.query.ordering === '-modified' && r.query.order_timeframe_after), JSON.stringify(listReads().map((r) => r.query)));
			// The same change does not start a second execution on the next poll.
			await sleep(65_000);
			const all = await e2e.n8n.listExecutions({ workflowId: id });
			assert.equal(all.length, 1, JSON.stringify(all));
		});
	});
});
