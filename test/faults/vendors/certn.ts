import type { IDataObject } from 'n8n-workflow';

import { CertnApi } from '../../../credentials/CertnApi.credentials';
import { Certn } from '../../../nodes/Certn/Certn.node';
import { startCertnSimulator } from '../../../simulators/certn';
import { runNode } from '../../harness';
import { stateValues, type FaultSim, type FaultVendor } from '../vendor';

type Case = { id: string; created: string; email_address: string };
let grown = 0;

const run = (sim: FaultSim, parameters: IDataObject) =>
	runNode({
		nodeType: Certn,
		credentialType: CertnApi,
		credentials: { certnApi: { apiKey: sim.apiKey, environment: 'custom', baseUrl: sim.baseUrl } },
		parameters: { resource: 'case', ...parameters },
	});

export const certn: FaultVendor = {
	name: 'Certn',
	start: async (clock, caseCount) => (await startCertnSimulator({ seed: 13, caseCount, clock })) as unknown as FaultSim,
	listPath: '/api/public/cases',
	createPath: '/api/public/cases/order',
	getAll: (sim) => run(sim, { operation: 'getAll', returnAll: true, simplify: false }),
	caseIds: (sim) => stateValues<Case>(sim, 'cases').map((c) => c.id),
	itemId: (json) => String(json.id),
	grow(sim) {
		const cases = stateValues<Case>(sim, 'cases');
		const newest = cases.reduce((a, b) => (a.created > b.created ? a : b));
		const n = ++grown;
		const id = `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
		const created = new Date(Date.parse(newest.created) + 1000).toISOString();
		((sim.state as IDataObject).cases as Map<string, Case>).set(id, { ...structuredClone(newest), id, created, modified: created } as Case);
	},
	createSafety: 'not repeated',
	create: (sim, tag) =>
		run(sim, { operation: 'order', emailAddress: `${tag}@example.com`, inviteMode: 'email', checkTypes: ['IDENTITY_VERIFICATION_1'] }),
	created: (sim, tag) => stateValues<Case>(sim, 'cases').filter((c) => c.email_address === `${tag}@example.com`).length,
	caseCount: (sim) => stateValues(sim, 'cases').length,
};
