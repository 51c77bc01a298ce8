import type { ICredentialDataDecryptedObject, IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { collectSecrets, vendorHttpError, type HttpErrorExplanation } from '../../../../core/errors';
import { certnApi, certnPaths, certnResponse, getCase } from '../../api';
import { CANCELLABLE_CHECK_STATUSES, CLOSED_CHECK_STATUSES } from '../../catalog';
import { looksLikeCase } from '../../normalize';
import { caseIdOf, caseOutput } from './fields';

export const description: INodeProperties[] = [];

/** Statuses Certn uses to refuse a request it understood (the cancel refusal's code is not documented). */
const REFUSAL_STATUSES = [400, 409, 422];

/** Checks that are still active and past the point where Certn allows a cancel. */
export function blockingChecks(caseObject: IDataObject | undefined): string[] {
	const checks = Array.isArray(caseObject?.checks) ? (caseObject.checks as IDataObject[]) : [];
	return checks
		.filter((check) => {
			const status = String(check.status ?? '');
			return status && !CANCELLABLE_CHECK_STATUSES.includes(status) && !CLOSED_CHECK_STATUSES.includes(status);
		})
		.map((check) => `${String(check.type ?? check.check_type ?? check.id ?? 'check')}: ${String(check.status)}`);
}

export function cancelRefusal(caseId: string, caseObject: IDataObject | undefined): HttpErrorExplanation {
	const rule = `a case can only be cancelled while every active check is ${CANCELLABLE_CHECK_STATUSES.join(' or ')}`;
	const hint =
		'Nothing was changed. Once a check has gone further (for example IN_PROGRESS or COMPLETE) the case cannot be cancelled through the API; contact Certn support if it must be stopped.';
	if (caseObject?.overall_status === 'CANCELLED')
		return { message: `Certn refused to cancel case ${caseId}: it is already cancelled`, hint: 'Nothing was changed.' };
	const blocking = blockingChecks(caseObject);
	if (blocking.length)
		return {
			message: `Certn refused to cancel case ${caseId}: its checks are too far along (${blocking.join(', ')}); ${rule}`,
			hint,
		};
	return { message: `Certn refused to cancel case ${caseId}, most likely because its checks are too far along: ${rule}`, hint };
}

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const caseId = caseIdOf(this, i);
	const response = await certnResponse.call(
		this,
		// Repeating a cancel cannot do more than the first one did, so it may be retried.
		{ method: 'POST', path: certnPaths.caseAction(caseId, 'cancel'), sideEffect: 'idempotent' },
		{ itemIndex: i, context: `cancelling case ${caseId}`, acceptStatus: REFUSAL_STATUSES },
	);
	if (REFUSAL_STATUSES.includes(response.statusCode)) {
		let current: IDataObject | undefined;
		try {
			current = await getCase.call(this, caseId, i);
		} catch {
			current = undefined;
		}
		const credentials = (await this.getCredentials('certnApi', i)) as ICredentialDataDecryptedObject;
		const secrets = collectSecrets(credentials, certnApi.secretFields);
		throw vendorHttpError(this.getNode(), certnApi, response, i, secrets, `cancelling case ${caseId}`, cancelRefusal(caseId, current));
	}
	const answer = response.body && typeof response.body === 'object' ? (response.body as IDataObject) : {};
	// 204 No Content (one integration) or a JSON answer: either way, show the case as it is now.
	return caseOutput(this, i, looksLikeCase(answer) ? answer : await getCase.call(this, caseId, i));
}
