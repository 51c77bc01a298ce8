import type { IDataObject } from 'n8n-workflow';

import { timing } from '../../core/timing';
import { isDuplicateDelivery } from '../../core/webhook';

describe('duplicate deliveries', () => {
	const real = { ...timing };
	let clock = 5_000_000;
	beforeEach(() => {
		clock += 10_000_000;
		timing.now = () => clock;
	});
	afterEach(() => Object.assign(timing, real));

	it('accepts an event once per window, per trigger', () => {
		expect(isDuplicateDelivery('wf1|hook', 'evt_1', 60)).toBe(false);
		expect(isDuplicateDelivery('wf1|hook', 'evt_1', 60)).toBe(true);
		expect(isDuplicateDelivery('wf2|hook', 'evt_1', 60)).toBe(false);
		clock += 61_000;
		expect(isDuplicateDelivery('wf1|hook', 'evt_1', 60)).toBe(false);
	});

	it('remembers accepted events in static data, so another process (or a restart) drops repeats', () => {
		const staticData: IDataObject = {};
		expect(isDuplicateDelivery('a|1', 'evt_2', 60, staticData)).toBe(false);
		const persisted = JSON.parse(JSON.stringify(staticData)) as IDataObject;
		expect(isDuplicateDelivery('other-process|1', 'evt_2', 60, persisted)).toBe(true);
	});

	it('never treats deliveries without an id, or with the window off, as duplicates', () => {
		expect(isDuplicateDelivery('a|2', undefined, 60)).toBe(false);
		expect(isDuplicateDelivery('a|2', undefined, 60)).toBe(false);
		expect(isDuplicateDelivery('a|2', 'evt_3', 0)).toBe(false);
		expect(isDuplicateDelivery('a|2', 'evt_3', 0)).toBe(false);
	});
});
