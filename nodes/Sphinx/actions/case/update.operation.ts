import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { invalidInput } from '../../../../core/errors';
import { parseJsonValue } from '../../../../core/validate';
import { sphinxPaths, sphinxRequest } from '../../api';
import { triggerUrlOf } from '../../triggerUrl';
import { deleteAfterFrom } from '../shared';
import { caseIdOf, caseOutput } from './fields';

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
				displayName: 'Delete After (Days)',
				name: 'deleteAfter',
				type: 'number',
				default: -1,
				description: 'Days until Sphinx deletes the case data: -1 keeps it, 0 deletes it at once (use Redact for that)',
			},
			{
				displayName: 'External ID',
				name: 'externalId',
				type: 'string',
				default: '',
				description: 'Your own reference, unique among the organisation\'s cases (at most 512 characters)',
			},
			{
				displayName: 'Metadata (JSON)',
				name: 'metadata',
				type: 'json',
				default: '{}',
				description: 'Case data shown in Sphinx\'s interface, as a JSON object',
			},
			{
				displayName: 'Sync Platforms (JSON)',
				name: 'syncPlatforms',
				type: 'json',
				default: '[]',
				description: 'External platform records, e.g. [{"domain": "acme.my.salesforce.com", "ID": "500WA…"}]',
			},
			{
				displayName: 'Use This Workflow\'s Trigger URL',
				name: 'useTriggerUrl',
				type: 'boolean',
				default: false,
				description: 'Whether to set the webhook URL to the active Sphinx Trigger of this workflow (instead of Webhook URL)',
			},
			{
				displayName: 'Webhook URL',
				name: 'webhookUrl',
				type: 'string',
				default: '',
				description: 'Called by Sphinx when the case completes (at most 511 characters)',
			},
		],
	},
];

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const caseId = caseIdOf(this, i);
	const fields = this.getNodeParameter('updateFields', i, {}) as IDataObject;
	const body: IDataObject = {};
	if (fields.useTriggerUrl === true) body.webhook_url = triggerUrlOf(this, i);
	else if (typeof fields.webhookUrl === 'string' && fields.webhookUrl.trim()) {
		const url = fields.webhookUrl.trim();
		if (!/^https?:\/\/\S+$/.test(url) || url.length > 511)
			throw invalidInput(this.getNode(), i, 'Update Fields > Webhook URL', `"${url.slice(0, 80)}" is not a usable URL`, 'Enter an http(s) URL of at most 511 characters.');
		body.webhook_url = url;
	}
	if (typeof fields.externalId === 'string' && fields.externalId.trim()) body.external_id = fields.externalId.trim();
	const deleteAfter = deleteAfterFrom(this, i, 'Update Fields > Delete After (Days)', fields.deleteAfter);
	if (deleteAfter !== undefined) body.delete_after = deleteAfter;
	if (fields.metadata !== undefined) body.metadata = parseJsonValue(this, i, fields.metadata, 'Update Fields > Metadata (JSON)') ?? {};
	if (fields.syncPlatforms !== undefined)
		body.sync_platforms = parseJsonValue(this, i, fields.syncPlatforms, 'Update Fields > Sync Platforms (JSON)', { expect: 'array' }) ?? [];
	if (!Object.keys(body).length)
		throw invalidInput(this.getNode(), i, 'Update Fields', 'nothing to change', 'Add at least one field to update.');
	const raw = await sphinxRequest.call(
		this,
		{ method: 'PATCH', path: sphinxPaths.case(caseId), body },
		{ itemIndex: i, context: `updating case ${caseId}` },
	);
	return caseOutput(this, i, raw);
}
