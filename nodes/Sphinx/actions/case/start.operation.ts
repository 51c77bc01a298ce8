import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { sphinxPaths, sphinxResponse } from '../../api';
import { caseIdOf, caseOutput, waitIfAsked, withWait } from './fields';

const show = { resource: ['case'], operation: ['start'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Allow Restart',
		name: 'allowRestart',
		type: 'boolean',
		default: false,
		description:
			'Whether to rerun a case Sphinx has already finished. Sphinx then archives it and runs a new case with a new ID (same external ID). Off: a finished case is left as it is (actionTaken "noop_already_started").',
		displayOptions: { show },
	},
];

/**
 * Start or rerun. Sphinx answers 202 with `action_taken` `noop_already_running` or
 * `noop_already_started` when nothing happened; the item says so explicitly, whatever Simplify is.
 */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const caseId = caseIdOf(this, i);
	const allowRestart = this.getNodeParameter('allowRestart', i, false) as boolean;
	// Sphinx does not show whether allow_restart is a query or a body field: both are sent.
	const response = await sphinxResponse.call(
		this,
		{
			method: 'POST',
			path: sphinxPaths.start(caseId),
			qs: allowRestart ? { allow_restart: 'true' } : undefined,
			body: { allow_restart: allowRestart },
		},
		{ itemIndex: i, context: `starting case ${caseId}` },
	);
	const body = (response.body && typeof response.body === 'object' ? response.body : {}) as IDataObject;
	const actionTaken =
		typeof body.action_taken === 'string' && body.action_taken
			? body.action_taken
			: String(body.id ?? caseId) !== caseId
				? 'restarted'
				: 'started';
	const raw = { ...body };
	delete raw.action_taken;
	const wait = await waitIfAsked(this, i, raw);
	const out = withWait(caseOutput(this, i, wait.raw), wait);
	const newId = String(wait.raw.id ?? caseId);
	return {
		...out,
		actionTaken,
		started: !actionTaken.startsWith('noop'),
		alreadyRunning: actionTaken === 'noop_already_running',
		alreadyStarted: actionTaken === 'noop_already_started',
		...(newId !== caseId ? { previousCaseId: caseId } : {}),
		httpStatus: response.statusCode,
	};
}
