'use strict';

const crypto = require('node:crypto');
const { randomId, clone, delay } = require('../lib/util');
const { SimError } = require('../lib/errors');
const { invalid, ok, paged, requireBody, str, onlyFields } = require('./http');
const { caseOut, alertOut, checkOut, assessmentOut } = require('./serialize');

/**
 * Zenoo's CLM webhooks: `POST /v1/webhooks` (documented), list / get / delete [A], the
 * verification challenge [A: Zenoo POSTs `{"event_type":"webhook.verification","challenge":…}`
 * and wants `{"challenge": <same>}` back], and signed deliveries: `{event_id, event_type,
 * created_at, data}` with `X-Zenoo-Signature: sha256=<hex HMAC-SHA256 of the raw body>`.
 */

const EVENT_TYPES = [
	'case.created',
	'case.status_changed',
	'case.closed',
	'case.escalated',
	'alert.created',
	'alert.resolved',
	'alert.escalated',
	'alert.ai_research_completed',
	'check.completed',
	'check.failed',
	'risk_assessment.completed',
	'risk_assessment.approved',
	'sla.warning',
	'sla.breached',
];
const CHALLENGE_DELAYS_MS = [150, 400, 800, 1500, 3000, 5000];

const sign = (secret, raw) => `sha256=${crypto.createHmac('sha256', secret).update(raw).digest('hex')}`;

/**
 * @param {{ route: Function, controlRoute: Function, sim: any, state: () => any, settings: any }} api
 */
