/**
 * In-process workflow test harness running on n8n-core's real execution engine.
 *
 * - `runWorkflow` / `runNode` execute workflows through `WorkflowExecute` (real
 *   ExecuteContext, request helpers, credential injection, binary data helpers,
 *   continueOnFail / onError handling, pairedItem assignment, node error objects).
 * - `runWebhookMethod`, `runWebhook`, `runPoll` drive trigger nodes through the real
 *   `HookContext`, `WebhookContext` and `PollContext` (the latter via n8n-core's
 *   `PollTriggerExecutor`, i.e. the production poll path).
 *
 * Nothing here talks to a database. Credentials live in memory in
 * `HarnessCredentialsHelper`, which mirrors what n8n's CLI `CredentialsHelper` does
 * (defaults, expression resolution, generic + function `authenticate`,
 * `preAuthentication` with expirable properties, OAuth2 token persistence).
 * Binary data is kept inline (base64) by default, or in a per-test-file temp
 * directory with `binaryDataMode: 'filesystem'`.
 *
 * Node-builtin usage (fs/http/stream/…) lives in ./runtime.js because the repo lint
 * forbids it in .ts files.
 *
 * Example:
 *
 *   const api = await startTestServer((req) => ({ body: { id: req.path.split('/').pop() } }));
 *   const { items, error } = await runNode({
 *     nodeType: new Persona(),
 *     credentialType: new PersonaApi(),
 *     credentials: { personaApi: { apiKey: 'k', baseUrl: api.url } },
 *     parameters: { resource: 'inquiry', operation: 'get', inquiryId: '={{ $json.id }}' },
 *     items: [{ id: 'inq_1' }, { id: 'inq_2' }],
 *     continueOnFail: true,
 *   });
 *   expect(api.requests[0].headers.authorization).toBe('Bearer k');
 *   expect(items[1].pairedItem).toEqual({ item: 1 });
 *
 *   const staticData = {};
 *   await runWebhookMethod({ nodeType, credentialType, credentials, method: 'create', staticData });
 *   const { result } = await runWebhookMethod({ nodeType, credentialType, credentials, method: 'checkExists', staticData });
 *
 *   const hook = await runWebhook({ nodeType, credentials, credentialType,
 *     request: { headers: { 'persona-signature': sig }, rawBody: Buffer.from(raw) } });
 *   expect(hook.responseCaptured.status).toBe(401);
 *
 * Environment knobs (read in runtime.js): N8N_LOG_LEVEL (default here: 'warn'),
 * N8N_HARNESS_PRINT_REPORTED_ERRORS=true to print what n8n-core reports to its ErrorReporter.
 */
import { randomUUID } from 'crypto';

