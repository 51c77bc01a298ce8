import type { IDataObject } from 'n8n-workflow';

import { CertnApi } from '../../credentials/CertnApi.credentials';
import { PersonaApi } from '../../credentials/PersonaApi.credentials';
import { Certn } from '../../nodes/Certn/Certn.node';
import { Persona } from '../../nodes/Persona/Persona.node';
import { runNode } from '../harness';
import { startCertnSimulator } from '../../simulators/certn';
import { startPersonaSimulator } from '../../simulators/persona';

/**
 * In n8n every credential read is a database read and a decryption. A Get Many reads its
 * credentials once for all its pages, and hands them to n8n's request helper, which otherwise
 * reads them again for every request (measured by npm run bench: about 4.5 ms per page). Every
 * page still carries the credential.
 */

/** The simulators answer 401 to a request without their key (they log no credential headers). */
type Recorded = { method: string; path: string; status: number | null };

let persona: Awaited<ReturnType<typeof startPersonaSimulator>>;
let certn: Awaited<ReturnType<typeof startCertnSimulator>>;

beforeAll(async () => {
	persona = await startPersonaSimulator({ seed: 5, caseCount: 450 });
	certn = await startCertnSimulator({ seed: 5, caseCount: 450 });
});
afterAll(async () => {
	await persona.stop();
	await certn.stop();
});
beforeEach(() => {
	persona.control.reset();
	certn.control.reset();
});

const personaRequests = () => (persona.control.requests() as unknown as Recorded[]).filter((r) => r.path.startsWith('/api/v1/'));
const certnRequests = () => (certn.control.requests() as unknown as Recorded[]).filter((r) => r.path.startsWith('/api/public/'));

async function runPersona(parameters: IDataObject, items?: IDataObject[]) {
	return await runNode({
		nodeType: Persona,
		credentialType: PersonaApi,
		credentials: { personaApi: { apiKey: persona.apiKey, baseUrl: persona.baseUrl } },
		parameters: { resource: 'case', ...parameters },
		items,
	});
}

describe('credentials are read once per list, and sent on every page', () => {
	it('Persona Get Many › Return All over 5 cursor pages: 1 credential read, accepted on every page', async () => {
		const { items, error, result } = await runPersona({ operation: 'getAll', returnAll: true, simplify: false });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(450);
		const pages = personaRequests();
		expect(pages.length).toBeGreaterThanOrEqual(5);
		for (const page of pages) expect(page.status).toBe(200);
		expect(result.credentialReads.personaApi).toBe(1);
	});

	it('Certn Get Many › Return All over concurrent numbered pages: 1 credential read, accepted on every page', async () => {
		const { items, error, result } = await runNode({
			nodeType: Certn,
			credentialType: CertnApi,
			credentials: { certnApi: { apiKey: certn.apiKey, environment: 'custom', baseUrl: certn.baseUrl } },
			parameters: { resource: 'case', operation: 'getAll', returnAll: true, simplify: false },
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(450);
		const pages = certnRequests();
		expect(pages.length).toBeGreaterThanOrEqual(5);
		for (const page of pages) expect(page.status).toBe(200);
		expect(result.credentialReads.certnApi).toBe(1);
	});

	it('Get of 4 items: one read per item (a credential may differ per item), not one more per request', async () => {
		const ids = [...(persona.state.cases as Map<string, unknown>).keys()].slice(0, 4);
		const { items, error, result } = await runPersona(
			{ operation: 'get', caseId: '={{ $json.id }}' },
			ids.map((id) => ({ id })),
		);
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json.id)).toEqual(ids);
		expect(personaRequests().map((r) => r.status)).toEqual([200, 200, 200, 200]);
		expect(result.credentialReads.personaApi).toBe(4);
	});
});
