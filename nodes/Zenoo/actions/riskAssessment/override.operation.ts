import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { invalidInput } from '../../../../core/errors';
import { zenooMutation, zenooPaths } from '../../api';
import { RISK_TIERS } from '../../catalog';
import { maxLength, oneOf } from '../common';
import { assessmentTokenOf } from './fields';

const show = { resource: ['riskAssessment'], operation: ['override'] };

export const description: INodeProperties[] = [
	{ displayName: 'Tier', name: 'tier', type: 'options', options: RISK_TIERS, required: true, default: 'High', displayOptions: { show } },
	{
		displayName: 'Justification',
		name: 'justification',
		type: 'string',
		typeOptions: { rows: 3 },
		required: true,
		default: '',
		description: 'Why the calculated tier is overridden; kept in the audit trail. The overridden assessment must be approved again before the case can close.',
		displayOptions: { show },
	},
];

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const token = assessmentTokenOf(this, i);
	const tier = oneOf(this, i, 'Tier', this.getNodeParameter('tier', i), RISK_TIERS.map((o) => o.value));
	const justification = maxLength(this, i, 'Justification', this.getNodeParameter('justification', i, ''), 5000);
	if (!justification) throw invalidInput(this.getNode(), i, 'Justification', 'is empty', 'Zenoo needs a justification to override a risk tier.');
	return await zenooMutation.call(this, i, { method: 'POST', path: zenooPaths.riskAssessmentAction(token, 'override'), body: { tier, justification } }, { context: `overriding risk assessment ${token}` });
}
