import type { ICredentialDataDecryptedObject, INode, INodeType, INodeTypes } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { CertnApi } from '../../credentials/CertnApi.credentials';
import { certnApi } from '../../nodes/Certn/api';
import { CERTN_BASE_URL_EXPRESSION, CERTN_HOSTS, certnBaseUrl } from '../../nodes/Certn/environments';

/** Resolves an n8n expression over `$credentials` the way n8n resolves credential test requests. */
async function resolveWithCredentials(expression: string, credentials: ICredentialDataDecryptedObject): Promise<unknown> {
	const nodeType: INodeType = {
		description: { displayName: 'Mock', name: 'mock', group: [], version: 1, description: '', defaults: {}, inputs: [], outputs: [], properties: [] },
	};
	const nodeTypes: INodeTypes = { getByName: () => nodeType, getByNameAndVersion: () => nodeType, getKnownTypes: () => ({}) };
	const node: INode = { id: 'n', name: 'mock', type: 'mock', typeVersion: 1, position: [0, 0], parameters: {} };
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	return await workflow.expression.withIsolate(async () =>
		workflow.expression.getSimpleParameterValue(node, expression, 'internal', { $credentials: credentials }, undefined, ''),
	);
}

describe('Certn base URL: credential test and node agree', () => {
	const cases: Array<[string, ICredentialDataDecryptedObject, string]> = [
		['sandbox', { environment: 'sandbox' }, 'https://api.sandbox.certn.co'],
		['ca', { environment: 'ca' }, 'https://api.ca.certn.co'],
		['uk', { environment: 'uk' }, 'https://api.uk.certn.co'],
		['au', { environment: 'au' }, 'https://api.au.certn.co'],
		['custom', { environment: 'custom', baseUrl: 'http://127.0.0.1:4010' }, 'http://127.0.0.1:4010'],
		['custom with slashes', { environment: 'custom', baseUrl: 'http://127.0.0.1:4010//' }, 'http://127.0.0.1:4010'],
		['custom with /api/public pasted', { environment: 'custom', baseUrl: ' https://proxy.example.com/certn/api/public/ ' }, 'https://proxy.example.com/certn'],
		['custom while a baseUrl of another environment lingers', { environment: 'uk', baseUrl: 'http://ignored' }, 'https://api.uk.certn.co'],
	];

	it.each(cases)('%s', async (_name, credentials, expected) => {
		expect(certnBaseUrl(credentials)).toBe(expected);
		expect(certnApi.baseUrl(credentials)).toBe(expected);
		expect(await resolveWithCredentials(CERTN_BASE_URL_EXPRESSION, credentials)).toBe(expected);
	});

	it('the credential test uses that expression, the documented path and the smallest page', () => {
		const credential = new CertnApi();
		expect(credential.test.request.baseURL).toBe(CERTN_BASE_URL_EXPRESSION);
		expect(credential.test.request.url).toBe('/api/public/cases/');
		expect(credential.test.request.qs).toEqual({ page: 1, page_size: 1 });
		expect(credential.authenticate.properties.headers?.Authorization).toBe('=Api-Key {{$credentials.apiKey}}');
	});

	it('offers every host in the table as an environment, sandbox first and by default', () => {
		const credential = new CertnApi();
		const environment = credential.properties.find((p) => p.name === 'environment');
		expect(environment?.default).toBe('sandbox');
		const values = (environment?.options as Array<{ value: string }>).map((o) => o.value);
		expect(values).toEqual([...Object.keys(CERTN_HOSTS), 'custom']);
		const baseUrl = credential.properties.find((p) => p.name === 'baseUrl');
		expect(baseUrl?.displayOptions).toEqual({ show: { environment: ['custom'] } });
	});
});
