import { isoOrNull, numberOrNull, pick, stringOrNull } from '../../core/normalize';
import { normalizePersonaCase } from '../../nodes/Persona/normalize';

describe('normalized case (Persona)', () => {
	const attributes = {
		status: 'Approved',
		name: 'KCAS-12',
		resolution: 'Approved',
		'assignee-id': 'analyst@example.com',
		'created-at': '2026-01-02T03:04:05.000Z',
		'updated-at': '2026-01-03T03:04:05.000Z',
		fields: { 'risk-score': { type: 'integer', value: 73 } },
	};

	it('maps a kebab-case case to the contract shape', () => {
		expect(normalizePersonaCase({ type: 'case', id: 'case_abc', attributes })).toEqual({
			vendor: 'persona',
			id: 'case_abc',
			reference: 'KCAS-12',
			status: 'Approved',
			outcome: 'Approved',
			riskScore: 73,
			assignee: 'analyst@example.com',
			createdAt: '2026-01-02T03:04:05.000Z',
			updatedAt: '2026-01-03T03:04:05.000Z',
		});
	});

	it('gives the same result for camel and snake inflection', () => {
		const camel = { status: 'Open', name: 'X-1', assigneeId: 'a@b.c', createdAt: '2026-01-02T03:04:05Z', updatedAt: null };
		const snake = { status: 'Open', name: 'X-1', assignee_id: 'a@b.c', created_at: '2026-01-02T03:04:05Z', updated_at: null };
		const a = normalizePersonaCase({ id: 'case_1', attributes: camel });
		const b = normalizePersonaCase({ id: 'case_1', attributes: snake });
		expect(a).toEqual(b);
		expect(a).toMatchObject({ assignee: 'a@b.c', createdAt: '2026-01-02T03:04:05.000Z', outcome: null, riskScore: null, updatedAt: null });
	});

	it('is defensive about missing and odd values', () => {
		expect(normalizePersonaCase({ id: 'case_2' })).toMatchObject({ id: 'case_2', reference: null, status: null });
		expect(isoOrNull('not a date')).toBeNull();
		expect(isoOrNull(1767000000)).toBe('2025-12-29T09:20:00.000Z');
		expect(numberOrNull('12.5')).toBe(12.5);
		expect(numberOrNull('x')).toBeNull();
		expect(stringOrNull(42)).toBe('42');
		expect(pick({ 'sla-expires-at': 1 }, 'slaExpiresAt')).toBe(1);
	});
});

describe('timestamps out of range (issue 7.3)', () => {
	it('gives null instead of throwing for epochs a Date cannot hold', () => {
		expect(isoOrNull(1_767_225_600_000_000_000)).toBeNull(); // nanoseconds
		expect(isoOrNull('1767225600000000000')).toBeNull();
		expect(isoOrNull(Number.POSITIVE_INFINITY)).toBeNull();
		expect(isoOrNull(Number.NaN)).toBeNull();
		expect(isoOrNull(-9e15)).toBeNull();
		expect(isoOrNull(1_767_225_600)).toBe('2026-01-01T00:00:00.000Z');
		expect(isoOrNull(1_767_225_600_000)).toBe('2026-01-01T00:00:00.000Z');
	});

	it('a case with a nanosecond timestamp still normalizes, with null for that date', () => {
		const normalized = normalizePersonaCase({
			type: 'case',
			id: 'case_ns',
			attributes: { status: 'Open', 'created-at': 1_767_225_600_000_000_000, 'updated-at': '2026-01-03T03:04:05.000Z' },
		});
		expect(normalized).toMatchObject({ id: 'case_ns', status: 'Open', createdAt: null, updatedAt: '2026-01-03T03:04:05.000Z' });
	});
});