import { Container } from '@n8n/di';
import {
	BinaryDataConfig,
	BinaryDataService,
	Credentials,
	ExecutionLifecycleHooks,
	ExternalSecretsProxy,
	HookContext,
	LoadOptionsContext,
	PollContext,
	PollTriggerExecutor,
	WebhookContext,
	WorkflowExecute,
	getAdditionalKeys,
} from 'n8n-core';
import type {
	CloseFunction,
	ExecutionError,
	IBinaryData,
	IConnections,
	ICredentialDataDecryptedObject,
	ICredentialType,
	ICredentialsExpressionResolveValues,
	IDataObject,
	IExecuteData,
	IExecuteFunctions,
	IHttpRequestHelper,
	IHttpRequestMethods,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeExecutionData,
	INodeListSearchResult,
	INodeParameters,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
	INodeTypes,
	IPinData,
	IPollFunctions,
	IRequestOptionsSimplified,
	IRun,
	IRunData,
	ITaskData,
	IVersionedNodeType,
	IWebhookData,
	IWebhookDescription,
	IWebhookFunctions,
	IWebhookResponseData,
	IWorkflowBase,
	IWorkflowDataProxyAdditionalKeys,
	IWorkflowExecuteAdditionalData,
	IWorkflowSettings,
	OnError,
	WebhookType,
	WorkflowActivateMode,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import {
	ICredentialsHelper,
	NodeConnectionTypes,
	NodeHelpers,
	UnexpectedError,
	UserError,
	Workflow,
	createRunExecutionData,
	getCredentialOwnRequestAllowedDomains,
	isExpression,
	isNodeClassInstance,
} from 'n8n-workflow';

import { buildRequest, ensureRuntime, startTestServer } from './runtime';
import type {
	BuildRequestInput,
	HarnessRequest,
	RecordedRequest,
	TestServer,
	TestServerHandler,
	TestServerReply,
} from './runtime';

export { startTestServer };
export type { RecordedRequest, TestServer, TestServerHandler, TestServerReply, HarnessRequest };

/* -------------------------------------------------------------------------------------------------
 * Constants
 * -----------------------------------------------------------------------------------------------*/

export const PACKAGE_NAME = 'n8n-nodes-compliance-cases';
export const MANUAL_TRIGGER_TYPE = 'n8n-nodes-base.manualTrigger';
export const ITEMS_SOURCE_TYPE = 'test.itemsSource';
export const DEFAULT_BASE_URL = 'http://localhost:5678';
export const DEFAULT_WORKFLOW_ID = 'harness-workflow';

/* -------------------------------------------------------------------------------------------------
 * Types
 * -----------------------------------------------------------------------------------------------*/

export type AnyNodeType = INodeType | IVersionedNodeType;
type Constructor<T> = new () => T;

/** Node types as instances (or classes, instantiated for you), array or name-keyed record. */
export type NodeTypesInput =
	| Array<AnyNodeType | Constructor<AnyNodeType>>
	| Record<string, AnyNodeType | Constructor<AnyNodeType>>;

export type CredentialTypesInput = Array<ICredentialType | Constructor<ICredentialType>>;

/** Credential data keyed by credential type name (e.g. `{ personaApi: { apiKey: 'k' } }`), or by credential id when a node sets `node.credentials[type].id` itself. */
export type CredentialsInput = Record<string, ICredentialDataDecryptedObject>;

/** A workflow node; everything but name/type is optional and filled in. */
export type WorkflowNodeInput = Omit<Partial<INode>, 'name' | 'type'> & { name: string; type: string };

export type BinaryDataMode = 'memory' | 'filesystem';

export interface RunWorkflowOptions {
	nodeTypes?: NodeTypesInput;
	credentialTypes?: CredentialTypesInput;
	credentials?: CredentialsInput;
	workflow: {
		id?: string;
		name?: string;
		nodes: WorkflowNodeInput[];
		connections: IConnections;
		settings?: IWorkflowSettings;
		pinData?: IPinData;
	};
	/** Items handed to the start node (default: one empty item). Plain objects are wrapped as `{ json }`. */
	input?: Array<INodeExecutionData | IDataObject>;
	/** Name of the start node; default: the first enabled node without incoming main connections. */
	startNode?: string;
	/** Execution mode, default 'manual'. */
	mode?: WorkflowExecuteMode;
	/** Workflow static data (mutated in place with what the run stored, JSON-serialised like n8n persists it). */
	staticData?: IDataObject;
	binaryDataMode?: BinaryDataMode;
	/** Extra fields merged into IWorkflowExecuteAdditionalData (base URLs, variables, …). */
	additionalData?: Partial<IWorkflowExecuteAdditionalData>;
}

export interface WorkflowRunResult {
	status: IRun['status'];
	finished: boolean;
	/** Workflow-level error (set when a node failed without continueOnFail). */
	error?: ExecutionError;
	runData: IRunData;
	run: IRun;
	/** Node names in the order they finished. */
	executionOrder: string[];
	/** Output items of a node (output 0 of its last run by default). */
	items(nodeName: string, outputIndex?: number, runIndex?: number): INodeExecutionData[];
	/** All outputs of a node run. */
	outputs(nodeName: string, runIndex?: number): INodeExecutionData[][];
	/** The error object recorded on a node's task (NodeApiError / NodeOperationError …). */
	nodeError(nodeName: string, runIndex?: number): ExecutionError | undefined;
	taskData(nodeName: string, runIndex?: number): ITaskData | undefined;
	/** Credential store after the run (preAuthentication / OAuth2 token updates land here). */
	credentials: CredentialsInput;
	/** Credential reads (n8n: a database read and a decryption each), per credential type. */
	credentialReads: Record<string, number>;
	staticData: IDataObject;
}

export interface RunNodeOptions {
	nodeType: AnyNodeType | Constructor<AnyNodeType>;
	/** Additional node types (e.g. downstream nodes). */
	nodeTypes?: NodeTypesInput;
	credentialType?: ICredentialType | Constructor<ICredentialType>;
	credentialTypes?: CredentialTypesInput;
	credentials?: CredentialsInput;
	parameters?: INodeParameters;
	/** Items fed to the node (via a `test.itemsSource` node). Default: one empty item. */
	items?: Array<INodeExecutionData | IDataObject>;
	continueOnFail?: boolean;
	onError?: OnError;
	nodeName?: string;
	typeVersion?: number;
	/** Node type name used in the workflow (default `${PACKAGE_NAME}.${description.name}`). */
	type?: string;
	/** Extra node fields (alwaysOutputData, executeOnce, credentials, …). */
	node?: Partial<INode>;
	mode?: WorkflowExecuteMode;
	staticData?: IDataObject;
	binaryDataMode?: BinaryDataMode;
	additionalData?: Partial<IWorkflowExecuteAdditionalData>;
}

export interface RunNodeResult {
	status: IRun['status'];
	/** Output 0 of the node under test. */
	items: INodeExecutionData[];
	/** All outputs (e.g. [success, error] with onError 'continueErrorOutput'). */
	outputs: INodeExecutionData[][];
	/** The node's error (task error, falling back to the workflow error). */
	error?: ExecutionError;
	nodeName: string;
	result: WorkflowRunResult;
}

interface TriggerBaseOptions {
	nodeType: AnyNodeType | Constructor<AnyNodeType>;
	credentialType?: ICredentialType | Constructor<ICredentialType>;
	credentialTypes?: CredentialTypesInput;
	credentials?: CredentialsInput;
	parameters?: INodeParameters;
	nodeName?: string;
	typeVersion?: number;
	type?: string;
	node?: Partial<INode>;
	/** Node-level static data (`getWorkflowStaticData('node')`). Mutated in place; pass the same object to persist across calls. */
	staticData?: IDataObject;
	/** Global static data (`getWorkflowStaticData('global')`), mutated in place. */
	globalStaticData?: IDataObject;
	workflowId?: string;
	additionalData?: Partial<IWorkflowExecuteAdditionalData>;
	binaryDataMode?: BinaryDataMode;
}

export interface RunWebhookMethodOptions extends TriggerBaseOptions {
	method: 'checkExists' | 'create' | 'delete';
	/** Force what `getNodeWebhookUrl()` returns. Default: computed by n8n from `webhookBaseUrl`. */
	webhookUrl?: string;
	webhookBaseUrl?: string;
	/** Which `webhooks` entry / `webhookMethods` group to use (default 'default'). */
	webhookName?: WebhookType;
	mode?: WorkflowExecuteMode;
	activation?: WorkflowActivateMode;
	isTest?: boolean;
}

export interface RunWebhookMethodResult {
	result: boolean | undefined;
	staticData: IDataObject;
	globalStaticData: IDataObject;
	/** The URL `getNodeWebhookUrl(webhookName)` returned. */
	webhookUrl: string | undefined;
	credentials: CredentialsInput;
}

export interface WebhookRequestInput extends BuildRequestInput {
	method?: IHttpRequestMethods | string;
}

export interface CapturedResponse {
	status: number;
	headers: Record<string, string>;
	/** What the node passed to send()/json()/end() (Buffer when written in chunks). */
	body: unknown;
	/** true once end()/send()/json()/sendStatus() was called. */
	ended: boolean;
}

export interface RunWebhookOptions extends TriggerBaseOptions {
	request: WebhookRequestInput;
	webhookName?: WebhookType;
	webhookUrl?: string;
	webhookBaseUrl?: string;
	mode?: WorkflowExecuteMode;
	isTest?: boolean;
}

export interface RunWebhookResult {
	webhookResponse: unknown;
	workflowData: INodeExecutionData[][] | undefined;
	noWebhookResponse: boolean | undefined;
	response: IWebhookResponseData;
	/** Whatever the node wrote to `getResponseObject()`. */
	responseCaptured: CapturedResponse;
	staticData: IDataObject;
	globalStaticData: IDataObject;
	credentials: CredentialsInput;
	/** Credential reads during the delivery, per credential type (see WorkflowRunResult). */
	credentialReads: Record<string, number>;
}

export interface RunPollOptions extends TriggerBaseOptions {
	/** 'manual' = "fetch test event" (errors thrown by the executor), 'trigger' = active workflow. Default 'trigger'. */
	mode?: WorkflowExecuteMode;
	activation?: WorkflowActivateMode;
}

export interface RunPollResult {
	/** What the poll emitted (null/undefined when nothing was emitted). */
	items: INodeExecutionData[][] | null;
	/** Error emitted (trigger mode) or thrown (manual mode) by the poll. */
	error?: Error;
	staticData: IDataObject;
	globalStaticData: IDataObject;
	credentials: CredentialsInput;
}

/* -------------------------------------------------------------------------------------------------
 * Utilities
 * -----------------------------------------------------------------------------------------------*/

function deepClone<T>(value: T): T {
	if (value === undefined) return value;
	return JSON.parse(JSON.stringify(value)) as T;
}

function instantiate<T>(value: T | Constructor<T>): T {
	return typeof value === 'function' ? new (value as Constructor<T>)() : value;
}

function isVersioned(type: AnyNodeType): type is IVersionedNodeType {
	return (type as IVersionedNodeType).nodeVersions !== undefined;
}

function defaultVersionOf(type: AnyNodeType): number {
	if (isVersioned(type)) return type.currentVersion;
	const { version, defaultVersion } = type.description;
	if (defaultVersion !== undefined) return defaultVersion;
	return Array.isArray(version) ? Math.max(...version) : version;
}

function toItems(input: Array<INodeExecutionData | IDataObject> | undefined): INodeExecutionData[] {
	if (input === undefined) return [{ json: {} }];
	return input.map((entry) => {
		const candidate = entry as INodeExecutionData;
		if (candidate && typeof candidate === 'object' && 'json' in candidate && typeof candidate.json === 'object') {
			return candidate;
		}
		return { json: entry as IDataObject };
	});
}

/** Copy JSON-serialised `source` into `target` in place (n8n persists static data as JSON). */
function replaceContents(target: IDataObject, source: IDataObject | undefined) {
	for (const key of Object.keys(target)) delete target[key];
	Object.assign(target, deepClone(source ?? {}));
}

/* -------------------------------------------------------------------------------------------------
 * Built-in node types
 * -----------------------------------------------------------------------------------------------*/

/** Start node: passes the items it is started with (`input`) through. */
class HarnessManualTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Manual Trigger (harness)',
		name: 'manualTrigger',
		group: ['trigger'],
		version: 1,
		description: 'Starts the workflow with the items given to the harness',
		defaults: { name: 'When clicking ‘Execute workflow’' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [this.getInputData()];
	}
}

