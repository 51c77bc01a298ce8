import { createHash, randomUUID } from 'crypto';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IPollFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { collectSecrets, requestIdOf, vendorHttpError, vendorNetworkError } from './errors';
import { rateLimitReport } from './rateLimit';
import { describeRateWindows, pageConcurrencyFor, windowsLimiter } from './rateWindows';
import {
	backoffDelayMs,
	defaultRetryPolicy,
	isRetryable,
	neverSent,
	serverRequestedDelayMs,
	type RetryPolicy,
} from './retry';
import { collectPages, type PaginationStrategy } from './paginate';
import { timing } from './timing';
import type { ApiRequest, ApiResponse, VendorApi } from './types';

export type RequestContext =
	| IExecuteFunctions
	| IHookFunctions
	| ILoadOptionsFunctions
	| IPollFunctions
	| IWebhookFunctions;

export interface RequestOptions {
	itemIndex?: number;
	/** Sent as the vendor's idempotency header on `create` requests; reused on every retry. */
	idempotencyKey?: string;
	/** Words for the error message: "Persona <context> failed (HTTP 404)". */
	context?: string;
	/** Statuses returned to the caller instead of thrown (e.g. 404 in checkExists). */
	acceptStatus?: number[];
	retryPolicy?: RetryPolicy;
	/**
	 * The longest this call may spend waiting for the rate limiter and between retries, in ms.
	 * A wait that would go past it is not made: the last error is thrown instead (or, before the
	 * first attempt, an error saying the budget is spent), and nothing more is sent.
	 */
	maxWaitMs?: number;
	/**
	 * The step's credentials, already read (a Get Many reads them once for all its pages instead
	 * of once per page). Must be what vendorCredentials returns for the same item.
	 */
	resolved?: ResolvedCredentials;
}

export interface ResolvedCredentials {
	type: string;
	credentials: ICredentialDataDecryptedObject;
	baseUrl: string;
}

export function credentialTypeOf(ctx: RequestContext, api: VendorApi, itemIndex = 0): string {
	if (typeof api.credentialType === 'string') return api.credentialType;
	return api.credentialType({
		getNodeParameter: (name, index, fallback) =>
			(ctx as IExecuteFunctions).getNodeParameter(name, index ?? itemIndex, fallback),
	});
}

export async function vendorCredentials(
	ctx: RequestContext,
	api: VendorApi,
	itemIndex = 0,
): Promise<ResolvedCredentials> {
	const type = credentialTypeOf(ctx, api, itemIndex);
	const credentials = await ctx.getCredentials(type, itemIndex);
	return { type, credentials, baseUrl: api.baseUrl(credentials).replace(/\/+$/, '') };
}

/**
 * A key that is the same for every attempt at the same item of the same execution
 * (including n8n's own "Retry On Fail"), and different for any other request.
 */
export function idempotencyKeyFor(ctx: IExecuteFunctions, itemIndex: number, body: unknown): string {
	let executionId: string | undefined;
	try {
		executionId = ctx.getExecutionId();
	} catch {
		executionId = undefined;
	}
	if (!executionId) return `n8n-${randomUUID()}`;
	// A node that runs again in the same execution (a loop, Wait and back) makes new requests;
	// n8n's Retry On Fail repeats the same run, so its attempts keep the key.
	let runIndex: number;
	try {
		runIndex = Number(ctx.getWorkflowDataProxy(itemIndex).$runIndex ?? 0);
	} catch {
		return `n8n-${randomUUID()}`;
	}
	const node = ctx.getNode();
	const digest = createHash('sha256')
		.update(`${ctx.getWorkflow().id ?? ''}|${executionId}|${node.id ?? node.name}|${runIndex}|${itemIndex}|`)
		.update(JSON.stringify(body ?? null))
		.digest('hex');
	return `n8n-${digest.slice(0, 40)}`;
}

/** Credential fields that name whose budget a request spends (the key, not webhook secrets or tokens). */
const BUDGET_FIELDS = ['apiKey', 'accessToken', 'clientId'];

