import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { invalidInput } from '../../../core/errors';
import { compact, parseJsonValue } from '../../../core/validate';

type Show = Record<string, string[]>;

/**
 * Zenoo's CreateEntity body (used by Create Entity, a case's inline entity and Add Entity):
 * the name fields for the entity type, then the optional details in one collection.
 */
export function entityProperties(show: Show, typeShow: { person: Show; company: Show }): INodeProperties[] {
	return [
		{
			displayName: 'First Name',
			name: 'firstName',
			type: 'string',
			required: true,
			default: '',
			displayOptions: { show: { ...show, ...typeShow.person } },
		},
		{
			displayName: 'Last Name',
			name: 'lastName',
			type: 'string',
			required: true,
			default: '',
			displayOptions: { show: { ...show, ...typeShow.person } },
		},
		{
			displayName: 'Company Name',
			name: 'companyName',
			type: 'string',
			required: true,
			default: '',
			displayOptions: { show: { ...show, ...typeShow.company } },
		},
		{
			displayName: 'Entity Details',
			name: 'entityDetails',
			type: 'collection',
			placeholder: 'Add Detail',
			default: {},
			displayOptions: { show },
			options: [
				{ displayName: 'Address Country', name: 'addressCountry', type: 'string', default: '', placeholder: 'GB', description: 'ISO 3166-1 alpha-2 code' },
				{ displayName: 'Address Line 1', name: 'addressLine1', type: 'string', default: '' },
				{ displayName: 'Address Line 2', name: 'addressLine2', type: 'string', default: '' },
				{ displayName: 'City', name: 'city', type: 'string', default: '' },
				{ displayName: 'Country', name: 'country', type: 'string', default: '', placeholder: 'GB', description: 'Country of residence or incorporation (ISO 3166-1 alpha-2 code)' },
				{ displayName: 'Date of Birth', name: 'dateOfBirth', type: 'string', default: '', placeholder: '1985-04-12', description: 'People only, YYYY-MM-DD' },
				{ displayName: 'Entity External Reference', name: 'externalReference', type: 'string', default: '', description: 'Your own ID for this person or company' },
				{ displayName: 'Entity Metadata (JSON)', name: 'metadata', type: 'json', default: '{}', description: 'Any JSON object stored with the entity' },
				{ displayName: 'Nationality', name: 'nationality', type: 'string', default: '', placeholder: 'GB', description: 'People only (ISO 3166-1 alpha-2 code)' },
				{ displayName: 'Postal Code', name: 'postalCode', type: 'string', default: '' },
				{ displayName: 'Registration Number', name: 'registrationNumber', type: 'string', default: '', description: 'Companies only: the company register number' },
				{ displayName: 'State / Region', name: 'state', type: 'string', default: '' },
			],
		},
	];
}

const COUNTRY = /^[A-Za-z]{2}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function country(ctx: IExecuteFunctions, i: number, label: string, value: unknown): string | undefined {
	const text = typeof value === 'string' ? value.trim() : '';
	if (!text) return undefined;
	if (!COUNTRY.test(text))
		throw invalidInput(ctx.getNode(), i, label, `"${text.slice(0, 40)}" is not a two-letter country code`, 'Use an ISO 3166-1 alpha-2 code such as GB, DE or US.');
	return text.toUpperCase();
}

/** The CreateEntity body for `type` from the entity parameters of item `i`; bad values name their field. */
export function entityBody(ctx: IExecuteFunctions, i: number, type: 'Person' | 'Company'): IDataObject {
	const details = ctx.getNodeParameter('entityDetails', i, {}) as IDataObject;
	const name = (param: string, label: string) => {
		const value = String(ctx.getNodeParameter(param, i, '') ?? '').trim();
		if (!value) throw invalidInput(ctx.getNode(), i, label, 'is empty', `Enter the ${label.toLowerCase()} of the ${type === 'Person' ? 'person' : 'company'}.`);
		return value;
	};
	const dob = typeof details.dateOfBirth === 'string' ? details.dateOfBirth.trim() : '';
	if (dob && (!DATE.test(dob) || Number.isNaN(Date.parse(dob))))
		throw invalidInput(ctx.getNode(), i, 'Entity Details > Date of Birth', `"${dob.slice(0, 40)}" is not a date`, 'Use YYYY-MM-DD, e.g. 1985-04-12.');
	const address = compact({
		line1: details.addressLine1,
		line2: details.addressLine2,
		city: details.city,
		state: details.state,
		postal_code: details.postalCode,
		country: country(ctx, i, 'Entity Details > Address Country', details.addressCountry),
	});
	const metadata = parseJsonValue<IDataObject>(ctx, i, details.metadata, 'Entity Details > Entity Metadata (JSON)');
	return compact({
		type,
		...(type === 'Person'
			? { first_name: name('firstName', 'First Name'), last_name: name('lastName', 'Last Name'), date_of_birth: dob || undefined }
			: { company_name: name('companyName', 'Company Name'), registration_number: details.registrationNumber }),
		nationality: type === 'Person' ? country(ctx, i, 'Entity Details > Nationality', details.nationality) : undefined,
		country: country(ctx, i, 'Entity Details > Country', details.country),
		address: Object.keys(address).length ? address : undefined,
		external_reference: details.externalReference,
		metadata: metadata && Object.keys(metadata).length ? metadata : undefined,
	});
}