/**
 * Emits the items given in its `items` parameter (JSON string or array). Binary entries
 * given inline as `{ data: <base64>, mimeType, fileName }` are stored through
 * `prepareBinaryData`, so downstream nodes see binary data in n8n's stored format.
 */
class HarnessItemsSource implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Items Source (harness)',
		name: 'itemsSource',
		group: ['input'],
		version: 1,
		description: 'Emits fixed items',
		defaults: { name: 'Items' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [
			{
				displayName: 'Items (JSON)',
				name: 'items',
				type: 'json',
				default: '[{}]',
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const raw = this.getNodeParameter('items', 0) as unknown;
		const parsed = (typeof raw === 'string' ? JSON.parse(raw) : raw) as Array<
			INodeExecutionData | IDataObject
		>;
		if (!Array.isArray(parsed)) {
			throw new UserError('test.itemsSource: "items" must be a JSON array');
		}
		const out: INodeExecutionData[] = [];
		for (const item of toItems(parsed)) {
			const result: INodeExecutionData = { json: item.json, pairedItem: { item: 0 } };
			if (item.binary) {
				result.binary = {};
				for (const [key, value] of Object.entries(item.binary)) {
					if (value.id) {
						result.binary[key] = value;
						continue;
					}
					result.binary[key] = await this.helpers.prepareBinaryData(
						Buffer.from(value.data, 'base64'),
						value.fileName,
						value.mimeType,
					);
				}
			}
			out.push(result);
		}
		return [out];
	}
}

/* -------------------------------------------------------------------------------------------------
 * Node type registry
 * -----------------------------------------------------------------------------------------------*/

export class HarnessNodeTypes implements INodeTypes {
	private readonly types = new Map<string, AnyNodeType>();

	constructor(input?: NodeTypesInput) {
		this.register(new HarnessManualTrigger(), [MANUAL_TRIGGER_TYPE]);
		this.register(new HarnessItemsSource(), [ITEMS_SOURCE_TYPE]);
		if (input) this.add(input);
	}

	add(input: NodeTypesInput) {
		if (Array.isArray(input)) {
			for (const entry of input) this.register(instantiate(entry));
		} else {
			for (const [key, entry] of Object.entries(input)) this.register(instantiate(entry), [key]);
		}
	}

	/** Register under `name`, `${PACKAGE_NAME}.name`, `CUSTOM.name` and any extra aliases. */
	register(type: AnyNodeType, aliases: string[] = []) {
		const name = type.description.name;
		const short = name.includes('.') ? name.slice(name.lastIndexOf('.') + 1) : name;
		const names = new Set([...aliases, name, short, `${PACKAGE_NAME}.${short}`, `CUSTOM.${short}`]);
		for (const n of names) {
			// built-ins must not be shadowed by a short alias of a user type and vice versa
			if (aliases.includes(n) || !this.types.has(n)) this.types.set(n, type);
		}
		return type;
	}

	has(name: string) {
		return this.types.has(name);
	}

	getByName(name: string): AnyNodeType {
		const type = this.types.get(name);
		if (!type) {
			throw new UnexpectedError(
				`Unknown node type "${name}". Registered: ${[...this.types.keys()].join(', ')}`,
			);
		}
		return type;
	}

	getByNameAndVersion(name: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.getByName(name), version);
	}

	getKnownTypes(): IDataObject {
		return {};
	}
}

/* -------------------------------------------------------------------------------------------------
 * Credential types + credentials helper
 * -----------------------------------------------------------------------------------------------*/

/**
 * Minimal `oAuth2Api` base type (the real one ships with n8n-nodes-base, which is not a
 * dependency). Credentials `extends: ['oAuth2Api']` route requests through n8n-core's
 * real OAuth2 signing/refresh code.
 */
export const OAUTH2_API_CREDENTIAL: ICredentialType = {
	name: 'oAuth2Api',
	displayName: 'OAuth2 API',
	documentationUrl: 'httprequest',
	genericAuth: true,
	properties: [
		{ displayName: 'Use Dynamic Client Registration', name: 'useDynamicClientRegistration', type: 'hidden', default: false },
		{
			displayName: 'Grant Type',
			name: 'grantType',
			type: 'options',
			options: [
				{ name: 'Authorization Code', value: 'authorizationCode' },
				{ name: 'Client Credentials', value: 'clientCredentials' },
				{ name: 'PKCE', value: 'pkce' },
			],
			default: 'authorizationCode',
		},
		{ displayName: 'Authorization URL', name: 'authUrl', type: 'string', default: '' },
		{ displayName: 'Access Token URL', name: 'accessTokenUrl', type: 'string', default: '' },
		{ displayName: 'Client ID', name: 'clientId', type: 'string', default: '' },
		{ displayName: 'Client Secret', name: 'clientSecret', type: 'string', typeOptions: { password: true }, default: '' },
		{ displayName: 'Scope', name: 'scope', type: 'string', default: '' },
		{ displayName: 'Auth URI Query Parameters', name: 'authQueryParameters', type: 'string', default: '' },
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'options',
			options: [
				{ name: 'Body', value: 'body' },
				{ name: 'Header', value: 'header' },
			],
			default: 'header',
		},
		{ displayName: 'Ignore SSL Issues', name: 'ignoreSSLIssues', type: 'boolean', default: false },
	],
};

export class HarnessCredentialTypes {
	private readonly types = new Map<string, ICredentialType>();

	constructor(input?: CredentialTypesInput) {
		this.types.set(OAUTH2_API_CREDENTIAL.name, OAUTH2_API_CREDENTIAL);
		for (const entry of input ?? []) {
			const type = instantiate(entry);
			this.types.set(type.name, type);
		}
	}

	recognizes(name: string) {
		return this.types.has(name);
	}

	getByName(name: string): ICredentialType {
		const type = this.types.get(name);
		if (!type) {
			throw new UnexpectedError(
				`Unknown credential type "${name}". Pass it in credentialTypes (registered: ${[
					...this.types.keys(),
				].join(', ')})`,
			);
		}
		return type;
	}

	/** All ancestors via `extends`, nearest first (same as the CLI's CredentialTypes). */
	getParentTypes(name: string): string[] {
		const direct = this.getByName(name).extends ?? [];
		const all = [...direct];
		for (const parent of direct) {
			if (this.recognizes(parent)) all.push(...this.getParentTypes(parent));
		}
		return all;
	}
}

/** Node types for the throw-away workflow used to resolve credential expressions (like the CLI's createMockNodeTypes). */
const CREDENTIAL_MOCK_NODE_TYPES: INodeTypes = {
	getByName: () => CREDENTIAL_MOCK_NODE_TYPE,
	getByNameAndVersion: () => CREDENTIAL_MOCK_NODE_TYPE,
	getKnownTypes: () => ({}),
};

const CREDENTIAL_MOCK_NODE_TYPE: INodeType = {
	description: {
		displayName: 'Mock',
		name: 'mock',
		group: [],
		version: 1,
		description: '',
		defaults: {},
		inputs: [],
		outputs: [],
		properties: [],
	},
};

const CREDENTIAL_MOCK_NODE: INode = {
	id: 'credential-mock',
	name: '',
	typeVersion: 1,
	type: 'mock',
	position: [0, 0],
	parameters: {},
};

