import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { sphinxPaths, sphinxRequest } from '../../api';
import { CHECK_TYPES } from '../../catalog';
import { normalizeCheck } from '../../normalize';
import { idOf } from '../case/fields';
import { checkTypeFrom, deleteAfterFrom, documentIdsFrom, inputDetailsFrom } from '../shared';

const showCreate = { resource: ['check'], operation: ['create'] };

/** Check › Create: adds a check to a case (Sphinx: start or rerun the case afterwards). */
export const description: INodeProperties[] = [
	{
		displayName: 'Case ID',
		name: 'caseId',
		type: 'string',
		required: true,
		default: '',
		placeholder: '1234',
		description: 'The case the check belongs to',
		displayOptions: { show: showCreate },
	},
	{
		displayName: 'Check Type',
		name: 'checkType',
		type: 'options',
		options: CHECK_TYPES,
		default: 'PEP',
		displayOptions: { show: showCreate },
	},
	{
		displayName: 'Other Check Type',
		name: 'otherCheckType',
		type: 'string',
		default: '',
		placeholder: 'WEB_PRESENCE',
		description: "A check type not in the list (Sphinx's identifier)",
		displayOptions: { show: { ...showCreate, checkType: ['__other'] } },
	},
	{
		displayName: 'Input Details (JSON)',
		name: 'inputDetails',
		type: 'json',
		default: '{}',
		description: 'Data for the check, e.g. {"media_hits": [{"URL": "https://…", "snippet": "…"}]} for ADVERSE_MEDIA',
		displayOptions: { show: showCreate },
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: showCreate },
		options: [
			{
				displayName: 'Delete After (Days)',
				name: 'deleteAfter',
				type: 'number',
				default: -1,
				description: 'Days until Sphinx deletes the check data: -1 keeps it',
			},
			{
				displayName: 'Document IDs',
				name: 'documentIds',
				type: 'string',
				default: '',
				placeholder: '12, 13',
				description: 'Uploaded documents the check reads, separated by commas',
			},
		],
	},
];

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const caseId = idOf(this, i, 'caseId', 'Case ID');
	const additional = this.getNodeParameter('additionalFields', i, {}) as IDataObject;
	const body: IDataObject = {
		case_id: Number(caseId),
		check_type: checkTypeFrom(this, i, 'Check Type', this.getNodeParameter('checkType', i), this.getNodeParameter('otherCheckType', i, '')),
	};
	const details = inputDetailsFrom(this, i, 'Input Details (JSON)', this.getNodeParameter('inputDetails', i, '{}'));
	if (details) body.input_details = details;
	const documentIds = documentIdsFrom(this, i, 'Additional Fields > Document IDs', additional.documentIds);
	if (documentIds) body.document_ids = documentIds;
	const deleteAfter = deleteAfterFrom(this, i, 'Additional Fields > Delete After (Days)', additional.deleteAfter);
	if (deleteAfter !== undefined) body.delete_after = deleteAfter;
	const check = await sphinxRequest.call(
		this,
		{ method: 'POST', path: sphinxPaths.checks, body, sideEffect: 'create' },
		{ itemIndex: i, context: `adding a check to case ${caseId}` },
	);
	return normalizeCheck(check);
}
