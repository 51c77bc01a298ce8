import type { INodeProperties } from 'n8n-workflow';

import type { OperationModule } from '../../../../core/execute';
import * as download from './download.operation';
import * as downloadMerged from './downloadMerged.operation';
import * as upload from './upload.operation';

export const operations: Record<string, OperationModule> = { download, downloadMerged, upload };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['file'] } },
		options: [
			{ name: 'Download', value: 'download', action: 'Download a file', description: 'Download one file as binary' },
			{ name: 'Download Merged PDF', value: 'downloadMerged', action: 'Download files as one PDF', description: 'Download several files merged into one PDF' },
			{ name: 'Upload', value: 'upload', action: 'Upload a file', description: 'Upload a binary as a Penbox attachment' },
		],
		default: 'download',
	},
	...Object.values(operations).flatMap((op) => op.description),
];
