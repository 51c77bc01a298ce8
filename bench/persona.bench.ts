/**
 * Persona node vs the hand-wired baseline users build today with n8n's HTTP Request node
 * (one request per item in sequence; list pages of Persona's default size 10, following
 * links.next), both against the simulator with 25 ms per request, measured in one run and
 * reported as ratios. No timing is asserted: this prints, it does not pass or fail on speed.
 */
import axios from 'axios';
import type { IDataObject } from 'n8n-workflow';

import { PersonaApi } from '../credentials/PersonaApi.credentials';
import { Persona } from '../nodes/Persona/Persona.node';
import { startPersonaSimulator } from '../simulators/persona';
import { runNode } from '../test/harness';
import { now, print, record } from './report';

const LATENCY_MS = 25;
let sim: Awaited<ReturnType<typeof startPersonaSimulator>>;

beforeAll(async () => {
	sim = await startPersonaSimulator({ seed: 11, caseCount: 250, rateLimit: { limit: 100_000, windowMs: 60_000 } });
});
afterAll(async () => {
	print();
	await sim.stop();
});
beforeEach(() => {
	sim.control.reset();
	sim.control.setRateLimit({ limit: 100_000, windowMs: 60_000 });
	sim.control.pushFaults({ type: 'slow', delayMs: LATENCY_MS, count: 100_000 });
});

const headers = () => ({ Authorization: `Bearer ${sim.apiKey}`, 'Persona-Version': '2025-12-08' });
const apiCount = () => sim.control.requests().filter((r: { path: string }) => r.path.startsWith('/api/v1/')).length;

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T; requests: number }> {
	sim.control.clearRequests();
	const t0 = now();
	const value = await fn();
	return { ms: now() - t0, value, requests: apiCount() };
}

/** The hand-wired loop: follow links.next from Persona's default page size. */
async function walkLinks(): Promise<unknown[]> {
	const all: unknown[] = [];
	let next: string | null = '/api/v1/cases';
	while (next) {
		const page: { data: { data: unknown[]; links: { next: string | null } } } = await axios.get(`${sim.url}${next}`, { headers: headers() });
		all.push(...page.data.data);
		next = page.data.links.next;
	}
	return all;
}

const persona = async (parameters: IDataObject, items?: IDataObject[]) =>
	await runNode({
		nodeType: Persona,
		credentialType: PersonaApi,
		credentials: { personaApi: { apiKey: sim.apiKey, baseUrl: sim.baseUrl } },
		parameters: { resource: 'case', ...parameters },
		items,
	});

it('Get: 40 cases, one per input item', async () => {
	const ids = [...(sim.state.cases as Map<string, unknown>).keys()].slice(0, 40);
	const baseline = await timed(async () => {
		const out = [];
		for (const id of ids) out.push((await axios.get(`${sim.baseUrl}/cases/${id}`, { headers: headers() })).data);
		return out;
	});
	const pkg = await timed(async () => await persona({ operation: 'get', caseId: '={{ $json.id }}' }, ids.map((id) => ({ id }))));
	expect(pkg.value.items).toHaveLength(40);
	record({ name: 'Get 40 cases (bounded concurrency 4)', baselineMs: baseline.ms, packageMs: pkg.ms, baselineRequests: baseline.requests, packageRequests: pkg.requests });
});

it('Get Many: all 250 cases', async () => {
	const baseline = await timed(walkLinks);
	const pkg = await timed(async () => await persona({ operation: 'getAll', returnAll: true }));
	expect(pkg.value.items).toHaveLength(250);
	expect(baseline.value).toHaveLength(250);
	record({ name: 'Get Many, Return All (250 cases)', baselineMs: baseline.ms, packageMs: pkg.ms, baselineRequests: baseline.requests, packageRequests: pkg.requests });
});

it('Get Many: first 30 cases', async () => {
	const baseline = await timed(async () => (await walkLinks()).slice(0, 30));
	const pkg = await timed(async () => await persona({ operation: 'getAll', returnAll: false, limit: 30 }));
	expect(pkg.value.items).toHaveLength(30);
	record({ name: 'Get Many, Limit 30', baselineMs: baseline.ms, packageMs: pkg.ms, baselineRequests: baseline.requests, packageRequests: pkg.requests });
});
