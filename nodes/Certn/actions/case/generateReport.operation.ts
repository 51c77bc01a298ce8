import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { compact } from '../../../../core/validate';
import { certnPaths, certnRequest } from '../../api';
import { reportFileIdOf } from '../../reports';
import { caseIdOf } from './fields';

const show = { resource: ['case'], operation: ['generateReport'] };

export const description: INodeProperties[] = [
	{
		displayName:
			'Certn builds the PDF in the background. Use "Get Report File" with the returned reportFileId (it can wait until the report is complete), or the Certn Trigger\'s "Case Report Ready" event.',
		name: 'generateReportNotice',
		type: 'notice',
		default: '',
		displayOptions: { show },
	},
	{
		displayName: 'Options',
		name: 'reportOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Language',
				name: 'language',
				type: 'string',
				default: '',
				placeholder: 'en-CA',
				description: 'Language of the report, where Certn offers it',
			},
		],
	},
];

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const caseId = caseIdOf(this, i);
	const options = this.getNodeParameter('reportOptions', i, {}) as IDataObject;
	const answer = await certnRequest.call(
		this,
		{
			method: 'POST',
			path: certnPaths.caseAction(caseId, 'generate-report'),
			body: compact({ language: typeof options.language === 'string' ? options.language.trim() : undefined }),
			// A repeat at worst starts a second PDF of the same case; nothing is ordered or billed.
			sideEffect: 'idempotent',
		},
		{ itemIndex: i, context: `generating the report of case ${caseId}` },
	);
	return { caseId, reportFileId: reportFileIdOf(answer), ...answer };
}