/**
 * The rate-limit budget a request spends: per vendor, API root and API key (as a digest, never
 * the key). A webhook secret or a renewed OAuth2 token does not make a new budget.
 */
function budgetKey(api: VendorApi, baseUrl: string, credentials: ICredentialDataDecryptedObject): string {
	const identity = BUDGET_FIELDS.map((field) => credentials[field]).map((v) => (typeof v === 'string' ? v.trim() : ''));
	const digest = createHash('sha256').update(identity.join('\n')).digest('hex').slice(0, 16);
	return `${api.vendor}|${baseUrl}|${digest}`;
}

function urlFor(baseUrl: string, req: ApiRequest): string {
	if (req.url) return req.url;
	const path = req.path ?? '';
	return `${baseUrl}${path.startsWith('/') ? '' : '/'}${path}`;
}

function networkCode(error: unknown): string | undefined {
	const e = error as {
		code?: unknown;
		cause?: { code?: unknown; cause?: { code?: unknown } };
		errorResponse?: { code?: unknown };
	};
	const code = e?.code ?? e?.cause?.code ?? e?.cause?.cause?.code ?? e?.errorResponse?.code;
	return typeof code === 'string' ? code : undefined;
}

function parseBody(body: unknown, encoding: ApiRequest['encoding']): { ok: boolean; value: unknown } {
	if (encoding === 'arraybuffer' || encoding === 'text') return { ok: true, value: body };
	if (typeof body === 'string') {
		if (body.trim() === '') return { ok: true, value: {} };
		try {
			return { ok: true, value: JSON.parse(body) };
		} catch {
			return { ok: false, value: body };
		}
	}
	if (Buffer.isBuffer(body)) return parseBody(body.toString('utf8'), encoding);
	return { ok: true, value: body ?? {} };
}

/**
 * One call to a vendor API through n8n's request helper (credential injection, proxies, OAuth2),
 * within the vendor's rate limit, retried where that is safe, with vendor errors mapped to
 * NodeApiError. Secrets never reach the error.
 */
