import { parseSphinxError } from '../../nodes/Sphinx/api';
import { caseEventOf, isCaseFinished, normalizeCheck, normalizeSphinxCase, reasoningText, sphinxCaseStatus } from '../../nodes/Sphinx/normalize';

describe('Sphinx normalization', () => {
	it('maps both field generations onto the normalized status', () => {
		expect(sphinxCaseStatus({ is_complete: true, failed: false })).toBe('COMPLETED');
		expect(sphinxCaseStatus({ is_complete: false, failed: true })).toBe('FAILED');
		expect(sphinxCaseStatus({ is_complete: false, failed: false })).toBe('IN_PROGRESS');
		expect(sphinxCaseStatus({})).toBe('IN_PROGRESS');
		expect(sphinxCaseStatus({ status: 'PROCESSING' })).toBe('PROCESSING');
		expect(sphinxCaseStatus({ status: 'COMPLETED', is_complete: true })).toBe('COMPLETED');
	});

	it('knows when a case is finished, in either generation', () => {
		expect(isCaseFinished({ is_complete: true })).toBe(true);
		expect(isCaseFinished({ failed: true })).toBe(true);
		expect(isCaseFinished({ is_complete: false, failed: false, status: 'COMPLETED' })).toBe(false);
		expect(isCaseFinished({ status: 'COMPLETED' })).toBe(true);
		expect(isCaseFinished({ status: 'ERROR' })).toBe(true);
		expect(isCaseFinished({ status: 'PROCESSING' })).toBe(false);
		expect(caseEventOf({ status: 'ERROR' })).toBe('case.failed');
		expect(caseEventOf({ is_complete: true, failed: false })).toBe('case.completed');
		expect(caseEventOf({ is_complete: false })).toBeUndefined();
	});

	it('normalizes a case with numbers as strings and missing optional fields as null', () => {
		expect(normalizeSphinxCase({ id: 12, external_id: 'x-1', outcome: 'ACCEPTED', risk_score: 0.153, is_complete: true, created_at: '2023-11-07T05:31:56Z' })).toEqual({
			vendor: 'sphinx',
			id: '12',
			reference: 'x-1',
			status: 'COMPLETED',
			outcome: 'ACCEPTED',
			riskScore: 0.153,
			assignee: null,
			createdAt: '2023-11-07T05:31:56.000Z',
			updatedAt: null,
		});
	});

	it('always outputs check reasoning as one string', () => {
		expect(reasoningText(['a', 'b'])).toBe('a\n\nb');
		expect(reasoningText('a')).toBe('a');
		expect(reasoningText([])).toBeNull();
		expect(reasoningText(null)).toBeNull();
		expect(normalizeCheck({ id: 1, reasoning: ['x'] })).toEqual({ id: 1, reasoning: 'x' });
		expect(normalizeCheck({ id: 1 })).toEqual({ id: 1 });
	});

	it('reads DRF errors: detail, field errors (nested) and OAuth errors', () => {
		expect(parseSphinxError({ detail: 'Not found.' })).toEqual({ message: 'Not found.', code: undefined });
		expect(parseSphinxError({ customer_id: ['Invalid pk "9".'], non_field_errors: ['Both given.'] })).toEqual({ message: 'customer_id: Invalid pk "9".; Both given.', field: 'customer_id' });
		expect(parseSphinxError({ customer: { full_name: ['This field is required.'] } })).toEqual({ message: 'customer.full_name: This field is required.', field: 'customer.full_name' });
		expect(parseSphinxError({ checks: [{}, { check_type: ['"X" is not a valid choice.'] }] }).field).toBe('checks[1].check_type');
		expect(parseSphinxError({ error: 'invalid_client', error_description: 'Client authentication failed.' }).message).toBe('invalid_client: Client authentication failed.');
		expect(parseSphinxError('<html>')).toEqual({});
	});
});
