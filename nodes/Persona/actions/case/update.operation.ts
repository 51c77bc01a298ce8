import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { invalidInput } from '../../../../core/errors';
import { listParameter } from '../../../../core/validate';
import { personaRequest } from '../../api';
import { caseIdOf, caseOutput, casePath, customFieldsFrom, customFieldsProperties } from './fields';

const show = { resource: ['case'], operation: ['update'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Attachments (Binary Fields)',
				name: 'attachmentBinaryFields',
				type: 'string',
				default: '',
				placeholder: 'data, report',
				description:
					'Input binary fields holding PDFs or images to attach to the case, separated by commas. Attachments are added to the existing ones.',
			},
			{
				displayName: 'Case Queue ID',
				name: 'caseQueueId',
				type: 'string',
				default: '',
				placeholder: 'cqueue_ABC123',
				description: 'Move the case to this queue',
			},
			{
				displayName: 'Clear SLA',
				name: 'clearSla',
				type: 'boolean',
				default: false,
				description: 'Whether to remove the SLA from the case',
			},
			...customFieldsProperties(),
			{
				displayName: 'Remove From Queue',
				name: 'removeFromQueue',
				type: 'boolean',
				default: false,
				description: 'Whether to take the case out of its queue',
			},
			{
				displayName: 'SLA (Seconds)',
				name: 'slaExpiresInSeconds',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 7776000 },
				default: 86400,
				description: 'Time from now until the case SLA expires (at most 90 days)',
			},
		],
	},
];

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const caseId = caseIdOf(this, i);
	const update = this.getNodeParameter('updateFields', i, {}) as IDataObject;
	const attributes: IDataObject = {};
	const meta: IDataObject = {};

	const fields = customFieldsFrom(this, i, update, 'Update Fields');
	if (fields) attributes.fields = fields;
	if (update.removeFromQueue) attributes['case-queue-id'] = null;
	else if (update.caseQueueId) attributes['case-queue-id'] = update.caseQueueId;
	if (update.clearSla) meta['sla-expires-in-seconds'] = null;
	else if (update.slaExpiresInSeconds) meta['sla-expires-in-seconds'] = update.slaExpiresInSeconds;

	const binaryFields = listParameter(update.attachmentBinaryFields);
	if (binaryFields.length) {
		const attachments: IDataObject[] = [];
		for (const field of binaryFields) {
			const binary = this.helpers.assertBinaryData(i, field);
			const buffer = await this.helpers.getBinaryDataBuffer(i, field);
			attachments.push({ filename: binary.fileName ?? `${field}.pdf`, data: buffer.toString('base64') });
		}
		attributes.attachments = attachments;
	}

	if (!Object.keys(attributes).length && !Object.keys(meta).length)
		throw invalidInput(this.getNode(), i, 'Update Fields', 'nothing to update', 'Add at least one field under "Update Fields".');

	const body: IDataObject = { data: { attributes } };
	if (Object.keys(meta).length) body.meta = meta;
	const doc = await personaRequest.call(
		this,
		{ method: 'PATCH', path: casePath(caseId), body, sideEffect: 'idempotent' },
		{ itemIndex: i, context: `updating case ${caseId}` },
	);
	return caseOutput(this, i, doc);
}
