import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { pick } from '../../../../core/normalize';
import { requireId } from '../../../../core/validate';
import { personaRequest } from '../../api';

const show = { resource: ['caseTemplate'], operation: ['get'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Case Template ID',
		name: 'caseTemplateId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'ctmpl_ABC123',
		description: 'The case template to read: its name, resolutions and field keys',
		displayOptions: { show },
	},
	{
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description: 'Whether to return the template\'s ID, name, status, resolutions and fields instead of the raw Persona object',
		displayOptions: { show },
	},
];

export const parallel = true;

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const id = requireId(this, i, { name: 'caseTemplateId', label: 'Case Template ID', pattern: /^ctmpl_[A-Za-z0-9]+$/, example: 'ctmpl_ABC123' });
	const doc = await personaRequest.call(
		this,
		{ method: 'GET', path: `/case-templates/${encodeURIComponent(id)}` },
		{ itemIndex: i, context: `getting case template ${id}` },
	);
	const data = (doc.data ?? {}) as IDataObject;
	if (!this.getNodeParameter('simplify', i, true)) return data;
	const attributes = (data.attributes ?? {}) as IDataObject;
	const schemas = (pick(attributes, 'field-schemas') ?? []) as IDataObject[];
	return {
		id: data.id,
		name: pick(attributes, 'name') ?? null,
		status: pick(attributes, 'status') ?? null,
		resolutions: pick(attributes, 'resolutions') ?? [],
		fields: schemas.map((f) => ({ key: f.key, type: f.type, label: f.label ?? null })),
	};
}
