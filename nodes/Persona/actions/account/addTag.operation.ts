import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { ACCOUNT, changeObjectTag, tagFields } from '../objectFields';

// The tag fields are declared here once for Add Tag and Remove Tag.
export const description: INodeProperties[] = tagFields(ACCOUNT);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	return await changeObjectTag(this, i, ACCOUNT, 'add-tag');
}
