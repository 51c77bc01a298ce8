import type { IDataObject, IHookFunctions } from 'n8n-workflow';

import { webhookLifecycle, type RemoteWebhook, type WebhookRegistry } from '../../core/webhook';
import { refusedEventNames } from '../../nodes/Persona/webhooks';

const URL = 'https://n8n.example.com/webhook/abc/webhook';
const EVENTS = ['case.status-updated'];

/** A vendor whose answers may leave the secrets out, as Persona's /enable can. */
function fakeVendor(answers: { createWithSecrets: boolean; enableWithSecrets: boolean; getWithSecrets: boolean }) {
	const hooks = new Map<string, RemoteWebhook>();
	const calls: string[] = [];
	const view = (hook: RemoteWebhook, withSecrets: boolean): RemoteWebhook => ({ ...hook, secrets: withSecrets ? [...hook.secrets] : [] });
	const registry: WebhookRegistry = {
		async get(_ctx, id) {
			calls.push(`get ${id}`);
			const hook = hooks.get(id);
			return hook ? view(hook, answers.getWithSecrets) : undefined;
		},
		async list() {
			calls.push('list');
			return [...hooks.values()].map((hook) => view(hook, false));
		},
		async create(_ctx, url, events) {
			calls.push('create');
			const hook: RemoteWebhook = { id: `wbh_${hooks.size + 1}`, url, events, enabled: false, gone: false, secrets: ['wbhsec_one'] };
			hooks.set(hook.id, hook);
			return view(hook, answers.createWithSecrets);
		},
		async enable(_ctx, id) {
			calls.push(`enable ${id}`);
			const hook = hooks.get(id)!;
			hook.enabled = true;
			return view(hook, answers.enableWithSecrets);
		},
		async remove(_ctx, id) {
			calls.push(`remove ${id}`);
			hooks.get(id)!.gone = true;
		},
	};
	return { registry, hooks, calls };
}

function hookContext(staticData: IDataObject): IHookFunctions {
	return {
		getWorkflowStaticData: () => staticData,
		getNodeWebhookUrl: () => URL,
	} as unknown as IHookFunctions;
}

describe('webhook lifecycle › secrets', () => {
	it('reads the secrets from the webhook when neither the create nor the enable answer carries them', async () => {
		const vendor = fakeVendor({ createWithSecrets: false, enableWithSecrets: false, getWithSecrets: true });
		const lifecycle = webhookLifecycle(vendor.registry, () => EVENTS);
		const staticData: IDataObject = {};
		await lifecycle.create.call(hookContext(staticData));
		expect(staticData).toMatchObject({ webhookId: 'wbh_1', webhookSecrets: ['wbhsec_one'] });
		expect(vendor.calls).toEqual(['create', 'enable wbh_1', 'get wbh_1']);
	});

	it('keeps the known secrets when a re-check answers without any', async () => {
		const vendor = fakeVendor({ createWithSecrets: true, enableWithSecrets: false, getWithSecrets: false });
		const lifecycle = webhookLifecycle(vendor.registry, () => EVENTS);
		const staticData: IDataObject = {};
		await lifecycle.create.call(hookContext(staticData));
		expect(staticData.webhookSecrets).toEqual(['wbhsec_one']);
		vendor.hooks.get('wbh_1')!.enabled = false; // disabled in the dashboard
		expect(await lifecycle.checkExists.call(hookContext(staticData))).toBe(true);
		expect(vendor.hooks.get('wbh_1')!.enabled).toBe(true);
		expect(staticData.webhookSecrets).toEqual(['wbhsec_one']);
	});

	it('does not carry one webhook\'s secrets over to another', async () => {
		const vendor = fakeVendor({ createWithSecrets: false, enableWithSecrets: false, getWithSecrets: false });
		const lifecycle = webhookLifecycle(vendor.registry, () => EVENTS);
		const staticData: IDataObject = { webhookId: 'wbh_gone', webhookUrl: URL, webhookEvents: EVENTS, webhookSecrets: ['wbhsec_old'] };
		expect(await lifecycle.checkExists.call(hookContext(staticData))).toBe(false);
		await lifecycle.create.call(hookContext(staticData));
		expect(staticData).toMatchObject({ webhookId: 'wbh_1', webhookSecrets: [] });
	});
});

describe('Persona webhook registration › refused event names', () => {
	const events = ['case.created', 'case.created-extra', 'case-comment.created'];

	it('names the event Persona\'s error points at', () => {
		const error = { httpCode: '422', message: 'Persona registering the webhook failed (HTTP 422): Enabled events contains an unsupported event', description: 'Field: data.attributes.enabled-events.2' };
		expect(refusedEventNames(error, events)).toEqual(['case-comment.created']);
	});

	it('names the events Persona\'s message quotes, whole names only', () => {
		const error = { httpCode: '400', message: 'Persona registering the webhook failed (HTTP 400): "case.created-extra" is not a valid event name', description: '' };
		expect(refusedEventNames(error, events)).toEqual(['case.created-extra']);
	});

	it('names nothing for other failures', () => {
		expect(refusedEventNames({ httpCode: '500', message: 'case.created failed' }, events)).toEqual([]);
		expect(refusedEventNames({ httpCode: '422', message: 'name is missing', description: 'Field: data.attributes.name' }, events)).toEqual([]);
		expect(refusedEventNames(new Error('socket hang up'), events)).toEqual([]);
	});
});
