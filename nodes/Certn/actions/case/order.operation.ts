import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { invalidInput } from '../../../../core/errors';
import { parseJsonValue } from '../../../../core/validate';
import { certnPaths } from '../../api';
import { CHECK_TYPES } from '../../catalog';
import { buildOrderBody, checkTypesWithArguments } from '../../orderBody';
import { identifiersFrom } from './fields';
import { orderAdditionalFields, readOrderCommon, sendOrder } from './orderFields';

const show = { resource: ['case'], operation: ['order'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Check Types',
		name: 'checkTypes',
		type: 'multiOptions',
		options: CHECK_TYPES,
		required: true,
		default: [],
		description:
			'The checks to order. Criminal and credit checks usually need IDENTITY_VERIFICATION_1 in the same case. Choose an expression to pass identifiers as text.',
		displayOptions: { show },
	},
	{
		displayName: 'Other Check Types',
		name: 'otherCheckTypes',
		type: 'string',
		default: '',
		placeholder: 'UK_DIGI_FRAUD_1, GAP_REFERENCE_1',
		description: 'Check type identifiers not in the list (from Certn\'s Client Portal › Settings › Integrations › Documentation › Checks), separated by commas',
		displayOptions: { show },
	},
	{
		displayName: 'Check Arguments (JSON)',
		name: 'checkArguments',
		type: 'json',
		default: '{}',
		description:
			'Arguments per check type, e.g. {"CREDIT_REPORT_1": {"ordering_type": "EXPLICIT_ORDERING", "explicit_check_type": ["US_CREDIT_REPORT_1"]}}. Check types named here are ordered too.',
		displayOptions: { show },
	},
	orderAdditionalFields('order'),
];

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const common = readOrderCommon(this, i);
	const args =
		parseJsonValue<IDataObject>(this, i, this.getNodeParameter('checkArguments', i, '{}'), 'Check Arguments (JSON)') ?? {};
	for (const [type, value] of Object.entries(args)) {
		if (!value || typeof value !== 'object' || Array.isArray(value))
			throw invalidInput(
				this.getNode(),
				i,
				'Check Arguments (JSON)',
				`the arguments of ${type} must be a JSON object`,
				'Use {"CHECK_TYPE": {…}}, with {} for a check without arguments.',
			);
	}
	const checkTypes = identifiersFrom(
		this,
		i,
		'Check Types',
		this.getNodeParameter('checkTypes', i, []),
		this.getNodeParameter('otherCheckTypes', i, ''),
		Object.keys(args),
	);
	if (!checkTypes.length)
		throw invalidInput(this.getNode(), i, 'Check Types', 'is empty', 'Choose at least one check to order, e.g. IDENTITY_VERIFICATION_1.');
	// Argument keys in any case map onto the upper-case identifiers Certn uses.
	const upperArgs: IDataObject = {};
	for (const [type, value] of Object.entries(args)) upperArgs[type.toUpperCase()] = value;

	const body = buildOrderBody({
		emailAddress: common.emailAddress,
		inviteMode: common.inviteMode,
		checkTypesWithArguments: checkTypesWithArguments(checkTypes, upperArgs),
		inputClaims: common.inputClaims,
		...common.extras,
	});
	return await sendOrder(this, i, certnPaths.order, body, common.inviteMode, 'ordering a case');
}