/**
 * In-memory ICredentialsHelper modelled on packages/cli/src/credentials-helper.ts:
 * - getDecrypted: stored data + property defaults, expressions (`={{ ... }}`) resolved
 * - authenticate: function form called as is; generic form resolves each key/value with
 *   `workflow.expression.getSimpleParameterValue(node, value, 'internal', { $credentials })`
 *   and writes it into requestOptions[headers|qs|body|auth]
 * - preAuthentication: runs when the `expirable` hidden property is empty or a request
 *   got 401 (credentialsExpired), persisting the result into the store
 * - OAuth2 token data updates are persisted into the store as well
 */
export class HarnessCredentialsHelper extends ICredentialsHelper {
	/** credential type -> stored (raw) data. */
	readonly store: CredentialsInput;

	/** How many times a node read (and, in n8n, decrypted) credentials, per credential type. */
	readonly decryptedReads: Record<string, number> = {};

	constructor(
		readonly credentialTypes: HarnessCredentialTypes,
		credentials: CredentialsInput = {},
	) {
		super();
		this.store = deepClone(credentials);
	}

	getParentTypes(name: string): string[] {
		return this.credentialTypes.getParentTypes(name);
	}

	isCredentialUsableByNode(credentialType: string, nodeType: string): boolean {
		if (!this.credentialTypes.recognizes(credentialType)) return true;
		const typeDef = this.credentialTypes.getByName(credentialType);
		if (!typeDef.restrictToSupportedNodes) return true;
		const short = nodeType.slice(nodeType.lastIndexOf('.') + 1);
		return (typeDef.supportedNodes ?? []).some((n) => n === nodeType || n === short);
	}

	getOAuth2Options(type: string) {
		if (!this.credentialTypes.recognizes(type)) return undefined;
		for (const name of [type, ...this.getParentTypes(type)]) {
			if (!this.credentialTypes.recognizes(name)) continue;
			const oauth2 = (this.credentialTypes.getByName(name) as ICredentialType & { oauth2?: IDataObject })
				.oauth2;
			if (oauth2 !== undefined) return oauth2;
		}
		return undefined;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		incomingRequestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const requestOptions = incomingRequestOptions as IHttpRequestOptions;
		const credentialType = this.credentialTypes.getByName(typeName);
		const { authenticate } = credentialType;
		if (!authenticate) return requestOptions;

		if (typeof authenticate === 'function') {
			return await authenticate(credentials, requestOptions);
		}

		if (!workflow || !node) {
			throw new UnexpectedError('Workflow and node are required for declarative credential authentication');
		}
		if (requestOptions.headers === undefined) requestOptions.headers = {};
		if (authenticate.type === 'generic') {
			const target = requestOptions as unknown as Record<string, Record<string, unknown>>;
			for (const [outerKey, outerValue] of Object.entries(authenticate.properties)) {
				for (const [key, value] of Object.entries(outerValue as IDataObject)) {
					const keyResolved = this.resolveValue(key, { $credentials: credentials }, workflow, node);
					const valueResolved = this.resolveValue(
						value as string,
						{ $credentials: credentials },
						workflow,
						node,
					);
					if (!target[outerKey]) target[outerKey] = {};
					target[outerKey][keyResolved] = valueResolved;
				}
			}
		}
		return requestOptions;
	}

	private resolveValue(
		parameterValue: string,
		additionalKeys: IWorkflowDataProxyAdditionalKeys,
		workflow: Workflow,
		node: INode,
	): string {
		if (!isExpression(parameterValue)) return parameterValue;
		const value = workflow.expression.getSimpleParameterValue(
			node,
			parameterValue,
			'internal',
			additionalKeys,
			undefined,
			'',
		);
		if (!value) return '';
		return value.toString();
	}

	private restrictedHelpers(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
	): IHttpRequestHelper {
		return {
			helpers: {
				httpRequest: async (requestOptions: IHttpRequestOptions) => {
					const allowedDomains = getCredentialOwnRequestAllowedDomains(credentials);
					if (allowedDomains === undefined) return await helpers.helpers.httpRequest(requestOptions);
					return await helpers.helpers.httpRequest({ ...requestOptions, allowedDomains });
				},
			},
		} as IHttpRequestHelper;
	}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const credentialType = this.credentialTypes.getByName(typeName);
		const expirableProperty = credentialType.properties.find(
			(property) => property.type === 'hidden' && property.typeOptions?.expirable === true,
		);
		if (expirableProperty?.name === undefined) return undefined;
		if (typeof credentialType.preAuthentication !== 'function') return undefined;

