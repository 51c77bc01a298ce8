import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { forgetRequestCredentials, webhookRequestCredentials } from '../../core/triggerRuntime';
import { dataOf, TOKEN_PATTERNS, zenooApi, zenooPaths, zenooRequest } from './api';
import { looksLikeCase, normalizeZenooCase } from './normalize';

/**
 * Zenoo's CLM event envelope `{event_id, event_type, created_at, data}`. What `data` holds per
 * event is not documented in full: case events are read as the case (or its token), the others
 * as the alert, check, risk assessment or SLA notice with a `case_token`.
 */

const MAX_CHALLENGE_LENGTH = 2048;
/** Zenoo waits 30 s for an answer; the case read gets at most this long. */
const CASE_FETCH_TIMEOUT_MS = 10_000;

/** The challenge value of a verification request (body or query), if it is one. */
export function challengeOf(source: IDataObject): string | undefined {
	const data = (source.data && typeof source.data === 'object' ? source.data : {}) as IDataObject;
	const value = source.challenge ?? data.challenge;
	const kind = String(source.event_type ?? source.type ?? 'webhook.verification');
	if (!/verif|challenge/i.test(kind)) return undefined;
	return typeof value === 'string' && value !== '' && value.length <= MAX_CHALLENGE_LENGTH ? value : undefined;
}

/** The case an event is about: its token, from the case itself or a `case_token`. */
export function caseTokenOfEvent(body: IDataObject): string | undefined {
	const data = dataOf(body.data);
	const candidates = [data.case_token, (data.case as IDataObject | undefined)?.token, data.token];
	return candidates.find((v): v is string => typeof v === 'string' && TOKEN_PATTERNS.case.test(v));
}

export function objectTypeOf(event: string, data: IDataObject): string {
	const group = event.split('.')[0];
	if (group === 'case' || looksLikeCase(data)) return 'case';
	return group || 'unknown';
}

export interface FetchedCase {
	case?: IDataObject;
	error?: string;
}

/**
 * The whole case for an event that carries only tokens: one read, no waiting for the rate
 * limiter or retries, so Zenoo gets its answer in time. Undefined when the event has the case.
 */
export async function fetchEventCase(ctx: IWebhookFunctions, body: IDataObject): Promise<FetchedCase | undefined> {
	const data = dataOf(body.data);
	if (looksLikeCase(data)) return undefined;
	const token = caseTokenOfEvent(body);
	if (!token) return undefined;
	try {
		return {
			case: await zenooRequest.call(
				ctx,
				{ method: 'GET', path: zenooPaths.case(token), timeoutMs: CASE_FETCH_TIMEOUT_MS },
				{
					context: `getting case ${token}`,
					maxWaitMs: 0,
					retryPolicy: { maxRetries: 0, baseDelayMs: 0, maxDelayMs: 0, maxServerDelayMs: 0 },
					resolved: await webhookRequestCredentials(ctx, zenooApi),
				},
			),
		};
	} catch (error) {
		forgetRequestCredentials(ctx, zenooApi);
		return { error: (error as Error).message };
	}
}

/** One output item: the event with the normalized case, or the event as Zenoo sent it. */
export function eventItem(body: IDataObject, simplify: boolean, fetched?: FetchedCase): IDataObject {
	const event = String(body.event_type ?? '');
	if (!simplify) return { event, ...body };
	const data = dataOf(body.data);
	const objectType = objectTypeOf(event, data);
	const caseObject = looksLikeCase(data) ? data : fetched?.case;
	const token = caseTokenOfEvent(body);
	const normalized = normalizeZenooCase(caseObject ?? { token: token ?? '' });
	const item: IDataObject = {
		event,
		eventId: body.event_id ?? null,
		eventCreatedAt: body.created_at ?? null,
		objectType,
		objectToken: typeof data.token === 'string' ? data.token : (data.alert_token ?? data.check_token ?? data.assessment_token ?? token ?? null),
		...normalized,
	};
	if (data.previous_status !== undefined || data.new_status !== undefined) {
		item.previousStatus = data.previous_status ?? null;
		item.newStatus = data.new_status ?? null;
	}
	if (objectType !== 'case') item.eventData = data;
	if (fetched?.error) item.caseFetchError = fetched.error;
	return item;
}
