import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { invalidInput } from '../../../../core/errors';
import { penboxPaths, penboxRequest } from '../../api';
import { caseIdOf, caseOutput, contactRoles, getCase, templateIdOf } from './fields';

const show = { resource: ['case'], operation: ['addContact'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Role Name or ID',
		name: 'contactRole',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getContactRoles', loadOptionsDependsOn: ['caseId'] },
		required: true,
		default: '',
		description: 'The contact role of the case\'s template. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		displayOptions: { show },
	},
	{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'name@email.com', default: '', displayOptions: { show } },
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show },
		options: [
			{ displayName: 'Family Name', name: 'family_name', type: 'string', default: '' },
			{ displayName: 'Given Name', name: 'given_name', type: 'string', default: '' },
			{ displayName: 'Phone', name: 'phone', type: 'string', default: '' },
		],
	},
];

export const parallel = false;

/** `POST /cases/{id}/contacts` with `{contacts:[{key,…}]}` (body shape assumed, mirrors create). */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const caseId = caseIdOf(this, i);
	const key = String(this.getNodeParameter('contactRole', i, '') ?? '').trim();
	const email = String(this.getNodeParameter('email', i, '') ?? '').trim();
	const extra = this.getNodeParameter('additionalFields', i, {}) as IDataObject;
	if (!key) throw invalidInput(this.getNode(), i, 'Role', 'is empty', "Pick one of the template's contact roles.");
	if (!email && !String(extra.phone ?? '').trim())
		throw invalidInput(this.getNode(), i, 'Email', 'is empty and no phone is given', 'Penbox needs an email or a phone to reach the contact.');
	const current = await getCase(this, caseId, i);
	const templateId = templateIdOf(current);
	if (templateId) {
		const template = await penboxRequest.call(this, { method: 'GET', path: penboxPaths.template(templateId) }, { itemIndex: i, context: `getting case template ${templateId}` });
		const roles = contactRoles(template);
		if (roles.length && !roles.includes(key))
			throw invalidInput(this.getNode(), i, 'Role', `"${key}" is not a contact role of the case's template`, `Use one of: ${roles.join(', ')}.`);
	}
	const contact: IDataObject = { key };
	if (email) contact.email = email;
	for (const k of ['given_name', 'family_name', 'phone']) if (String(extra[k] ?? '').trim()) contact[k] = String(extra[k]).trim();
	const raw = await penboxRequest.call(this, { method: 'POST', path: penboxPaths.contacts(caseId), body: { contacts: [contact] } }, { itemIndex: i, context: `adding a contact to case ${caseId}` });
	return caseOutput(this, i, raw);
}
