import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { zenooMutation, zenooPaths } from '../../api';
import { maxLength, userIdOf } from '../common';
import { alertTokenOf } from './fields';

export const description: INodeProperties[] = [
	{
		displayName: 'Options',
		name: 'escalateOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { resource: ['alert'], operation: ['escalate'] } },
		options: [
			{ displayName: 'Escalate To (User ID)', name: 'escalateTo', type: 'string', default: '', description: 'The senior reviewer; empty lets Zenoo choose' },
			{ displayName: 'Reason', name: 'reason', type: 'string', typeOptions: { rows: 2 }, default: '' },
		],
	},
];

/** Escalates one alert to a senior reviewer (status Escalated). */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const alertToken = alertTokenOf(this, i);
	const o = this.getNodeParameter('escalateOptions', i, {}) as IDataObject;
	const body: IDataObject = {};
	const reason = maxLength(this, i, 'Options > Reason', o.reason, 5000);
	const to = userIdOf(this, i, 'Options > Escalate To (User ID)', o.escalateTo);
	if (reason) body.reason = reason;
	if (to) body.escalate_to = to;
	return await zenooMutation.call(this, i, { method: 'POST', path: zenooPaths.alertAction(alertToken, 'escalate'), body }, { context: `escalating alert ${alertToken}` });
}
