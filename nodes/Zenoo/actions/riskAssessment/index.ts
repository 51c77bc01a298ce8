import type { INodeProperties } from 'n8n-workflow';

import type { OperationModule } from '../../../../core/execute';
import { assessmentIdField } from './fields';
import * as get from './get.operation';
import * as override from './override.operation';

export const operations: Record<string, OperationModule> = { get, override };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['riskAssessment'] } },
		options: [
			{ name: 'Get', value: 'get', action: 'Get a risk assessment', description: 'Get a risk assessment with its score, tier and dimensions' },
			{ name: 'Override Tier', value: 'override', action: 'Override the tier of a risk assessment', description: 'Set the risk tier by hand, with a justification' },
		],
		default: 'get',
	},
	assessmentIdField(['get', 'override']),
	...Object.values(operations).flatMap((op) => op.description),
];
