import type { INodeProperties } from 'n8n-workflow';

import type { OperationModule } from '../../../../core/execute';
import { REPORT, objectIdField, objectSimplifyField } from '../objectFields';
import * as get from './get.operation';
import * as print from './print.operation';
import * as rerun from './rerun.operation';

export const operations: Record<string, OperationModule> = { get, print, rerun };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['report'] } },
		options: [
			{ name: 'Get', value: 'get', action: 'Get a report', description: 'Get one report (watchlist, adverse media, PEP…) with its status and whether it matched' },
			{ name: 'Print', value: 'print', action: 'Print a report as PDF', description: 'Download the report as a PDF file' },
			{ name: 'Rerun', value: 'rerun', action: 'Rerun a report', description: 'Run a report again with the same inputs to check for new matches' },
		],
		default: 'get',
	},
	objectIdField(REPORT, ['get', 'print', 'rerun']),
	...Object.values(operations).flatMap((op) => op.description),
	objectSimplifyField(REPORT, ['get', 'rerun'], 'ID, type, status, match, reference, account, inquiry, tags, dates'),
];
