import { buildOrderBody, checkTypesWithArguments, inviteFlags, inviteLinkOf, PACKAGE_FIELD } from '../../nodes/Certn/orderBody';
import { fileNameFromDisposition, reportFileIdOf, reportStatusOf, reportUrlOf, safeFileName } from '../../nodes/Certn/reports';

describe('Certn order body', () => {
	const checks = checkTypesWithArguments(['IDENTITY_VERIFICATION_1', 'CREDIT_REPORT_1'], {
		CREDIT_REPORT_1: { ordering_type: 'EXPLICIT_ORDERING', explicit_check_type: ['US_CREDIT_REPORT_1'] },
	});

	it('maps the three invite modes to Certn\'s two flags', () => {
		expect(inviteFlags('email')).toEqual({ send_invite_email: true, return_invite_link: false });
		expect(inviteFlags('link')).toEqual({ send_invite_email: false, return_invite_link: true });
		expect(inviteFlags('quickscreen')).toEqual({ send_invite_email: false, return_invite_link: false });
	});

	it('builds check_types_with_arguments with {} for checks without arguments', () => {
		expect(checks).toEqual({
			IDENTITY_VERIFICATION_1: {},
			CREDIT_REPORT_1: { ordering_type: 'EXPLICIT_ORDERING', explicit_check_type: ['US_CREDIT_REPORT_1'] },
		});
	});

	it('builds an invite-email order with only the fields given', () => {
		expect(buildOrderBody({ emailAddress: 'a@example.com', inviteMode: 'email', checkTypesWithArguments: checks })).toEqual({
			email_address: 'a@example.com',
			check_types_with_arguments: checks,
			send_invite_email: true,
			return_invite_link: false,
		});
	});

	it('builds a quickscreen order with claims and every additional field', () => {
		const claims = { name: { given_name: 'Jo', family_name: 'Doe', type: 'LEGAL' }, date_of_birth: '1990-01-15', are_consents_and_disclosures_accepted: true };
		expect(
			buildOrderBody({
				emailAddress: 'a@example.com',
				inviteMode: 'quickscreen',
				checkTypesWithArguments: checks,
				inputClaims: claims,
				group: 'g-1',
				orderedBy: 'u-1',
				permissiblePurpose: 'EMPLOYMENT',
				applicantLanguage: 'fr-CA',
				tags: ['priority', 'rehire'],
			}),
		).toEqual({
			email_address: 'a@example.com',
			check_types_with_arguments: checks,
			send_invite_email: false,
			return_invite_link: false,
			input_claims: claims,
			group: 'g-1',
			ordered_by: 'u-1',
			permissible_purpose: 'EMPLOYMENT',
			applicant_language: 'fr-CA',
			tags: ['priority', 'rehire'],
		});
	});

	it('puts tags under tag_ids when asked, lets extra fields win, and names the package', () => {
		const body = buildOrderBody({
			emailAddress: 'a@example.com',
			inviteMode: 'link',
			packageId: 'pkg-1',
			tags: ['x'],
			tagsField: 'tag_ids',
			inputClaims: {},
			extra: { applicant_expiry_days: 7, send_invite_email: true },
		});
		expect(body).toEqual({
			email_address: 'a@example.com',
			[PACKAGE_FIELD]: 'pkg-1',
			send_invite_email: true,
			return_invite_link: true,
			tag_ids: ['x'],
			applicant_expiry_days: 7,
		});
		expect(body).not.toHaveProperty('input_claims');
		expect(body).not.toHaveProperty('check_types_with_arguments');
	});

	it('finds the invite link under the names integrations use', () => {
		expect(inviteLinkOf({ invite_link: 'https://apply.certn.co/x' })).toBe('https://apply.certn.co/x');
		expect(inviteLinkOf({ invite_url: 'https://apply.certn.co/y' })).toBe('https://apply.certn.co/y');
		expect(inviteLinkOf({ invite_link: null })).toBeNull();
	});
});

describe('Certn report files', () => {
	it('reads the report-file id, status and URL defensively', () => {
		expect(reportFileIdOf({ case_report_file_id: 'r1' })).toBe('r1');
		expect(reportFileIdOf({ report_file_id: 'r2' })).toBe('r2');
		expect(reportFileIdOf({ case_report_file: { id: 'r3' } })).toBe('r3');
		expect(reportFileIdOf({})).toBeNull();
		expect(reportStatusOf({ status: 'complete' })).toBe('COMPLETE');
		expect(reportUrlOf({ pdf_url: null, url: 'https://files.example/r.pdf?sig=1' })).toBe('https://files.example/r.pdf?sig=1');
		expect(reportUrlOf({ pdf_url: 'javascript:alert(1)' })).toBeNull();
	});

	it('names files safely', () => {
		expect(fileNameFromDisposition('attachment; filename="CS_1.pdf"')).toBe('CS_1.pdf');
		expect(fileNameFromDisposition("attachment; filename*=UTF-8''r%C3%A9sum%C3%A9.pdf")).toBe('résumé.pdf');
		expect(fileNameFromDisposition(undefined)).toBeNull();
		expect(safeFileName('certn-report-CS_1')).toBe('certn-report-CS_1.pdf');
		expect(safeFileName('../../etc/passwd')).toBe('passwd.pdf');
		expect(safeFileName('..')).toBe('certn-report.pdf');
		expect(safeFileName('report.PDF')).toBe('report.PDF');
	});
});
