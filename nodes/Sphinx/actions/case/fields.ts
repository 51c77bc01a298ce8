import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { caseLocatorField } from '../../../../core/descriptions';
import { timing } from '../../../../core/timing';
import { numberOption, requireId } from '../../../../core/validate';
import { INTEGER_ID, sphinxPaths, sphinxRequest } from '../../api';
import { isCaseFinished, normalizeSphinxCase, withCheckReasoningText } from '../../normalize';

/** The case picker shared by every single-case operation. */
export function caseIdField(operations: string[]): INodeProperties {
	return caseLocatorField({
		vendor: 'Sphinx',
		operations,
		searchListMethod: 'searchCases',
		idRegex: INTEGER_ID.source,
		idPlaceholder: '1234',
		idError: 'A Sphinx case ID is a whole number (the case\'s "id", not its external ID)',
	});
}

export function idOf(ctx: IExecuteFunctions, itemIndex: number, name: string, label: string): string {
	return requireId(ctx, itemIndex, { name, label, pattern: INTEGER_ID, example: '1234, a whole number' });
}

export const caseIdOf = (ctx: IExecuteFunctions, itemIndex: number) => idOf(ctx, itemIndex, 'caseId', 'Case ID');

/** Output of every operation that returns one case: normalized, or raw with reasoning as text. */
export function caseOutput(ctx: IExecuteFunctions, itemIndex: number, raw: IDataObject): IDataObject {
	const simplify = ctx.getNodeParameter('simplify', itemIndex, true) as boolean;
	return simplify ? normalizeSphinxCase(raw) : withCheckReasoningText(raw);
}

export async function getCase(ctx: IExecuteFunctions, caseId: string, itemIndex: number): Promise<IDataObject> {
	return await sphinxRequest.call(ctx, { method: 'GET', path: sphinxPaths.case(caseId) }, { itemIndex, context: `getting case ${caseId}` });
}

/** Wait for Completion: Sphinx takes about 90 s for AML checks and about 4 min for a full KYB. */
export function waitOptions(operations: string[]): INodeProperties {
	return {
		displayName: 'Wait for Completion',
		name: 'waitForCompletion',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { resource: ['case'], operation: operations } },
		options: [
			{
				displayName: 'Wait',
				name: 'enabled',
				type: 'boolean',
				default: false,
				description: 'Whether to poll the case until Sphinx has decided it (or it failed) before going on',
			},
			{
				displayName: 'Max Wait (Seconds)',
				name: 'maxWaitSeconds',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 900 },
				default: 300,
				description: 'How long to wait at most; the case is output as it is then, with waitTimedOut set',
			},
			{
				displayName: 'Poll Interval (Seconds)',
				name: 'pollIntervalSeconds',
				type: 'number',
				typeOptions: { minValue: 5, maxValue: 300 },
				default: 15,
				description: 'Time between two reads of the case while waiting',
			},
		],
	};
}

/**
 * Polls the case until it is complete or failed, within Max Wait (bounded: at most
 * maxWait / interval + 1 reads). Returns the last read and whether the wait ran out.
 */
export async function waitIfAsked(
	ctx: IExecuteFunctions,
	itemIndex: number,
	raw: IDataObject,
): Promise<{ raw: IDataObject; waited: boolean; timedOut: boolean }> {
	const options = ctx.getNodeParameter('waitForCompletion', itemIndex, {}) as IDataObject;
	if (options.enabled !== true || isCaseFinished(raw)) return { raw, waited: false, timedOut: false };
	const maxWait = numberOption(ctx, itemIndex, options.maxWaitSeconds, 'Wait for Completion > Max Wait (Seconds)', { min: 1, max: 900, fallback: 300 });
	const interval = numberOption(ctx, itemIndex, options.pollIntervalSeconds, 'Wait for Completion > Poll Interval (Seconds)', { min: 5, max: 300, fallback: 15 });
	const id = String(raw.id ?? '');
	const polls = Math.ceil(maxWait / interval);
	let current = raw;
	for (let n = 0; n < polls; n++) {
		await timing.sleep(Math.min(interval, maxWait - n * interval) * 1000);
		current = await getCase(ctx, id, itemIndex);
		if (isCaseFinished(current)) return { raw: current, waited: true, timedOut: false };
	}
	return { raw: current, waited: true, timedOut: true };
}

/** A case output with the wait's result when the user asked to wait. */
export function withWait(out: IDataObject, wait: { waited: boolean; timedOut: boolean }): IDataObject {
	return wait.waited || wait.timedOut ? { ...out, waitTimedOut: wait.timedOut } : out;
}
