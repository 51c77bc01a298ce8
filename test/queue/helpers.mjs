// Shared pieces of the queue-mode suite: the workflows it imports, what Simplify should make of
// a simulator's case, and the rate-limit figures read from a simulator's request log.

import { PACKAGE_NAME } from '../../scripts/lib/n8n-instance.mjs';

const P = PACKAGE_NAME;
export const delay = (ms) => new Promise((r) => setTimeout(r, ms));

export const PERSONA_HOOK = '5b0f6c1e-9d2a-4c3b-8e7f-1a2b3c4d5e01';
export const ZENOO_HOOK = '5b0f6c1e-9d2a-4c3b-8e7f-1a2b3c4d5e02';
export const PERSONA_EVENTS = ['case.status-updated', 'case.assigned'];
export const ZENOO_EVENTS = ['alert.created', 'case.status_changed'];

export const ids = {
	personaTrigger: 'qPersonaTrigger0',
	zenooTrigger: 'qZenooTrigger000',
	personaActions: 'qPersonaActions0',
	zenooActions: 'qZenooActions000',
	personaList: 'qPersonaList0000',
	zenooList: 'qZenooList000000',
};

/** Vendor → the path of n8n's Webhook node that starts each action workflow on a worker. */
export const actionPaths = { personaActions: 'q-persona-actions', zenooActions: 'q-zenoo-actions', personaList: 'q-persona-list', zenooList: 'q-zenoo-list' };

const webhookNode = (id, path) => ({
	id: `${id}-w`,
	name: 'Start',
	type: 'n8n-nodes-base.webhook',
	typeVersion: 2,
	position: [0, 0],
	webhookId: `${id.toLowerCase()}-0000-4000-8000-000000000000`.slice(0, 36),
	parameters: { httpMethod: 'POST', path, responseMode: 'onReceived', options: {} },
});

function actionWorkflow(id, name, path, type, credentials, nodes) {
	return {
		id,
		name,
		nodes: [
			webhookNode(id, path),
			...nodes.map((n, i) => ({ id: `${id}-${i}`, type: `${P}.${type}`, typeVersion: 1, position: [300, i * 160], credentials, ...n, parameters: { resource: 'case', ...n.parameters } })),
		],
		connections: { Start: { main: [nodes.map((n) => ({ node: n.name, type: 'main', index: 0 }))] } },
		settings: { executionOrder: 'v1' },
		active: false,
	};
}

/** Every workflow of the suite; `creds` = { personaApi: {id, name}, zenooApi: {id, name} }. */
export function workflows(creds, { personaTemplateId }) {
	const persona = { personaApi: creds.personaApi };
	const zenoo = { zenooApi: creds.zenooApi };
	const trigger = (id, name, type, webhookId, events, credentials) => ({
		id,
		name,
		nodes: [{ id: `${id}-0`, name, type: `${P}.${type}`, typeVersion: 1, position: [0, 0], webhookId, parameters: { events, simplify: true }, credentials }],
		connections: {},
		settings: { executionOrder: 'v1' },
		active: false,
	});
	return [
		trigger(ids.personaTrigger, 'Persona Trigger', 'personaTrigger', PERSONA_HOOK, PERSONA_EVENTS, persona),
		trigger(ids.zenooTrigger, 'Zenoo Trigger', 'zenooTrigger', ZENOO_HOOK, ZENOO_EVENTS, zenoo),
		actionWorkflow(ids.personaActions, 'queue: Persona Get Many + Create', actionPaths.personaActions, 'persona', persona, [
			{ name: 'Get Many', parameters: { operation: 'getAll', returnAll: true } },
			{ name: 'Create', parameters: { operation: 'create', caseTemplateId: personaTemplateId, additionalFields: { customFields: { field: [{ key: 'country_code', value: 'DE' }] }, customFieldsJson: '{"risk-score": 42}' } } },
		]),
		actionWorkflow(ids.zenooActions, 'queue: Zenoo Get Many + Create', actionPaths.zenooActions, 'zenoo', zenoo, [
			{ name: 'Get Many', parameters: { operation: 'getAll', returnAll: true } },
			{ name: 'Create', parameters: { operation: 'create', caseType: 'Onboarding', entityCategory: 'Company', companyName: 'Northwind queue Ltd', entityDetails: { registrationNumber: '09876543', country: 'GB' }, additionalFields: { externalReference: 'QUEUE-1' } } },
		]),
		actionWorkflow(ids.personaList, 'queue: Persona list', actionPaths.personaList, 'persona', persona, [{ name: 'Get Many', parameters: { operation: 'getAll', returnAll: true } }]),
		actionWorkflow(ids.zenooList, 'queue: Zenoo list', actionPaths.zenooList, 'zenoo', zenoo, [{ name: 'Get Many', parameters: { operation: 'getAll', returnAll: true } }]),
	];
}

/** What the Persona node's Simplify makes of a simulator case resource (as in the single-process e2e). */
export function personaNormalized(resource) {
	const a = resource.attributes;
	const risk = a.fields?.['risk-score']?.value;
	return {
		vendor: 'persona',
		id: resource.id,
		reference: a.name ?? null,
		status: a.status ?? null,
		outcome: a.resolution ?? null,
		riskScore: typeof risk === 'number' ? risk : null,
		assignee: a['assignee-id'] ?? null,
		createdAt: a['created-at'] ? new Date(a['created-at']).toISOString() : null,
		updatedAt: a['updated-at'] ? new Date(a['updated-at']).toISOString() : null,
	};
}

/** The Zenoo node's Simplify of a simulator case (as in the single-process e2e). */
export function zenooNormalized(c) {
	return {
		vendor: 'zenoo',
		id: c.token,
		reference: c.name ?? null,
		status: c.status ?? null,
		outcome: c.decision ?? null,
		riskScore: c.risk_score ?? null,
		assignee: c.assigned_to ?? null,
		createdAt: c.created_at ? new Date(c.created_at).toISOString() : null,
		updatedAt: c.updated_at ? new Date(c.updated_at).toISOString() : null,
	};
}

/**
 * Requests per rate-limit window as the simulator counted them (fixed windows opening at the
 * first request, like its limiter): [{ start, requests, refused }] from its request log entries.
 */
export function perWindow(entries, windowMs) {
	const out = [];
	let cur = null;
	for (const e of [...entries].sort((a, b) => Date.parse(a.time) - Date.parse(b.time))) {
		const t = Date.parse(e.time);
		if (!cur || t >= cur.start + windowMs) out.push((cur = { start: t, requests: 0, refused: 0 }));
		cur.requests++;
		if (e.status === 429) cur.refused++;
	}
	return out;
}
