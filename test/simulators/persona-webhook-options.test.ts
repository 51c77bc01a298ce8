import axios from 'axios';
import { startPersonaSimulator } from '../../simulators/persona';

/**
 * The Persona simulator's webhook API variants (start option `webhookOptions`,
 * `control.setWebhookOptions`, `/__control/persona/webhook-options`): an /enable answer without
 * the secrets, and event names the webhook API refuses.
 */

type Sim = Awaited<ReturnType<typeof startPersonaSimulator>>;

describe('Persona simulator webhook variants', () => {
	let sim: Sim;
	const auth = () => ({ headers: { Authorization: `Bearer ${sim.apiKey}` }, validateStatus: () => true });
	const create = async (events: string[]) =>
		await axios.post(
			`${sim.baseUrl}/webhooks`,
			{ data: { attributes: { name: 'hook', url: 'https://example.com/hook', 'enabled-events': events } } },
			auth(),
		);

	beforeAll(async () => {
		sim = await startPersonaSimulator({ seed: 5, caseCount: 5 });
	});
	afterAll(async () => {
		await sim.stop();
	});
	beforeEach(() => sim.control.reset());

	it('answers /enable with the secrets by default, and without them when switched; the webhook keeps them', async () => {
		const hook = (await create(['case.created'])).data.data;
		const secret = hook.attributes.secrets[0].value;
		const enabled = await axios.post(`${sim.baseUrl}/webhooks/${hook.id}/enable`, {}, auth());
		expect(enabled.data.data.attributes.secrets).toEqual([{ value: secret, 'expires-at': null }]);

		expect(sim.control.setWebhookOptions({ enableAnswerWithoutSecrets: true })).toEqual({ enableAnswerWithoutSecrets: true, readAnswerWithoutSecrets: false, refusedEvents: [] });
		await axios.post(`${sim.baseUrl}/webhooks/${hook.id}/disable`, {}, auth());
		const bare = await axios.post(`${sim.baseUrl}/webhooks/${hook.id}/enable`, {}, auth());
		expect(bare.status).toBe(200);
		expect(bare.data.data.attributes.status).toBe('enabled');
		expect(bare.data.data.attributes).not.toHaveProperty('secrets');
		expect(bare.data.data.attributes).not.toHaveProperty('secret');
		const read = await axios.get(`${sim.baseUrl}/webhooks/${hook.id}`, auth());
		expect(read.data.data.attributes.secrets[0].value).toBe(secret);

		sim.control.reset();
		expect(sim.control.webhookOptions()).toEqual({ enableAnswerWithoutSecrets: false, readAnswerWithoutSecrets: false, refusedEvents: [] });
	});

	it('refuses the event names it is told to with a 422 pointing at the name, also through the control API', async () => {
		const control = await axios.post(`${sim.url}/__control/persona/webhook-options`, { refusedEvents: ['case.print-initiated'] });
		expect(control.data).toEqual({ enableAnswerWithoutSecrets: false, readAnswerWithoutSecrets: false, refusedEvents: ['case.print-initiated'] });
		const refused = await create(['case.created', 'case.print-initiated']);
		expect(refused.status).toBe(422);
		expect(refused.data.errors[0].source).toEqual({ pointer: '/data/attributes/enabled-events/1' });
		expect((await create(['case.created'])).status).toBe(201);
		expect(() => sim.control.setWebhookOptions({ refusedEvents: 'case.created' } as never)).toThrow(/array of event names/);
		expect(() => sim.control.setWebhookOptions({ other: true } as never)).toThrow(/unknown webhook option/);
	});
});
