import { supplementaryOperation } from './supplementary';

export const { description, execute, parallel } = supplementaryOperation(
	'files',
	'getSupplementaryFiles',
	'Returns each check with its status and presigned file URLs. The URLs expire after 3 hours, and a check\'s files are final only once it is COMPLETE, CANCELLED or SUPERSEDED.',
);
