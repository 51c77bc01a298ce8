/** Type declarations for ./runtime.js (CommonJS helper holding all node-builtin usage). */

export interface HarnessRuntimeState {
	tmpRoot: string;
	n8nFolder: string;
	binaryDataPath: string;
	/** Errors n8n-core handed to its ErrorReporter (node failures etc.), oldest first. */
	reportedErrors: Array<{ error: unknown; options?: Record<string, unknown> }>;
}

export function ensureRuntime(): HarnessRuntimeState;

export interface BuildRequestInput {
	method?: string;
	headers?: Record<string, string | string[] | undefined>;
	query?: Record<string, unknown>;
	params?: Record<string, string>;
	body?: unknown;
	rawBody?: Buffer | Uint8Array | string;
	path?: string;
	ip?: string;
	cookies?: Record<string, string>;
}

/** express-like request (a Readable stream with express fields and `rawBody`). */
export interface HarnessRequest {
	method: string;
	url: string;
	originalUrl: string;
	path: string;
	headers: Record<string, string | string[]>;
	query: Record<string, unknown>;
	params: Record<string, string>;
	body: unknown;
	rawBody: Buffer;
	get(name: string): string | string[] | undefined;
	header(name: string): string | string[] | undefined;
	readRawBody(): Promise<void>;
	[key: string]: unknown;
}

export function buildRequest(input: BuildRequestInput): HarnessRequest;

export interface RecordedRequest {
	method: string;
	url: string;
	path: string;
	query: Record<string, string>;
	headers: Record<string, string | string[] | undefined>;
	rawBody: Buffer;
	text: string;
	json: unknown;
}

export interface TestServerReply {
	status?: number;
	headers?: Record<string, string | string[]>;
	body?: unknown;
}

export type TestServerHandler = (
	request: RecordedRequest,
) => TestServerReply | void | Promise<TestServerReply | void>;

export interface TestServer {
	url: string;
	port: number;
	requests: RecordedRequest[];
	close(): Promise<void>;
}

export function startTestServer(handler: TestServerHandler): Promise<TestServer>;

export function requireFromCore(id: string): unknown;
