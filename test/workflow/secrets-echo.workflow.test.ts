// Secrets (issue 13): a vendor that echoes the request's Authorization / API-key header in its
// error body (the simulators' echo-credentials variant) must not leak it through the node: not in
// the error message, not in its description or anywhere else on the error, not in the output item
// written with Continue On Fail. Every vendor's action node, against its simulator.
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { CertnApi } from '../../credentials/CertnApi.credentials';
import { PenboxApi } from '../../credentials/PenboxApi.credentials';
import { PersonaApi } from '../../credentials/PersonaApi.credentials';
import { SphinxApi } from '../../credentials/SphinxApi.credentials';
import { SphinxOAuth2Api } from '../../credentials/SphinxOAuth2Api.credentials';
import { ZenooApi } from '../../credentials/ZenooApi.credentials';
import { Certn } from '../../nodes/Certn/Certn.node';
import { Penbox } from '../../nodes/Penbox/Penbox.node';
import { Persona } from '../../nodes/Persona/Persona.node';
import { Sphinx } from '../../nodes/Sphinx/Sphinx.node';
import { Zenoo } from '../../nodes/Zenoo/Zenoo.node';
import { startCertnSimulator } from '../../simulators/certn';
import { startPenboxSimulator } from '../../simulators/penbox';
import { startPersonaSimulator } from '../../simulators/persona';
import { startSphinxSimulator } from '../../simulators/sphinx';
import { startZenooSimulator } from '../../simulators/zenoo';
import { runNode } from '../harness';

type AnySim = {
	url: string;
	baseUrl: string;
	apiKey: string;
	control: { setEchoCredentials(on: boolean): unknown; reset(): unknown };
	stop(): Promise<unknown>;
};

const CERTN_MISSING = '00000000-0000-4000-8000-000000000000';
const PENBOX_MISSING = '00000000-0000-4000-8000-00000000abcd';

interface VendorCase {
	name: string;
	start: () => Promise<AnySim>;
	/** A request the vendor answers with an error, made directly: proves the echo is on. */
	direct: (sim: AnySim) => { url: string; headers: Record<string, string> };
	run: (sim: AnySim, o: { continueOnFail?: boolean; items?: IDataObject[] }) => ReturnType<typeof runNode>;
	/** An ID the vendor answers 404 for. */
	missingId: string;
	/** The secrets the node sends (and the vendor echoes); a pattern for tokens issued on the fly. */
	secrets: (sim: AnySim) => Array<string | RegExp>;
}

const byId = (id: string) => ({ __rl: true, mode: 'id', value: id });

