import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { compact, parseJsonValue } from '../../../../core/validate';
import { zenooMutation, zenooPaths } from '../../api';
import { caseTokenOf } from './fields';

const show = { resource: ['case'], operation: ['recalculateRiskAssessment'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Additional Fields',
		name: 'riskFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show },
		options: [
			{ displayName: 'Model Token', name: 'modelId', type: 'string', default: '', description: 'The risk model to use; empty for the project\'s default model' },
			{
				displayName: 'Override Data (JSON)',
				name: 'overrideData',
				type: 'json',
				default: '{}',
				description: 'Inputs that replace what Zenoo derives, as the risk model expects them',
			},
		],
	},
];

/** Creates a new risk assessment for the case (it supersedes the active one). Outputs the assessment. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const caseToken = caseTokenOf(this, i);
	const fields = this.getNodeParameter('riskFields', i, {}) as IDataObject;
	const overrideData = parseJsonValue<IDataObject>(this, i, fields.overrideData, 'Additional Fields > Override Data (JSON)');
	const body = compact({
		model_token: typeof fields.modelId === 'string' ? fields.modelId.trim() : undefined,
		override_data: overrideData && Object.keys(overrideData).length ? overrideData : undefined,
	});
	return await zenooMutation.call(this, i, { method: 'POST', path: zenooPaths.caseSub(caseToken, 'risk-assessments'), body }, { context: `recalculating the risk of case ${caseToken}` });
}