		const isTestingCredentials = node?.parameters?.temp === '' && node?.type === 'n8n-nodes-base.noOp';
		if (credentials[expirableProperty.name] === '' || credentialsExpired || isTestingCredentials) {
			const output = await credentialType.preAuthentication.call(
				this.restrictedHelpers(helpers, credentials),
				credentials,
			);
			if (output[expirableProperty.name] === undefined) return undefined;
			if (node.credentials) {
				const key = this.storeKey(node.credentials[typeName], typeName);
				const stored = this.store[key] ?? {};
				const toPersist: ICredentialDataDecryptedObject = { ...stored };
				for (const [key, value] of Object.entries(output)) {
					if (key === expirableProperty.name || !isExpression(stored[key])) {
						toPersist[key] = value as ICredentialDataDecryptedObject[string];
					}
				}
				this.store[key] = deepClone(toPersist);
				return Object.assign(credentials, output);
			}
		}
		return undefined;
	}

	async runPreAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const credentialType = this.credentialTypes.getByName(typeName);
		if (typeof credentialType.preAuthentication !== 'function') return undefined;
		const output = await credentialType.preAuthentication.call(
			this.restrictedHelpers(helpers, credentials),
			credentials,
		);
		return (output as ICredentialDataDecryptedObject) ?? undefined;
	}

	/**
	 * Credentials are looked up by the node's credential id first (so two nodes can use two
	 * accounts of one type: node.credentials = { personaApi: { id: 'acct2', name } } with
	 * credentials = { acct2: {...} }), then by credential type.
	 */
	private storeKey(nodeCredentials: INodeCredentialsDetails | undefined, type: string): string {
		const id = nodeCredentials?.id;
		return id && this.store[id] !== undefined ? id : type;
	}

	private storedData(nodeCredentials: INodeCredentialsDetails, type: string): ICredentialDataDecryptedObject {
		const data = this.store[this.storeKey(nodeCredentials, type)];
		if (data === undefined) {
			throw new UserError(
				`Credential with ID "${nodeCredentials.id ?? ''}" does not exist for type "${type}". ` +
					'Pass it to the harness as credentials: { [type]: {...} }.',
			);
		}
		return data;
	}

	async getCredentials(nodeCredentials: INodeCredentialsDetails, type: string): Promise<Credentials> {
		const credentials = new Credentials(
			{ id: nodeCredentials.id ?? type, name: nodeCredentials.name ?? type },
			type,
		);
		await credentials.setData(this.storedData(nodeCredentials, type));
		return credentials;
	}

	async getDecrypted(
		additionalData: IWorkflowExecuteAdditionalData,
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		mode: WorkflowExecuteMode,
		executeData?: IExecuteData,
		raw?: boolean,
		expressionResolveValues?: ICredentialsExpressionResolveValues,
	): Promise<ICredentialDataDecryptedObject> {
		this.decryptedReads[type] = (this.decryptedReads[type] ?? 0) + 1;
		const original = deepClone(this.storedData(nodeCredentials, type));
		if (raw === true) return original;
		return await this.applyDefaultsAndResolve(additionalData, original, type, mode, executeData, expressionResolveValues);
	}

	private async applyDefaultsAndResolve(
		additionalData: IWorkflowExecuteAdditionalData,
		original: ICredentialDataDecryptedObject,
		type: string,
		mode: WorkflowExecuteMode,
		executeData?: IExecuteData,
		expressionResolveValues?: ICredentialsExpressionResolveValues,
	): Promise<ICredentialDataDecryptedObject> {
		const properties = this.getCredentialsProperties(type);
		let decrypted = (NodeHelpers.getNodeParameters(
			properties,
			original as INodeParameters,
			true,
			false,
			null,
			null,
		) ?? {}) as ICredentialDataDecryptedObject;

		// Fields the type does not declare are kept, like the CLI does for oauthTokenData,
		// so tests do not silently lose data they passed.
		for (const [key, value] of Object.entries(original)) {
			if (decrypted[key] === undefined) decrypted[key] = value;
		}

		const additionalKeys = getAdditionalKeys(additionalData, mode, null, { isCredential: true });
		if (expressionResolveValues) {
			decrypted = expressionResolveValues.workflow.expression.getParameterValue(
					decrypted as INodeParameters,
					expressionResolveValues.runExecutionData,
					expressionResolveValues.runIndex,
					expressionResolveValues.itemIndex,
					expressionResolveValues.node.name,
					expressionResolveValues.connectionInputData,
					mode,
					additionalKeys,
					executeData,
					false,
					decrypted,
				) as ICredentialDataDecryptedObject;
		} else {
			const workflow = new Workflow({
				nodes: [{ ...CREDENTIAL_MOCK_NODE }],
				connections: {},
				active: false,
				nodeTypes: CREDENTIAL_MOCK_NODE_TYPES,
			});
			const acquired = await workflow.expression.acquireIsolate();
			try {
				decrypted = workflow.expression.getComplexParameterValue(
					CREDENTIAL_MOCK_NODE,
					decrypted as INodeParameters,
					mode,
					additionalKeys,
					undefined,
					undefined,
					decrypted,
				) as ICredentialDataDecryptedObject;
			} finally {
				if (acquired) await workflow.expression.releaseIsolate();
			}
		}
		return decrypted;
	}

	async updateCredentials(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		this.store[this.storeKey(nodeCredentials, type)] = deepClone(data);
	}

	async updateCredentialsOauthTokenData(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		const key = this.storeKey(nodeCredentials, type);
		this.store[key] = { ...(this.store[key] ?? {}), oauthTokenData: deepClone(data.oauthTokenData) };
	}

	getCredentialsProperties(type: string): INodeProperties[] {
		const typeData = this.credentialTypes.getByName(type);
		if (typeData.extends === undefined) {
			if (['oAuth1Api', 'oAuth2Api'].includes(type)) {
				return [
					...typeData.properties,
					{ displayName: 'oauthTokenData', name: 'oauthTokenData', type: 'json', required: false, default: {} },
				];
			}
			return typeData.properties;
		}
		const combined: INodeProperties[] = [];
		for (const parent of typeData.extends) {
			NodeHelpers.mergeNodeProperties(combined, this.getCredentialsProperties(parent));
		}
		NodeHelpers.mergeNodeProperties(combined, typeData.properties);
		return combined;
	}
}

/* -------------------------------------------------------------------------------------------------
 * Runtime / DI setup
 * -----------------------------------------------------------------------------------------------*/

let binaryDataInitialised = false;

/**
 * Prepares the DI container n8n-core resolves services from:
 * - InstanceSettings: folder + encryption key redirected to a temp dir (runtime.js)
 * - BinaryDataService: 'memory' = no storage manager => n8n-core keeps binary data
 *   inline as base64 (its own fallback path); 'filesystem' = real FsByteStore manager
 *   in the temp dir (binary data gets an id, read back via the manager).
 */
export async function setupRuntime(binaryDataMode: BinaryDataMode = 'memory') {
	const paths = ensureRuntime();
	const config = Container.get(BinaryDataConfig);
	const service = Container.get(BinaryDataService);
	if (binaryDataMode === 'filesystem') {
		config.localStoragePath = paths.binaryDataPath;
		config.mode = 'filesystem';
		await service.init();
		binaryDataInitialised = true;
	} else if (binaryDataInitialised) {
		// keep managers (ids written earlier stay readable) but store new data inline
		config.mode = 'default';
		await service.init();
	}
	return paths;
}

/** Read binary data (inline or stored) the way n8n-core does. */
export async function getBinaryBuffer(binary: IBinaryData): Promise<Buffer> {
	ensureRuntime();
	return await Container.get(BinaryDataService).getAsBuffer(binary);
}

/** Errors n8n-core reported to its ErrorReporter in this test file (cleared with `.length = 0`). */
export function reportedErrors() {
	return ensureRuntime().reportedErrors;
}

/** Read `item.binary[property]` as a Buffer. */
export async function readBinary(item: INodeExecutionData, property = 'data'): Promise<Buffer> {
	const binary = item.binary?.[property];
	if (!binary) throw new UnexpectedError(`Item has no binary property "${property}"`);
	return await getBinaryBuffer(binary);
}

function createAdditionalData(
	credentialsHelper: HarnessCredentialsHelper,
	options: {
		hooks?: ExecutionLifecycleHooks;
		executionId?: string;
		workflowId: string;
		baseUrl?: string;
		webhookBaseUrl?: string;
		overrides?: Partial<IWorkflowExecuteAdditionalData>;
	},
): IWorkflowExecuteAdditionalData {
	const base = options.baseUrl ?? DEFAULT_BASE_URL;
	const unsupported = (what: string) => async () => {
		throw new UnexpectedError(`${what} is not supported by the test harness`);
	};
	const data = {
		credentialsHelper,
		hooks: options.hooks,
		executionId: options.executionId,
		workflowId: options.workflowId,
		userId: 'harness-user',
		currentNodeExecutionIndex: 0,
		restApiUrl: `${base}/rest`,
		instanceBaseUrl: `${base}/`,
		formBaseUrl: `${base}/form`,
		formWaitingBaseUrl: `${base}/form-waiting`,
		formTestBaseUrl: `${base}/form-test`,
		webhookBaseUrl: options.webhookBaseUrl ?? `${base}/webhook`,
		webhookWaitingBaseUrl: `${base}/webhook-waiting`,
		webhookTestBaseUrl: `${base}/webhook-test`,
		mcpBaseUrl: `${base}/mcp`,
		mcpTestBaseUrl: `${base}/mcp-test`,
		variables: {},
		externalSecretsProxy: new ExternalSecretsProxy(),
		executeWorkflow: unsupported('executeWorkflow (sub-workflows)'),
		startRunnerTask: unsupported('startRunnerTask (Code node task runners)'),
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		logAiEvent: () => {},
		...options.overrides,
	};
	return data as unknown as IWorkflowExecuteAdditionalData;
}

/**
 * Fills in a workflow node: id, position, typeVersion (type's default), and
 * `credentials` for every credential type the node declares and the test supplied.
 */
function prepareNode(
	input: WorkflowNodeInput,
	nodeTypes: HarnessNodeTypes,
	credentials: CredentialsInput,
): INode {
	const node = deepClone(input) as INode;
	const type = nodeTypes.getByName(node.type);
	node.id = node.id ?? randomUUID();
	node.position = node.position ?? [0, 0];
	node.parameters = node.parameters ?? {};
	node.typeVersion = node.typeVersion ?? defaultVersionOf(type);
	const description = NodeHelpers.getVersionedNodeType(type, node.typeVersion).description;
	for (const credential of description.credentials ?? []) {
		if (credentials[credential.name] === undefined) continue;
		node.credentials = node.credentials ?? {};
		if (!node.credentials[credential.name]) {
			node.credentials[credential.name] = { id: credential.name, name: `${credential.name} (harness)` };
		}
	}
	if (description.webhooks?.length && !node.webhookId) node.webhookId = randomUUID();
	return node;
}

