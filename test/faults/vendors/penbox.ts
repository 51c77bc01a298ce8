import type { IDataObject } from 'n8n-workflow';

import { PenboxApi } from '../../../credentials/PenboxApi.credentials';
import { Penbox } from '../../../nodes/Penbox/Penbox.node';
import { startPenboxSimulator } from '../../../simulators/penbox';
import { runNode } from '../../harness';
import { stateValues, type FaultSim, type FaultVendor } from '../vendor';

type Case = { id: string; reference: string | null; archived_at?: string | null };
type PenboxSim = FaultSim & { control: FaultSim['control'] & { addCase(o: IDataObject): unknown; templates(): IDataObject[]; workspaces(): IDataObject[] } };

const run = (sim: FaultSim, parameters: IDataObject) =>
	runNode({
		nodeType: Penbox,
		credentialTypes: [PenboxApi],
		credentials: { penboxApi: { apiKey: sim.apiKey, baseUrl: sim.baseUrl } } as never,
		parameters: { resource: 'case', ...parameters },
		node: { credentials: { penboxApi: { id: 'penboxApi', name: 'Penbox' } } },
	});

export const penbox: FaultVendor = {
	name: 'Penbox',
	start: async (clock, caseCount) => (await startPenboxSimulator({ seed: 13, caseCount, clock })) as unknown as FaultSim,
	listPath: '/v1/cases',
	createPath: '/v1/cases',
	getAll: (sim) => run(sim, { operation: 'getAll', returnAll: true, simplify: false }),
	// Get Many lists the cases that are not archived (Penbox's default).
	caseIds: (sim) => stateValues<Case>(sim, 'cases').filter((c) => !c.archived_at).map((c) => c.id),
	itemId: (json) => String(json.id),
	grow: (sim) => void (sim as PenboxSim).control.addCase({}),
	createSafety: 'lookup by key',
	create: (sim, tag) =>
		run(sim, {
			operation: 'create',
			templateId: (sim as PenboxSim).control.templates()[0].id,
			workspaceId: (sim as PenboxSim).control.workspaces()[0].id,
			title: 'Onboarding ACME',
			mainContact: { email: 'jane@acme.example', given_name: 'Jane', family_name: 'Doe' },
			additionalFields: { reference: tag },
		}),
	created: (sim, tag) => stateValues<Case>(sim, 'cases').filter((c) => c.reference === tag).length,
	caseCount: (sim) => stateValues(sim, 'cases').length,
};