const VENDORS: VendorCase[] = [
	{
		name: 'Persona',
		missingId: 'case_doesnotexist1',
		start: async () => (await startPersonaSimulator({ seed: 3, caseCount: 5 })) as unknown as AnySim,
		direct: (sim) => ({ url: `${sim.baseUrl}/cases/case_doesnotexist1`, headers: { authorization: `Bearer ${sim.apiKey}` } }),
		run: async (sim, o) =>
			await runNode({
				nodeType: Persona,
				credentialType: PersonaApi,
				credentials: { personaApi: { apiKey: sim.apiKey, baseUrl: sim.baseUrl } },
				parameters: { resource: 'case', operation: 'get', caseId: o.items ? '={{ $json.id }}' : byId('case_doesnotexist1') },
				items: o.items,
				continueOnFail: o.continueOnFail,
			}),
		secrets: (sim) => [sim.apiKey],
	},
	{
		name: 'Certn',
		missingId: CERTN_MISSING,
		start: async () => (await startCertnSimulator({ seed: 3, caseCount: 5 })) as unknown as AnySim,
		direct: (sim) => ({ url: `${sim.baseUrl}/api/public/cases/${CERTN_MISSING}/`, headers: { authorization: `Api-Key ${sim.apiKey}` } }),
		run: async (sim, o) =>
			await runNode({
				nodeType: Certn,
				credentialType: CertnApi,
				credentials: { certnApi: { apiKey: sim.apiKey, environment: 'custom', baseUrl: sim.baseUrl } },
				parameters: { resource: 'case', operation: 'get', caseId: o.items ? '={{ $json.id }}' : byId(CERTN_MISSING) },
				items: o.items,
				continueOnFail: o.continueOnFail,
			}),
		secrets: (sim) => [sim.apiKey],
	},
	{
		name: 'Zenoo',
		missingId: 'cas_doesnotexist',
		start: async () => (await startZenooSimulator({ seed: 3, caseCount: 5 })) as unknown as AnySim,
		direct: (sim) => ({ url: `${sim.baseUrl}/v1/cases/cas_doesnotexist`, headers: { 'x-api-key': sim.apiKey } }),
		run: async (sim, o) =>
			await runNode({
				nodeType: Zenoo,
				credentialType: ZenooApi,
				credentials: { zenooApi: { apiKey: sim.apiKey, environment: 'custom', baseUrl: sim.baseUrl } },
				parameters: { resource: 'case', operation: 'get', caseId: o.items ? '={{ $json.id }}' : byId('cas_doesnotexist') },
				items: o.items,
				continueOnFail: o.continueOnFail,
			}),
		secrets: (sim) => [sim.apiKey],
	},
	{
		name: 'Sphinx (access token)',
		missingId: '99999',
		start: async () => (await startSphinxSimulator({})) as unknown as AnySim,
		direct: (sim) => ({ url: `${sim.baseUrl}/api/cases/99999/`, headers: { authorization: `Bearer ${sim.apiKey}` } }),
		run: async (sim, o) =>
			await runNode({
				nodeType: Sphinx,
				credentialTypes: [SphinxApi, SphinxOAuth2Api],
				credentials: { sphinxApi: { accessToken: sim.apiKey, baseUrl: sim.baseUrl } } as never,
				parameters: { authentication: 'accessToken', resource: 'case', operation: 'get', caseId: o.items ? '={{ $json.id }}' : byId('99999') },
				node: { credentials: { sphinxApi: { id: 'sphinxApi', name: 'Sphinx token' } } },
				items: o.items,
				continueOnFail: o.continueOnFail,
			}),
		secrets: (sim) => [sim.apiKey],
	},
	{
		name: 'Sphinx (OAuth2 client credentials)',
		missingId: '99999',
		start: async () => (await startSphinxSimulator({})) as unknown as AnySim,
		direct: (sim) => ({ url: `${sim.baseUrl}/api/cases/99999/`, headers: { authorization: `Bearer ${sim.apiKey}` } }),
		run: async (sim, o) => {
			const s = sim as AnySim & { clientId: string; clientSecret: string };
			return await runNode({
				nodeType: Sphinx,
				credentialTypes: [SphinxApi, SphinxOAuth2Api],
				credentials: { sphinxOAuth2Api: { clientId: s.clientId, clientSecret: s.clientSecret, baseUrl: s.baseUrl } } as never,
				parameters: { authentication: 'oAuth2', resource: 'case', operation: 'get', caseId: o.items ? '={{ $json.id }}' : byId('99999') },
				node: { credentials: { sphinxOAuth2Api: { id: 'sphinxOAuth2Api', name: 'Sphinx OAuth2' } } },
				items: o.items,
				continueOnFail: o.continueOnFail,
			});
		},
		// the client secret, and the access token the simulator issued for it (echoed as Bearer)
		secrets: (sim) => [(sim as AnySim & { clientSecret: string }).clientSecret, /sphx_at_[0-9a-f]{16,}/],
	},
	{
		name: 'Penbox',
		missingId: PENBOX_MISSING,
		start: async () => (await startPenboxSimulator({ seed: 3, caseCount: 3 })) as unknown as AnySim,
		direct: (sim) => ({ url: `${sim.baseUrl}/cases/${PENBOX_MISSING}`, headers: { authorization: `Bearer ${sim.apiKey}` } }),
		run: async (sim, o) =>
			await runNode({
				nodeType: Penbox,
				credentialTypes: [PenboxApi],
				credentials: { penboxApi: { apiKey: sim.apiKey, baseUrl: sim.baseUrl } } as never,
				parameters: { resource: 'case', operation: 'get', caseId: o.items ? '={{ $json.id }}' : byId(PENBOX_MISSING) },
				node: { credentials: { penboxApi: { id: 'penboxApi', name: 'Penbox' } } },
				items: o.items,
				continueOnFail: o.continueOnFail,
			}),
		secrets: (sim) => [sim.apiKey],
	},
];

/** Every string reachable from a value (own properties, cycles skipped): what a user could be shown. */
function allText(value: unknown, seen = new Set<unknown>()): string {
	if (typeof value === 'string') return value;
	if (!value || typeof value !== 'object' || seen.has(value)) return '';
	seen.add(value);
	const parts: string[] = [];
	for (const key of Object.getOwnPropertyNames(value)) {
		let v: unknown;
		try {
			v = (value as Record<string, unknown>)[key];
		} catch {
			continue;
		}
		parts.push(key, allText(v, seen));
	}
	return parts.join('\n');
}

function expectAbsent(text: string, secret: string | RegExp): void {
	if (typeof secret === 'string') expect(text).not.toContain(secret);
	else expect(text).not.toMatch(secret);
}

const outputText = (items: INodeExecutionData[]) => JSON.stringify(items.map((i) => i.json));

describe.each(VENDORS)('$name: a vendor echoing the credentials in its error body', (vendor) => {
	let sim: AnySim;
	beforeAll(async () => {
		sim = await vendor.start();
	});
	afterAll(async () => await sim.stop());
	beforeEach(() => {
		sim.control.reset();
		sim.control.setEchoCredentials(true);
	});

	it('the simulator does echo them (the variant is live)', async () => {
		const { url, headers } = vendor.direct(sim);
		const res = await fetch(url, { headers });
		expect(res.status).toBeGreaterThanOrEqual(400);
		const text = await res.text();
		expect(text).toContain(sim.apiKey);
	});

	it('the error the node throws names the failure without the secret (message, description, every field)', async () => {
		const failed = await vendor.run(sim, {});
		expect(failed.status).toBe('error');
		const error = failed.error!;
		expect(error.message).toMatch(/HTTP 404/);
		// the vendor's own words came through, with the credential cut out
		expect(`${error.message}\n${String(error.description ?? '')}`).toContain('[redacted]');
		const shown = allText(error);
		for (const secret of vendor.secrets(sim)) expectAbsent(shown, secret);
	});

	it('Continue On Fail: the error item carries no secret; the next item still runs', async () => {
		const { items } = await vendor.run(sim, { continueOnFail: true, items: [{ id: vendor.missingId }, { id: vendor.missingId }] });
		expect(items).toHaveLength(2);
		expect(String(items[0].json.error)).toMatch(/HTTP 404/);
		expect(JSON.stringify(items[0].json)).toContain('[redacted]');
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		const text = outputText(items);
		for (const secret of vendor.secrets(sim)) expectAbsent(text, secret);
	});
});
