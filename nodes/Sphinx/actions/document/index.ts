import type { INodeProperties } from 'n8n-workflow';

import type { OperationModule } from '../../../../core/execute';
import * as upload from './upload.operation';

export const operations: Record<string, OperationModule> = { upload };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['document'] } },
		options: [{ name: 'Upload', value: 'upload', action: 'Upload a document', description: 'Upload a file from a binary field' }],
		default: 'upload',
	},
	...upload.description,
];
