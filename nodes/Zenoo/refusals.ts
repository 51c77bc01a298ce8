import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { collectSecrets, vendorHttpError, type HttpErrorExplanation } from '../../core/errors';
import type { ApiResponse } from '../../core/types';
import { dataOf, zenooApi, zenooPaths, zenooRequestAll, zenooResponse } from './api';
import { UNRESOLVED_ALERT_STATUSES } from './catalog';

/**
 * Zenoo refuses some changes because of the case's state (its business-rule error code is not
 * documented; 409 CONFLICT is expected, 400/422 are read the same way). These helpers find out
 * which precondition failed, so the message says what to do instead of only "HTTP 409".
 */

export const REFUSAL_STATUSES = [400, 409, 422];

export interface CaseDiagnosis {
	/** Alerts that are not resolved (Open, Acknowledged, Escalated); undefined when they could not be read. */
	openAlerts?: Array<{ token: string; status: string }>;
	/** The current risk assessment, null when the case has none, undefined when it could not be read. */
	assessment?: { token: string; status: string } | null;
}

/** Reads the case's alerts and current risk assessment; what cannot be read stays undefined. */
export async function diagnoseCase(ctx: IExecuteFunctions, caseToken: string, itemIndex: number): Promise<CaseDiagnosis> {
	const diagnosis: CaseDiagnosis = {};
	try {
		const alerts = await zenooRequestAll.call(ctx, { method: 'GET', path: zenooPaths.caseSub(caseToken, 'alerts') }, { itemIndex, limit: 500 });
		diagnosis.openAlerts = alerts
			.filter((a) => UNRESOLVED_ALERT_STATUSES.includes(String(a.status)))
			.map((a) => ({ token: String(a.token ?? a.alert_token ?? '?'), status: String(a.status) }));
	} catch {
		diagnosis.openAlerts = undefined;
	}
	try {
		const response = await zenooResponse.call(ctx, { method: 'GET', path: zenooPaths.caseSub(caseToken, 'risk-assessment') }, { itemIndex, acceptStatus: [404] });
		const data = dataOf(response.body);
		diagnosis.assessment = response.statusCode === 404 ? null : { token: String(data.token ?? '?'), status: String(data.status ?? 'unknown') };
	} catch {
		diagnosis.assessment = undefined;
	}
	return diagnosis;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function alertsText(open: Array<{ token: string; status: string }>): string {
	const shown = open.slice(0, 10).map((a) => `${a.token}: ${a.status}`);
	return `${plural(open.length, 'alert is', 'alerts are')} not resolved (${shown.join(', ')}${open.length > 10 ? ', …' : ''})`;
}

export function closeRefusal(caseToken: string, d: CaseDiagnosis): HttpErrorExplanation {
	const problems: string[] = [];
	const fixes: string[] = [];
	if (d.openAlerts?.length) {
		problems.push(alertsText(d.openAlerts));
		fixes.push('resolve each alert (Alert › Resolve or Bulk Resolve; an escalated alert must be resolved by its reviewer)');
	}
	if (d.assessment === null) {
		problems.push('the case has no risk assessment');
		fixes.push('create one (Case › Recalculate Risk Assessment) and have it approved in Zenoo');
	} else if (d.assessment && d.assessment.status !== 'Approved') {
		problems.push(`its risk assessment ${d.assessment.token} is ${d.assessment.status}, not Approved`);
		fixes.push('have the current risk assessment approved in Zenoo (an overridden tier needs approval too)');
	}
	const rule = 'Zenoo closes a case only when all its alerts are resolved and its current risk assessment is approved';
	if (!problems.length)
		return {
			message: `Zenoo refused to close case ${caseToken}`,
			hint: `Nothing was changed. ${rule}; check both in Zenoo, then close the case again.`,
		};
	return {
		message: `Zenoo refused to close case ${caseToken}: ${problems.join('; and ')}`,
		hint: `Nothing was changed. ${rule}. To close it: ${fixes.join(', then ')}; then run Close again.`,
	};
}

export function reportRefusal(caseToken: string, d: CaseDiagnosis): HttpErrorExplanation {
	if (d.openAlerts?.length)
		return {
			message: `Zenoo will not build the compliance report of case ${caseToken} while alerts are open: ${alertsText(d.openAlerts)}`,
			hint: 'Resolve the alerts (Alert › Resolve or Bulk Resolve), then generate the report again.',
		};
	return { message: `Zenoo refused to build the compliance report of case ${caseToken}`, hint: 'Check the case in Zenoo (reports need every alert resolved), then try again.' };
}

/** The refusal as a NodeApiError with Zenoo's own message, the explanation and the request id. */
export async function refusalError(
	ctx: IExecuteFunctions,
	itemIndex: number,
	response: ApiResponse,
	context: string,
	explanation: HttpErrorExplanation,
): Promise<Error> {
	const credentials = await ctx.getCredentials('zenooApi', itemIndex);
	const body = Buffer.isBuffer(response.body) ? safeJson(response.body.toString('utf8')) : response.body;
	return vendorHttpError(ctx.getNode(), zenooApi, { ...response, body }, itemIndex, collectSecrets(credentials, zenooApi.secretFields), context, explanation);
}

function safeJson(text: string): IDataObject | string {
	try {
		return JSON.parse(text) as IDataObject;
	} catch {
		return text;
	}
}
