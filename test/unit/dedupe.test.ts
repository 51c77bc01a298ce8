import type { IDataObject } from 'n8n-workflow';

import { timing } from '../../core/timing';
import { claimDelivery, deliveryKey, handleClaimed, type DeliveryClaim } from '../../core/webhook';

/** Claims and commits at once: the event is handled without trouble. */
function handled(scope: string, eventId: string | undefined, windowSeconds: number, staticData?: IDataObject): boolean {
	const claim = claimDelivery(scope, eventId, windowSeconds, staticData);
	claim?.commit();
	return claim !== undefined;
}

describe('duplicate deliveries', () => {
	const real = { ...timing };
	let clock = 5_000_000;
	beforeEach(() => {
		clock += 10_000_000;
		timing.now = () => clock;
	});
	afterEach(() => Object.assign(timing, real));

	it('accepts an event once per window, per trigger', () => {
		expect(handled('wf1|hook', 'evt_1', 60)).toBe(true);
		expect(handled('wf1|hook', 'evt_1', 60)).toBe(false);
		expect(handled('wf2|hook', 'evt_1', 60)).toBe(true);
		clock += 61_000;
		expect(handled('wf1|hook', 'evt_1', 60)).toBe(true);
	});

	it('remembers handled events in static data, so a restart (or a later delivery to another process) drops repeats', () => {
		const staticData: IDataObject = {};
		expect(handled('a|1', 'evt_2', 60, staticData)).toBe(true);
		const persisted = JSON.parse(JSON.stringify(staticData)) as IDataObject;
		expect(handled('other-process|1', 'evt_2', 60, persisted)).toBe(false);
	});

	it('never treats deliveries with the window off as duplicates', () => {
		expect(handled('a|2', undefined, 60)).toBe(true);
		expect(handled('a|2', undefined, 60)).toBe(true);
		expect(handled('a|2', 'evt_3', 0)).toBe(true);
		expect(handled('a|2', 'evt_3', 0)).toBe(true);
	});

	it('remembers nothing until the claim is committed, and forgets a released claim', () => {
		const staticData: IDataObject = {};
		const first = claimDelivery('b|1', 'evt_4', 60, staticData) as DeliveryClaim;
		expect(first).toBeDefined();
		expect(staticData.recentEventIds ?? {}).toEqual({});
		// A copy arriving while the first is handled is a duplicate: the first one wins.
		expect(claimDelivery('b|1', 'evt_4', 60, staticData)).toBeUndefined();
		first.release();
		expect(staticData.recentEventIds ?? {}).toEqual({});
		// The vendor's retry after the failure is handled.
		const retry = claimDelivery('b|1', 'evt_4', 60, staticData) as DeliveryClaim;
		expect(retry).toBeDefined();
		retry.commit();
		expect(Object.keys(staticData.recentEventIds as IDataObject)).toEqual(['evt_4']);
		retry.release(); // settled already: no effect
		expect(claimDelivery('b|1', 'evt_4', 60, staticData)).toBeUndefined();
	});

	it('commits when the output was built and releases when building threw', async () => {
		const ok = claimDelivery('c|1', 'evt_5', 60) as DeliveryClaim;
		await expect(handleClaimed(ok, () => 'item')).resolves.toBe('item');
		expect(claimDelivery('c|1', 'evt_5', 60)).toBeUndefined();

		const failing = claimDelivery('c|1', 'evt_6', 60) as DeliveryClaim;
		await expect(
			handleClaimed(failing, async () => {
				throw new Error('timestamp could not be read');
			}),
		).rejects.toThrow('timestamp could not be read');
		expect(claimDelivery('c|1', 'evt_6', 60)).toBeDefined();
	});

	it('recognizes an event without an id by its raw body', () => {
		const body = Buffer.from('{"event_type":"CASE_STATUS_CHANGED","object_id":"c1"}');
		const key = deliveryKey(undefined, body);
		expect(key).toMatch(/^body-sha256:[0-9a-f]{32}$/);
		expect(deliveryKey(undefined, Buffer.from(body))).toBe(key);
		expect(deliveryKey(undefined, Buffer.from(`${body.toString()} `))).not.toBe(key);
		expect(deliveryKey('evt_7', body)).toBe('evt_7');
		expect(handled('d|1', key, 60)).toBe(true);
		expect(handled('d|1', key, 60)).toBe(false);
	});
});
