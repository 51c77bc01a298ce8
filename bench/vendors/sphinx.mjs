// Sphinx in the benchmark: how a competent user wires n8n's HTTP Request node for it, the raw
// fetch loop, our node's parameters, and token-carrying trigger calls.
//
// Sphinx lists are Django REST Framework pages (/work/shared/vendors/sphinx.md §2): `page` and
// `page_size` (max 100 [A]), answered with `{count, next, previous, results}` where `next` is the
// absolute URL of the next page. Sphinx has two credentials (an OAuth2 client and a static access
// token); the bench uses the static token (sphinxApi), which a Header Auth credential can carry
// too, so both sides send the same `Authorization: Bearer` header and no token requests.

export default {
	vendor: 'sphinx',
	displayName: 'Sphinx',
	/** pageNumber: `page` + `page_size`; the first page's `count` says how many there are. */
	paging: 'pageNumber',
	credentialType: 'sphinxApi',
	credentialNote: 'static access token (sphinxApi), not OAuth2',
	triggerNote: "Sphinx signs nothing: the trigger checks ?token= and reads each case from Sphinx (one GET with the simulator's latency) before it trusts the call",
	node: 'sphinx',
	trigger: 'sphinxTrigger',
	simOptions: (caseCount) => ({ seed: 7, caseCount }),
	credentialData: ({ apiKey, baseUrl }) => ({ accessToken: apiKey, baseUrl }),
	headerAuth: ({ apiKey }) => ({ name: 'Authorization', value: `Bearer ${apiKey}` }),
	listPath: '/api/cases/',
	itemsField: 'results',

	/** HTTP Request node (v4.2): page_size 100, following DRF's absolute `next` URL until it is null. */
	httpList({ baseUrl }) {
		return {
			method: 'GET',
			url: `${baseUrl}/api/cases/`,
			authentication: 'genericCredentialType',
			genericAuthType: 'httpHeaderAuth',
			sendQuery: true,
			queryParameters: { parameters: [{ name: 'page_size', value: '100' }] },
			options: {
				pagination: {
					pagination: {
						paginationMode: 'responseContainsNextURL',
						nextURL: '={{ $response.body.next }}',
						paginationCompleteWhen: 'other',
						completeExpression: '={{ !$response.body.next }}',
					},
				},
			},
		};
	},
	httpFirstPage({ baseUrl }, size) {
		return {
			method: 'GET',
			url: `${baseUrl}/api/cases/`,
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
			url: `=${baseUrl}/api/cases/{{ $json.id }}/`,
			authentication: 'genericCredentialType',
			genericAuthType: 'httpHeaderAuth',
			options: {},
		};
	},

	ours: {
		list: (simplify) => ({ authentication: 'accessToken', resource: 'case', operation: 'getAll', returnAll: true, filters: {}, simplify }),
		limit: (limit) => ({ authentication: 'accessToken', resource: 'case', operation: 'getAll', returnAll: false, limit, filters: {}, simplify: true }),
		get: () => ({ authentication: 'accessToken', resource: 'case', operation: 'get', caseId: { __rl: true, mode: 'id', value: '={{ $json.id }}' }, simplify: false }),
	},

	/** The floor: the HTTP Request node's requests (page 1, then each `next`) from a plain fetch loop. */
	async rawList({ baseUrl, apiKey }) {
		const headers = { Authorization: `Bearer ${apiKey}` };
		const items = [];
		let requests = 0;
		let next = `${baseUrl}/api/cases/?page_size=100`;
		while (next) {
			const res = await fetch(next, { headers });
			requests++;
			if (!res.ok) throw new Error(`raw loop: HTTP ${res.status} on ${next}`);
			const doc = await res.json();
			for (const c of doc.results) items.push(c);
			next = doc.next || null;
		}
		return { items, requests };
	},

	delivery: {
		// Sphinx signs nothing: the trigger checks the shared token in the URL, then reads the case
		// from Sphinx (one GET per call, 20 ms simulated latency; it cannot be turned off) and
		// deduplicates by case, updated_at and outcome.
		params: { authentication: 'accessToken', events: ['case.completed', 'case.failed'], token: 'sphinx_bench_shared_token_0001', simplify: true, options: {} },
		secret: 'sphinx_bench_shared_token_0001',
		/** The token goes in the query string, as the trigger's Production URL shows it. */
		url: (url, secret) => `${url}?token=${encodeURIComponent(secret)}`,
		/**
		 * Each call must name another finished case (the trigger deduplicates by case): the ids of
		 * every finished case of the simulator, read through the API.
		 */
		async prepare({ open }) {
			const headers = { Authorization: `Bearer ${open.apiKey}` };
			const finished = [];
			for (let next = `${open.baseUrl}/api/cases/?page_size=100`; next; ) {
				const doc = await (await fetch(next, { headers })).json();
				for (const c of doc.results) if (c.is_complete === true || c.failed === true) finished.push(c);
				next = doc.next || null;
			}
			if (finished.length < 40) throw new Error(`only ${finished.length} finished Sphinx cases to call the trigger with`);
			return { finished, sent: 0 };
		},
		/** Sphinx's call: the case object, posted to the case's webhook_url (the next finished case each time). */
		body(i, kase, ctx) {
			return ctx.finished[ctx.sent++ % ctx.finished.length];
		},
		headers: () => ({ 'content-type': 'application/json', 'user-agent': 'Sphinx-Webhook/sim' }),
	},
};
