import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { invalidInput } from '../../../../core/errors';
import { parseJsonValue } from '../../../../core/validate';
import { penboxPaths, penboxRequest } from '../../api';
import { caseIdOf, caseOutput, getCase, stepKeys, templateIdOf } from './fields';

const show = { resource: ['case'], operation: ['startStep'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Step Name or ID',
		name: 'stepKey',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getStepKeys', loadOptionsDependsOn: ['caseId'] },
		required: true,
		default: '',
		description: 'The step to start: send the form, an email or SMS, a reminder. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		displayOptions: { show },
	},
	{
		displayName: 'Step Data (JSON)',
		name: 'stepData',
		type: 'json',
		default: '',
		description: 'Optional data passed to the step, as a JSON object',
		displayOptions: { show },
	},
];

export const parallel = false;

/** `POST /cases/{id}/start/{stepKey}`; Penbox answers 409 when the step already ran. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const caseId = caseIdOf(this, i);
	const stepKey = String(this.getNodeParameter('stepKey', i, '') ?? '').trim();
	if (!stepKey) throw invalidInput(this.getNode(), i, 'Step', 'is empty', "Pick one of the template's steps.");
	const data = parseJsonValue<IDataObject>(this, i, this.getNodeParameter('stepData', i, ''), 'Step Data (JSON)');
	const current = await getCase(this, caseId, i);
	let keys = stepKeys(current);
	const templateId = templateIdOf(current);
	if (!keys.length && templateId)
		keys = stepKeys(await penboxRequest.call(this, { method: 'GET', path: penboxPaths.template(templateId) }, { itemIndex: i, context: `getting case template ${templateId}` }));
	if (keys.length && !keys.includes(stepKey))
		throw invalidInput(this.getNode(), i, 'Step', `"${stepKey.slice(0, 80)}" is not a step of the case's template`, `Use one of: ${keys.join(', ')}.`);
	const raw = await penboxRequest.call(
		this,
		{ method: 'POST', path: penboxPaths.start(caseId, stepKey), body: data ? { data } : {}, sideEffect: 'create' },
		{ itemIndex: i, context: `starting step ${stepKey} of case ${caseId}` },
	);
	return Object.keys(raw).length ? caseOutput(this, i, raw) : { caseId, stepKey, started: true };
}
