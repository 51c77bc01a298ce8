import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { binaryPropertyField } from '../../../core/descriptions';
import { apiRequest, idempotencyKeyFor } from '../../../core/request';
import type { ApiResponse } from '../../../core/types';
import { requireNonEmpty, requireId } from '../../../core/validate';
import { caseWithIncluded, personaApi, personaRequest } from '../api';
import { simplifyPersonaObject } from '../objects';

/**
 * What the inquiry, account and report resources share: their ID field, paths, output (raw or
 * simplified by object type), tag fields and Print. One description per Persona object kind.
 */
export interface PersonaObjectKind {
	resource: 'inquiry' | 'account' | 'report';
	/** Words for messages: "inquiry". */
	noun: string;
	/** The ID parameter and its label: `inquiryId`, "Inquiry ID". */
	param: string;
	label: string;
	prefix: string;
	/** API collection: `/inquiries`. */
	collection: string;
	/** The node's listSearch method for "From List", where Persona has a list to pick from. */
	searchListMethod?: string;
}

export const INQUIRY: PersonaObjectKind = { resource: 'inquiry', noun: 'inquiry', param: 'inquiryId', label: 'Inquiry ID', prefix: 'inq_', collection: '/inquiries', searchListMethod: 'searchInquiries' };
export const ACCOUNT: PersonaObjectKind = { resource: 'account', noun: 'account', param: 'accountId', label: 'Account ID', prefix: 'act_', collection: '/accounts', searchListMethod: 'searchAccounts' };
export const REPORT: PersonaObjectKind = { resource: 'report', noun: 'report', param: 'reportId', label: 'Report ID', prefix: 'rep_', collection: '/reports' };

const example = (kind: PersonaObjectKind) => `${kind.prefix}ABC123xyz`;

/** The object picker: from a list (inquiries, accounts), by ID, or by a dashboard/API URL that contains the ID. */
export function objectIdField(kind: PersonaObjectKind, operations: string[]): INodeProperties {
	const idRegex = `^${kind.prefix}[A-Za-z0-9]+$`;
	const extract = `(${kind.prefix}[A-Za-z0-9]+)`;
	return {
		displayName: kind.label.replace(/ ID$/, ''),
		name: kind.param,
		type: 'resourceLocator',
		default: { mode: kind.searchListMethod ? 'list' : 'id', value: '' },
		required: true,
		description: `The Persona ${kind.noun} to act on`,
		displayOptions: { show: { resource: [kind.resource], operation: operations } },
		modes: [
			...(kind.searchListMethod
				? [
						{
							displayName: 'From List',
							name: 'list',
							type: 'list' as const,
							typeOptions: { searchListMethod: kind.searchListMethod, searchable: true },
						},
					]
				: []),
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: example(kind),
				validation: [{ type: 'regex', properties: { regex: idRegex, errorMessage: `A Persona ${kind.noun} ID starts with "${kind.prefix}"` } }],
			},
			{
				displayName: 'By URL',
				name: 'url',
				type: 'string',
				placeholder: `https://app.withpersona.com/dashboard/${kind.collection.slice(1)}/${example(kind)}`,
				extractValue: { type: 'regex', regex: extract },
				validation: [{ type: 'regex', properties: { regex: `.*${extract}.*`, errorMessage: `The URL must contain a ${kind.noun} ID (${kind.prefix}…)` } }],
			},
		],
	};
}

export function objectIdOf(ctx: IExecuteFunctions, itemIndex: number, kind: PersonaObjectKind): string {
	return requireId(ctx, itemIndex, {
		name: kind.param,
		label: kind.label,
		pattern: new RegExp(`^${kind.prefix}[A-Za-z0-9]+$`),
		example: example(kind),
	});
}

export const objectPath = (kind: PersonaObjectKind, id: string, action = '') =>
	`${kind.collection}/${encodeURIComponent(id)}${action ? `/${action}` : ''}`;

/** Simplify for the operations of one object resource. */
export function objectSimplifyField(kind: PersonaObjectKind, operations: string[], shape: string): INodeProperties {
	return {
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description: `Whether to return a flat ${kind.noun} (${shape}) instead of the raw Persona object`,
		displayOptions: { show: { resource: [kind.resource], operation: operations } },
	};
}

/** One object document as output: flat (Simplify) or Persona's `data` with its `included`. */
export function objectOutput(ctx: IExecuteFunctions, itemIndex: number, doc: IDataObject): IDataObject {
	const simplify = ctx.getNodeParameter('simplify', itemIndex, true) as boolean;
	return simplify ? simplifyPersonaObject((doc.data ?? {}) as IDataObject) : caseWithIncluded(doc);
}

