import type { IDataObject } from 'n8n-workflow';

import { apiRequests, runSphinx, sphinxTestBed } from './sphinx-helpers';

const bed = sphinxTestBed();
const writes = () => apiRequests(bed.sim).filter((r) => r.method !== 'GET');

describe('Sphinx › Check', () => {
	it('adds a check to a case, from the list or typed in, with input details and documents', async () => {
		const { items, error } = await runSphinx(bed.sim, {
			resource: 'check',
			operation: 'create',
			caseId: '3',
			checkType: '__other',
			otherCheckType: 'adverse_media',
			inputDetails: '{"media_hits": [{"url": "https://news.example/1", "snippet": "…"}]}',
		});
		expect(error).toBeUndefined();
		expect(items[0].json).toEqual(expect.objectContaining({ check_type: 'ADVERSE_MEDIA', status: 'PENDING', case: expect.objectContaining({ id: 3 }) }));
		expect(writes()[0].body).toEqual({ case_id: 3, check_type: 'ADVERSE_MEDIA', input_details: { media_hits: [{ url: 'https://news.example/1', snippet: '…' }] } });
	});

	it('outputs reasoning always as one string, whether Sphinx sends a string or an array', async () => {
		const decided = bed.sim.control.findCase({ phase: 'decided' }) as IDataObject;
		const checkId = String((decided.checks as IDataObject[])[0].id);
		const asString = await runSphinx(bed.sim, { resource: 'check', operation: 'get', checkId });
		bed.sim.control.configure({ reasoning: 'array' });
		const asArray = await runSphinx(bed.sim, { resource: 'check', operation: 'get', checkId });
		expect(typeof asString.items[0].json.reasoning).toBe('string');
		expect(asArray.items[0].json.reasoning).toBe(asString.items[0].json.reasoning);
	});

	it('refuses a non-integer case ID and an unknown-looking check type before sending', async () => {
		expect((await runSphinx(bed.sim, { resource: 'check', operation: 'create', caseId: 'abc', checkType: 'PEP' })).error?.message).toContain('Case ID: "abc" is not a valid Case ID [item 0]');
		expect((await runSphinx(bed.sim, { resource: 'check', operation: 'create', caseId: '3', checkType: '__other', otherCheckType: 'no such type!' })).error?.message).toContain('Check Type: "NO SUCH TYPE!" is not a Sphinx check type');
		expect(apiRequests(bed.sim)).toHaveLength(0);
	});
});

describe('Sphinx › Customer', () => {
	it('creates, gets and updates a customer (by external ID)', async () => {
		const created = await runSphinx(bed.sim, {
			resource: 'customer',
			operation: 'create',
			fullName: 'Globex GmbH',
			additionalFields: { externalId: 'crm-77', customerType: 'COMPANY', inputDetails: '{"country": "DE"}' },
		});
		expect(created.error).toBeUndefined();
		const id = String(created.items[0].json.id);
		const got = await runSphinx(bed.sim, { resource: 'customer', operation: 'get', customerId: id });
		expect(got.items[0].json).toEqual(expect.objectContaining({ full_name: 'Globex GmbH', external_id: 'crm-77', customer_type: 'COMPANY', input_details: { country: 'DE' } }));
		const updated = await runSphinx(bed.sim, { resource: 'customer', operation: 'update', externalId: 'crm-77', updateFields: { fullName: 'Globex AG', syncPlatforms: '[{"domain": "acme.my.salesforce.com", "id": "001x"}]' } });
		expect(updated.items[0].json).toEqual(expect.objectContaining({ id: Number(id), full_name: 'Globex AG', customer_type: 'COMPANY' }));
		expect(writes().map((r) => [r.method, r.path])).toEqual([['POST', '/api/customers'], ['POST', '/api/customers/update']]);
		expect(writes()[1].body).toEqual({ full_name: 'Globex AG', sync_platforms: [{ domain: 'acme.my.salesforce.com', id: '001x' }], external_id: 'crm-77' });
	});

	it('says what Sphinx answered for an unknown external ID, and refuses bad JSON before sending', async () => {
		const unknown = await runSphinx(bed.sim, { resource: 'customer', operation: 'update', externalId: 'nobody', updateFields: { fullName: 'X' } });
		expect(unknown.error?.message).toBe('Sphinx updating customer nobody failed (HTTP 404): No Customer matches the given query.');
		const bad = await runSphinx(bed.sim, { resource: 'customer', operation: 'create', fullName: 'A', additionalFields: { inputDetails: '{"a":' } });
		expect(bad.error?.message).toContain('Additional Fields > Input Details (JSON): is not valid JSON');
		expect(writes()).toHaveLength(1);
	});
});

describe('Sphinx › Document', () => {
	const pdf = Buffer.from('%PDF-1.4\n% test document\n').toString('base64');

	it('uploads a binary property as base64 in JSON (data URI), linked to a customer', async () => {
		const { items, error } = await runSphinx(
			bed.sim,
			{ resource: 'document', operation: 'upload', binaryPropertyName: 'passport', linkTo: 'customer', linkId: '2' },
			{ items: [{ json: {}, binary: { passport: { data: pdf, mimeType: 'application/pdf', fileName: 'passport.pdf' } } } as unknown as IDataObject] },
		);
		expect(error).toBeUndefined();
		expect(items[0].json).toEqual(expect.objectContaining({ original_name: 'passport.pdf', customer: 2, case: null }));
		const body = writes()[0].body as IDataObject;
		expect(body.file).toBe(`data:application/pdf;base64,${pdf}`);
		expect(body.customer_id).toBe(2);
		expect(bed.sim.state.documents.get(items[0].json.id as number).bytes).toBe(Buffer.from(pdf, 'base64').length);
	});

	it('refuses a binary property that does not exist, naming the field and item, nothing sent', async () => {
		const { error } = await runSphinx(
			bed.sim,
			{ resource: 'document', operation: 'upload', binaryPropertyName: 'passport', linkTo: 'none' },
			{ items: [{ json: {}, binary: { data: { data: pdf, mimeType: 'application/pdf', fileName: 'a.pdf' } } } as unknown as IDataObject] },
		);
		expect(error?.message).toBe('Input Binary Field: the item has no binary field "passport" [item 0]');
		expect(String((error as { description?: string }).description)).toContain('"data"');
		expect(writes()).toHaveLength(0);
	});
});
