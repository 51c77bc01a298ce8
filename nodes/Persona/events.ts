import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { PERSONA_EVENT_NAMES } from './objects';

/** Persona's event history (`GET /events`, `GET /events/{id}`): what its webhooks would have sent. */
export const PERSONA_EVENTS_PATH = '/events';

export const EVENT_ID_PATTERN = /^evt_[A-Za-z0-9]+$/;

/**
 * Persona names key permissions `<object>.read` / `.write` (`case_template.read`,
 * `account.read`…); the one for events is not spelled out in what we could read of its docs.
 */
export const EVENTS_PERMISSION = 'event.read';

const textOf = (error: unknown) => {
	const e = error as { message?: unknown; description?: unknown };
	return `${String(e?.message ?? '')}\n${String(e?.description ?? '')}`;
};

/**
 * A failed `/events` request in the words of the field to fix: a key without the events
 * permission (403), an event name Persona does not know (400 about `filter[name]`, named under
 * Events or Other Events). A cursor Persona no longer knows (its event has expired) comes back
 * marked `cursorGone` for the poll trigger to read back instead; anything else unchanged.
 */
export function eventsRequestError(
	node: INode,
	error: unknown,
	o: { picked?: string[]; other?: string[]; itemIndex?: number; labels?: { picked: string; other: string } } = {},
): unknown {
	const status = String((error as { httpCode?: unknown })?.httpCode ?? '');
	const text = textOf(error);
	if (status === '403')
		return new NodeOperationError(node, `Persona refused to list events (HTTP 403): the API key may not read events`, {
			itemIndex: o.itemIndex,
			description: `Give the API key the permission to read events ("${EVENTS_PERMISSION}" in Persona's <object>.read naming) in the Persona dashboard (API Keys › the key › Permissions), or use a key without a permission list. Persona said: ${text.split('\n')[0]}`,
		});
	if (status === '400' && /filter\[name\]|event name/i.test(text)) {
		const named = [...(o.picked ?? []), ...(o.other ?? [])].filter((n) => text.includes(n));
		const unknown = named.length ? named : (o.other ?? []).filter((n) => !PERSONA_EVENT_NAMES.includes(n));
		const inOther = unknown.filter((n) => (o.other ?? []).includes(n));
		const labels = o.labels ?? { picked: 'Events', other: 'Other Events' };
		const field = inOther.length || !unknown.length ? labels.other : labels.picked;
		const list = (inOther.length ? inOther : unknown).map((n) => `"${n}"`).join(', ');
		return new NodeOperationError(node, `${field}: Persona does not know the event name${list ? ` ${list}` : 's given'}`, {
			itemIndex: o.itemIndex,
			description: `Check the spelling against Persona's event list (e.g. case.status-updated, inquiry.completed, report/watchlist.matched) and remove names it does not offer. Persona said: ${text.split('\n')[0]}`,
		});
	}
	if ((status === '400' || status === '404') && /page\[(before|after)\]/i.test(text))
		return Object.assign(error as object, { cursorGone: true });
	return error;
}
