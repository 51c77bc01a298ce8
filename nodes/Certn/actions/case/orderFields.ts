import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { invalidInput } from '../../../../core/errors';
import { listParameter, parseJsonValue, requireNonEmpty } from '../../../../core/validate';
import { certnRequest, getCase } from '../../api';
import { PERMISSIBLE_PURPOSES } from '../../catalog';
import { directoryId, directoryLocator, explainUnknownIds } from '../../directory';
import { looksLikeCase, normalizeCertnCase } from '../../normalize';
import { inviteLinkOf, type InviteMode, type OrderExtras, type TagsField } from '../../orderBody';

const ORDER_OPERATIONS = ['order', 'orderPackage'];
const show = { resource: ['case'], operation: ORDER_OPERATIONS };

/** Fields shared by Order and Order Package. */
export const orderCommonFields: INodeProperties[] = [
	{
		displayName: 'Email Address',
		name: 'emailAddress',
		type: 'string',
		placeholder: 'name@email.com',
		required: true,
		default: '',
		description: 'The applicant\'s email address',
		displayOptions: { show },
	},
	{
		displayName: 'Invite Mode',
		name: 'inviteMode',
		type: 'options',
		options: [
			{
				name: 'Certn Sends Invite Email',
				value: 'email',
				description: 'Certn emails the applicant, who enters their data and consents',
			},
			{
				name: 'Return Invite Link',
				value: 'link',
				description: 'No email; the invite link comes back in the output for you to send (email, SMS, app)',
			},
			{
				name: 'Quickscreen (No Applicant Interaction)',
				value: 'quickscreen',
				description: 'No email, no link: you send all input claims and must already hold the applicant\'s consent',
			},
		],
		default: 'email',
		displayOptions: { show },
	},
	{
		displayName:
			'Quickscreen runs the checks on the input claims you send. Include the consent claims (e.g. are_consents_and_disclosures_accepted) and everything the chosen checks require.',
		name: 'quickscreenNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { ...show, inviteMode: ['quickscreen'] } },
	},
	{
		displayName: 'Input Claims (JSON)',
		name: 'inputClaims',
		type: 'json',
		default: '{}',
		description:
			'Facts about the applicant (name, date_of_birth, residences, consents…). Required for Quickscreen; in invite modes they prefill the applicant\'s form. Contains personal data.',
		displayOptions: { show },
	},
];

export function orderAdditionalFields(operation: string): INodeProperties {
	return {
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: { resource: ['case'], operation: [operation] } },
		options: [
			{
				displayName: 'Applicant Language',
				name: 'applicantLanguage',
				type: 'string',
				default: '',
				placeholder: 'en-CA',
				description: 'Language of the applicant\'s invite and form (sent as applicant_language)',
			},
			directoryLocator('group', {
				name: 'group',
				displayName: 'Group',
				description: 'The group the case belongs to, picked by name',
			}),
			directoryLocator('user', {
				name: 'orderedBy',
				displayName: 'Ordered By',
				description: 'The Certn user the case is ordered for',
			}),
			{
				displayName: 'Other Body Fields (JSON)',
				name: 'extraFields',
				type: 'json',
				default: '{}',
				description:
					'Further fields sent as they are, e.g. a bundle ID or an applicant expiry, for fields this node does not know yet. They win over the fields above.',
			},
			{
				displayName: 'Permissible Purpose',
				name: 'permissiblePurpose',
				type: 'options',
				options: PERMISSIBLE_PURPOSES,
				default: 'EMPLOYMENT',
				description: 'Why the checks are run; needed by credit checks. Choose an expression for other values.',
			},
			{
				displayName: 'Tags',
				name: 'tags',
				type: 'string',
				default: '',
				description: 'Tags for the case, separated by commas',
			},
			{
				displayName: 'Tags Field Name',
				name: 'tagsField',
				type: 'options',
				options: [
					{ name: 'Tags', value: 'tags' },
					{ name: 'Tag IDs', value: 'tag_ids' },
				],
				default: 'tags',
				description: 'Body field the tags go in. Certn integrations use both; keep "tags" unless Certn rejects it.',
			},
		],
	};
}

