import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { binaryPropertyField } from '../../../../core/descriptions';
import { timing } from '../../../../core/timing';
import type { ApiResponse } from '../../../../core/types';
import { numberOption, requireId, requireNonEmpty } from '../../../../core/validate';
import { OPAQUE_ID_PATTERN, certnPaths, certnRequest, certnResponse, getCase } from '../../api';
import {
	REPORT_URL_KEYS,
	fileNameFromDisposition,
	reportCaseIdOf,
	reportStatusOf,
	reportUrlOf,
	safeFileName,
} from '../../reports';

const show = { resource: ['case'], operation: ['getReportFile'] };

/** 600 s at one check a second: no combination of options polls longer than that. */
const MAX_POLLS = 601;

export const description: INodeProperties[] = [
	{
		displayName: 'Report File ID',
		name: 'reportFileId',
		type: 'string',
		required: true,
		default: '',
		placeholder: '={{ $json.reportFileId }}',
		description: 'The reportFileId returned by "Generate Report"',
		displayOptions: { show },
	},
	binaryPropertyField(show),
	{
		displayName: 'Options',
		name: 'reportFileOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'File Name',
				name: 'fileName',
				type: 'string',
				default: '',
				placeholder: 'background-check.pdf',
				description: 'Name of the downloaded file. Default: certn-report-[case short ID].pdf.',
			},
			{
				displayName: 'Max Wait (Seconds)',
				name: 'maxWaitSeconds',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 600 },
				default: 60,
				description: 'How long to wait for the report to become complete',
			},
			{
				displayName: 'Poll Interval (Seconds)',
				name: 'pollIntervalSeconds',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 60 },
				default: 3,
				description: 'Time between two status checks while waiting',
			},
			{
				displayName: 'Wait Until Complete',
				name: 'waitForCompletion',
				type: 'boolean',
				default: true,
				description: 'Whether to check the report again until Certn has finished it; otherwise a report still being generated is an error',
			},
		],
	},
];

export const parallel = true;

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData> {
	const reportFileId = requireId(this, i, { name: 'reportFileId', label: 'Report File ID', pattern: OPAQUE_ID_PATTERN });
	const binaryPropertyName = requireNonEmpty(this, i, 'binaryPropertyName', 'Put Output File in Field');
	const options = this.getNodeParameter('reportFileOptions', i, {}) as IDataObject;
	const wait = options.waitForCompletion !== false;
	const intervalMs =
		numberOption(this, i, options.pollIntervalSeconds, 'Poll Interval (Seconds)', { min: 1, max: 60, fallback: 3 }) * 1000;
	const maxWaitMs =
		numberOption(this, i, options.maxWaitSeconds, 'Max Wait (Seconds)', { min: 0, max: 600, fallback: 60 }) * 1000;
	// Bounded by a number of polls, not the clock, so the wait ends whatever the clock does.
	const maxPolls = wait ? Math.min(MAX_POLLS, 1 + Math.floor(maxWaitMs / intervalMs)) : 1;

	let file: IDataObject = {};
	let status = '';
	let url: string | null = null;
	for (let poll = 1; ; poll++) {
		file = await certnRequest.call(
			this,
			{ method: 'GET', path: certnPaths.reportFile(reportFileId) },
			{ itemIndex: i, context: `getting report file ${reportFileId}` },
		);
		status = reportStatusOf(file);
		url = reportUrlOf(file);
		if (status === 'FAILED' || status === 'ERROR')
			throw new NodeOperationError(this.getNode(), `Certn could not generate report file ${reportFileId} (status ${status})`, {
				itemIndex: i,
				description: 'Run "Generate Report" for the case again.',
			});
		if ((status === 'COMPLETE' || status === '') && url) break;
		if (poll >= maxPolls)
			throw new NodeOperationError(
				this.getNode(),
				`Report file ${reportFileId} is not complete yet (status ${status || 'unknown'})${wait ? ` after ${poll} checks` : ''}`,
				{
					itemIndex: i,
					description: wait
						? 'Certn is still generating the PDF. Increase "Max Wait", or start this step from the Certn Trigger\'s "Case Report Ready" event.'
						: 'Turn on "Wait Until Complete", or start this step from the Certn Trigger\'s "Case Report Ready" event.',
				},
			);
		await timing.sleep(intervalMs);
	}

	const download = (await certnResponse.call(
		this,
		{ method: 'GET', url: url as string, anonymous: true, encoding: 'arraybuffer' },
		{ itemIndex: i, context: `downloading report file ${reportFileId}`, acceptStatus: [400, 401, 403, 404, 410] },
	)) as ApiResponse<Buffer>;
	if (download.statusCode >= 400)
		throw new NodeOperationError(
			this.getNode(),
			`The download link of report file ${reportFileId} was refused (HTTP ${download.statusCode})`,
			{ itemIndex: i, description: 'Certn\'s report links are presigned and expire quickly. Run the node again to get a fresh link.' },
		);
	const data = Buffer.isBuffer(download.body) ? download.body : Buffer.from(download.body as unknown as ArrayBuffer);

	const caseId = reportCaseIdOf(file);
	let reference: string | null = null;
	if (caseId && !options.fileName) {
		try {
			const caseObject = await getCase.call(this, caseId, i);
			reference = typeof caseObject.short_id === 'string' ? caseObject.short_id : null;
		} catch {
			reference = null;
		}
	}
	const headerName = fileNameFromDisposition(download.headers['content-disposition']);
	const fileName = safeFileName(
		typeof options.fileName === 'string' && options.fileName.trim()
			? options.fileName.trim()
			: reference
				? `certn-report-${reference}`
				: (headerName ?? `certn-report-${caseId ?? reportFileId}`),
	);
	const contentType = String(download.headers['content-type'] ?? '').split(';')[0].trim();
	const isPdf = data.subarray(0, 5).toString('latin1') === '%PDF-';
	const mimeType = isPdf || /pdf/i.test(contentType) ? 'application/pdf' : contentType || 'application/octet-stream';

	const json: IDataObject = { reportFileId, caseId, reference, status: status || 'COMPLETE', fileName, fileSize: data.length };
	// The presigned URL is a short-lived key to personal data: it stays out of the output.
	for (const [key, value] of Object.entries(file)) if (!(key in json) && !REPORT_URL_KEYS.includes(key)) json[key] = value;
	return {
		json,
		binary: { [binaryPropertyName]: await this.helpers.prepareBinaryData(data, fileName, mimeType) },
	};
}
