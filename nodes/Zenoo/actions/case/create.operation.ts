import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { invalidInput } from '../../../../core/errors';
import { compact, parseJsonValue } from '../../../../core/validate';
import { zenooMutation, zenooPaths } from '../../api';
import { CASE_TYPES, ENTITY_CATEGORIES } from '../../catalog';
import { entityBody, entityProperties } from '../entityFields';
import { caseOutput, maxLength, oneOf, userIdOf } from './fields';

const show = { resource: ['case'], operation: ['create'] };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const description: INodeProperties[] = [
	{
		displayName: 'Case Type',
		name: 'caseType',
		type: 'options',
		options: CASE_TYPES,
		required: true,
		default: 'Onboarding',
		displayOptions: { show },
	},
	{
		displayName: 'Entity Category',
		name: 'entityCategory',
		type: 'options',
		options: ENTITY_CATEGORIES,
		required: true,
		default: 'Person',
		description: 'Whether the case is about a person or a company; the entity below is created with the case as its primary entity',
		displayOptions: { show },
	},
	...entityProperties(show, { person: { entityCategory: ['Person'] }, company: { entityCategory: ['Company'] } }),
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show },
		options: [
			{ displayName: 'Assigned To (User ID)', name: 'assignedTo', type: 'string', default: '', description: 'The Zenoo user who works the case' },
			{
				displayName: 'External Reference',
				name: 'externalReference',
				type: 'string',
				default: '',
				description: 'Your own ID for the case (at most 255 characters), e.g. the CRM record; Zenoo keeps it for matching and de-duplication',
			},
			{
				displayName: 'Idempotency Key',
				name: 'idempotencyKey',
				type: 'string',
				default: '',
				placeholder: '9b2c6a8e-4d1f-4a57-8c3e-1f0a2b3c4d5e',
				description: 'A UUID. By default the node derives one from the execution and the item, so a retried create never makes a second case; set your own to make re-runs of the same record idempotent too (Zenoo remembers a key for 24 hours).',
			},
			{ displayName: 'Metadata (JSON)', name: 'metadata', type: 'json', default: '{}', description: 'Any JSON object stored with the case' },
		],
	},
];

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const type = oneOf(this, i, 'Case Type', this.getNodeParameter('caseType', i), CASE_TYPES.map((o) => o.value));
	const category = oneOf(this, i, 'Entity Category', this.getNodeParameter('entityCategory', i), ENTITY_CATEGORIES.map((o) => o.value)) as 'Person' | 'Company';
	const additional = this.getNodeParameter('additionalFields', i, {}) as IDataObject;
	const metadata = parseJsonValue<IDataObject>(this, i, additional.metadata, 'Additional Fields > Metadata (JSON)');
	const key = typeof additional.idempotencyKey === 'string' ? additional.idempotencyKey.trim() : '';
	if (key && !UUID.test(key))
		throw invalidInput(this.getNode(), i, 'Additional Fields > Idempotency Key', `"${key.slice(0, 60)}" is not a UUID`, 'Leave it empty, or use a UUID such as 9b2c6a8e-4d1f-4a57-8c3e-1f0a2b3c4d5e.');
	const body = compact({
		type,
		entity_category: category,
		entity: entityBody(this, i, category),
		assigned_to: userIdOf(this, i, 'Additional Fields > Assigned To (User ID)', additional.assignedTo),
		external_reference: maxLength(this, i, 'Additional Fields > External Reference', additional.externalReference, 255),
		metadata: metadata && Object.keys(metadata).length ? metadata : undefined,
	});
	const created = await zenooMutation.call(this, i, { method: 'POST', path: zenooPaths.cases, body }, { context: 'creating a case', idempotencyKey: key || undefined });
	return caseOutput(this, i, created);
}
