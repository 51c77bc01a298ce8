import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { binaryPropertyField } from '../../../../core/descriptions';
import type { ApiResponse } from '../../../../core/types';
import { requireNonEmpty } from '../../../../core/validate';
import { dataOf, zenooPaths, zenooResponse } from '../../api';
import { REFUSAL_STATUSES, diagnoseCase, refusalError, reportRefusal } from '../../refusals';
import { caseTokenOf } from './fields';

const show = { resource: ['case'], operation: ['generateReport'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Report Format',
		name: 'reportFormat',
		type: 'options',
		options: [
			{ name: 'JSON', value: 'json', description: 'The compliance report as data: case, decision, entities, checks, alerts, risk' },
			{ name: 'PDF File', value: 'pdf', description: 'Download the report as a PDF file, where Zenoo serves one for the account' },
		],
		default: 'json',
		displayOptions: { show },
	},
	binaryPropertyField({ ...show, reportFormat: ['pdf'] }),
];

export const parallel = true;

function isPdf(response: ApiResponse): boolean {
	const type = String(response.headers['content-type'] ?? '');
	const body = response.body;
	return Buffer.isBuffer(body) && (body.subarray(0, 5).toString('latin1') === '%PDF-' || /application\/pdf/i.test(type));
}

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject | INodeExecutionData> {
	const caseToken = caseTokenOf(this, i);
	const pdf = this.getNodeParameter('reportFormat', i, 'json') === 'pdf';
	const binaryPropertyName = pdf ? requireNonEmpty(this, i, 'binaryPropertyName', 'Put Output File in Field') : '';
	const context = `getting the compliance report of case ${caseToken}`;
	const response = await zenooResponse.call(
		this,
		{
			method: 'GET',
			path: zenooPaths.caseSub(caseToken, 'compliance-report'),
			...(pdf ? { headers: { Accept: 'application/pdf' }, encoding: 'arraybuffer' as const } : {}),
		},
		{ itemIndex: i, context, acceptStatus: REFUSAL_STATUSES },
	);
	if (REFUSAL_STATUSES.includes(response.statusCode))
		throw await refusalError(this, i, response, context, reportRefusal(caseToken, await diagnoseCase(this, caseToken, i)));
	if (!pdf) return dataOf(response.body);

	if (!isPdf(response))
		throw new NodeOperationError(this.getNode(), `Zenoo did not send a PDF for case ${caseToken} (it answered with ${String(response.headers['content-type'] ?? 'no content type').split(';')[0]})`, {
			itemIndex: i,
			description: 'Zenoo documents the compliance report as JSON; a PDF is not offered for every account. Set Report Format to JSON to get the report as data.',
		});
	const data = response.body as unknown as Buffer;
	const disposition = String(response.headers['content-disposition'] ?? '');
	const named = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition)?.[1];
	const fileName = (named ? decodeURIComponent(named) : `zenoo-compliance-report-${caseToken}.pdf`).replace(/[\\/:*?"<>|\r\n]/g, '_');
	return {
		json: { caseId: caseToken, fileName, fileSize: data.length, mimeType: 'application/pdf' },
		binary: { [binaryPropertyName]: await this.helpers.prepareBinaryData(data, fileName, 'application/pdf') },
	};
}
