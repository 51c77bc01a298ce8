import { looksLikeCase, normalizeCertnCase } from '../../nodes/Certn/normalize';

describe('normalized case (Certn)', () => {
	const raw = {
		id: '2f64d134-1c54-4028-8e8b-9cfa7bd8011c',
		short_id: 'CS_ABC123',
		created: '2026-08-21T10:00:00Z',
		modified: '2026-08-22T11:30:00.500Z',
		overall_status: 'COMPLETE',
		overall_score: 'CLEAR',
		email_address: 'applicant@example.com',
		checks: [{ id: 'k1', type: 'IDENTITY_VERIFICATION_1', status: 'COMPLETE', score: 'CLEAR' }],
	};

	it('maps short_id, overall_status and overall_score to the contract shape', () => {
		expect(normalizeCertnCase(raw)).toEqual({
			vendor: 'certn',
			id: '2f64d134-1c54-4028-8e8b-9cfa7bd8011c',
			reference: 'CS_ABC123',
			status: 'COMPLETE',
			outcome: 'CLEAR',
			riskScore: null,
			assignee: null,
			createdAt: '2026-08-21T10:00:00.000Z',
			updatedAt: '2026-08-22T11:30:00.500Z',
		});
	});

	it('keeps the score null until the case is closed, and is defensive about missing fields', () => {
		expect(normalizeCertnCase({ id: 'x', overall_status: 'IN_PROGRESS', overall_score: null })).toMatchObject({
			status: 'IN_PROGRESS',
			outcome: null,
			reference: null,
			createdAt: null,
			updatedAt: null,
		});
		expect(normalizeCertnCase({})).toMatchObject({ vendor: 'certn', id: '', status: null });
	});

	it('reads the timestamp names integrations disagree on', () => {
		expect(normalizeCertnCase({ id: 'x', created_at: '2026-01-01T00:00:00Z', updated_at: '2026-01-02T00:00:00Z' })).toMatchObject({
			createdAt: '2026-01-01T00:00:00.000Z',
			updatedAt: '2026-01-02T00:00:00.000Z',
		});
	});

	it('tells a whole case from a thin order answer', () => {
		expect(looksLikeCase(raw)).toBe(true);
		expect(looksLikeCase({ id: raw.id, short_id: 'CS_1', invite_link: 'https://x' })).toBe(false);
	});
});
