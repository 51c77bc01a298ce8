import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { invalidInput } from '../../../../core/errors';
import { requireId } from '../../../../core/validate';
import { penboxPaths, penboxRequest, UUID } from '../../api';
import { createWithLookup } from './createRetry';
import { caseOutput, checkDataKeys, contactRoles, dataFromRows, dataRowsField, schemaKeys } from './fields';

const show = { resource: ['case'], operation: ['create'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Template Name or ID',
		name: 'templateId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getCaseTemplates' },
		required: true,
		default: '',
		description: 'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
		hint: 'The case template: its steps, data fields and contact roles',
		displayOptions: { show },
	},
	{
		displayName: 'Workspace Name or ID',
		name: 'workspaceId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getWorkspaces' },
		required: true,
		default: '',
		description: 'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
		displayOptions: { show },
	},
	{
		displayName: 'Title',
		name: 'title',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'Onboarding ACME',
		displayOptions: { show },
	},
	{
		displayName: 'Main Contact',
		name: 'mainContact',
		type: 'collection',
		placeholder: 'Add Contact Field',
		default: {},
		description: 'The client who receives the forms and reminders (needs an email or a phone)',
		displayOptions: { show },
		options: [
			{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'name@email.com', default: '' },
			{ displayName: 'Family Name', name: 'family_name', type: 'string', default: '' },
			{ displayName: 'Given Name', name: 'given_name', type: 'string', default: '' },
			{ displayName: 'Phone', name: 'phone', type: 'string', default: '', placeholder: '+32470000000' },
			{
				displayName: 'Role Name or ID',
				name: 'key',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getContactRoles', loadOptionsDependsOn: ['templateId'] },
				default: '',
				description: 'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
			},
		],
	},
	dataRowsField(show, ['templateId']),
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show },
		options: [
			{ displayName: 'Description', name: 'description', type: 'string', default: '' },
			{ displayName: 'Locale', name: 'locale', type: 'string', default: '', placeholder: 'en' },
			{ displayName: 'Owner Email', name: 'ownerEmail', type: 'string', placeholder: 'name@email.com', default: '', description: 'The Penbox user who owns the case' },
			{
				displayName: 'Reference',
				name: 'reference',
				type: 'string',
				default: '',
				description: 'Your own reference (e.g. the CRM ID). With one, a create whose answer was lost is looked up by it instead of being sent blindly again.',
			},
			{ displayName: 'Status', name: 'status', type: 'string', default: '', description: 'Initial custom status key' },
		],
	},
];

export const parallel = false;

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const node = this.getNode();
	const templateId = requireId(this, i, { name: 'templateId', label: 'Template', pattern: UUID });
	const workspaceId = requireId(this, i, { name: 'workspaceId', label: 'Workspace', pattern: UUID });
	const title = String(this.getNodeParameter('title', i, '') ?? '').trim();
	if (!title) throw invalidInput(node, i, 'Title', 'is empty', 'Enter a title for the case.');
	const contact = { ...(this.getNodeParameter('mainContact', i, {}) as IDataObject) };
	const data = dataFromRows(((this.getNodeParameter('data', i, {}) as IDataObject).field ?? []) as IDataObject[]);
	const additional = this.getNodeParameter('additionalFields', i, {}) as IDataObject;

	// The template says which data fields and contact roles exist: checked before the create.
	const template = await penboxRequest.call(this, { method: 'GET', path: penboxPaths.template(templateId) }, { itemIndex: i, context: `getting case template ${templateId}` });
	checkDataKeys(this, i, 'Data', data, schemaKeys(template), `template "${String(template.title ?? templateId)}"`);
	const roles = contactRoles(template);
	const hasContact = ['email', 'phone', 'given_name', 'family_name'].some((k) => String(contact[k] ?? '').trim());
	if (hasContact) {
		contact.key = String(contact.key ?? '').trim() || roles[0] || 'main';
		if (roles.length && !roles.includes(contact.key as string))
			throw invalidInput(node, i, 'Main Contact > Role', `"${String(contact.key)}" is not a contact role of the template`, `Use one of: ${roles.join(', ')}.`);
		if (!String(contact.email ?? '').trim() && !String(contact.phone ?? '').trim())
			throw invalidInput(node, i, 'Main Contact', 'has neither an email nor a phone', 'Penbox needs one of them to send the client anything.');
	}

	const body: IDataObject = { title, template: { id: templateId }, workspace: { id: workspaceId } };
	const reference = String(additional.reference ?? '').trim() || undefined;
	if (reference) body.reference = reference;
	for (const key of ['description', 'locale', 'status'])
		if (String(additional[key] ?? '').trim()) body[key] = String(additional[key]).trim();
	if (String(additional.ownerEmail ?? '').trim()) body.owner = { email: String(additional.ownerEmail).trim() };
	if (hasContact) {
		const c: IDataObject = {};
		for (const k of ['key', 'email', 'given_name', 'family_name', 'phone']) if (String(contact[k] ?? '').trim()) c[k] = String(contact[k]).trim();
		body.contacts = [c];
	}

	const create = async () =>
		await penboxRequest.call(this, { method: 'POST', path: penboxPaths.cases, body, sideEffect: 'create' }, { itemIndex: i, context: 'creating a case' });
	const { raw, recovered } = await createWithLookup(this, i, reference, create);
	let result = raw;
	// Prefilled data goes through the documented data route (whether create's `schema` sets values is not documented).
	if (Object.keys(data).length)
		result = await penboxRequest.call(this, { method: 'POST', path: penboxPaths.data(String(raw.id)), body: { data } }, { itemIndex: i, context: `setting data of case ${String(raw.id)}` });
	const out = caseOutput(this, i, result);
	return recovered ? { ...out, recovered } : out;
}
