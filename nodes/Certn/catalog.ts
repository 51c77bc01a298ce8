/**
 * Certn's own vocabulary, as far as its Centric docs name it. Every list here is also accepted as
 * free text by the node, because Certn adds check types and statuses over time.
 */

type Option = { name: string; value: string; description?: string };

/** Orderable (parent) check types and documented children. Identifiers carry a version suffix. */
export const CHECK_TYPES: Option[] = [
	{ name: 'BC Driver Abstract (BC_CA_DRIVER_ABSTRACT_1)', value: 'BC_CA_DRIVER_ABSTRACT_1' },
	{ name: 'Basic Canadian Criminal Record Report (BASIC_CANADIAN_CRIMINAL_RECORD_REPORT_1)', value: 'BASIC_CANADIAN_CRIMINAL_RECORD_REPORT_1' },
	{ name: 'Basic Canadian Criminal Record Report V2 (BASIC_CANADIAN_CRIMINAL_RECORD_REPORT_2)', value: 'BASIC_CANADIAN_CRIMINAL_RECORD_REPORT_2' },
	{ name: 'Basic UK DBS (BASIC_UK_DBS_1)', value: 'BASIC_UK_DBS_1' },
	{ name: 'Canadian Credit Report (CANADIAN_CREDIT_REPORT_1)', value: 'CANADIAN_CREDIT_REPORT_1' },
	{ name: 'Canadian Driver Abstract (CA_DRIVER_ABSTRACT_1)', value: 'CA_DRIVER_ABSTRACT_1' },
	{ name: 'Credit Report (CREDIT_REPORT_1)', value: 'CREDIT_REPORT_1', description: 'Parent check; choose the child in Check Arguments' },
	{ name: 'Criminal Record Report (CRIMINAL_RECORD_REPORT_1)', value: 'CRIMINAL_RECORD_REPORT_1' },
	{ name: 'Employment Verifications (EMPLOYMENT_VERIFICATIONS_1)', value: 'EMPLOYMENT_VERIFICATIONS_1' },
	{ name: 'Foreign Credit Report (FO_CREDIT_REPORT_1)', value: 'FO_CREDIT_REPORT_1' },
	{ name: 'Identity Verification (IDENTITY_VERIFICATION_1)', value: 'IDENTITY_VERIFICATION_1' },
	{ name: 'Motor Vehicle Record (MOTOR_VEHICLE_RECORD_1)', value: 'MOTOR_VEHICLE_RECORD_1' },
	{ name: 'ONE ID (ONE_ID_2)', value: 'ONE_ID_2' },
	{ name: 'Standard UK DBS (STANDARD_UK_DBS_1)', value: 'STANDARD_UK_DBS_1' },
	{ name: 'US Credit Report (US_CREDIT_REPORT_1)', value: 'US_CREDIT_REPORT_1' },
	{ name: 'US Motor Vehicle Record (US_MOTOR_VEHICLE_RECORD_1)', value: 'US_MOTOR_VEHICLE_RECORD_1' },
];

/** Case `overall_status` values, current ones first, then the deprecated ones older cases may carry. */
export const OVERALL_STATUSES: Option[] = [
	{ name: 'Applicant Action Required', value: 'APPLICANT_ACTION_REQUIRED' },
	{ name: 'Applicant Expired', value: 'APPLICANT_EXPIRED' },
	{ name: 'Applicant Invited', value: 'APPLICANT_INVITED' },
	{ name: 'Applicant Opened', value: 'APPLICANT_OPENED' },
	{ name: 'Applicant Started', value: 'APPLICANT_STARTED' },
	{ name: 'Applicant Submitted', value: 'APPLICANT_SUBMITTED' },
	{ name: 'Cancelled', value: 'CANCELLED' },
	{ name: 'Case Ordered', value: 'CASE_ORDERED' },
	{ name: 'Client Action Required', value: 'CLIENT_ACTION_REQUIRED' },
	{ name: 'Complete', value: 'COMPLETE' },
	{ name: 'Draft', value: 'DRAFT' },
	{ name: 'In Dispute', value: 'IN_DISPUTE' },
	{ name: 'In Progress', value: 'IN_PROGRESS' },
	{ name: 'Invite Undeliverable', value: 'INVITE_UNDELIVERABLE' },
	{ name: 'Applicant Declined (Deprecated)', value: 'APPLICANT_DECLINED' },
	{ name: 'Awaiting Applicant Submission (Deprecated)', value: 'AWAITING_APPLICANT_SUBMISSION' },
	{ name: 'In Quality Review (Deprecated)', value: 'IN_QUALITY_REVIEW' },
	{ name: 'Manual Review Source (Deprecated)', value: 'MANUAL_REVIEW_SOURCE' },
	{ name: 'Pending Fulfillment (Deprecated)', value: 'PENDING_FULFILLMENT' },
	{ name: 'Pending Quality Review (Deprecated)', value: 'PENDING_QUALITY_REVIEW' },
	{ name: 'Submitted to Source (Deprecated)', value: 'SUBMITTED_TO_SOURCE' },
	{ name: 'Superseded (Deprecated)', value: 'SUPERSEDED' },
];

/** `EMPLOYMENT` is documented; the others come from one integration and may not all be accepted. */
export const PERMISSIBLE_PURPOSES: Option[] = [
	{ name: 'Consumer', value: 'CONSUMER' },
	{ name: 'Employment', value: 'EMPLOYMENT' },
	{ name: 'Insurance', value: 'INSURANCE' },
	{ name: 'Investing', value: 'INVESTING' },
	{ name: 'Lending', value: 'LENDING' },
	{ name: 'Tenancy', value: 'TENANCY' },
];

/** The four webhook event types Certn documents. */
export const WEBHOOK_EVENTS: Option[] = [
	{ name: 'Case Input Claims Automatically Generated', value: 'CASE_INPUT_CLAIMS_AUTOMATICALLY_GENERATED', description: 'Certn generated new input claims for a case (some quickscreen checks)' },
	{ name: 'Case Report Ready', value: 'CASE_REPORT_READY', description: 'A requested case report (PDF) is ready' },
	{ name: 'Case Status Changed', value: 'CASE_STATUS_CHANGED', description: 'The overall status of a case changed' },
	{ name: 'Check Status Changed', value: 'CHECK_STATUS_CHANGED', description: 'The status of one check of a case changed' },
];

/** Check statuses in which Certn still lets a case be cancelled. */
export const CANCELLABLE_CHECK_STATUSES = ['AWAITING_APPLICANT_SUBMISSION', 'PENDING_FULFILLMENT'];

/** Check statuses that no longer count as active. */
export const CLOSED_CHECK_STATUSES = ['COMPLETE', 'CANCELLED', 'SUPERSEDED'];
