import type { INodeProperties } from 'n8n-workflow';

import type { OperationModule } from '../../../../core/execute';
import * as addComment from './addComment.operation';
import * as addEntity from './addEntity.operation';
import * as addReviewer from './addReviewer.operation';
import * as close from './close.operation';
import * as create from './create.operation';
import { caseIdField, caseSimplify } from './fields';
import * as generateReport from './generateReport.operation';
import * as get from './get.operation';
import * as getAlerts from './getAlerts.operation';
import * as getAll from './getAll.operation';
import * as getAuditTrail from './getAuditTrail.operation';
import * as getChecks from './getChecks.operation';
import * as getComments from './getComments.operation';
import * as getRiskAssessment from './getRiskAssessment.operation';
import * as recalculateRiskAssessment from './recalculateRiskAssessment.operation';
import * as update from './update.operation';

export const operations: Record<string, OperationModule> = {
	addComment,
	addEntity,
	addReviewer,
	close,
	create,
	generateReport,
	get,
	getAlerts,
	getAll,
	getAuditTrail,
	getChecks,
	getComments,
	getRiskAssessment,
	recalculateRiskAssessment,
	update,
};

const singleCase = Object.keys(operations).filter((op) => !['create', 'getAll'].includes(op));

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['case'] } },
		options: [
			{ name: 'Add Comment', value: 'addComment', action: 'Add a comment to a case', description: 'Add a comment, decision or note to a case' },
			{ name: 'Add Entity', value: 'addEntity', action: 'Add an entity to a case', description: 'Add an existing or new person or company to a case with a role' },
			{ name: 'Add Reviewer', value: 'addReviewer', action: 'Add a reviewer to a case', description: 'Invite a user to review or approve a case' },
			{ name: 'Close', value: 'close', action: 'Close a case', description: 'Close a case with a decision and a summary' },
			{ name: 'Create', value: 'create', action: 'Create a case', description: 'Create a case with its person or company' },
			{ name: 'Generate Report', value: 'generateReport', action: 'Get the compliance report of a case', description: 'Get the compliance report of a case as JSON or PDF' },
			{ name: 'Get', value: 'get', action: 'Get a case by its id', description: 'Get a case with its summary counts' },
			{ name: 'Get Alerts', value: 'getAlerts', action: 'Get the alerts of a case', description: 'List the alerts of a case' },
			{ name: 'Get Audit Trail', value: 'getAuditTrail', action: 'Get the audit trail of a case', description: 'List the immutable audit trail of a case' },
			{ name: 'Get Checks', value: 'getChecks', action: 'Get the checks of a case', description: 'List the checks of a case' },
			{ name: 'Get Comments', value: 'getComments', action: 'Get the comments of a case', description: 'List the comments of a case' },
			{ name: 'Get Many', value: 'getAll', action: 'Get many cases matching filters', description: 'List cases, newest first' },
			{ name: 'Get Risk Assessment', value: 'getRiskAssessment', action: 'Get the risk assessment of a case', description: 'Get the current risk assessment of a case' },
			{ name: 'Recalculate Risk Assessment', value: 'recalculateRiskAssessment', action: 'Recalculate the risk assessment of a case', description: 'Create a new risk assessment for a case' },
			{ name: 'Update', value: 'update', action: 'Update a case', description: 'Change the status, assignee or metadata of a case' },
		],
		default: 'getAll',
	},
	caseIdField(singleCase),
	...Object.values(operations).flatMap((op) => op.description),
	caseSimplify(['close', 'create', 'get', 'getAll', 'update']),
];
