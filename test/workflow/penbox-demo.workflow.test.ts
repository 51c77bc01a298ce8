import type { IDataObject } from 'n8n-workflow';

import demo from '../../demo/workflows/penbox-case-completed-pdf-email.json';
import { PenboxApi } from '../../credentials/PenboxApi.credentials';
import { Penbox } from '../../nodes/Penbox/Penbox.node';
import { startPenboxSimulator } from '../../simulators/penbox';
import { runNode } from '../harness';

/** The demo's manual branch, against the simulator `npm start` runs (default seed): its template and workspace IDs exist. */
describe('Penbox demo workflow: "Run to open a case"', () => {
	let sim: Awaited<ReturnType<typeof startPenboxSimulator>>;
	beforeAll(async () => {
		sim = await startPenboxSimulator({});
	});
	afterAll(async () => await sim.stop());

	const node = (name: string) => demo.nodes.find((n) => n.name === name) as unknown as { parameters: IDataObject };
	const run = async (parameters: IDataObject, items?: IDataObject[]) =>
		await runNode({
			nodeType: Penbox,
			credentialTypes: [PenboxApi],
			credentials: { penboxApi: { apiKey: sim.apiKey, baseUrl: sim.baseUrl } } as never,
			parameters: parameters as never,
			node: { credentials: { penboxApi: { id: 'penboxApi', name: 'Penbox' } } },
			items,
		});

	it('creates the case from the template and sends the onboarding pack', async () => {
		const created = await run(node('Create Penbox case').parameters);
		expect(created.error).toBeUndefined();
		expect(created.items[0].json).toEqual(expect.objectContaining({ vendor: 'penbox', reference: expect.stringMatching(/^DEMO-\d{6}$/) }));
		const sent = await run(node('Send the onboarding pack').parameters, [created.items[0].json]);
		expect(sent.error).toBeUndefined();
		expect(sent.items[0].json.status).toBe('pending');
	});
});
