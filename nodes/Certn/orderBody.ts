import type { IDataObject } from 'n8n-workflow';

/**
 * The body of Certn's order requests, built from already validated input. Field names that only
 * one integration confirms are constants here, so a sandbox finding changes one line.
 */

/** How the applicant is reached: Certn's email, a link returned to you, or no applicant at all. */
export type InviteMode = 'email' | 'link' | 'quickscreen';

/** `tags` (one integration) vs `tag_ids` (another); which one Certn accepts is not documented. */
export type TagsField = 'tags' | 'tag_ids';

/** The package id field on `/cases/order-package/` (seen in use; not in the docs we could read). */
export const PACKAGE_FIELD = 'package';

export interface OrderExtras {
	group?: string;
	orderedBy?: string;
	permissiblePurpose?: string;
	applicantLanguage?: string;
	tags?: string[];
	tagsField?: TagsField;
	/** Any other body fields (bundle id, expiry…); they win over the fields above. */
	extra?: IDataObject;
}

export interface OrderInput extends OrderExtras {
	emailAddress: string;
	inviteMode: InviteMode;
	/** `/cases/order/`: check type → its arguments (`{}` for none). */
	checkTypesWithArguments?: IDataObject;
	/** `/cases/order-package/`: the package id. */
	packageId?: string;
	inputClaims?: IDataObject;
}

/** Certn's two flags for each mode (quickscreen: neither an email nor a link). */
export function inviteFlags(mode: InviteMode): { send_invite_email: boolean; return_invite_link: boolean } {
	return { send_invite_email: mode === 'email', return_invite_link: mode === 'link' };
}

/** `{TYPE: args}` for every check type, arguments from `args` where given, `{}` otherwise. */
export function checkTypesWithArguments(checkTypes: string[], args: IDataObject = {}): IDataObject {
	const out: IDataObject = {};
	for (const type of checkTypes) out[type] = (args[type] as IDataObject | undefined) ?? {};
	return out;
}

export function buildOrderBody(input: OrderInput): IDataObject {
	const body: IDataObject = { email_address: input.emailAddress };
	if (input.packageId !== undefined) body[PACKAGE_FIELD] = input.packageId;
	if (input.checkTypesWithArguments !== undefined) body.check_types_with_arguments = input.checkTypesWithArguments;
	Object.assign(body, inviteFlags(input.inviteMode));
	if (input.inputClaims && Object.keys(input.inputClaims).length) body.input_claims = input.inputClaims;
	if (input.group) body.group = input.group;
	if (input.orderedBy) body.ordered_by = input.orderedBy;
	if (input.permissiblePurpose) body.permissible_purpose = input.permissiblePurpose;
	if (input.applicantLanguage) body.applicant_language = input.applicantLanguage;
	if (input.tags?.length) body[input.tagsField ?? 'tags'] = input.tags;
	if (input.extra) Object.assign(body, input.extra);
	return body;
}

/** The invite link of an order answer, wherever Certn puts it. */
export function inviteLinkOf(body: IDataObject): string | null {
	for (const key of ['invite_link', 'invite_url', 'inviteLink']) {
		const value = body[key];
		if (typeof value === 'string' && value) return value;
	}
	return null;
}
