// Certn in the benchmark: how a competent user wires n8n's HTTP Request node for it, the raw
// fetch loop, our node's parameters, and signed trigger deliveries.

import crypto from 'node:crypto';

export default {
	vendor: 'certn',
	displayName: 'Certn',
	/** pageNumber: `page` + `page_size`; the first page says how many there are. */
	paging: 'pageNumber',
	credentialType: 'certnApi',
	node: 'certn',
	trigger: 'certnTrigger',
	simOptions: (caseCount) => ({ seed: 7, caseCount }),
	credentialData: ({ apiKey, baseUrl }, extra = {}) => ({ apiKey, environment: 'custom', baseUrl, ...extra }),
	headerAuth: ({ apiKey }) => ({ name: 'Authorization', value: `Api-Key ${apiKey}` }),
	listPath: '/api/public/cases/',
	itemsField: 'results',

	/** HTTP Request node (v4.2): page-number pagination, page_size 100, done when there is no next page. */
	httpList({ baseUrl }) {
		return {
			method: 'GET',
			url: `${baseUrl}/api/public/cases/`,
			authentication: 'genericCredentialType',
			genericAuthType: 'httpHeaderAuth',
			sendQuery: true,
			queryParameters: { parameters: [{ name: 'page_size', value: '100' }] },
			options: {
				pagination: {
					pagination: {
						paginationMode: 'updateAParameterInEachRequest',
						parameters: { parameters: [{ type: 'qs', name: 'page', value: '={{ $pageCount + 1 }}' }] },
						paginationCompleteWhen: 'other',
						completeExpression: '={{ !$response.body.pagination.next_page }}',
					},
				},
			},
		};
	},
	httpFirstPage({ baseUrl }, size) {
		return {
			method: 'GET',
			url: `${baseUrl}/api/public/cases/`,
			authentication: 'genericCredentialType',
			genericAuthType: 'httpHeaderAuth',
			sendQuery: true,
			queryParameters: { parameters: [{ name: 'page', value: '1' }, { name: 'page_size', value: String(size) }] },
			options: {},
		};
	},
	httpGet({ baseUrl }) {
		return {
			method: 'GET',
			url: `=${baseUrl}/api/public/cases/{{ $json.id }}/`,
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

	/** The floor: the HTTP Request node's requests (page 1, 2, … in turn) from a plain fetch loop. */
	async rawList({ baseUrl, apiKey }) {
		const headers = { Authorization: `Api-Key ${apiKey}` };
		const items = [];
		let requests = 0;
		for (let page = 1; ; page++) {
			const url = `${baseUrl}/api/public/cases/?page=${page}&page_size=100`;
			const res = await fetch(url, { headers });
			requests++;
			if (!res.ok) throw new Error(`raw loop: HTTP ${res.status} on ${url}`);
			const doc = await res.json();
			for (const c of doc.results) items.push(c);
			if (!doc.pagination?.next_page) break;
		}
		return { items, requests };
	},

	delivery: {
		// fetchCase off: the comparison is verification + dedupe vs a plain Webhook node, not an API call.
		params: { events: ['CASE_STATUS_CHANGED'], fetchCase: false, simplify: true, options: {} },
		secret: 'certn_whsec_benchmark_secret',
		body(i, kase) {
			return {
				id: crypto.randomUUID(),
				event_type: 'CASE_STATUS_CHANGED',
				object_id: kase.id,
				object_type: 'CASE',
				created: new Date().toISOString(),
				case_status: kase.overall_status,
			};
		},
		headers(raw, secret) {
			return { 'content-type': 'application/json', 'x-signature': crypto.createHmac('sha256', secret).update(raw).digest('hex') };
		},
	},
};
