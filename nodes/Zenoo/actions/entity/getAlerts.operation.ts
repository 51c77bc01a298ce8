import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { zenooPaths } from '../../api';
import { fetchSubList, subListDescription } from '../common';
import { entityTokenOf } from './fields';

export const description: INodeProperties[] = subListDescription({ resource: ['entity'], operation: ['getAlerts'] }, []);

export const parallel = true;

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const token = entityTokenOf(this, i);
	return await fetchSubList(this, i, zenooPaths.entitySub(token, 'alerts'), `listing the alerts of entity ${token}`);
}
