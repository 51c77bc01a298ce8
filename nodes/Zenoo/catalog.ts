/**
 * Zenoo's own vocabulary (docs.zenoo.com data model and API reference). Values are sent exactly
 * as Zenoo writes them (Title Case with spaces).
 */

type Option = { name: string; value: string; description?: string };

const same = (...values: string[]): Option[] => values.map((value) => ({ name: value, value }));

export const CASE_STATUSES = same('New', 'In Progress', 'In Review', 'Internal Review', 'Client Input', 'Escalated', 'Closed');
export const CASE_TYPES = same('Onboarding', 'Review', 'Perpetual');
export const ENTITY_CATEGORIES = same('Company', 'Person');
export const RISK_TIERS = same('High', 'Medium', 'Low');
export const DECISIONS = same('Approve', 'Decline');
export const COMMENT_TYPES = same('Comment', 'Decision', 'Note');
export const COMMENT_FILTER_TYPES = same('Comment', 'Decision', 'Note', 'System');
export const ENTITY_ROLES = same('Primary', 'UBO', 'Director', 'Shareholder');
export const REVIEWER_ROLES = same('Approver', 'Reviewer');

export const ALERT_STATUSES = same('Open', 'Acknowledged', 'Escalated', 'Resolved', 'False Positive');
export const ALERT_TYPES = same('Screening', 'Identity', 'Company', 'Document', 'Financial');
export const ALERT_PRIORITIES = same('Critical', 'High', 'Medium', 'Low');
export const RESOLUTION_ACTIONS: Option[] = [
	{ name: 'Approve', value: 'Approve', description: 'The alert is cleared (status Resolved)' },
	{ name: 'Approve with Conditions', value: 'Approve with Conditions', description: 'Cleared with conditions (Conditions required)' },
	{ name: 'Decline', value: 'Decline', description: 'The alert stands (status Resolved)' },
	{ name: 'Escalate', value: 'Escalate', description: 'Hand it to a senior reviewer (status Escalated)' },
	{ name: 'Request Document', value: 'Request Document', description: 'Ask for a document; the alert stays Open' },
];
export const ALERT_SORTS: Option[] = [
	{ name: 'Priority Score (Highest First)', value: '-priority_score' },
	{ name: 'Priority Score (Lowest First)', value: 'priority_score' },
	{ name: 'Created (Newest First)', value: '-created_at' },
	{ name: 'Created (Oldest First)', value: 'created_at' },
	{ name: 'SLA Due Date (Soonest First)', value: 'sla_due_date' },
	{ name: 'SLA Due Date (Latest First)', value: '-sla_due_date' },
];

export const CHECK_STATUSES = same(
	'Pending',
	'Queued',
	'In Progress',
	'Awaiting Document',
	'Awaiting Client',
	'Complete',
	'Failed',
	'Waived',
	'Cancelled',
	'Reused',
	'Retry Scheduled',
);
export const CHECK_CATEGORIES = same('Identity', 'Screening', 'Company', 'Financial', 'EDD');

/** Alert statuses that keep a case from being closed (Zenoo: "all alerts resolved"). */
export const UNRESOLVED_ALERT_STATUSES = ['Open', 'Acknowledged', 'Escalated'];

/** CLM webhook events (docs.zenoo.com/data-model/webhook-events), by group. */
export const WEBHOOK_EVENTS: Option[] = [
	{ name: 'Alert AI Research Completed', value: 'alert.ai_research_completed', description: 'Alert group' },
	{ name: 'Alert Created', value: 'alert.created', description: 'Alert group' },
	{ name: 'Alert Escalated', value: 'alert.escalated', description: 'Alert group' },
	{ name: 'Alert Resolved', value: 'alert.resolved', description: 'Alert group' },
	{ name: 'Case Closed', value: 'case.closed', description: 'Case group' },
	{ name: 'Case Created', value: 'case.created', description: 'Case group' },
	{ name: 'Case Escalated', value: 'case.escalated', description: 'Case group' },
	{ name: 'Case Status Changed', value: 'case.status_changed', description: 'Case group' },
	{ name: 'Check Completed', value: 'check.completed', description: 'Check group' },
	{ name: 'Check Failed', value: 'check.failed', description: 'Check group' },
	{ name: 'Risk Assessment Approved', value: 'risk_assessment.approved', description: 'Risk group' },
	{ name: 'Risk Assessment Completed', value: 'risk_assessment.completed', description: 'Risk group' },
	{ name: 'SLA Breached', value: 'sla.breached', description: 'SLA group' },
	{ name: 'SLA Warning', value: 'sla.warning', description: 'SLA group' },
];
