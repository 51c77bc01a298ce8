import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { zenooMutation, zenooPaths } from '../../api';
import { alertTokenOf } from './fields';
import { resolutionBody, resolutionProperties } from './resolution';

export const description: INodeProperties[] = resolutionProperties('resolve');

/** Resolves one alert; outputs the alert with its new status (Resolved, Escalated, False Positive, or still Open). */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const alertToken = alertTokenOf(this, i);
	const body = resolutionBody(this, i);
	return await zenooMutation.call(this, i, { method: 'POST', path: zenooPaths.alertAction(alertToken, 'resolve'), body }, { context: `resolving alert ${alertToken}` });
}
