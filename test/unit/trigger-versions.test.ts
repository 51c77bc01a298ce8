import type { INodeType } from 'n8n-workflow';

import { CertnTrigger } from '../../nodes/Certn/CertnTrigger.node';
import { PenboxWebhookTrigger } from '../../nodes/Penbox/PenboxWebhookTrigger.node';
import { PersonaTrigger } from '../../nodes/Persona/PersonaTrigger.node';
import { SphinxTrigger } from '../../nodes/Sphinx/SphinxTrigger.node';
import { ZenooTrigger } from '../../nodes/Zenoo/ZenooTrigger.node';
import { WEBHOOK_TRIGGER_VERSIONS } from '../../core/triggerRuntime';

// n8n evaluates a Webhook-v1 expression for every delivery to a start node of typeVersion exactly 1
// (core/triggerRuntime.ts); the bench's trigger throughput measures that cost. Every webhook trigger
// therefore offers 1.1 to new workflows while saved ones keep 1.
const triggers: Array<[string, INodeType]> = [
	['Persona Trigger', new PersonaTrigger()],
	['Certn Trigger', new CertnTrigger()],
	['Zenoo Trigger', new ZenooTrigger()],
	['Sphinx Trigger', new SphinxTrigger()],
	['Penbox Webhook Trigger', new PenboxWebhookTrigger()],
];

describe('webhook trigger versions', () => {
	it.each(triggers)('%s: saved workflows keep version 1, new ones get 1.1', (_name, node) => {
		const { version, webhooks } = node.description;
		expect(webhooks?.length).toBeGreaterThan(0);
		expect(version).toEqual(WEBHOOK_TRIGGER_VERSIONS);
		expect(Math.max(...[version].flat())).toBe(1.1);
		expect([version].flat()).toContain(1);
	});
});
