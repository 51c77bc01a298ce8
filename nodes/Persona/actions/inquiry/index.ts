import type { INodeProperties } from 'n8n-workflow';

import type { OperationModule } from '../../../../core/execute';
import { INQUIRY, objectIdField, objectSimplifyField } from '../objectFields';
import * as addTag from './addTag.operation';
import * as approve from './approve.operation';
import * as decline from './decline.operation';
import * as expire from './expire.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as print from './print.operation';
import * as redact from './redact.operation';
import * as removeTag from './removeTag.operation';

export const operations: Record<string, OperationModule> = { addTag, approve, decline, expire, get, getAll, print, redact, removeTag };

const single = ['addTag', 'approve', 'decline', 'expire', 'get', 'print', 'redact', 'removeTag'];

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['inquiry'] } },
		options: [
			{ name: 'Add Tag', value: 'addTag', action: 'Add a tag to an inquiry', description: 'Add a tag to an inquiry' },
			{ name: 'Approve', value: 'approve', action: 'Approve an inquiry', description: 'Approve an inquiry (runs its Persona workflows and webhooks)' },
			{ name: 'Decline', value: 'decline', action: 'Decline an inquiry', description: 'Decline an inquiry (runs its Persona workflows and webhooks)' },
			{ name: 'Expire', value: 'expire', action: 'Expire an inquiry', description: 'Expire an inquiry and its sessions so the link stops working' },
			{ name: 'Get', value: 'get', action: 'Get an inquiry', description: 'Get one inquiry by ID, optionally with its account, reports or verifications' },
			{ name: 'Get Many', value: 'getAll', action: 'Get many inquiries', description: 'List inquiries, newest first, by account, reference ID, template, status or creation time' },
			{ name: 'Print', value: 'print', action: 'Print an inquiry as PDF', description: 'Download the inquiry as a PDF file' },
			{ name: 'Redact', value: 'redact', action: 'Redact an inquiry', description: 'Permanently delete the personal data of an inquiry' },
			{ name: 'Remove Tag', value: 'removeTag', action: 'Remove a tag from an inquiry', description: 'Remove a tag from an inquiry' },
		],
		default: 'get',
	},
	objectIdField(INQUIRY, single),
	...Object.values(operations).flatMap((op) => op.description),
	objectSimplifyField(INQUIRY, single.filter((op) => op !== 'print'), 'ID, status, reference, name, email, account, template, tags, dates'),
];
