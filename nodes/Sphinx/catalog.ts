import type { INodePropertyOptions } from 'n8n-workflow';

/**
 * Check types Sphinx's docs show (the published list is cut off after WEB_PRESENCE, so a free
 * text value is accepted as well).
 */
const CHECK_TYPE_VALUES = [
	'ADVERSE_MEDIA', 'ARTICLES_OF_ASSOCIATION', 'AUTHORIZATION_FORM', 'BALANCE_SHEETS', 'BANK_STATEMENT', 'BLACKLIST',
	'CLEAN_SCREENING', 'COMMERCIAL_EXTRACT', 'CRA', 'EDD_QUESTIONNAIRE', 'INCOME_STATEMENTS', 'INCORPORATION_DOCUMENT',
	'KYB_BANK_STATEMENT', 'KYB_PROOF_OF_ADDRESS', 'KYB_PROOF_OF_IDENTITY', 'KYB_TAX_DOCUMENTS', 'MEETING_MINUTES',
	'NAME_CHECK', 'ONBOARDING_FORM', 'PEP', 'PROOF_OF_ADDRESS', 'PROOF_OF_IDENTITY', 'RDC_VERIFICATION', 'SANCTION',
	'SHAREHOLDER_LIST', 'SIGNING_AUTHORITY', 'SOURCE_OF_FUNDS', 'TAX_DOCUMENTS', 'TRANSACTION_MONITORING',
	'UBO_RESOLUTION', 'USER_RISK_REPORT', 'WEB_PRESENCE',
];

const title = (v: string) =>
	v
		.split('_')
		.map((w) => (['PEP', 'CRA', 'KYB', 'UBO', 'EDD', 'RDC'].includes(w) ? w : w.charAt(0) + w.slice(1).toLowerCase()))
		.join(' ');

export const CHECK_TYPES: INodePropertyOptions[] = [
	...CHECK_TYPE_VALUES.map((value) => ({ name: title(value), value })),
	{ name: 'Other (Type Below)', value: '__other' },
].sort((a, b) => a.name.localeCompare(b.name));

export const CUSTOMER_TYPES: INodePropertyOptions[] = [
	{ name: 'Company', value: 'COMPANY' },
	{ name: 'Individual', value: 'INDIVIDUAL' },
];

/** Sphinx check_type identifiers: upper-case words joined by underscores. */
export const CHECK_TYPE_PATTERN = /^[A-Z][A-Z0-9_]*$/;
