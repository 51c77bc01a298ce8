import type { IDataObject } from 'n8n-workflow';

import { apiRequests, penboxTestBed, runPenbox } from './penbox-helpers';

const bed = penboxTestBed({ caseCount: 2 });

describe('Penbox › rate limits, against the simulator', () => {
	it('keeps under 100 requests a minute on its own: 150 gets of one execution, none refused', async () => {
		const ids = Array.from({ length: 150 }, () => ({ id: (bed.sim.control.addCase({}) as IDataObject).id }));
		const { items, error } = await runPenbox(bed.sim, { operation: 'get', caseId: '={{ $json.id }}' }, { items: ids });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(150);
		expect(apiRequests(bed.sim).filter((r) => r.status === 429)).toHaveLength(0);
		expect(Math.max(...bed.sleeps)).toBeGreaterThanOrEqual(1000);
	});
});
