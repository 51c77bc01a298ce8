// Workflow JSON for the benchmark. Every measured run has a workflow of its own, started by a
// POST to its Webhook node (no CLI process start in the measurement), and is timed from n8n's
// own run data: the `executionTime` n8n records for the measured nodes.

import crypto from 'node:crypto';

let seq = 0;

/** A 16-character n8n id, unique within this bench run. */
export function benchId(label) {
	seq++;
	const clean = label.replace(/[^A-Za-z0-9]/g, '');
	return `b${String(seq).padStart(3, '0')}${clean}00000000000000`.slice(0, 16);
}

function uuidFrom(text) {
	const h = crypto.createHash('sha256').update(text).digest('hex');
	return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * Webhook (POST /webhook/<path>, answers when the last node is done) → chain.
 * @param {{ id: string, name: string, path: string, chain: object[], saveData?: boolean, respond?: 'lastNode' | 'onReceived' }} o
 */
export function webhookWorkflow({ id, name, path, chain, saveData = true, respond = 'lastNode' }) {
	const nodes = [
		{
			id: `${id}-0`,
			name: 'Webhook',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			position: [0, 0],
			webhookId: uuidFrom(`${id}:${path}`),
			parameters: {
				httpMethod: 'POST',
				path,
				responseMode: respond,
				...(respond === 'lastNode' ? { responseData: 'firstEntryJson' } : {}),
				options: {},
			},
		},
	];
	const connections = {};
	let prev = 'Webhook';
	chain.forEach((n, i) => {
		nodes.push({ id: `${id}-${i + 1}`, position: [260 * (i + 1), 0], typeVersion: 1, parameters: {}, ...n });
		connections[prev] = { main: [[{ node: n.name, type: 'main', index: 0 }]] };
		prev = n.name;
	});
	const settings = { executionOrder: 'v1' };
	if (!saveData) Object.assign(settings, { saveDataSuccessExecution: 'none', saveExecutionProgress: false });
	return { id, name, nodes, connections, settings, active: false };
}

/** A trigger node alone (our trigger), activated like a user's workflow. */
export function triggerWorkflow({ id, name, node }) {
	return {
		id,
		name,
		nodes: [{ id: `${id}-0`, position: [0, 0], typeVersion: 1, webhookId: uuidFrom(`${id}:trigger`), ...node }],
		connections: {},
		settings: { executionOrder: 'v1' },
		active: false,
	};
}

export const splitOut = (name, field) => ({
	name,
	type: 'n8n-nodes-base.splitOut',
	typeVersion: 1,
	parameters: { fieldToSplitOut: field, include: 'noOtherFields', options: {} },
});

export const httpRequest = (name, parameters, credentialId) => ({
	name,
	type: 'n8n-nodes-base.httpRequest',
	typeVersion: 4.2,
	parameters,
	credentials: { httpHeaderAuth: { id: credentialId, name: credentialId } },
});

export const ourNode = (name, type, parameters, credentialType, credentialId) => ({
	name,
	type,
	typeVersion: 1,
	parameters,
	credentials: { [credentialType]: { id: credentialId, name: credentialId } },
});
