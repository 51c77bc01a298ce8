import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { caseLocatorField, caseSimplifyField } from '../../../../core/descriptions';
import { requireId } from '../../../../core/validate';
import { TOKEN_PATTERNS } from '../../api';
import { normalizeZenooCase } from '../../normalize';

export const CASE_EXAMPLE = 'cas_8f2k1m3n4p5q';

/** The case picker shared by every single-case operation. */
export function caseIdField(operations: string[]): INodeProperties {
	return caseLocatorField({
		vendor: 'Zenoo',
		operations,
		searchListMethod: 'searchCases',
		idRegex: TOKEN_PATTERNS.case.source,
		idPlaceholder: CASE_EXAMPLE,
		idError: 'A Zenoo case token starts with cas_ (e.g. cas_8f2k1m3n4p5q)',
	});
}

export function caseTokenOf(ctx: IExecuteFunctions, itemIndex: number): string {
	return requireId(ctx, itemIndex, { label: 'Case Token', pattern: TOKEN_PATTERNS.case, example: `${CASE_EXAMPLE}; the case's token, not its name` });
}

/** Output of every operation that returns one case. */
export function caseOutput(ctx: IExecuteFunctions, itemIndex: number, raw: IDataObject): IDataObject {
	return (ctx.getNodeParameter('simplify', itemIndex, true) as boolean) ? normalizeZenooCase(raw) : raw;
}

export function caseSimplify(operations: string[]): INodeProperties {
	return caseSimplifyField('Zenoo', operations);
}

export { maxLength, oneOf, userIdOf } from '../common';