export async function apiRequest<T = IDataObject>(
	this: RequestContext,
	api: VendorApi,
	req: ApiRequest,
	options: RequestOptions = {},
): Promise<ApiResponse<T>> {
	const itemIndex = options.itemIndex ?? 0;
	const policy = options.retryPolicy ?? defaultRetryPolicy;
	const sideEffect = req.sideEffect ?? (req.method === 'GET' ? 'read' : 'idempotent');
	const { type, credentials, baseUrl } = options.resolved ?? (await vendorCredentials(this, api, itemIndex));
	const secrets = collectSecrets(credentials, api.secretFields);
	const node = this.getNode();

	const headers: IDataObject = { Accept: 'application/json', ...api.defaultHeaders, ...req.headers };
	const useIdempotency = sideEffect === 'create' && !!api.idempotencyHeader && !!options.idempotencyKey;
	if (useIdempotency) headers[api.idempotencyHeader as string] = options.idempotencyKey;

	const limiter = windowsLimiter(budgetKey(api, baseUrl, credentials), api.rateLimit);
	const started = timing.monotonic();
	const maxWaitMs = options.maxWaitMs ?? Infinity;
	/** Sleeps `ms` before a retry when the call's wait budget allows it. */
	const waitBeforeRetry = async (ms: number): Promise<boolean> => {
		if (timing.monotonic() - started + ms > maxWaitMs) return false;
		await timing.sleep(ms);
		return true;
	};

	const target = urlFor(baseUrl, req);
	// Credentials go to the credential's own host only: a link or URL from a response that
	// points elsewhere is refused before anything is sent.
	if (!req.anonymous && new URL(target).origin !== new URL(baseUrl).origin)
		throw new NodeOperationError(
			node,
			`${api.displayName}: refused to send the credential to ${new URL(target).origin}, which is not the credential's host`,
			{
				itemIndex,
				description: `The ${api.displayName} API answered with a link to another host (${new URL(target).origin}). Only ${new URL(baseUrl).origin} receives the credential. Check the Base URL in the ${api.displayName} credential.`,
			},
		);

	// 429s have a budget of their own: a vendor that says "not now" (and usually when) has not
	// failed, so a storm of them spread over many pages does not use up the other retries.
	let rateLimited = 0;
	for (let attempt = 0; ; attempt++) {
		const failures = attempt - rateLimited;
		const httpOptions: IHttpRequestOptions = {
			method: req.method,
			url: target,
			qs: req.qs,
			headers: { ...headers },
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			json: req.encoding !== 'arraybuffer',
			encoding: req.encoding === 'arraybuffer' ? 'arraybuffer' : undefined,
			timeout: req.timeoutMs ?? timing.requestTimeoutMs,
		};
		if (req.body !== undefined) httpOptions.body = req.body;
		if (api.arrayFormat) httpOptions.arrayFormat = api.arrayFormat;
		// Presigned downloads carry no credentials and may legitimately redirect (CDNs).
		if (api.refuseRedirects && !req.anonymous) httpOptions.disableFollowRedirect = true;

		const permit = await limiter.take(maxWaitMs, () => timing.monotonic() - started);
		if (!permit)
			throw new NodeOperationError(
				node,
				`${api.displayName}: the request was not sent, because ${api.displayName}'s rate limit budget is spent for now`,
				{
					itemIndex,
					description: `Sending it would have meant waiting longer than this step allows (${maxWaitMs} ms) for ${api.displayName}'s rate limit (${describeRateWindows(api.rateLimit)}).`,
				},
			);
		let raw: { statusCode: number; headers: ApiResponse['headers']; body: unknown };
		try {
			raw = req.anonymous
				? await this.helpers.httpRequest(httpOptions)
				: await this.helpers.httpRequestWithAuthentication.call(this, type, httpOptions, {
						// The credentials read above (for this item), so n8n does not read and decrypt
						// them again for every request. n8n uses them only when the type has no
						// preAuthentication (none of this package's do; a unit test keeps it so) and
						// reads OAuth2 credentials itself.
						credentialsDecrypted: { id: '', name: '', type, data: { ...credentials } },
					});
		} catch (error) {
			permit.done();
			const code = networkCode(error);
			const failure = { kind: 'network' as const, code };
			if (
				failures < policy.maxRetries &&
				isRetryable(failure, sideEffect, useIdempotency) &&
				(await waitBeforeRetry(backoffDelayMs(failures, policy)))
			)
				continue;
			throw vendorNetworkError(
				node,
				api,
				{ code, message: (error as Error).message },
				itemIndex,
				secrets,
				sideEffect === 'create' && !useIdempotency && !neverSent(code),
			);
		}

		const response: ApiResponse = {
			statusCode: raw.statusCode,
			headers: raw.headers ?? {},
			body: raw.body,
			requestId: requestIdOf(api, raw.headers ?? {}),
		};

		// What the server reports is left steers everything else sent on this budget: parallel
		// items and pages wait instead of hitting 429, and a spent budget waits for its reset.
		const report = rateLimitReport(response.headers, timing.now());
		if (report?.resetMs !== undefined) report.resetMs = Math.min(report.resetMs, policy.maxServerDelayMs);
		permit.done(report);

		const success = response.statusCode >= 200 && response.statusCode < 300;
		if (success || options.acceptStatus?.includes(response.statusCode)) {
			const parsed = parseBody(response.body, req.encoding);
			if (parsed.ok) return { ...response, body: parsed.value as T };
			// A 2xx whose JSON is cut off, or an HTML page (a proxy's or a maintenance page) sent
			// with a 2xx: the answer was lost, the request was not.
			const code = typeof parsed.value === 'string' && /^\s*</.test(parsed.value) ? 'ENOTJSON' : 'ETRUNCATED';
			const failure = { kind: 'network' as const, code };
			if (
				failures < policy.maxRetries &&
				isRetryable(failure, sideEffect, useIdempotency) &&
				(await waitBeforeRetry(backoffDelayMs(failures, policy)))
			)
				continue;
			throw vendorNetworkError(
				node,
				api,
				{
					code,
					message:
						code === 'ENOTJSON'
							? `HTTP ${response.statusCode} with an HTML page instead of JSON`
							: 'the response body was incomplete',
				},
				itemIndex,
				secrets,
				sideEffect === 'create' && !useIdempotency,
			);
		}

		const failure = { kind: 'status' as const, statusCode: response.statusCode };
		const isRateLimited = response.statusCode === 429;
		const tries = isRateLimited ? rateLimited : failures;
		const maxTries = isRateLimited ? (policy.maxRateLimitRetries ?? policy.maxRetries) : policy.maxRetries;
		if (tries < maxTries && isRetryable(failure, sideEffect, useIdempotency)) {
			const requested = serverRequestedDelayMs(response.headers, timing.now());
			const delay = requested ?? backoffDelayMs(tries, policy);
			if (delay <= policy.maxServerDelayMs) {
				if (isRateLimited) limiter.blockFor(delay);
				if (await waitBeforeRetry(delay)) {
					if (isRateLimited) rateLimited++;
					continue;
				}
			} else throw waitTooLong(node, api, response, itemIndex, secrets, delay, policy.maxServerDelayMs);
		}
		response.body = parseBody(response.body, 'json').value;
		// A create that cannot be de-duplicated and failed on the vendor's side may still have
		// been processed: it was not repeated, and must not be repeated blindly by the user either.
		const unsafeToRepeat =
			sideEffect === 'create' && !useIdempotency && (response.statusCode >= 500 || response.statusCode === 408);
		throw vendorHttpError(
			node,
			api,
			response,
			itemIndex,
			secrets,
			options.context,
			unsafeToRepeat
				? {
						hint: `The request may have reached ${api.displayName} before it failed, so it was not sent again (it could create a duplicate). Check in ${api.displayName} whether it was created before re-running this item.`,
					}
				: undefined,
		);
	}
}

