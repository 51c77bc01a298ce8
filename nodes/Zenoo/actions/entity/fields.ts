import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { requireId } from '../../../../core/validate';
import { TOKEN_PATTERNS } from '../../api';

const ENTITY_EXAMPLE = 'ent_7h3j9k2m4n';

export function entityIdField(operations: string[]): INodeProperties {
	return {
		displayName: 'Entity Token',
		name: 'entityId',
		type: 'string',
		required: true,
		default: '',
		placeholder: ENTITY_EXAMPLE,
		description: 'The entity\'s token (ent_…)',
		displayOptions: { show: { resource: ['entity'], operation: operations } },
	};
}

export function entityTokenOf(ctx: IExecuteFunctions, itemIndex: number): string {
	return requireId(ctx, itemIndex, { name: 'entityId', label: 'Entity Token', pattern: TOKEN_PATTERNS.entity, example: ENTITY_EXAMPLE });
}