function findStartNode(workflow: Workflow, nodes: INode[], explicit?: string): INode {
	if (explicit) {
		const node = workflow.getNode(explicit);
		if (!node) throw new UnexpectedError(`Start node "${explicit}" not found in workflow`);
		return node;
	}
	const candidates = nodes.filter(
		(node) =>
			!node.disabled &&
			!(workflow.connectionsByDestinationNode[node.name]?.main ?? []).some((c) => c && c.length > 0),
	);
	const preferred =
		candidates.find((n) => n.type === MANUAL_TRIGGER_TYPE || n.type === ITEMS_SOURCE_TYPE) ?? candidates[0];
	if (!preferred) throw new UnexpectedError('Could not determine the start node; pass startNode');
	return preferred;
}

/* -------------------------------------------------------------------------------------------------
 * runWorkflow / runNode
 * -----------------------------------------------------------------------------------------------*/

let executionCounter = 0;

export async function runWorkflow(options: RunWorkflowOptions): Promise<WorkflowRunResult> {
	await setupRuntime(options.binaryDataMode);
	const nodeTypes = new HarnessNodeTypes(options.nodeTypes);
	const credentialTypes = new HarnessCredentialTypes(options.credentialTypes);
	const credentialsHelper = new HarnessCredentialsHelper(credentialTypes, options.credentials);
	const mode = options.mode ?? 'manual';
	const workflowId = options.workflow.id ?? DEFAULT_WORKFLOW_ID;
	const executionId = String(++executionCounter);

	const nodes = options.workflow.nodes.map((n) => prepareNode(n, nodeTypes, options.credentials ?? {}));
	const workflowStaticData = deepClone(options.staticData ?? {});
	const workflow = new Workflow({
		id: workflowId,
		name: options.workflow.name ?? 'Harness workflow',
		nodes,
		connections: options.workflow.connections,
		active: false,
		nodeTypes,
		settings: { executionOrder: 'v1', ...(options.workflow.settings ?? {}) },
		pinData: options.workflow.pinData,
		staticData: workflowStaticData,
	});

	const workflowData = {
		id: workflowId,
		name: workflow.name,
		active: false,
		isArchived: false,
		nodes,
		connections: options.workflow.connections,
		settings: workflow.settings,
		createdAt: new Date(),
		updatedAt: new Date(),
	} as unknown as IWorkflowBase;
	const hooks = new ExecutionLifecycleHooks(mode, executionId, workflowData);
	const executionOrder: string[] = [];
	hooks.addHandler('nodeExecuteAfter', (nodeName: string) => {
		executionOrder.push(nodeName);
	});

	const additionalData = createAdditionalData(credentialsHelper, {
		hooks,
		executionId,
		workflowId,
		overrides: options.additionalData,
	});

	const startNode = findStartNode(workflow, nodes, options.startNode);
	const runExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [{ node: startNode, data: { main: [toItems(options.input)] }, source: null }],
		},
	});

	const workflowExecute = new WorkflowExecute(additionalData, mode, runExecutionData);
	const run = await workflowExecute.processRunExecutionData(workflow);

	if (options.staticData) replaceContents(options.staticData, workflow.staticData);

	const runData = run.data.resultData.runData;
	const taskData = (nodeName: string, runIndex?: number): ITaskData | undefined => {
		const runs = runData[nodeName];
		if (!runs?.length) return undefined;
		return runs[runIndex ?? runs.length - 1];
	};
	const outputs = (nodeName: string, runIndex?: number) =>
		(taskData(nodeName, runIndex)?.data?.main ?? []).map((o) => o ?? []);

	return {
		status: run.status,
		finished: run.finished === true,
		error: run.data.resultData.error,
		runData,
		run,
		executionOrder,
		items: (nodeName, outputIndex = 0, runIndex) => outputs(nodeName, runIndex)[outputIndex] ?? [],
		outputs,
		nodeError: (nodeName, runIndex) => taskData(nodeName, runIndex)?.error,
		taskData,
		credentials: credentialsHelper.store,
		credentialReads: credentialsHelper.decryptedReads,
		staticData: options.staticData ?? deepClone(workflow.staticData),
	};
}

export async function runNode(options: RunNodeOptions): Promise<RunNodeResult> {
	const nodeType = instantiate(options.nodeType);
	const credentialTypes: CredentialTypesInput = [
		...(options.credentialType ? [options.credentialType] : []),
		...(options.credentialTypes ?? []),
	];
	const nodeName = options.nodeName ?? 'Node';
	const sourceName = nodeName === 'Items' ? 'Items Source' : 'Items';
	const type = options.type ?? `${PACKAGE_NAME}.${nodeType.description.name.split('.').pop()}`;
	const extraTypes: Record<string, AnyNodeType | Constructor<AnyNodeType>> = Array.isArray(options.nodeTypes)
		? Object.fromEntries(options.nodeTypes.map((t) => [instantiate(t).description.name, t]))
		: (options.nodeTypes ?? {});

	const node: WorkflowNodeInput = {
		...(options.node ?? {}),
		name: nodeName,
		type,
		parameters: options.parameters ?? {},
	};
	if (options.typeVersion !== undefined) node.typeVersion = options.typeVersion;
	if (options.continueOnFail) node.onError = 'continueRegularOutput';
	if (options.onError) node.onError = options.onError;

	const result = await runWorkflow({
		nodeTypes: { ...extraTypes, [type]: nodeType },
		credentialTypes,
		credentials: options.credentials,
		workflow: {
			nodes: [
				{
					name: sourceName,
					type: ITEMS_SOURCE_TYPE,
					parameters: { items: JSON.stringify(toItems(options.items)) },
				},
				node,
			],
			connections: { [sourceName]: { main: [[{ node: nodeName, type: 'main', index: 0 }]] } },
		},
		startNode: sourceName,
		mode: options.mode,
		staticData: options.staticData,
		binaryDataMode: options.binaryDataMode,
		additionalData: options.additionalData,
	});

	return {
		status: result.status,
		items: result.items(nodeName),
		outputs: result.outputs(nodeName),
		error: result.nodeError(nodeName) ?? result.error,
		nodeName,
		result,
	};
}

/* -------------------------------------------------------------------------------------------------
 * Trigger helpers (HookContext / WebhookContext / PollContext)
 * -----------------------------------------------------------------------------------------------*/

interface SingleNodeSetup {
	nodeType: INodeType;
	node: INode;
	workflow: Workflow;
	credentialsHelper: HarnessCredentialsHelper;
	additionalData: IWorkflowExecuteAdditionalData;
	/** Writes the workflow's static data back into the caller's objects (unless `save` is false) and returns them. */
	finish(save?: boolean): { staticData: IDataObject; globalStaticData: IDataObject };
}