/** Reads one object, or runs an action on it, and returns its document as output. */
export async function objectRequest(
	ctx: IExecuteFunctions,
	itemIndex: number,
	kind: PersonaObjectKind,
	/**
	 * `once`: an action that must not run twice (a report rerun is a new run): sent with an
	 * Idempotency-Key, so a retry after a lost answer is recognized by Persona instead of repeated.
	 */
	request: { method: 'GET' | 'POST' | 'DELETE'; action?: string; body?: IDataObject; qs?: IDataObject; once?: boolean },
	doing: string,
): Promise<IDataObject> {
	const id = objectIdOf(ctx, itemIndex, kind);
	const path = objectPath(kind, id, request.action);
	const doc = await personaRequest.call(
		ctx,
		{
			method: request.method,
			path,
			body: request.body,
			qs: request.qs,
			sideEffect: request.method === 'GET' ? 'read' : request.once ? 'create' : 'idempotent',
		},
		{
			itemIndex,
			context: `${doing} ${kind.noun} ${id}`,
			idempotencyKey: request.once ? idempotencyKeyFor(ctx, itemIndex, { path, body: request.body ?? null }) : undefined,
		},
	);
	return objectOutput(ctx, itemIndex, doc);
}

/** "Identify Tags By" + "Tag" for Add Tag / Remove Tag of one resource. */
export function tagFields(kind: PersonaObjectKind): INodeProperties[] {
	const show = { resource: [kind.resource], operation: ['addTag', 'removeTag'] };
	return [
		{
			displayName: 'Identify Tags By',
			name: 'tagIdentifier',
			type: 'options',
			options: [
				{ name: 'Name', value: 'tag-name' },
				{ name: 'ID', value: 'tag-id' },
			],
			default: 'tag-name',
			displayOptions: { show },
		},
		{
			displayName: 'Tag',
			name: 'tag',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'VIP',
			description: 'Tag name or tag ID. Adding a name that does not exist yet creates the tag.',
			displayOptions: { show },
		},
	];
}

export async function changeObjectTag(
	ctx: IExecuteFunctions,
	itemIndex: number,
	kind: PersonaObjectKind,
	action: 'add-tag' | 'remove-tag',
): Promise<IDataObject> {
	const by = ctx.getNodeParameter('tagIdentifier', itemIndex, 'tag-name') as string;
	const tag = requireNonEmpty(ctx, itemIndex, 'tag', 'Tag');
	return await objectRequest(
		ctx,
		itemIndex,
		kind,
		{ method: 'POST', action, body: { meta: { [by]: tag } } },
		action === 'add-tag' ? 'tagging' : 'removing a tag from',
	);
}

/** "Put Output File in Field" for Print. */
export const printBinaryField = (kind: PersonaObjectKind): INodeProperties =>
	binaryPropertyField({ resource: [kind.resource], operation: ['print'] });

const isPdf = (data: Buffer) => data.subarray(0, 5).toString('latin1') === '%PDF-';

/**
 * Print: Persona's PDF of the object as binary (`GET …/{id}/print`). An object Persona has no
 * PDF for (a report type it cannot print, a redacted object) is refused naming the ID field,
 * whether Persona says so (422) or answers with something that is not a PDF.
 */
export async function printObject(ctx: IExecuteFunctions, itemIndex: number, kind: PersonaObjectKind): Promise<INodeExecutionData> {
	const id = objectIdOf(ctx, itemIndex, kind);
	const property = String(ctx.getNodeParameter('binaryPropertyName', itemIndex, 'data') ?? '').trim();
	if (!property)
		throw new NodeOperationError(ctx.getNode(), 'Put Output File in Field: is empty', {
			itemIndex,
			description: 'Name the binary field the PDF should go to, e.g. "data".',
		});
	const response = (await apiRequest.call(
		ctx,
		personaApi,
		{ method: 'GET', path: objectPath(kind, id, 'print'), encoding: 'arraybuffer', headers: { Accept: 'application/pdf, application/json' } },
		{ itemIndex, context: `printing ${kind.noun} ${id}`, acceptStatus: [422] },
	)) as ApiResponse<Buffer | ArrayBuffer>;
	const data = Buffer.isBuffer(response.body) ? response.body : Buffer.from((response.body ?? new ArrayBuffer(0)) as ArrayBuffer);
	if (response.statusCode === 422 || !isPdf(data)) {
		let says = '';
		try {
			says = personaApi.parseError(JSON.parse(data.toString('utf8'))).message ?? '';
		} catch {
			says = '';
		}
		const what = response.statusCode === 422 ? `HTTP 422${says ? `; Persona says: ${says}` : ''}` : 'the answer was not a PDF';
		throw new NodeOperationError(ctx.getNode(), `${kind.label}: Persona has no PDF for ${kind.noun} ${id} (${what})`, {
			itemIndex,
			description: `Persona prints only some objects: not every report type has a PDF, and a redacted ${kind.noun} has none. Check the ${kind.label}, or use "Get" to read the ${kind.noun} as data instead.`,
		});
	}
	const fileName = `persona-${kind.noun}-${id}.pdf`;
	return {
		json: { id, type: kind.resource, fileName, mimeType: 'application/pdf', fileSize: data.length },
		binary: { [property]: await ctx.helpers.prepareBinaryData(data, fileName, 'application/pdf') },
	};
}
