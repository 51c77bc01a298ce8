import type { IDataObject } from 'n8n-workflow';

/**
 * Supplementary files / information: the schema is not documented. One item per case, with the
 * checks under `checks` whether Certn answers with a list, `{checks}` or `{results}`.
 */
export function supplementaryOutput(caseId: string, answer: unknown): IDataObject {
	if (Array.isArray(answer)) return { caseId, checks: answer as IDataObject[] };
	const body = (answer && typeof answer === 'object' ? answer : {}) as IDataObject;
	if (!Array.isArray(body.checks) && Array.isArray(body.results)) {
		const { results, ...rest } = body;
		return { caseId, ...rest, checks: results };
	}
	return { caseId, ...body };
}