async function setupSingleNode(
	options: TriggerBaseOptions & { webhookBaseUrl?: string; active?: boolean },
	extra: Partial<IWorkflowExecuteAdditionalData> = {},
): Promise<SingleNodeSetup> {
	await setupRuntime(options.binaryDataMode);
	const rawType = instantiate(options.nodeType);
	const typeName = options.type ?? `${PACKAGE_NAME}.${rawType.description.name.split('.').pop()}`;
	const nodeTypes = new HarnessNodeTypes({ [typeName]: rawType });
	const credentialTypes = new HarnessCredentialTypes([
		...(options.credentialType ? [options.credentialType] : []),
		...(options.credentialTypes ?? []),
	]);
	const credentialsHelper = new HarnessCredentialsHelper(credentialTypes, options.credentials);
	const workflowId = options.workflowId ?? DEFAULT_WORKFLOW_ID;
	const nodeName = options.nodeName ?? 'Trigger';
	const node = prepareNode(
		{
			...(options.node ?? {}),
			name: nodeName,
			type: typeName,
			parameters: options.parameters ?? {},
			...(options.typeVersion !== undefined ? { typeVersion: options.typeVersion } : {}),
		},
		nodeTypes,
		options.credentials ?? {},
	);
	const staticKey = `node:${nodeName}`;
	const workflow = new Workflow({
		id: workflowId,
		name: 'Harness workflow',
		nodes: [node],
		connections: {},
		active: options.active ?? true,
		nodeTypes,
		staticData: {
			...(options.globalStaticData ? { global: deepClone(options.globalStaticData) } : {}),
			[staticKey]: deepClone(options.staticData ?? {}),
		},
	});
	const additionalData = createAdditionalData(credentialsHelper, {
		workflowId,
		webhookBaseUrl: options.webhookBaseUrl,
		overrides: { ...extra, ...(options.additionalData ?? {}) },
	});
	return {
		nodeType: nodeTypes.getByNameAndVersion(typeName, node.typeVersion),
		node,
		workflow,
		credentialsHelper,
		additionalData,
		finish(save = true) {
			const persisted = deepClone(workflow.staticData) ?? {};
			const staticData = options.staticData ?? {};
			if (!save) return { staticData, globalStaticData: options.globalStaticData ?? {} };
			replaceContents(staticData, persisted[staticKey] as IDataObject | undefined);
			const globalStaticData = options.globalStaticData ?? {};
			replaceContents(globalStaticData, persisted.global as IDataObject | undefined);
			return { staticData, globalStaticData };
		},
	};
}

function resolveWebhookData(
	setup: SingleNodeSetup,
	webhookName: WebhookType,
	mode: WorkflowExecuteMode,
	isTest: boolean,
): IWebhookData {
	const { nodeType, node, workflow, additionalData } = setup;
	const descriptions = nodeType.description.webhooks ?? [];
	const description: IWebhookDescription = descriptions.find((d) => d.name === webhookName) ??
		descriptions[0] ?? { name: webhookName, httpMethod: 'POST', path: 'webhook', responseMode: 'onReceived' };
	const resolve = (value: unknown, fallback: string) => {
		if (typeof value !== 'string') return fallback;
		const resolved = workflow.expression.getSimpleParameterValue(node, value, mode, {}, undefined, fallback);
		return resolved === undefined || resolved === null ? fallback : String(resolved);
	};
	return {
		httpMethod: resolve(description.httpMethod, 'POST') as IHttpRequestMethods,
		node: node.name,
		path: resolve(description.path, 'webhook'),
		webhookDescription: description,
		workflowId: workflow.id,
		workflowExecuteAdditionalData: additionalData,
		webhookId: node.webhookId,
		isTest,
	};
}

export interface RunListSearchOptions extends TriggerBaseOptions {
	/** `methods.listSearch[method]` of the node type. */
	method: string;
	filter?: string;
	paginationToken?: string;
	/** The parameter path the editor sends (`parameters.<name>`); default `parameters.value`. */
	path?: string;
}

/**
 * Calls `nodeType.methods.listSearch[method]` with a real LoadOptionsContext, as n8n's
 * `/rest/dynamic-node-parameters/resource-locator-results` does for a resource locator's list.
 */
export async function runListSearch(options: RunListSearchOptions): Promise<INodeListSearchResult> {
	const setup = await setupSingleNode({ nodeName: 'Node', ...options });
	const { nodeType, node, workflow, additionalData } = setup;
	const fn = nodeType.methods?.listSearch?.[options.method];
	if (typeof fn !== 'function') throw new UnexpectedError(`Node type has no methods.listSearch.${options.method}`);
	const context = new LoadOptionsContext(workflow, node, additionalData, options.path ?? 'parameters.value');
	return await fn.call(context, options.filter, options.paginationToken);
}

/**
 * Calls `nodeType.webhookMethods[webhookName][method]` with a real HookContext
 * (as n8n does when activating/deactivating a workflow).
 */
export async function runWebhookMethod(options: RunWebhookMethodOptions): Promise<RunWebhookMethodResult> {
	const setup = await setupSingleNode(options);
	const { nodeType, node, workflow, additionalData } = setup;
	const webhookName = options.webhookName ?? 'default';
	const mode = options.mode ?? 'trigger';
	const fn = nodeType.webhookMethods?.[webhookName]?.[options.method];
	if (typeof fn !== 'function') {
		throw new UnexpectedError(`Node type has no webhookMethods.${webhookName}.${options.method}`);
	}
	const webhookData = resolveWebhookData(setup, webhookName, mode, options.isTest === true);
	const context = new HookContext(
		workflow,
		node,
		additionalData,
		mode,
		options.activation ?? 'activate',
		webhookData,
	);
	if (options.webhookUrl !== undefined) {
		const forced = options.webhookUrl;
		context.getNodeWebhookUrl = () => forced;
	}
	const webhookUrl = context.getNodeWebhookUrl(webhookName);
	let persisted: ReturnType<SingleNodeSetup['finish']>;
	let result: boolean | undefined;
	try {
		result = await workflow.expression.withIsolate(async () => await fn.call(context));
	} finally {
		persisted = setup.finish();
	}
	const { staticData, globalStaticData } = persisted;
	return { result, staticData, globalStaticData, webhookUrl, credentials: setup.credentialsHelper.store };
}

type ResponseLike = Record<string, unknown> & {
	statusCode: number;
	headersSent: boolean;
};

