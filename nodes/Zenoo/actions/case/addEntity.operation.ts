import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { requireId } from '../../../../core/validate';
import { TOKEN_PATTERNS, zenooMutation, zenooPaths } from '../../api';
import { ENTITY_CATEGORIES, ENTITY_ROLES } from '../../catalog';
import { entityBody, entityProperties } from '../entityFields';
import { caseTokenOf, oneOf } from './fields';

const show = { resource: ['case'], operation: ['addEntity'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Role',
		name: 'entityRole',
		type: 'options',
		options: ENTITY_ROLES,
		required: true,
		default: 'UBO',
		description: 'The entity\'s role in this case; an entity can have different roles in different cases',
		displayOptions: { show },
	},
	{
		displayName: 'Entity',
		name: 'entitySource',
		type: 'options',
		options: [
			{ name: 'Existing Entity', value: 'existing', description: 'An entity already in Zenoo, by its token' },
			{ name: 'New Entity', value: 'new', description: 'Create the person or company and add it' },
		],
		default: 'existing',
		displayOptions: { show },
	},
	{
		displayName: 'Entity Token',
		name: 'entityId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'ent_7h3j9k2m4n',
		displayOptions: { show: { ...show, entitySource: ['existing'] } },
	},
	{
		displayName: 'Entity Type',
		name: 'entityType',
		type: 'options',
		options: ENTITY_CATEGORIES,
		default: 'Person',
		displayOptions: { show: { ...show, entitySource: ['new'] } },
	},
	...entityProperties(
		{ ...show, entitySource: ['new'] },
		{ person: { entityType: ['Person'] }, company: { entityType: ['Company'] } },
	),
];

/** Adds an entity to the case; Zenoo starts its checks. Outputs the entity with its role. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const caseToken = caseTokenOf(this, i);
	const role = oneOf(this, i, 'Role', this.getNodeParameter('entityRole', i), ENTITY_ROLES.map((o) => o.value));
	const body: IDataObject = { role };
	if (this.getNodeParameter('entitySource', i, 'existing') === 'new') {
		const type = oneOf(this, i, 'Entity Type', this.getNodeParameter('entityType', i), ENTITY_CATEGORIES.map((o) => o.value)) as 'Person' | 'Company';
		body.entity = entityBody(this, i, type);
	} else body.entity_token = requireId(this, i, { name: 'entityId', label: 'Entity Token', pattern: TOKEN_PATTERNS.entity, example: 'ent_7h3j9k2m4n' });
	return await zenooMutation.call(this, i, { method: 'POST', path: zenooPaths.caseSub(caseToken, 'entities'), body }, { context: `adding an entity to case ${caseToken}` });
}
