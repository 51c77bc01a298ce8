// Penbox in the benchmark: how a competent user wires n8n's HTTP Request node for it, the raw
// fetch loop, our node's parameters, and signed calls to the Penbox Webhook Trigger.
//
// Penbox lists are numbered pages (/work/shared/vendors/penbox.md, Pagination): `page[number]`
// and `page[size]` (1–100), answered with `{meta: {total_count, total_pages, page_size,
// current_page}, data}`. Its documented rate limit has two windows (100/min per token, 1,000/h per
// client) and its answers carry no RateLimit headers, so our node keeps the documented budget
// even where the simulator's is lifted ("rate limit off"). The polling Penbox Trigger is not part
// of trigger throughput; the Penbox Webhook Trigger (signed automation calls) is.

import crypto from 'node:crypto';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { createSigner } = require('../../simulators/penbox/signing.js');

/** The key pair Penbox would sign with (its key is not published; the trigger is given the public key). */
const signer = createSigner('RS256');

export default {
	vendor: 'penbox',
	displayName: 'Penbox',
	/** pageNumber: `page[number]` + `page[size]`; the first page's meta says how many there are. */
	paging: 'pageNumber',
	/** No RateLimit headers: the documented budget binds our node whatever the simulator allows. */
	reportsBudget: false,
	credentialType: 'penboxApi',
	triggerNote: 'Penbox Webhook Trigger: Digest and RS256 x-pnbx-signature verified per call, a replayed signature token deduplicated',
	node: 'penbox',
	trigger: 'penboxWebhookTrigger',
	simOptions: (caseCount) => ({ seed: 7, caseCount }),
	/** The Penbox simulator's own rate-limit options: `{perMinute, perHour}` from the bench's windows. */
	simRateLimit: (windows) => ({ perMinute: windows[0].limit, perHour: (windows[1] ?? windows[0]).limit }),
	credentialData: ({ apiKey, baseUrl }) => ({ apiKey, baseUrl }),
	headerAuth: ({ apiKey }) => ({ name: 'Authorization', value: `Bearer ${apiKey}` }),
	listPath: '/cases',
	itemsField: 'data',

	/** HTTP Request node (v4.2): page[size] 100, page[number] = $pageCount + 1 until current_page reaches total_pages. */
	httpList({ baseUrl }) {
		return {
			method: 'GET',
			url: `${baseUrl}/cases`,
			authentication: 'genericCredentialType',
			genericAuthType: 'httpHeaderAuth',
			sendQuery: true,
			queryParameters: { parameters: [{ name: 'page[size]', value: '100' }, { name: 'sort', value: '-created_at' }] },
			options: {
				pagination: {
					pagination: {
						paginationMode: 'updateAParameterInEachRequest',
						parameters: { parameters: [{ type: 'qs', name: 'page[number]', value: '={{ $pageCount + 1 }}' }] },
						paginationCompleteWhen: 'other',
						completeExpression: '={{ $response.body.meta.current_page >= $response.body.meta.total_pages }}',
					},
				},
			},
		};
	},
	httpFirstPage({ baseUrl }, size) {
		return {
			method: 'GET',
			url: `${baseUrl}/cases`,
			authentication: 'genericCredentialType',
			genericAuthType: 'httpHeaderAuth',
			sendQuery: true,
			queryParameters: { parameters: [{ name: 'page[number]', value: '1' }, { name: 'page[size]', value: String(size) }, { name: 'sort', value: '-created_at' }] },
			options: {},
		};
	},
	httpGet({ baseUrl }) {
		return {
			method: 'GET',
			url: `=${baseUrl}/cases/{{ $json.id }}`,
			authentication: 'genericCredentialType',
			genericAuthType: 'httpHeaderAuth',
			options: {},
		};
	},

	ours: {
		list: (simplify) => ({ resource: 'case', operation: 'getAll', returnAll: true, filters: {}, sort: '-created_at', simplify }),
		limit: (limit) => ({ resource: 'case', operation: 'getAll', returnAll: false, limit, filters: {}, sort: '-created_at', simplify: true }),
		get: () => ({ resource: 'case', operation: 'get', caseId: { __rl: true, mode: 'id', value: '={{ $json.id }}' }, simplify: false }),
	},

	/** The floor: the HTTP Request node's requests (page 1, 2, … in turn) from a plain fetch loop. */
	async rawList({ baseUrl, apiKey }) {
		const headers = { Authorization: `Bearer ${apiKey}` };
		const items = [];
		let requests = 0;
		for (let page = 1; ; page++) {
			const url = `${baseUrl}/cases?page%5Bsize%5D=100&sort=-created_at&page%5Bnumber%5D=${page}`;
			const res = await fetch(url, { headers });
			requests++;
			if (!res.ok) throw new Error(`raw loop: HTTP ${res.status} on ${url}`);
			const doc = await res.json();
			for (const c of doc.data) items.push(c);
			if (!(doc.meta?.current_page < doc.meta?.total_pages)) break;
		}
		return { items, requests };
	},

	delivery: {
		// The Penbox Webhook Trigger has no credential: it verifies the Digest and the RS256 JWT with the public key it is given.
		credential: false,
		params: { keySource: 'pem', publicKey: signer.publicKeyPem, options: {} },
		secret: null,
		/** A case-template automation's call (its JSON body is the user's choice in Penbox). */
		body(i, kase) {
			return { event: 'case.completed', id: `${kase.id}`, reference: kase.reference ?? null, status: kase.status ?? null, n: i, nonce: crypto.randomUUID() };
		},
		/** Digest + x-pnbx-signature (aud = the URL called), as Penbox signs them. */
		headers(raw, secret, url) {
			return { 'content-type': 'application/json', 'user-agent': 'Penbox-Automation/sim', ...signer.sign({ url, method: 'POST', body: raw }) };
		},
	},
};