function createResponseCapture(): { res: ResponseLike; captured: CapturedResponse } {
	const captured: CapturedResponse = { status: 200, headers: {}, body: undefined, ended: false };
	const chunks: Buffer[] = [];
	const toChunk = (chunk: unknown): Buffer =>
		Buffer.isBuffer(chunk) ? chunk : Buffer.from(typeof chunk === 'string' ? chunk : JSON.stringify(chunk));
	const listeners: Record<string, Array<(...args: unknown[]) => void>> = {};
	const emit = (event: string) => (listeners[event] ?? []).forEach((l) => l());

	const res: ResponseLike = {
		statusCode: 200,
		statusMessage: '',
		headersSent: false,
		writableEnded: false,
		locals: {},
		status(code: number) {
			captured.status = code;
			res.statusCode = code;
			return res;
		},
		setHeader(name: string, value: unknown) {
			captured.headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
			return res;
		},
		set(name: string | Record<string, unknown>, value?: unknown) {
			if (typeof name === 'object') {
				for (const [k, v] of Object.entries(name)) (res.setHeader as (n: string, v: unknown) => void)(k, v);
			} else {
				(res.setHeader as (n: string, v: unknown) => void)(name, value);
			}
			return res;
		},
		header(name: string | Record<string, unknown>, value?: unknown) {
			return (res.set as (n: string | Record<string, unknown>, v?: unknown) => ResponseLike)(name, value);
		},
		append(name: string, value: unknown) {
			const prev = captured.headers[name.toLowerCase()];
			captured.headers[name.toLowerCase()] = prev ? `${prev}, ${String(value)}` : String(value);
			return res;
		},
		getHeader(name: string) {
			return captured.headers[name.toLowerCase()];
		},
		get(name: string) {
			return captured.headers[name.toLowerCase()];
		},
		getHeaders() {
			return { ...captured.headers };
		},
		hasHeader(name: string) {
			return captured.headers[name.toLowerCase()] !== undefined;
		},
		removeHeader(name: string) {
			delete captured.headers[name.toLowerCase()];
		},
		type(value: string) {
			captured.headers['content-type'] = value.includes('/') ? value : `application/${value}`;
			return res;
		},
		contentType(value: string) {
			return (res.type as (v: string) => ResponseLike)(value);
		},
		writeHead(code: number, headers?: Record<string, unknown>) {
			(res.status as (c: number) => void)(code);
			if (headers) (res.set as (h: Record<string, unknown>) => void)(headers);
			return res;
		},
		write(chunk: unknown) {
			chunks.push(toChunk(chunk));
			res.headersSent = true;
			return true;
		},
		end(chunk?: unknown) {
			if (chunk !== undefined && chunk !== null && typeof chunk !== 'function') chunks.push(toChunk(chunk));
			if (captured.body === undefined && chunks.length) captured.body = Buffer.concat(chunks);
			captured.ended = true;
			res.headersSent = true;
			res.writableEnded = true;
			emit('finish');
			emit('close');
			return res;
		},
		send(body?: unknown) {
			if (body !== undefined) {
				captured.body = body;
				if (!captured.headers['content-type']) {
					captured.headers['content-type'] =
						typeof body === 'string'
							? 'text/html; charset=utf-8'
							: Buffer.isBuffer(body)
								? 'application/octet-stream'
								: 'application/json; charset=utf-8';
				}
			}
			return (res.end as () => ResponseLike)();
		},
		json(body: unknown) {
			if (!captured.headers['content-type']) {
				captured.headers['content-type'] = 'application/json; charset=utf-8';
			}
			captured.body = body;
			return (res.end as () => ResponseLike)();
		},
		sendStatus(code: number) {
			(res.status as (c: number) => void)(code);
			return (res.send as (b: unknown) => ResponseLike)(String(code));
		},
		redirect(statusOrUrl: number | string, maybeUrl?: string) {
			const [code, url] = typeof statusOrUrl === 'number' ? [statusOrUrl, maybeUrl] : [302, statusOrUrl];
			(res.status as (c: number) => void)(code);
			captured.headers.location = String(url);
			return (res.end as () => ResponseLike)();
		},
		on(event: string, listener: (...args: unknown[]) => void) {
			(listeners[event] ??= []).push(listener);
			return res;
		},
		once(event: string, listener: (...args: unknown[]) => void) {
			(listeners[event] ??= []).push(listener);
			return res;
		},
		off() {
			return res;
		},
		removeListener() {
			return res;
		},
		emit(event: string) {
			emit(event);
			return true;
		},
		flushHeaders() {},
	};
	return { res, captured };
}

/**
 * n8n's rule for what webhook() changed in static data (live-webhooks.js: saveStaticData() in the
 * answer callback). Nothing is saved when webhook() throws, nor when nothing was marked changed.
 * A delivery that starts an execution and leaves the `onReceived` answer to n8n is not saved
 * either: n8n 2.x answers it only after starting the execution, which clears the "changed" mark
 * (n8n 1.x answered first and saved it). Answered by the node (`noWebhookResponse`) or not
 * starting anything (no `workflowData`), the change is saved.
 */
function savesWebhookStaticData(workflow: Workflow, response: IWebhookResponseData | undefined): boolean {
	if (response === undefined) return false;
	if ((workflow.staticData as { __dataChanged?: boolean }).__dataChanged !== true) return false;
	return response.noWebhookResponse === true || response.workflowData === undefined;
}

/**
 * Calls `nodeType.webhook` with a real WebhookContext. The request is express-like with
 * `rawBody` (Buffer) like n8n's webhook server provides; the response object records
 * status / headers / body written by the node.
 */
export async function runWebhook(options: RunWebhookOptions): Promise<RunWebhookResult> {
	const request = buildRequest({ ...options.request, method: options.request.method ?? 'POST' });
	const { res, captured } = createResponseCapture();
	const setup = await setupSingleNode(options, {
		httpRequest: request as unknown as IWorkflowExecuteAdditionalData['httpRequest'],
		httpResponse: res as unknown as IWorkflowExecuteAdditionalData['httpResponse'],
	});
	const { nodeType, node, workflow, additionalData } = setup;
	const webhookName = options.webhookName ?? 'default';
	const mode = options.mode ?? 'webhook';
	if (typeof nodeType.webhook !== 'function') throw new UnexpectedError('Node type has no webhook() method');
	const webhookData = resolveWebhookData(setup, webhookName, mode, options.isTest === true);
	const closeFunctions: CloseFunction[] = [];
	const context = new WebhookContext(workflow, node, additionalData, mode, webhookData, closeFunctions, null);
	if (options.webhookUrl !== undefined) {
		const forced = options.webhookUrl;
		context.getNodeWebhookUrl = () => forced;
	}
	let response: IWebhookResponseData | undefined;
	let persisted: ReturnType<SingleNodeSetup['finish']>;
	try {
		response = await workflow.expression.withIsolate(async () =>
			isNodeClassInstance(nodeType)
				? await (nodeType as unknown as { webhook(ctx: IWebhookFunctions): Promise<IWebhookResponseData> }).webhook(
						context,
					)
				: await nodeType.webhook!.call(context),
		);
	} finally {
		await Promise.allSettled(closeFunctions.map(async (fn) => await fn()));
		persisted = setup.finish(savesWebhookStaticData(workflow, response));
	}
	const { staticData, globalStaticData } = persisted;
	return {
		webhookResponse: response?.webhookResponse,
		workflowData: response?.workflowData,
		noWebhookResponse: response?.noWebhookResponse,
		response: response ?? {},
		responseCaptured: captured,
		staticData,
		globalStaticData,
		credentials: setup.credentialsHelper.store,
		credentialReads: setup.credentialsHelper.decryptedReads,
	};
}

/**
 * Runs `nodeType.poll` the way an active workflow does: real PollContext driven by
 * n8n-core's PollTriggerExecutor (staging scope, emit, cursor commit), capturing what
 * is emitted instead of starting executions.
 */
export async function runPoll(options: RunPollOptions): Promise<RunPollResult> {
	const setup = await setupSingleNode(options);
	const { nodeType, node, workflow, additionalData } = setup;
	if (typeof nodeType.poll !== 'function') throw new UnexpectedError('Node type has no poll() method');
	const mode = options.mode ?? 'trigger';
	let emitted: INodeExecutionData[][] | null = null;
	let error: Error | undefined;
	const context = new PollContext(
		workflow,
		node,
		additionalData,
		mode,
		options.activation ?? (mode === 'manual' ? 'manual' : 'activate'),
		(data: INodeExecutionData[][]) => {
			emitted = data;
		},
		(e: Error) => {
			error = e;
		},
	);
	const execute = Container.get(PollTriggerExecutor).create(
		workflow,
		node,
		context as unknown as IPollFunctions,
		() => true,
	);
	try {
		await execute(mode === 'manual');
	} catch (e) {
		error = e as Error;
	}
	const { staticData, globalStaticData } = setup.finish();
	return { items: emitted, error, staticData, globalStaticData, credentials: setup.credentialsHelper.store };
}

export type { HarnessRuntimeState } from './runtime';