function registerWebhooks({ route, controlRoute, sim, state, settings }) {
	const s = () => state();
	const pending = new Set();
	let closed = false;

	const publicHook = (h) => {
		const { secret, ...rest } = h;
		void secret;
		return clone(rest);
	};

	/** The event's `data`: the object (documented default) or only its tokens (settings.eventPayload). */
	function eventData(type, payload) {
		const st = s();
		const tokensOnly = settings.eventPayload === 'tokens';
		if (payload.case) {
			const extra = payload.extra || {};
			return tokensOnly ? { case_token: payload.case.token, ...extra } : { ...caseOut(st, payload.case, settings), ...extra };
		}
		if (payload.alert) return tokensOnly ? { alert_token: payload.alert.token, case_token: payload.alert.case_token } : alertOut(st, payload.alert, settings);
		if (payload.check) return tokensOnly ? { check_token: payload.check.token, case_token: payload.check.case_token, entity_token: payload.check.entity_token } : checkOut(st, payload.check);
		if (payload.assessment) return tokensOnly ? { assessment_token: payload.assessment.token, case_token: payload.assessment.case_token } : assessmentOut(st, payload.assessment);
		return { ...(payload.data || {}) };
	}

	function buildEvent(type, payload) {
		const event = { event_id: randomId('evt_', 20), event_type: type, created_at: new Date(s().clock()).toISOString(), data: eventData(type, payload) };
		s().events.push(event);
		return event;
	}

	const subscribed = (h, type) => h.status === 'active' && (h.events.includes('*') || h.events.includes(type));

	/** Model hook: an event happened; every active webhook that wants it gets it (retried on failure). */
	function emit(type, payload) {
		const event = buildEvent(type, payload);
		const raw = JSON.stringify(event);
		for (const h of [...s().webhooks.values()].filter((x) => subscribed(x, type)))
			sim.dispatcher.enqueue({
				url: h.url,
				build: () => ({ body: raw, headers: { 'Content-Type': 'application/json', 'X-Zenoo-Signature': sign(h.secret, raw), 'User-Agent': 'Zenoo-Webhooks/1.0' } }),
				meta: { webhookId: h.id, eventId: event.event_id, eventType: type },
				isLive: () => h.status === 'active',
			});
	}

	/** Posts the challenge to the hook's URL once; true when the answer echoes it. */
	async function challengeOnce(h) {
		const challenge = randomId('chl_', 24);
		const raw = JSON.stringify({ event_type: 'webhook.verification', challenge, webhook_id: h.id });
		const r = await sim.dispatcher.send(h.url, raw, { 'Content-Type': 'application/json', 'X-Zenoo-Signature': sign(h.secret, raw) }, { webhookId: h.id, kind: 'challenge' });
		let echoed = false;
		try {
			echoed = r.status === 200 && JSON.parse(r.body).challenge === challenge;
		} catch {
			echoed = false;
		}
		return { status: r.status, echoed, body: r.body, error: r.error };
	}

	/** The verification: until echoed or the attempts run out; then active, or failed. */
	async function verify(h, attempts = CHALLENGE_DELAYS_MS.length) {
		let last = null;
		for (let i = 0; i < attempts && !closed; i++) {
			last = await challengeOnce(h);
			if (last.echoed) break;
			if (i < attempts - 1) await delay(CHALLENGE_DELAYS_MS[i]);
		}
		if (h.status === 'pending_verification' || h.status === 'failed') h.status = last && last.echoed ? 'active' : 'failed';
		h.verification = last;
		h.updated_at = new Date(s().clock()).toISOString();
		return h;
	}

	function track(promise) {
		pending.add(promise);
		promise.finally(() => pending.delete(promise)).catch(() => {});
		return promise;
	}

	route('POST', '/v1/webhooks', async (ctx) => {
		const body = requireBody(ctx.body);
		onlyFields(body, ['url', 'events']);
		const url = str(body, 'url', { required: true, max: 2048 });
		let parsed;
		try {
			parsed = new URL(url);
		} catch {
			throw invalid('url must be an absolute URL');
		}
		if (settings.requireHttps ? parsed.protocol !== 'https:' : !['http:', 'https:'].includes(parsed.protocol)) throw invalid('url must use HTTPS');
		const events = body.events;
		if (!Array.isArray(events) || events.length < 1) throw invalid('events must hold at least one event type');
		const unknown = events.filter((e) => e !== '*' && !EVENT_TYPES.includes(e));
		if (unknown.length) throw invalid(`Unknown event type${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}`);
		const now = new Date(s().clock()).toISOString();
		const h = { id: randomId('whk_', 16), url, events: [...events], status: settings.challenge === 'none' ? 'active' : 'pending_verification', secret: randomId('zwhsec_', 32), created_at: now, updated_at: now };
		s().webhooks.set(h.id, h);
		if (settings.challenge === 'sync') {
			await verify(h, 1);
			if (h.status !== 'active') {
				s().webhooks.delete(h.id);
				throw invalid(`The URL did not answer the verification challenge (HTTP ${h.verification ? h.verification.status : 0})`);
			}
		} else if (settings.challenge === 'async') track(verify(h));
		const data = publicHook(h);
		const meta = { request_id: ctx.requestId };
		if (settings.secretField === 'meta.secret') meta.secret = h.secret;
		else if (settings.secretField === 'data.signing_secret') data.signing_secret = h.secret;
		else data.secret = h.secret;
		return { status: 201, body: { data, meta } };
	});

	const listing = () => {
		if (settings.webhookListing === false) throw new SimError(405, 'METHOD_NOT_ALLOWED', 'Method not allowed', { code: 'METHOD_NOT_ALLOWED' });
	};
	const live = (id) => {
		const h = s().webhooks.get(id);
		if (!h || h.status === 'deleted') throw new SimError(404, 'NOT_FOUND', `Webhook ${id} was not found`, { code: 'NOT_FOUND' });
		return h;
	};
	route('GET', '/v1/webhooks', (ctx) => {
		listing();
		return paged(ctx, [...s().webhooks.values()].filter((h) => h.status !== 'deleted').map(publicHook), settings.paging);
	});
	route('GET', '/v1/webhooks/:webhookId', (ctx) => {
		listing();
		return ok(ctx.requestId, publicHook(live(ctx.params.webhookId)));
	});
	route('DELETE', '/v1/webhooks/:webhookId', (ctx) => {
		listing();
		const h = live(ctx.params.webhookId);
		h.status = 'deleted';
		h.updated_at = new Date(s().clock()).toISOString();
		return { status: 204, body: '' };
	});

	/**
	 * Sends one event now (no retries) to `url` or every active webhook that wants it. `forged`
	 * signs with a wrong secret, `unsigned` sends no signature, `duplicateTimes` repeats the same bytes.
	 */
	async function sendEvent(o = {}) {
		const st = s();
		const type = o.eventType || 'case.status_changed';
		if (!EVENT_TYPES.includes(type)) throw new TypeError(`eventType must be one of ${EVENT_TYPES.join(', ')}`);
		const payload = {};
		if (o.alertToken) payload.alert = st.alerts.get(o.alertToken);
		else if (o.checkToken) payload.check = st.checks.get(o.checkToken);
		else if (o.assessmentToken) payload.assessment = st.assessments.get(o.assessmentToken);
		else if (o.caseToken && type.startsWith('sla.')) {
			const c = st.cases.get(o.caseToken);
			if (c) payload.data = { case_token: c.token, sla_deadline: c.sla_deadline, sla_status: type === 'sla.breached' ? 'Breached' : 'Warning', hours_remaining: type === 'sla.breached' ? 0 : 12 };
		} else if (o.caseToken) payload.case = st.cases.get(o.caseToken);
		if (!Object.values(payload).some(Boolean)) throw new TypeError('name an existing caseToken, alertToken, checkToken or assessmentToken');
		const event = buildEvent(type, payload);
		const raw = JSON.stringify(event);
		const targets = o.url ? [{ url: o.url, secret: o.secret || [...st.webhooks.values()].find((h) => h.url === o.url && h.status !== 'deleted')?.secret || 'no-secret' }] : [...st.webhooks.values()].filter((h) => subscribed(h, type));
		const deliveries = [];
		for (const t of targets)
			for (let n = 0; n < 1 + (o.duplicateTimes || 0); n++) {
				const headers = { 'Content-Type': 'application/json' };
				if (!o.unsigned) headers['X-Zenoo-Signature'] = sign(o.forged ? `${t.secret}-forged` : t.secret, raw);
				const r = await sim.dispatcher.send(t.url, raw, headers, { eventId: event.event_id, eventType: type, forged: Boolean(o.forged) });
				deliveries.push({ url: t.url, status: r.status, ok: r.ok, responseBody: r.body, signature: headers['X-Zenoo-Signature'] ?? null, ...(r.error ? { error: r.error } : {}) });
			}
		return { event, rawBody: raw, deliveries };
	}

	controlRoute('GET', '/zenoo/webhooks', () => [...s().webhooks.values()].map(clone));
	controlRoute('POST', '/zenoo/webhooks/:webhookId/challenge', async ({ params }) => publicHook(await verify(live(params.webhookId), 1)));
	controlRoute('POST', '/zenoo/events', ({ body }) => sendEvent(body || {}));
	controlRoute('GET', '/zenoo/events', () => clone(s().events));

	return {
		emit,
		sendEvent,
		sign,
		/** Waits for running verification challenges. */
		flushChallenges: async () => {
			while (pending.size) await Promise.allSettled([...pending]);
		},
		webhooks: () => [...s().webhooks.values()].map(clone),
		liveWebhooks: () => [...s().webhooks.values()].filter((h) => h.status !== 'deleted').map(clone),
		close: () => {
			closed = true;
		},
	};
}

module.exports = { registerWebhooks, EVENT_TYPES, sign };
