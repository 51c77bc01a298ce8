import type { IDataObject } from 'n8n-workflow';

import { ZenooApi } from '../../../credentials/ZenooApi.credentials';
import { Zenoo } from '../../../nodes/Zenoo/Zenoo.node';
import { startZenooSimulator } from '../../../simulators/zenoo';
import { createCase } from '../../../simulators/zenoo/model';
import { runNode } from '../../harness';
import { stateValues, type FaultSim, type FaultVendor } from '../vendor';


type Case = { token: string; external_reference: string | null };

const run = (sim: FaultSim, parameters: IDataObject) =>
	runNode({
		nodeType: Zenoo,
		credentialType: ZenooApi,
		credentials: { zenooApi: { apiKey: sim.apiKey, environment: 'custom', baseUrl: sim.baseUrl } },
		parameters: { resource: 'case', ...parameters },
	});

export const zenoo: FaultVendor = {
	name: 'Zenoo',
	start: async (clock, caseCount) => (await startZenooSimulator({ seed: 13, caseCount, clock })) as unknown as FaultSim,
	listPath: '/v1/cases',
	createPath: '/v1/cases',
	getAll: (sim) => run(sim, { operation: 'getAll', returnAll: true, simplify: false }),
	caseIds: (sim) => stateValues<Case>(sim, 'cases').map((c) => c.token),
	itemId: (json) => String(json.token ?? json.id),
	grow: (sim) => void createCase(sim.state as never, { type: 'Review', entity_category: 'Person' }),
	createSafety: 'idempotency key',
	create: (sim, tag) =>
		run(sim, { operation: 'create', caseType: 'Review', entityCategory: 'Person', firstName: 'Jo', lastName: 'Doe', additionalFields: { externalReference: tag } }),
	created: (sim, tag) => stateValues<Case>(sim, 'cases').filter((c) => c.external_reference === tag).length,
	caseCount: (sim) => stateValues(sim, 'cases').length,
};
