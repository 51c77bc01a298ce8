import type { IDataObject } from 'n8n-workflow';

import { PersonaApi } from '../../../credentials/PersonaApi.credentials';
import { Persona } from '../../../nodes/Persona/Persona.node';
import { startPersonaSimulator } from '../../../simulators/persona';
import { runNode } from '../../harness';
import { stateValues, type FaultSim, type FaultVendor } from '../vendor';

type Case = { id: string; templateId: string; attributes: IDataObject };
let grown = 0;

const run = (sim: FaultSim, parameters: IDataObject) =>
	runNode({
		nodeType: Persona,
		credentialType: PersonaApi,
		credentials: { personaApi: { apiKey: sim.apiKey, baseUrl: sim.baseUrl } },
		parameters: { resource: 'case', ...parameters },
	});

export const persona: FaultVendor = {
	name: 'Persona',
	start: async (clock, caseCount) => (await startPersonaSimulator({ seed: 13, caseCount, clock })) as unknown as FaultSim,
	listPath: '/api/v1/cases',
	createPath: '/api/v1/cases',
	getAll: (sim) => run(sim, { operation: 'getAll', returnAll: true, simplify: false }),
	caseIds: (sim) => stateValues<Case>(sim, 'cases').map((c) => c.id),
	itemId: (json) => String(json.id),
	grow(sim) {
		const cases = stateValues<Case>(sim, 'cases');
		const newest = cases.reduce((a, b) => (String(a.attributes['created-at']) > String(b.attributes['created-at']) ? a : b));
		const id = `case_grown${String(++grown).padStart(6, '0')}`;
		const created = new Date(Date.parse(String(newest.attributes['created-at'])) + 1000).toISOString();
		const copy = { ...structuredClone(newest), id, attributes: { ...structuredClone(newest.attributes), 'created-at': created, 'updated-at': created } };
		((sim.state as IDataObject).cases as Map<string, Case>).set(id, copy);
	},
	createSafety: 'idempotency key',
	create(sim) {
		const template = stateValues<{ id: string; name: string }>(sim, 'templates')[0];
		return run(sim, { operation: 'create', caseTemplateId: template.id });
	},
	created: (sim, _tag, before) => persona.caseCount(sim) - before,
	caseCount: (sim) => stateValues(sim, 'cases').length,
};
