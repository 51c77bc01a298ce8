// Persona in the benchmark: how a competent user wires n8n's HTTP Request node for it, the raw
// fetch loop, our node's parameters, and signed trigger deliveries.

import crypto from 'node:crypto';

const VERSION_HEADERS = { 'Persona-Version': '2025-12-08', 'Key-Inflection': 'kebab' };
/** Search › all cases, newest first (Persona's default order, sent explicitly). */
const SEARCH_BODY = { sort: { attribute: 'created_at', direction: 'desc' } };

export default {
	vendor: 'persona',
	displayName: 'Persona',
	/** cursor: every page needs the previous one (links.next). */
	paging: 'cursor',
	credentialType: 'personaApi',
	node: 'persona',
	trigger: 'personaTrigger',
	/** Simulator options for an instance with `caseCount` cases. */
	simOptions: (caseCount) => ({ seed: 7, caseCount }),
	/** Our credential for a simulator reached at `baseUrl`. */
	credentialData: ({ apiKey, baseUrl }, extra = {}) => ({ apiKey, baseUrl, ...extra }),
	/** n8n's generic Header Auth credential, as a user without this package sets it up. */
	headerAuth: ({ apiKey }) => ({ name: 'Authorization', value: `Bearer ${apiKey}` }),
	/** Where the cases list lives, and the list's array. */
	listPath: '/cases',
	itemsField: 'data',

	/** HTTP Request node (v4.2): list every case, page size 100, following `links.next`. */
	httpList({ baseUrl, origin }) {
		return {
			method: 'GET',
			url: `${baseUrl}/cases`,
			authentication: 'genericCredentialType',
			genericAuthType: 'httpHeaderAuth',
			sendQuery: true,
			queryParameters: { parameters: [{ name: 'page[size]', value: '100' }] },
			sendHeaders: true,
			headerParameters: { parameters: Object.entries(VERSION_HEADERS).map(([name, value]) => ({ name, value })) },
			options: {
				pagination: {
					pagination: {
						paginationMode: 'responseContainsNextURL',
						// links.next is a path from the host root: made absolute.
						nextURL: `={{ '${origin}' + $response.body.links.next }}`,
						paginationCompleteWhen: 'other',
						completeExpression: '={{ !$response.body.links.next }}',
					},
				},
			},
		};
	},
	/** HTTP Request node: one page of `size` (what a user does for "the newest 30"). */
	httpFirstPage({ baseUrl }, size) {
		return {
			method: 'GET',
			url: `${baseUrl}/cases`,
			authentication: 'genericCredentialType',
			genericAuthType: 'httpHeaderAuth',
			sendQuery: true,
			queryParameters: { parameters: [{ name: 'page[size]', value: String(size) }] },
			sendHeaders: true,
			headerParameters: { parameters: Object.entries(VERSION_HEADERS).map(([name, value]) => ({ name, value })) },
			options: {},
		};
	},
	/** HTTP Request node: one case per input item (`$json.id`). */
	httpGet({ baseUrl }) {
		return {
			method: 'GET',
			url: `=${baseUrl}/cases/{{ $json.id }}`,
			authentication: 'genericCredentialType',
			genericAuthType: 'httpHeaderAuth',
			sendHeaders: true,
			headerParameters: { parameters: Object.entries(VERSION_HEADERS).map(([name, value]) => ({ name, value })) },
			options: {},
		};
	},
	/** The HTTP Request node's output for a get is the document; the case is `data`. */
	httpGetSplit: null,

	/** HTTP Request node: Search › all cases newest first, POSTing the body again with each `links.next`. */
	httpSearch({ baseUrl, origin }) {
		return {
			...this.httpList({ baseUrl, origin }),
			method: 'POST',
			url: `${baseUrl}/cases/search`,
			sendBody: true,
			specifyBody: 'json',
			jsonBody: JSON.stringify(SEARCH_BODY),
		};
	},

	ours: {
		list: (simplify) => ({ resource: 'case', operation: 'getAll', returnAll: true, filters: {}, simplify }),
		/** Search › Return All by created_at desc: created_at ranges walked at once. */
		searchAll: () => ({ resource: 'case', operation: 'search', queryMode: 'fields', conditions: {}, sortAttribute: 'created_at', sortDirection: 'desc', returnAll: true, simplify: false }),
		limit: (limit) => ({ resource: 'case', operation: 'getAll', returnAll: false, limit, filters: {}, simplify: true }),
		get: () => ({ resource: 'case', operation: 'get', caseId: { __rl: true, mode: 'id', value: '={{ $json.id }}' }, simplify: false }),
	},

	/** The floor: the same requests as the HTTP Request node makes, from a plain fetch loop. */
	async rawList({ baseUrl, origin, apiKey }) {
		const headers = { Authorization: `Bearer ${apiKey}`, ...VERSION_HEADERS };
		const items = [];
		let requests = 0;
		let next = `${baseUrl}/cases?page%5Bsize%5D=100`;
		while (next) {
			const res = await fetch(next, { headers });
			requests++;
			if (!res.ok) throw new Error(`raw loop: HTTP ${res.status} on ${next}`);
			const doc = await res.json();
			for (const c of doc.data) items.push(c);
			next = doc.links?.next ? `${origin}${doc.links.next}` : null;
		}
		return { items, requests };
	},

	/** The floor for Search › all: one POST after the other with the same body, following `links.next`. */
	async rawSearch({ baseUrl, origin, apiKey }) {
		const headers = { Authorization: `Bearer ${apiKey}`, 'Content-Type': 'application/json', ...VERSION_HEADERS };
		const body = JSON.stringify(SEARCH_BODY);
		const items = [];
		let requests = 0;
		let next = `${baseUrl}/cases/search?page%5Bsize%5D=100`;
		while (next) {
			const res = await fetch(next, { method: 'POST', headers, body });
			requests++;
			if (!res.ok) throw new Error(`raw search loop: HTTP ${res.status} on ${next}`);
			const doc = await res.json();
			for (const c of doc.data) items.push(c);
			next = doc.links?.next ? `${origin}${doc.links.next}` : null;
		}
		return { items, requests };
	},

	delivery: {
		params: { registration: 'manual', events: ['case.status-updated'], simplify: true, options: {} },
		secret: 'wbhsec_benchmark_secret_0000000000',
		/** A Persona event envelope as its webhooks send it (kebab keys), for case `kase`. */
		body(i, kase) {
			return {
				data: {
					type: 'event',
					id: `evt_bench${String(i).padStart(10, '0')}${crypto.randomBytes(4).toString('hex')}`,
					attributes: { name: 'case.status-updated', 'created-at': new Date().toISOString(), context: {}, payload: { data: kase, included: [] } },
				},
			};
		},
		headers(raw, secret) {
			const t = Math.floor(Date.now() / 1000);
			const v1 = crypto.createHmac('sha256', secret).update(`${t}.${raw}`).digest('hex');
			return { 'content-type': 'application/json', 'persona-signature': `t=${t},v1=${v1}` };
		},
	},
};
