import type { INodeProperties } from 'n8n-workflow';

import { caseSimplifyField } from '../../../../core/descriptions';
import type { OperationModule } from '../../../../core/execute';
import * as cancel from './cancel.operation';
import { caseIdField } from './fields';
import * as generateReport from './generateReport.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getReportFile from './getReportFile.operation';
import * as getSupplementaryFiles from './getSupplementaryFiles.operation';
import * as getSupplementaryInformation from './getSupplementaryInformation.operation';
import * as order from './order.operation';
import { orderCommonFields } from './orderFields';
import * as orderPackage from './orderPackage.operation';

export const operations: Record<string, OperationModule> = {
	cancel,
	generateReport,
	get,
	getAll,
	getReportFile,
	getSupplementaryFiles,
	getSupplementaryInformation,
	order,
	orderPackage,
};

const singleCase = ['cancel', 'generateReport', 'get', 'getSupplementaryFiles', 'getSupplementaryInformation'];

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['case'] } },
		options: [
			{ name: 'Cancel', value: 'cancel', action: 'Cancel a case', description: 'Cancel a case while its checks are still waiting' },
			{ name: 'Generate Report', value: 'generateReport', action: 'Generate the report of a case', description: 'Start building the PDF report of a case' },
			{ name: 'Get', value: 'get', action: 'Get a case by its id', description: 'Get a case with its checks' },
			{ name: 'Get Many', value: 'getAll', action: 'Get many cases matching filters', description: 'List cases' },
			{ name: 'Get Report File', value: 'getReportFile', action: 'Download a case report', description: 'Download a generated report PDF as binary data' },
			{ name: 'Get Supplementary Files', value: 'getSupplementaryFiles', action: 'Get the supplementary files of a case', description: 'Get the file links of each check of a case' },
			{ name: 'Get Supplementary Information', value: 'getSupplementaryInformation', action: 'Get the supplementary information of a case', description: 'Get the extra information of each check of a case' },
			{ name: 'Order', value: 'order', action: 'Order a case', description: 'Order checks for an applicant' },
			{ name: 'Order Package', value: 'orderPackage', action: 'Order a case from a package', description: 'Order the checks of a saved package for an applicant' },
		],
		default: 'getAll',
	},
	caseIdField(singleCase),
	...orderCommonFields,
	...Object.values(operations).flatMap((op) => op.description),
	caseSimplifyField('Certn', ['cancel', 'get', 'getAll', 'order', 'orderPackage']),
];
