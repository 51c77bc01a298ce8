import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { caseLocatorField } from '../../../../core/descriptions';
import { invalidInput } from '../../../../core/errors';
import { listParameter, requireId } from '../../../../core/validate';
import { CASE_ID_PATTERN } from '../../api';
import { normalizeCertnCase } from '../../normalize';

const EXAMPLE_CASE_ID = '2f64d134-1c54-4028-8e8b-9cfa7bd8011c';

/** The case picker shared by every single-case operation. */
export function caseIdField(operations: string[]): INodeProperties {
	return caseLocatorField({
		vendor: 'Certn',
		operations,
		searchListMethod: 'searchCases',
		idRegex: CASE_ID_PATTERN.source,
		idPlaceholder: EXAMPLE_CASE_ID,
		idError: 'A Certn case ID is a UUID (the case\'s "id", not its short ID)',
	});
}

export function caseIdOf(ctx: IExecuteFunctions, itemIndex: number): string {
	return requireId(ctx, itemIndex, {
		label: 'Case ID',
		pattern: CASE_ID_PATTERN,
		example: `${EXAMPLE_CASE_ID}; the case's "id", not its short ID`,
	});
}

/** Output of every operation that returns one case. */
export function caseOutput(ctx: IExecuteFunctions, itemIndex: number, raw: IDataObject): IDataObject {
	const simplify = ctx.getNodeParameter('simplify', itemIndex, true) as boolean;
	return simplify ? normalizeCertnCase(raw) : raw;
}

/** Check type identifiers are upper-case words with a version suffix, e.g. IDENTITY_VERIFICATION_1. */
const CHECK_TYPE_PATTERN = /^[A-Z][A-Z0-9_]*$/;

/** Identifiers from an options list and/or free text, upper-cased, de-duplicated, validated. */
export function identifiersFrom(
	ctx: IExecuteFunctions,
	itemIndex: number,
	label: string,
	...sources: unknown[]
): string[] {
	const out: string[] = [];
	for (const source of sources) {
		for (const value of listParameter(source)) {
			const id = value.toUpperCase();
			if (!CHECK_TYPE_PATTERN.test(id))
				throw invalidInput(
					ctx.getNode(),
					itemIndex,
					label,
					`"${value.slice(0, 80)}" is not a Certn identifier`,
					'Use Certn\'s identifiers such as IDENTITY_VERIFICATION_1 or COMPLETE, separated by commas.',
				);
			if (!out.includes(id)) out.push(id);
		}
	}
	return out;
}
