import type { IDataObject } from 'n8n-workflow';

import { SphinxApi } from '../../../credentials/SphinxApi.credentials';
import { SphinxOAuth2Api } from '../../../credentials/SphinxOAuth2Api.credentials';
import { Sphinx } from '../../../nodes/Sphinx/Sphinx.node';
import { startSphinxSimulator } from '../../../simulators/sphinx';
import { runNode } from '../../harness';
import { stateValues, type FaultSim, type FaultVendor } from '../vendor';

type Case = { id: number; external_id: string | null };
type SphinxSim = FaultSim & { accessToken: string; control: FaultSim['control'] & { addCase(o: IDataObject): unknown } };

const run = (sim: FaultSim, parameters: IDataObject) =>
	runNode({
		nodeType: Sphinx,
		credentialTypes: [SphinxApi, SphinxOAuth2Api],
		credentials: { sphinxApi: { accessToken: (sim as SphinxSim).accessToken, baseUrl: sim.baseUrl } } as never,
		parameters: { authentication: 'accessToken', resource: 'case', ...parameters },
		node: { credentials: { sphinxApi: { id: 'sphinxApi', name: 'Sphinx token' } } },
	});

export const sphinx: FaultVendor = {
	name: 'Sphinx',
	start: async (clock, caseCount) => (await startSphinxSimulator({ seed: 13, caseCount, clock })) as unknown as FaultSim,
	listPath: '/api/cases',
	createPath: '/api/cases',
	getAll: (sim) => run(sim, { operation: 'getAll', returnAll: true, simplify: false }),
	caseIds: (sim) => stateValues<Case>(sim, 'cases').map((c) => String(c.id)),
	itemId: (json) => String(json.id),
	grow: (sim) => void (sim as SphinxSim).control.addCase({}),
	createSafety: 'lookup by key',
	create: (sim, tag) =>
		run(sim, {
			operation: 'create',
			customerSource: 'new',
			customerFullName: 'Ada Lovelace',
			customerFields: { externalId: `cust-${tag}`, customerType: 'INDIVIDUAL' },
			checks: { check: [{ checkType: 'PEP', inputDetails: '{"person_name": "Ada Lovelace"}' }] },
			additionalFields: { externalId: tag },
		}),
	created: (sim, tag) => stateValues<Case>(sim, 'cases').filter((c) => c.external_id === tag).length,
	caseCount: (sim) => stateValues(sim, 'cases').length,
};