/**
 * The vendor asked for a wait (`Retry-After`, `RateLimit-Reset`) longer than the node waits: nothing
 * more is sent, and the error says how long, until when, and how to resume.
 */
function waitTooLong(
	node: ReturnType<RequestContext['getNode']>,
	api: VendorApi,
	response: ApiResponse,
	itemIndex: number,
	secrets: string[],
	delayMs: number,
	capMs: number,
) {
	const seconds = Math.ceil(delayMs / 1000);
	const until = new Date(timing.now() + delayMs).toISOString();
	return vendorHttpError(node, api, response, itemIndex, secrets, undefined, {
		message: `${api.displayName} asked to wait ${seconds} s before the next request, longer than the node waits (${Math.round(capMs / 1000)} s), so it stopped`,
		hint: `Nothing more was sent after this answer, and no partial result was returned. Run the workflow again after ${until} (when ${api.displayName} said its limit resets); a Get Many starts again from the first page. If this happens often, send fewer requests per run (a Limit, narrower filters, fewer items).`,
	});
}

/** Get Many: every page (or until `limit` items), through `apiRequest`. */
export async function apiRequestAllItems(
	this: RequestContext,
	api: VendorApi,
	strategy: PaginationStrategy,
	firstRequest: ApiRequest,
	options: RequestOptions & {
		limit?: number;
		maxPages?: number;
		pageSize?: number;
		concurrency?: number;
		map?: (item: IDataObject) => IDataObject;
	} = {},
): Promise<IDataObject[]> {
	// One read of the credentials for every page of this list.
	const resolved = options.resolved ?? (await vendorCredentials(this, api, options.itemIndex ?? 0));
	const pageOptions = { ...options, resolved };
	return await collectPages(
		async (request) => (await apiRequest.call(this, api, request, pageOptions)).body,
		strategy,
		firstRequest,
		{
			concurrency: pageConcurrencyFor(api.rateLimit),
			...options,
			fail: (message) => {
				throw new NodeOperationError(this.getNode(), `${api.displayName}: ${message}`, {
					itemIndex: options.itemIndex,
				});
			},
		},
	);
}
