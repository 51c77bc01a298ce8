import { supplementaryOperation } from './supplementary';

export const { description, execute, parallel } = supplementaryOperation(
	'information',
	'getSupplementaryInformation',
	'Returns each check with its status and structured extra information, final only once the check is COMPLETE, CANCELLED or SUPERSEDED. Contains personal data.',
);
