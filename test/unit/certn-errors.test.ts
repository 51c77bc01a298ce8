import type { INode } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { vendorHttpError } from '../../core/errors';
import { certnApi, parseCertnError } from '../../nodes/Certn/api';
import { blockingChecks, cancelRefusal } from '../../nodes/Certn/actions/case/cancel.operation';

const node: INode = { id: 'n1', name: 'Certn', type: 'n8n-nodes-compliance-cases.certn', typeVersion: 1, position: [0, 0], parameters: {} };

describe('Certn error bodies', () => {
	it('joins every error detail, prefixed with its attr, and names the first field', () => {
		const info = parseCertnError({
			type: 'validation_error',
			errors: [
				{ code: 'required', detail: 'This field is required.', attr: 'email_address' },
				{ code: 'invalid', detail: '"FOO_1" is not a valid check type.', attr: 'check_types_with_arguments' },
			],
		});
		expect(info).toEqual({
			message: 'email_address: This field is required.; check_types_with_arguments: "FOO_1" is not a valid check type.',
			field: 'email_address',
			code: 'required',
		});
	});

	it('does not repeat an attr the detail already starts with, and handles attr null', () => {
		expect(parseCertnError({ type: 'validation_error', errors: [{ code: 'invalid', detail: 'email_address is required', attr: 'email_address' }] }).message).toBe(
			'email_address is required',
		);
		expect(parseCertnError({ type: 'client_error', errors: [{ code: 'not_found', detail: 'Not found.', attr: null }] })).toEqual({
			message: 'Not found.',
			field: undefined,
			code: 'not_found',
		});
	});

	it('falls back to a top-level detail, short plain text, and ignores HTML pages', () => {
		expect(parseCertnError({ detail: 'Invalid API key.' }).message).toBe('Invalid API key.');
		expect(parseCertnError('Service Unavailable').message).toBe('Service Unavailable');
		expect(parseCertnError('<html><body>502 Bad Gateway</body></html>')).toEqual({});
		expect(parseCertnError(undefined)).toEqual({});
		expect(parseCertnError({ type: 'server_error', errors: 'nonsense' })).toEqual({ message: undefined, field: undefined, code: 'server_error' });
	});

	it('becomes a NodeApiError with Certn\'s words, the HTTP code, the field and a Certn-specific hint', () => {
		const error = vendorHttpError(
			node,
			certnApi,
			{ statusCode: 401, headers: { 'x-request-id': 'req_1' }, body: { type: 'client_error', errors: [{ code: 'authentication_failed', detail: 'Invalid API key.', attr: null }] }, requestId: 'req_1' },
			2,
			[],
			'listing cases',
		);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe('Certn listing cases failed (HTTP 401): Invalid API key.');
		expect(error.description).toMatch(/region/);
		expect(error.description).toContain('req_1');
		expect(error.context.itemIndex).toBe(2);
	});
});

describe('Certn cancel refusal', () => {
	const caseId = '2f64d134-1c54-4028-8e8b-9cfa7bd8011c';
	const refusal = { statusCode: 400, headers: {}, body: { type: 'validation_error', errors: [{ code: 'invalid', detail: 'Case cannot be cancelled.', attr: null }] } };

	it('names the checks that have gone too far and the rule', () => {
		const current = {
			overall_status: 'IN_PROGRESS',
			checks: [
				{ type: 'IDENTITY_VERIFICATION_1', status: 'COMPLETE' },
				{ type: 'CRIMINAL_RECORD_REPORT_1', status: 'IN_PROGRESS' },
				{ type: 'CREDIT_REPORT_1', status: 'PENDING_FULFILLMENT' },
			],
		};
		expect(blockingChecks(current)).toEqual(['CRIMINAL_RECORD_REPORT_1: IN_PROGRESS']);
		const error = vendorHttpError(node, certnApi, refusal, 0, [], `cancelling case ${caseId}`, cancelRefusal(caseId, current));
		expect(error.message).toBe(
			`Certn refused to cancel case ${caseId}: its checks are too far along (CRIMINAL_RECORD_REPORT_1: IN_PROGRESS); a case can only be cancelled while every active check is AWAITING_APPLICANT_SUBMISSION or PENDING_FULFILLMENT (HTTP 400; Certn says: Case cannot be cancelled.)`,
		);
		expect(error.description).toMatch(/Nothing was changed/);
	});

	it('still states the rule when the case could not be read, and says when it is already cancelled', () => {
		expect(cancelRefusal(caseId, undefined).message).toMatch(/most likely because its checks are too far along: a case can only be cancelled while every active check is AWAITING_APPLICANT_SUBMISSION or PENDING_FULFILLMENT/);
		expect(cancelRefusal(caseId, { overall_status: 'CANCELLED', checks: [] }).message).toBe(`Certn refused to cancel case ${caseId}: it is already cancelled`);
	});
});
