import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IHttpRequestMethods,
	INodeExecutionData,
} from 'n8n-workflow';

export type VendorName = 'persona' | 'certn' | 'sphinx' | 'penbox' | 'zenoo';

/** What a vendor's error body says, reduced to what a user needs to fix the call. */
export interface VendorErrorInfo {
	message?: string;
	/** The request field the vendor blames, e.g. `data.attributes.case-template-id`. */
	field?: string;
	code?: string;
}

/**
 * Everything the shared core needs to know about one vendor's HTTP API.
 * A vendor folder describes its API with one of these; the core does the rest.
 */
export interface VendorApi {
	vendor: VendorName;
	displayName: string;
	/** Credential type used for requests; may depend on node parameters (Sphinx: OAuth2 or token). */
	credentialType: string | ((ctx: CredentialTypeContext) => string);
	/** Credential types n8n authenticates as OAuth2 (it reads and renews those itself). */
	oauth2CredentialTypes?: string[];
	/** API root derived from the credential, without a trailing slash. */
	baseUrl(credentials: ICredentialDataDecryptedObject): string;
	/** Headers sent on every request (API version pins, content negotiation). */
	defaultHeaders?: IDataObject;
	parseError(body: unknown): VendorErrorInfo;
	/** Response headers that carry the vendor's request id, first match wins. */
	requestIdHeaders: string[];
	/**
	 * Documented request budget: at most `limit` requests per `intervalMs`; a list when the
	 * vendor documents several windows (per minute and per hour), each kept.
	 */
	rateLimit: { limit: number; intervalMs: number } | Array<{ limit: number; intervalMs: number }>;
	/** Header the vendor de-duplicates POSTs by, when it supports idempotency. */
	idempotencyHeader?: string;
	/** How arrays in the query string are encoded. */
	arrayFormat?: 'repeat' | 'brackets' | 'indices' | 'comma';
	/** Do not follow redirects (a bad key may redirect to a marketing page with our auth header). */
	refuseRedirects?: boolean;
	/** Credential fields that must never appear in errors or output. */
	secretFields: string[];
	/** Hints shown with HTTP errors, per status, where the vendor has something specific to say. */
	hints?: Partial<Record<number, string>>;
}

export interface CredentialTypeContext {
	getNodeParameter(name: string, itemIndex: number, fallback?: unknown): unknown;
}

/**
 * How a request may be repeated after a failure:
 * - `read`: no side effect; retried on 429, 5xx and network errors.
 * - `idempotent`: a mutation that gives the same result when repeated (set status, add tag, PATCH);
 *   retried like `read`.
 * - `create`: creates something. Retried on 5xx/network errors only when the vendor supports an
 *   idempotency key (the same key is sent on every attempt); otherwise only where the request
 *   provably did not reach the vendor (429, connection refused).
 */
export type SideEffect = 'read' | 'idempotent' | 'create';

export interface ApiRequest {
	method: IHttpRequestMethods;
	/** Path relative to the credential's base URL (`/cases`). */
	path?: string;
	/** Absolute URL (presigned downloads). Overrides `path`; only the credential's host gets the credential. */
	url?: string;
	qs?: IDataObject;
	body?: IDataObject | IDataObject[] | string;
	headers?: IDataObject;
	sideEffect?: SideEffect;
	/** Response body encoding; `arraybuffer` for files. */
	encoding?: 'json' | 'arraybuffer' | 'text';
	/** Send without credentials (presigned URLs). */
	anonymous?: boolean;
	timeoutMs?: number;
}

export interface ApiResponse<T = unknown> {
	statusCode: number;
	headers: Record<string, string | string[] | undefined>;
	body: T;
	requestId?: string;
}

/** The normalized case of CONTRACT.md: one shape for every vendor. */
export interface NormalizedCaseFields {
	id: string;
	reference: string | null;
	status: string | null;
	outcome: string | null;
	riskScore: number | null;
	assignee: string | null;
	createdAt: string | null;
	updatedAt: string | null;
}

export type NormalizedCase = NormalizedCaseFields & { vendor: VendorName } & IDataObject;

export type OperationResult = IDataObject | IDataObject[] | INodeExecutionData | INodeExecutionData[];
