// Zenoo in the benchmark: how a competent user wires n8n's HTTP Request node for it, the raw
// fetch loop, our node's parameters, and signed trigger deliveries.
//
// Zenoo's CLM lists are cursor pages (/work/shared/vendors/zenoo.md §2): `limit` (max 100) and
// `cursor` from the previous page's `meta.page.cursor`, done when `meta.page.has_more` is false.

import crypto from 'node:crypto';

export default {
	vendor: 'zenoo',
	displayName: 'Zenoo',
	/** cursor: every page needs the previous one (meta.page.cursor). */
	paging: 'cursor',
	credentialType: 'zenooApi',
	triggerNote: 'Zenoo Trigger: X-Zenoo-Signature verified, deduplicated by event_id, Fetch Case off',
	/** Scenarios that do not apply, with the reason the table shows. */
	notApplicable: { search: "Zenoo's case list filters by status, type, category, tier and assignee but not by a created_at range, and a case can change status during the walk: no split that neither misses nor repeats a case" },
	node: 'zenoo',
	trigger: 'zenooTrigger',
	simOptions: (caseCount) => ({ seed: 7, caseCount }),
	credentialData: ({ apiKey, baseUrl }) => ({ apiKey, environment: 'custom', baseUrl }),
	headerAuth: ({ apiKey }) => ({ name: 'X-API-KEY', value: apiKey }),
	listPath: '/v1/cases',
	itemsField: 'data',

	/** HTTP Request node (v4.2): limit 100, the cursor of each answer sent with the next request. */
	httpList({ baseUrl }) {
		return {
			method: 'GET',
			url: `${baseUrl}/v1/cases`,
			authentication: 'genericCredentialType',
			genericAuthType: 'httpHeaderAuth',
			sendQuery: true,
			queryParameters: { parameters: [{ name: 'limit', value: '100' }] },
			options: {
				pagination: {
					pagination: {
						paginationMode: 'updateAParameterInEachRequest',
						parameters: { parameters: [{ type: 'qs', name: 'cursor', value: '={{ $response.body.meta.page.cursor }}' }] },
						paginationCompleteWhen: 'other',
						completeExpression: '={{ !$response.body.meta.page.has_more }}',
					},
				},
			},
		};
	},
	/** HTTP Request node: one page of `size` (what a user does for "the newest 30"). */
	httpFirstPage({ baseUrl }, size) {
		return {
			method: 'GET',
			url: `${baseUrl}/v1/cases`,
			authentication: 'genericCredentialType',
			genericAuthType: 'httpHeaderAuth',
			sendQuery: true,
			queryParameters: { parameters: [{ name: 'limit', value: String(size) }] },
			options: {},
		};
	},
	/** HTTP Request node: one case per input item (`$json.id` holds the case token). */
	httpGet({ baseUrl }) {
		return {
			method: 'GET',
			url: `=${baseUrl}/v1/cases/{{ $json.id }}`,
			authentication: 'genericCredentialType',
			genericAuthType: 'httpHeaderAuth',
			options: {},
		};
	},

	ours: {
		list: (simplify) => ({ resource: 'case', operation: 'getAll', returnAll: true, filters: {}, simplify }),
		limit: (limit) => ({ resource: 'case', operation: 'getAll', returnAll: false, limit, filters: {}, simplify: true }),
		get: () => ({ resource: 'case', operation: 'get', caseId: { __rl: true, mode: 'id', value: '={{ $json.id }}' }, simplify: false }),
	},

	/** The floor: the HTTP Request node's requests (each cursor in turn) from a plain fetch loop. */
	async rawList({ baseUrl, apiKey }) {
		const headers = { 'X-API-KEY': apiKey };
		const items = [];
		let requests = 0;
		let cursor = null;
		do {
			const url = `${baseUrl}/v1/cases?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
			const res = await fetch(url, { headers });
			requests++;
			if (!res.ok) throw new Error(`raw loop: HTTP ${res.status} on ${url}`);
			const doc = await res.json();
			for (const c of doc.data) items.push(c);
			cursor = doc.meta?.page?.has_more ? doc.meta.page.cursor : null;
		} while (cursor);
		return { items, requests };
	},

	delivery: {
		// fetchCase off: the comparison is verification + dedupe vs a plain Webhook node, not an API call
		// (Zenoo's events carry the case; the fetch is only for events that name a token).
		params: { events: ['case.status_changed'], simplify: true, options: { fetchCase: false } },
		/**
		 * Zenoo hands out the signing secret when the trigger registers its webhook on activation:
		 * read back from the simulator (the webhook registered for this trigger's URL).
		 */
		async prepare({ control, webhookId }) {
			const hooks = await control('webhooks');
			const hook = hooks.filter((h) => h.status !== 'deleted' && String(h.url).includes(webhookId)).pop();
			if (!hook?.secret) throw new Error(`the Zenoo Trigger registered no webhook with a secret for ${webhookId} (webhooks: ${hooks.length})`);
			return { secret: hook.secret };
		},
		/** A Zenoo CLM event as its webhooks send it, for case `kase`. */
		body(i, kase) {
			return {
				event_id: `evt_bench${String(i).padStart(8, '0')}${crypto.randomBytes(6).toString('hex')}`,
				event_type: 'case.status_changed',
				created_at: new Date().toISOString(),
				data: { ...kase, previous_status: 'In Progress', new_status: kase.status },
			};
		},
		headers(raw, secret) {
			return { 'content-type': 'application/json', 'x-zenoo-signature': `sha256=${crypto.createHmac('sha256', secret).update(raw).digest('hex')}` };
		},
	},
};