/** Order body fields filled from pickers, by the name the node shows. */
const PICKED_FIELDS = {
	package: { label: 'Package', noun: 'package' },
	group: { label: 'Additional Fields > Group', noun: 'group' },
	ordered_by: { label: 'Additional Fields > Ordered By', noun: 'user' },
};

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface OrderCommon {
	emailAddress: string;
	inviteMode: InviteMode;
	inputClaims?: IDataObject;
	extras: OrderExtras;
}

/** Reads and checks the shared order fields; bad input fails here, before anything is sent. */
export function readOrderCommon(ctx: IExecuteFunctions, i: number): OrderCommon {
	const emailAddress = requireNonEmpty(ctx, i, 'emailAddress', 'Email Address', 'Enter the applicant\'s email address.');
	if (!EMAIL.test(emailAddress))
		throw invalidInput(ctx.getNode(), i, 'Email Address', `"${emailAddress.slice(0, 80)}" is not an email address`, 'Enter the applicant\'s email address, e.g. name@example.com.');
	const inviteMode = ctx.getNodeParameter('inviteMode', i, 'email') as InviteMode;
	if (!['email', 'link', 'quickscreen'].includes(inviteMode))
		throw invalidInput(ctx.getNode(), i, 'Invite Mode', `"${String(inviteMode)}" is not a mode`, 'Use email, link or quickscreen.');
	const inputClaims = parseJsonValue<IDataObject>(ctx, i, ctx.getNodeParameter('inputClaims', i, '{}'), 'Input Claims (JSON)');
	if (inviteMode === 'quickscreen' && (!inputClaims || !Object.keys(inputClaims).length))
		throw invalidInput(
			ctx.getNode(),
			i,
			'Input Claims (JSON)',
			'is empty, but Quickscreen needs the applicant\'s data',
			'Enter the input claims the checks require (name, date_of_birth, residences, consents), or choose an invite mode.',
		);

	const additional = ctx.getNodeParameter('additionalFields', i, {}) as IDataObject;
	const extra = parseJsonValue<IDataObject>(ctx, i, additional.extraFields, 'Additional Fields > Other Body Fields (JSON)');
	const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : undefined);
	const tags = listParameter(additional.tags);
	return {
		emailAddress,
		inviteMode,
		inputClaims,
		extras: {
			group: directoryId(ctx, i, 'Additional Fields > Group', additional.group),
			orderedBy: directoryId(ctx, i, 'Additional Fields > Ordered By', additional.orderedBy),
			permissiblePurpose: text(additional.permissiblePurpose),
			applicantLanguage: text(additional.applicantLanguage),
			tags: tags.length ? tags : undefined,
			tagsField: (additional.tagsField as TagsField | undefined) ?? 'tags',
			extra: extra && Object.keys(extra).length ? extra : undefined,
		},
	};
}

/**
 * Sends an order once (Certn has no idempotency keys: a retried order could bill a second case)
 * and outputs the new case with its invite link. Where the answer holds only the id, the case is
 * read; if that read fails the order's own answer is output, since the order itself succeeded.
 */
export async function sendOrder(
	ctx: IExecuteFunctions,
	i: number,
	path: string,
	body: IDataObject,
	inviteMode: InviteMode,
	context: string,
): Promise<IDataObject> {
	const ordered = await certnRequest
		.call(ctx, { method: 'POST', path, body, sideEffect: 'create' }, { itemIndex: i, context })
		.catch((error: unknown) => {
			throw explainUnknownIds(ctx, i, error, PICKED_FIELDS);
		});
	const inviteLink = inviteLinkOf(ordered);
	let caseObject = ordered;
	if (!looksLikeCase(ordered) && typeof ordered.id === 'string' && ordered.id) {
		try {
			caseObject = { ...(await getCase.call(ctx, ordered.id, i)), ...(inviteLink ? { invite_link: inviteLink } : {}) };
		} catch {
			caseObject = ordered;
		}
	}
	const simplify = ctx.getNodeParameter('simplify', i, true) as boolean;
	if (!simplify) return caseObject;
	const output: IDataObject = normalizeCertnCase(caseObject);
	if (inviteLink || inviteMode === 'link') output.inviteLink = inviteLink;
	return output;
}
