import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { zenooMutation, zenooPaths } from '../../api';
import { ENTITY_CATEGORIES } from '../../catalog';
import { oneOf } from '../common';
import { entityBody, entityProperties } from '../entityFields';

const show = { resource: ['entity'], operation: ['create'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Entity Type',
		name: 'entityType',
		type: 'options',
		options: ENTITY_CATEGORIES,
		default: 'Person',
		displayOptions: { show },
	},
	...entityProperties(show, { person: { entityType: ['Person'] }, company: { entityType: ['Company'] } }),
];

/** Creates a person or company in Zenoo (add it to cases with Case › Add Entity). */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const type = oneOf(this, i, 'Entity Type', this.getNodeParameter('entityType', i), ENTITY_CATEGORIES.map((o) => o.value)) as 'Person' | 'Company';
	return await zenooMutation.call(this, i, { method: 'POST', path: zenooPaths.entities, body: entityBody(this, i, type) }, { context: 'creating an entity' });
}
