import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { requireId } from '../../../../core/validate';
import { TOKEN_PATTERNS } from '../../api';

const ASSESSMENT_EXAMPLE = 'rsk_2b8d4f6h1j';

export function assessmentIdField(operations: string[]): INodeProperties {
	return {
		displayName: 'Risk Assessment Token',
		name: 'riskAssessmentId',
		type: 'string',
		required: true,
		default: '',
		placeholder: ASSESSMENT_EXAMPLE,
		description: 'The risk assessment\'s token (rsk_…); Case › Get Risk Assessment gives the current one of a case',
		displayOptions: { show: { resource: ['riskAssessment'], operation: operations } },
	};
}

export function assessmentTokenOf(ctx: IExecuteFunctions, itemIndex: number): string {
	return requireId(ctx, itemIndex, { name: 'riskAssessmentId', label: 'Risk Assessment Token', pattern: TOKEN_PATTERNS.riskAssessment, example: ASSESSMENT_EXAMPLE });
}
