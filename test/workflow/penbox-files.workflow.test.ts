import type { IDataObject, ILoadOptionsFunctions } from 'n8n-workflow';

import { loadOptions, listSearch } from '../../nodes/Penbox/methods';
import { readBinary } from '../harness';
import { apiRequests, byId, penboxTestBed, runPenbox, template } from './penbox-helpers';

const bed = penboxTestBed({ caseCount: 12 });

const completed = () => {
	const c = bed.sim.control.addCase({ title: 'Docs' }) as IDataObject & { id: string };
	const done = bed.sim.control.completeCase(c.id) as { case: IDataObject; responseId: string };
	const files = (done.case.schema as IDataObject[]).filter((f) => f.type === 'file').map((f) => (f.value as IDataObject).id as string);
	return { id: c.id, files, responseId: done.responseId };
};

describe('Penbox › File', () => {
	it('downloads one attachment as binary with its name and type', async () => {
		const { files } = completed();
		const { items, error } = await runPenbox(bed.sim, { resource: 'file', operation: 'download', attachmentId: files[0], binaryPropertyName: 'doc' });
		expect(error).toBeUndefined();
		expect(items[0].json).toEqual(expect.objectContaining({ attachmentId: files[0], fileName: 'id_document.pdf', mimeType: 'application/pdf' }));
		expect((await readBinary(items[0], 'doc')).subarray(0, 5).toString()).toBe('%PDF-');
		expect(apiRequests(bed.sim)[0].headers.accept).toBe('application/octet-stream');
	});

	it('downloads several attachments as one merged PDF', async () => {
		const { files } = completed();
		const { items } = await runPenbox(bed.sim, { resource: 'file', operation: 'downloadMerged', attachmentIds: files.join(', '), fileName: 'onboarding pack' });
		expect(items[0].json).toEqual(expect.objectContaining({ fileName: 'onboarding pack.pdf', mimeType: 'application/pdf', attachmentIds: files }));
		expect((await readBinary(items[0])).toString('latin1')).toContain('Merged: id_document.pdf, proof_of_address.pdf');
		expect(apiRequests(bed.sim)[0].query).toEqual({ ids: files.join(','), filename: 'onboarding pack.pdf' });
	});

	it('uploads a binary as an attachment; a missing binary field is named with the item, nothing sent', async () => {
		const data = Buffer.from('hello penbox').toString('base64');
		const { items, error } = await runPenbox(
			bed.sim,
			{ resource: 'file', operation: 'upload', binaryPropertyName: 'scan', additionalFields: { scope: 'restricted' } },
			{ items: [{ json: {}, binary: { scan: { data, mimeType: 'text/plain', fileName: 'note.txt' } } } as unknown as IDataObject] },
		);
		expect(error).toBeUndefined();
		expect(items[0].json).toEqual(expect.objectContaining({ id: expect.any(String), name: 'note.txt', metadata: { size: 12 } }));
		expect(apiRequests(bed.sim)[0].body).toEqual({ name: 'note.txt', data, type: 'text/plain', scope: 'restricted' });
		const missing = await runPenbox(bed.sim, { resource: 'file', operation: 'upload', binaryPropertyName: 'scan' }, { items: [{ a: 1 }] });
		expect(missing.error?.message).toBe('Input Binary Field: the item has no binary field "scan" [item 0]');
		expect(apiRequests(bed.sim)).toHaveLength(1);
	});
});

describe('Penbox › Form Response', () => {
	it('gets a response as JSON and as PDF', async () => {
		const { responseId } = completed();
		const json = await runPenbox(bed.sim, { resource: 'formResponse', operation: 'get', responseId, format: 'json' });
		expect(json.items[0].json).toEqual(expect.objectContaining({ id: responseId, completed_at: expect.any(String), user: expect.objectContaining({ email: 'client@example.com' }) }));
		const pdf = await runPenbox(bed.sim, { resource: 'formResponse', operation: 'get', responseId, format: 'pdf' });
		expect(pdf.items[0].json).toEqual(expect.objectContaining({ responseId, mimeType: 'application/pdf' }));
		expect((await readBinary(pdf.items[0])).subarray(0, 5).toString()).toBe('%PDF-');
	});
});

/** A load-options context over the simulator (n8n's request helper replaced by fetch with the bearer token). */
function optionsContext(parameters: Record<string, unknown>): ILoadOptionsFunctions {
	const credentials = { apiKey: bed.sim.apiKey, baseUrl: bed.sim.baseUrl };
	const call = async (options: { method: string; url: string; qs?: Record<string, unknown>; headers?: Record<string, string> }) => {
		const url = new URL(options.url);
		for (const [k, v] of Object.entries(options.qs ?? {})) url.searchParams.set(k, String(v));
		const response = await fetch(url, { method: options.method, headers: { ...options.headers, Authorization: `Bearer ${credentials.apiKey}` } });
		return { statusCode: response.status, headers: Object.fromEntries(response.headers), body: await response.text() };
	};
	return {
		getNode: () => ({ id: 'n', name: 'Penbox', type: 'penbox', typeVersion: 1, position: [0, 0], parameters: {} }),
		getCredentials: async () => credentials,
		getCurrentNodeParameter: (name: string) => parameters[name],
		getNodeParameter: (name: string) => parameters[name],
		helpers: { httpRequestWithAuthentication: async (_type: string, options: never) => await call(options), httpRequest: async (options: never) => await call(options) },
	} as unknown as ILoadOptionsFunctions;
}

describe('Penbox pickers', () => {
	it('lists workspaces and templates, and a template\'s data fields, steps and contact roles (from the template or the case)', async () => {
		const ctx = optionsContext({ templateId: template(bed.sim).id });
		expect((await loadOptions.getWorkspaces.call(ctx)).map((o) => o.name)).toEqual(['ACME Advisors', 'ACME Payroll']);
		expect((await loadOptions.getCaseTemplates.call(ctx)).map((o) => o.name)).toEqual(['Client onboarding', 'New employee']);
		expect((await loadOptions.getDataFieldKeys.call(ctx)).map((o) => o.value)).toEqual(['company_name', 'vat_number', 'employees', 'start_date', 'id_document', 'proof_of_address']);
		expect((await loadOptions.getContactRoles.call(ctx)).map((o) => o.value)).toEqual(['main', 'accountant']);
		const c = bed.sim.control.addCase({ templateIndex: 1 }) as IDataObject & { id: string };
		const byCase = optionsContext({ caseId: byId(c.id) });
		expect((await loadOptions.getStepKeys.call(byCase)).map((o) => o.value)).toEqual(['mail-new-employee-1']);
		expect((await listSearch.searchCases.call(byCase, 'Added')).results.map((r) => r.value)).toContain(c.id);
	});
});
