// The harness's reading of `n8n execute`, without an n8n (runs in well under a second).
//
// Issue 7 item 15: on a busy machine a run that n8n stored as `success` was reported as
// "execution failed", the message being the tail of the run's own JSON: the harness judged the run
// by the CLI's exit code and by what it could parse out of the CLI's stdout. These tests feed
// the reader what a busy machine produces (the CLI exiting non-zero after the run, a log line
// inside the JSON, stdout chunks that end inside a UTF-8 character) and check that the result
// comes from the execution n8n stored. The real-n8n counterpart is in n8n.e2e.test.mjs.
//
//   node --test test/e2e/harness.e2e.test.mjs

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { runCapture, runResult } from '../../scripts/lib/n8n-instance.mjs';

// ---------------------------------------------------------------- fixtures (shapes of n8n 2.41.1 / 1.123.81)
const ITEM = { id: 'c0ffee00-1', vendor: 'certn', applicant: 'Zoë Ångström', status: 'Invited ✓', inviteLink: 'https://example.test/i/1' };

/** IRunExecutionData of a Manual Trigger → Certn run; `nodeError` makes the Certn node fail. */
function executionData({ nodeError } = {}) {
	const task = (name, extra) => ({ startTime: 1, executionTime: 5, executionStatus: extra.error ? 'error' : 'success', source: [], ...extra });
	return {
		startData: {},
		resultData: {
			runData: {
				'Manual Trigger': [task('Manual Trigger', { data: { main: [[{ json: {} }]] } })],
				Certn: [nodeError ? task('Certn', { error: nodeError }) : task('Certn', { data: { main: [[{ json: ITEM }]] } })],
			},
			lastNodeExecuted: 'Certn',
			...(nodeError ? { error: nodeError } : {}),
		},
		executionData: { contextData: {}, nodeExecutionStack: [], metadata: {}, waitingExecution: {}, waitingExecutionSource: {} },
	};
}

/** What GET /rest/executions/:id gives once `data` is decoded (getExecution()). */
function stored({ id = '41', status = 'success', nodeError } = {}) {
	return {
		id,
		workflowId: 'e2ecertnOrderPac',
		mode: 'cli',
		status,
		finished: status === 'success',
		startedAt: '2026-01-01T00:00:00.000Z',
		stoppedAt: '2026-01-01T00:00:01.000Z',
		data: executionData({ nodeError }),
	};
}

/** The stdout of `n8n execute --rawOutput`: start-up lines, then the run as JSON.stringify(run, null, 2). */
function cliStdout(run) {
	return ['n8n Task Broker ready on 127.0.0.1, port 40001', '[license SDK] Skipping renewal on init: renewOnInit is disabled in config', JSON.stringify(run, null, 2), ''].join('\n');
}
const ironRun = (s) => ({ data: s.data, mode: 'cli', startedAt: s.startedAt, stoppedAt: s.stoppedAt, status: s.status, finished: s.finished });

const NODE_ERROR = { message: 'Certn answered 400: package is not active', description: 'HTTP 400 · request ID req_1', name: 'NodeApiError', node: { name: 'Certn' } };

// ---------------------------------------------------------------- the CLI's output
describe('harness › reading the CLI output', () => {
	test('output whose chunks end inside a UTF-8 character is read intact', async () => {
		// each write is its own chunk on the pipe: `é` split between two of them
		const child = `const w = (b) => new Promise((r) => process.stdout.write(Buffer.from(b), () => setTimeout(r, 30)));
			(async () => { await w([0x5a, 0x6f, 0xc3]); await w([0xab, 0x20, 0xe2, 0x9c]); await w([0x93, 0x0a]); })();`;
		const r = await runCapture(process.execPath, ['-e', child]);
		assert.equal(r.code, 0);
		assert.equal(r.stdout, 'Zoë ✓\n');
	});
});

// ---------------------------------------------------------------- the run's result
describe('harness › the result of a run is the execution n8n stored', () => {
	test('a stored success is a success although the CLI exited non-zero after printing it (seen under load)', () => {
		const s = stored();
		const r = runResult({ code: 1, signal: null, timedOut: false, stdout: cliStdout(ironRun(s)), stderr: '' }, s);
		assert.equal(r.ok, true, `reported as failed: ${JSON.stringify(r.error)}`);
		assert.equal(r.error, null);
		assert.deepEqual(r.items('Certn'), [ITEM]);
		assert.equal(r.exitCode, 1, 'the exit code stays visible');
	});

	test('a stored success is read whole when a log line landed inside the printed JSON', () => {
		const s = stored();
		const lines = cliStdout(ironRun(s)).split('\n');
		lines.splice(Math.floor(lines.length / 2), 0, '[Task Runner]: Runner connected');
		const r = runResult({ code: 0, signal: null, timedOut: false, stdout: lines.join('\n'), stderr: '' }, s);
		assert.equal(r.ok, true, `reported as failed: ${JSON.stringify(r.error)}`);
		assert.deepEqual(r.items('Certn'), [ITEM]);
	});

	test('a stored success is read whole when the printed JSON lost its tail (the CLI exits before a busy reader drained it)', () => {
		const s = stored();
		const out = cliStdout(ironRun(s));
		const r = runResult({ code: 0, signal: null, timedOut: false, stdout: out.slice(0, Math.floor(out.length * 0.6)), stderr: '' }, s);
		assert.equal(r.ok, true, `reported as failed: ${JSON.stringify(r.error)}`);
		assert.deepEqual(r.items('Certn'), [ITEM]);
	});

	test('a stored success is read whole when the CLI printed nothing of it', () => {
		const s = stored();
		const r = runResult({ code: 0, signal: null, timedOut: false, stdout: 'n8n Task Broker ready on 127.0.0.1, port 40001\n', stderr: '' }, s);
		assert.equal(r.ok, true, `reported as failed: ${JSON.stringify(r.error)}`);
		assert.deepEqual(r.items('Certn'), [ITEM]);
		assert.equal(r.run.status, 'success');
	});

	test('a failed run is a failure with n8n\'s error and the node\'s error in its run data', () => {
		const s = stored({ status: 'error', nodeError: NODE_ERROR });
		const r = runResult({ code: 1, signal: null, timedOut: false, stdout: cliStdout(ironRun(s)), stderr: '' }, s);
		assert.equal(r.ok, false);
		assert.equal(r.error.message, NODE_ERROR.message);
		assert.equal(r.runData.Certn[0].error.description, NODE_ERROR.description);
		assert.throws(() => r.items('Certn'), /node "Certn" failed: Certn answered 400/);
	});

	test('no stored execution (the CLI failed before running the workflow): a failure with the CLI\'s output', () => {
		const r = runResult({ code: 1, signal: null, timedOut: false, stdout: '', stderr: 'Error: workflow "x" not found\n' }, null);
		assert.equal(r.ok, false);
		assert.match(r.error.message, /workflow "x" not found/);
	});

	test('a run the CLI did not finish (killed on timeout, still `running` in n8n) is a failure that says so', () => {
		const s = { ...stored({ status: 'running' }), finished: false };
		delete s.data.resultData.lastNodeExecuted;
		s.data.resultData.runData = { 'Manual Trigger': s.data.resultData.runData['Manual Trigger'] };
		const r = runResult({ code: null, signal: 'SIGKILL', timedOut: true, stdout: '', stderr: '' }, s);
		assert.equal(r.ok, false);
		assert.match(r.error.message, /running/);
	});
});
