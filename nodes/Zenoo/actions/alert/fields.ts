import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { invalidInput } from '../../../../core/errors';
import { listParameter, requireId } from '../../../../core/validate';
import { TOKEN_PATTERNS } from '../../api';

const ALERT_EXAMPLE = 'alt_4k9m2p7q1r';

/** The single alert an operation acts on. */
export function alertIdField(operations: string[]): INodeProperties {
	return {
		displayName: 'Alert Token',
		name: 'alertId',
		type: 'string',
		required: true,
		default: '',
		placeholder: ALERT_EXAMPLE,
		description: 'The alert\'s token (alt_…)',
		displayOptions: { show: { resource: ['alert'], operation: operations } },
	};
}

export function alertTokenOf(ctx: IExecuteFunctions, itemIndex: number): string {
	return requireId(ctx, itemIndex, { name: 'alertId', label: 'Alert Token', pattern: TOKEN_PATTERNS.alert, example: ALERT_EXAMPLE });
}

/** The alerts a bulk item names: a comma-separated list or an array (expression), each alt_…, at least one. */
export function alertTokensOf(ctx: IExecuteFunctions, itemIndex: number): string[] {
	const tokens = listParameter(ctx.getNodeParameter('alertIds', itemIndex, ''));
	if (!tokens.length)
		throw invalidInput(ctx.getNode(), itemIndex, 'Alert Tokens', 'is empty', 'Name at least one alert token (alt_…), separated by commas, or map an array of tokens with an expression.');
	const bad = tokens.find((t) => !TOKEN_PATTERNS.alert.test(t));
	if (bad)
		throw invalidInput(ctx.getNode(), itemIndex, 'Alert Tokens', `"${bad.slice(0, 60)}" is not an alert token`, `Alert tokens start with alt_, e.g. ${ALERT_EXAMPLE}.`);
	return tokens;
}

export function alertTokensField(operations: string[]): INodeProperties {
	return {
		displayName: 'Alert Tokens',
		name: 'alertIds',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'alt_4k9m2p7q1r, alt_8n3b5v6c2x',
		description:
			'The alerts of this item, separated by commas (or an array from an expression). Zenoo takes 1–50 per call: the node sends the alerts of all items in as few calls as that allows and gives each item the results of its own alerts.',
		displayOptions: { show: { resource: ['alert'], operation: operations } },
	};
}
