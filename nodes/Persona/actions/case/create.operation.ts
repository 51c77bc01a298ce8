import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { idempotencyKeyFor } from '../../../../core/request';
import { compact, requireId } from '../../../../core/validate';
import { personaRequest } from '../../api';
import { caseOutput, customFieldsFrom, customFieldsProperties, objectIdsFrom } from './fields';

const show = { resource: ['case'], operation: ['create'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Case Template ID',
		name: 'caseTemplateId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'ctmpl_ABC123',
		description: 'The case template to create the case from (Persona dashboard › Cases › Templates)',
		displayOptions: { show },
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Case Queue ID',
				name: 'caseQueueId',
				type: 'string',
				default: '',
				placeholder: 'cqueue_ABC123',
			},
			{
				displayName: 'Creator Email',
				name: 'creatorEmailAddress',
				type: 'string',
				placeholder: 'name@email.com',
				default: '',
				description: 'Email of the Persona dashboard user shown as the case creator',
			},
			...customFieldsProperties(),
			{
				displayName: 'Object IDs',
				name: 'objectIds',
				type: 'string',
				default: '',
				placeholder: 'inq_ABC123, act_DEF456',
				description: 'Inquiries, accounts, reports, verifications or transactions to attach, separated by commas',
			},
			{
				displayName: 'SLA (Seconds)',
				name: 'slaExpiresInSeconds',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 7776000 },
				default: 86400,
				description: 'Time until the case SLA expires (at most 90 days)',
			},
		],
	},
];

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const caseTemplateId = requireId(this, i, {
		name: 'caseTemplateId',
		label: 'Case Template ID',
		pattern: /^ctmpl_[A-Za-z0-9]+$/,
		example: 'ctmpl_ABC123',
	});
	const additional = this.getNodeParameter('additionalFields', i, {}) as IDataObject;
	const objectIds = objectIdsFrom(this, i, additional.objectIds, 'Additional Fields > Object IDs');
	const body: IDataObject = {
		data: {
			attributes: compact({
				'case-template-id': caseTemplateId,
				'creator-email-address': additional.creatorEmailAddress,
				'case-queue-id': additional.caseQueueId,
				fields: customFieldsFrom(this, i, additional, 'Additional Fields'),
			}),
		},
		meta: compact({
			'object-ids': objectIds.length ? objectIds : undefined,
			'sla-expires-in-seconds': additional.slaExpiresInSeconds,
		}),
	};
	const doc = await personaRequest.call(
		this,
		{ method: 'POST', path: '/cases', body, sideEffect: 'create' },
		{ itemIndex: i, idempotencyKey: idempotencyKeyFor(this, i, body), context: 'creating a case' },
	);
	return caseOutput(this, i, doc);
}
