// The benchmark's table: one row per measurement, ours beside its baseline, the ratio, the target.

export const SCENARIOS = ['list', 'searchAll', 'limit', 'get', 'ratelimit', 'memory', 'trigger', 'coldload'];

const median = (xs) => {
	const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
	if (!s.length) return NaN;
	const m = Math.floor(s.length / 2);
	return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const fmtMs = (ms) => (!Number.isFinite(ms) ? '—' : ms >= 10000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms < 10 ? 1 : 0)} ms`);
const fmtMb = (b) => (Number.isFinite(b) ? `${(b / 2 ** 20).toFixed(0)} MB` : '—');
const fmtX = (r) => (Number.isFinite(r) ? `${r.toFixed(2)}×` : '—');

/**
 * The least time the vendor's documented budget allows for `n` requests of `perRequestMs` each:
 * a window opens with the first request; at most `limit` requests start in each `windowMs` — in
 * every one of `windows` where the vendor documents several (Penbox: per minute and per hour).
 * `sequential`: each request needs the one before (cursor paging); otherwise requests of the same
 * window run at once after the first (page numbers, get by id).
 */
export function budgetFloorMs({ n, limit, windowMs, windows, perRequestMs, sequential }) {
	const all = windows?.length ? windows : [{ limit, windowMs }];
	/** When request `i` may start at the earliest: once every window has room for it. */
	const earliest = (i) => Math.max(...all.map((w) => Math.floor(i / w.limit) * w.windowMs));
	if (sequential) {
		let t = 0;
		for (let i = 0; i < n; i++) t = Math.max(t, earliest(i)) + perRequestMs;
		return t;
	}
	const last = earliest(n - 1);
	return last > 0 ? last + perRequestMs : 2 * perRequestMs;
}

/** "100/60s + 1000/3600s". */
const budgetLabel = (v) => (v.windows?.length ? v.windows : [{ limit: v.limit, windowMs: v.windowMs }]).map((w) => `${w.limit}/${w.windowMs / 1000}s`).join(' + ');

/** Rows { vendor, scenario, measure, ours, baseline, ratio, target, met, note } from the raw results. */
export function buildRows(results) {
	const { runs, meta } = results;
	const rows = [];
	const pick = (vendor, scenario, side) => Object.values(runs).filter((r) => r.vendor === vendor && r.scenario === scenario && r.side === side);
	const med = (list, key = 'ms') => median(list.map((r) => r[key]));
	const sum = (list, key) => list.reduce((s, r) => s + (r[key] ?? 0), 0);
	const errors = (list) => list.filter((r) => r.error).map((r) => r.error);
	const add = (row) => rows.push({ note: '', ...row });

	for (const v of meta.vendors ?? []) {
		const vendor = v.displayName;
		const raw = pick(v.vendor, 'list', 'raw');
		const perRequestMs = raw.length ? med(raw) / raw[0].requests : (meta.latencyMs ?? 20) + 2;
		const cursor = v.paging === 'cursor';
		const budget = budgetLabel(v);
		// Scenarios that do not apply to this vendor: a row that says why, not a missing one.
		for (const [scenario, reason] of Object.entries(v.notApplicable ?? {}))
			if (!meta.only || meta.only.includes(scenario)) add({ vendor, scenario, measure: 'n/a', ours: NaN, baseline: NaN, unit: 'ms', target: 'n/a', limit: null, na: true, note: `n/a: ${reason}` });

		// 1. list all
		const http = pick(v.vendor, 'list', 'http');
		const off = pick(v.vendor, 'list', 'ours');
		const on = pick(v.vendor, 'list', 'oursSimplify');
		if (off.length) {
			const n = meta.cases.toLocaleString('en');
			const per = (list) => (list.length && list[0].requests ? fmtMs(med(list) / list[0].requests) : '—');
			// Over all runs: the first raw run reuses the connections its warm-up opened.
			const conns = (list) => {
				const xs = list.map((r) => r.connections).filter((x) => Number.isFinite(x));
				return xs.length ? (Math.min(...xs) === Math.max(...xs) ? `${xs[0]}` : `${Math.min(...xs)}–${Math.max(...xs)}`) : '—';
			};
			const reqs = `requests: raw ${raw[0]?.requests ?? '—'}, HTTP ${http[0]?.requests ?? '—'}, ours ${off[0]?.requests ?? '—'}; connections opened: raw ${conns(raw)}, HTTP ${conns(http)}, ours ${conns(off)}; time per request: raw ${per(raw)}, HTTP Request + Split Out ${per(http)}, ours ${per(off)}`;
			const errs = [...errors(http), ...errors(off), ...errors(on)];
			const share = meta[`${v.vendor}.listedShare`];
			const listed = share < 1 ? `; ${Math.round(share * 100)} % of the seeded cases are listed (the others are archived), by every side` : '';
			const unliftable = v.reportsBudget === false ? `; ${v.displayName} sends no RateLimit headers, so our node keeps its documented ${budget} even with the simulator's limit off (the HTTP Request node and the raw loop do not)` : '';
			add({ vendor, scenario: `List all ${n}`, measure: 'ours (Simplify off) / raw fetch loop', ours: med(off), baseline: med(raw), unit: 'ms', target: cursor ? '≤ 1.05×' : 'info', limit: cursor ? 1.05 : null, note: reqs + listed + unliftable });
			add({ vendor, scenario: `List all ${n}`, measure: 'ours (Simplify off) / HTTP Request + Split Out', ours: med(off), baseline: med(http), unit: 'ms', target: cursor ? 'info' : '≤ 0.33× (3× faster)', limit: cursor ? null : 1 / 3, note: errs.length ? `errors: ${errs.join('; ').slice(0, 200)}` : '' });
			add({ vendor, scenario: `List all ${n}`, measure: 'Simplify on / Simplify off', ours: med(on), baseline: med(off), unit: 'ms', target: '≤ 1.05×', limit: 1.05 });
		}

		// 1b. search all: ours (ranges at once) against the sequential floor and the HTTP Request node
		const so = pick(v.vendor, 'searchAll', 'ours');
		if (so.length) {
			const sr = pick(v.vendor, 'searchAll', 'raw');
			const sh = pick(v.vendor, 'searchAll', 'http');
			const scenario = `Search all ${meta.cases.toLocaleString('en')}`;
			const errs = [...errors(sh), ...errors(so)];
			const reqs = `requests: raw ${sr[0]?.requests ?? '—'}, HTTP ${sh[0]?.requests ?? '—'}, ours ${so[0].requests ?? '—'} (created_at ranges at once); items: raw ${sr[0]?.items ?? '—'}, ours ${so[0].items ?? '—'}`;
			add({ vendor, scenario, measure: 'ours (ranges at once) / raw sequential POST loop', ours: med(so), baseline: med(sr), unit: 'ms', target: 'info', limit: null, note: reqs });
			add({ vendor, scenario, measure: 'ours (ranges at once) / HTTP Request + Split Out', ours: med(so), baseline: med(sh), unit: 'ms', target: 'info', limit: null, note: errs.length ? `errors: ${errs.join('; ').slice(0, 200)}` : '' });
		}

		// 2. get by id
		const gh = pick(v.vendor, 'get', 'http');
		const go = pick(v.vendor, 'get', 'ours');
		if (go.length) {
			add({
				vendor,
				scenario: `Get ${v.getItems} by id (budget ${budget} allows it)`,
				measure: 'ours / HTTP Request',
				ours: med(go),
				baseline: med(gh),
				unit: 'ms',
				target: '≤ 1.00×, 0 × 429',
				limit: 1,
				extraOk: sum(go, 'refused') === 0,
				note: `429s: ours ${sum(go, 'refused')}, HTTP ${sum(gh, 'refused')} (all runs)${errors(go).length ? `; ours failed: ${errors(go)[0].slice(0, 120)}` : ''}`,
			});
		}
		const oh = pick(v.vendor, 'getOver', 'http');
		const oo = pick(v.vendor, 'getOver', 'ours');
		if (oo.length) {
			const floor = budgetFloorMs({ n: v.overItems, limit: v.limit, windowMs: v.windowMs, windows: v.windows, perRequestMs, sequential: false });
			add({
				vendor,
				scenario: `Get ${v.overItems} by id (over the budget)`,
				measure: 'ours / budget floor',
				ours: med(oo),
				baseline: floor,
				unit: 'ms',
				target: '0 × 429 (time: info)',
				limit: null,
				extraOk: sum(oo, 'refused') === 0 && !errors(oo).length,
				note: `429s: ours ${sum(oo, 'refused')}, HTTP Request ${sum(oh, 'refused')}${errors(oh).length ? ' (the HTTP Request node failed)' : ''}${errors(oo).length ? `; ours failed: ${errors(oo)[0].slice(0, 120)}` : ''}`,
			});
		}

		// 3. limit 30
		const lh = pick(v.vendor, 'limit', 'http');
		const lo = pick(v.vendor, 'limit', 'ours');
		if (lo.length)
			add({ vendor, scenario: 'Limit 30', measure: 'ours / HTTP Request (one page of 30) + Split Out', ours: med(lo), baseline: med(lh), unit: 'ms', target: 'info', limit: null, note: `requests: ours ${lo[0].requests}, HTTP ${lh[0]?.requests ?? '—'}; items: ours ${lo[0].items}` });

		// 4. rate-limited list
		const rl = pick(v.vendor, 'ratelimit', 'ours');
		if (rl.length) {
			// The requests the list took (fewer than cases / 100 where some cases are not listed).
			const pages = rl[0].requests > sum(rl, 'refused') ? rl[0].requests - sum(rl, 'refused') : Math.ceil(v.limitedCases / 100);
			const floor = budgetFloorMs({ n: pages, limit: v.limit, windowMs: v.windowMs, windows: v.windows, perRequestMs, sequential: cursor });
			add({
				vendor,
				scenario: `Rate-limited list ${v.limitedCases.toLocaleString('en')} (${pages} requests, ${budget})`,
				measure: 'ours / budget floor',
				ours: med(rl),
				baseline: floor,
				unit: 'ms',
				target: '≤ 1.15×, 0 × 429',
				limit: 1.15,
				extraOk: sum(rl, 'refused') === 0 && !errors(rl).length,
				note: `429s: ${sum(rl, 'refused')}; ${rl[0].requests} requests; ${rl[0].items ?? '—'} items${errors(rl).length ? `; failed: ${errors(rl)[0].slice(0, 120)}` : ''}`,
			});
		}

		// 5. memory
		for (const side of ['ours', 'oursSimplify']) {
			const m = pick(v.vendor, 'memory', side)[0];
			if (!m) continue;
			const memoryCases = v.memoryCases ?? meta.memoryCases;
			const json = (meta[`${v.vendor}.caseBytes`] ?? NaN) * memoryCases * (meta[`${v.vendor}.listedShare`] ?? 1);
			const fewer = memoryCases < meta.memoryCases ? `; ${memoryCases.toLocaleString('en')} cases, not ${meta.memoryCases.toLocaleString('en')}: without RateLimit headers our node keeps ${budget}, about 3 minutes for these` : '';
			add({
				vendor,
				scenario: `Memory, list ${memoryCases.toLocaleString('en')} (Simplify ${side === 'ours' ? 'off' : 'on'})`,
				measure: 'n8n RSS growth / JSON size of the cases',
				ours: m.growth,
				baseline: json,
				unit: 'bytes',
				target: '≤ 2.00×',
				// The JSON size comes from the list scenario's raw loop: without it, no verdict.
				limit: Number.isFinite(json) ? 2 : null,
				extraOk: m.error ? false : undefined,
				note: `RSS ${fmtMb(m.rssBefore)} → peak ${fmtMb(m.rssPeak)} (${m.peakFrom}${m.collected ? `; from a collected heap, ${fmtMb(m.heapBefore)} live` : m.collected === false ? '; start-up garbage not collected' : ''}); ${fmtMs(m.ms)}; ${m.requests} requests${fewer}${Number.isFinite(json) ? '' : '; JSON size unknown: the list scenario measures it (--only=list,memory)'}${m.error ? `; failed: ${m.error.slice(0, 120)}` : ''}`,
			});
		}

		for (const side of ['oursLive', 'oursSimplifyLive']) {
			const m = pick(v.vendor, 'memory', side)[0];
			if (!m) continue;
			const memoryCases = v.memoryCases ?? meta.memoryCases;
			const json = (meta[`${v.vendor}.caseBytes`] ?? NaN) * memoryCases * (meta[`${v.vendor}.listedShare`] ?? 1);
			add({
				vendor,
				scenario: `Memory, list ${memoryCases.toLocaleString('en')} (Simplify ${side === 'oursLive' ? 'off' : 'on'})`,
				measure: 'n8n live heap growth (collected every 2 s) / JSON size',
				ours: m.liveSamples ? (m.liveGrowth ?? NaN) : NaN,
				baseline: json,
				unit: 'bytes',
				target: 'info',
				limit: null,
				note: `live heap ${fmtMb(m.heapBefore)} → at most ${fmtMb((m.heapBefore ?? NaN) + (m.liveGrowth ?? NaN))} over ${m.liveSamples ?? 0} forced collections${!m.liveSamples ? ' (not watched: no value)' : m.liveSamples < 5 ? ' (too few for a short run: a lower bound)' : ''}; ${fmtMs(m.ms)}${m.error ? `; failed: ${m.error.slice(0, 120)}` : ''}`,
			});
		}

		const mh = pick(v.vendor, 'memory', 'http')[0];
		const mo = pick(v.vendor, 'memory', 'ours')[0];
		if (mh && mo)
			add({
				vendor,
				scenario: `Memory, list ${(v.memoryCases ?? meta.memoryCases).toLocaleString('en')}`,
				measure: 'RSS growth: ours (Simplify off) / HTTP Request + Split Out',
				ours: mo.growth,
				baseline: mh.growth,
				unit: 'bytes',
				target: 'info',
				limit: null,
				note: `HTTP Request + Split Out: RSS ${fmtMb(mh.rssBefore)} → peak ${fmtMb(mh.rssPeak)}; ${fmtMs(mh.ms)}${mh.error ? `; failed: ${mh.error.slice(0, 120)}` : ''}`,
			});

		// 6. trigger
		const to = pick(v.vendor, 'trigger', 'ours')[0];
		const tw = pick(v.vendor, 'trigger', 'webhook')[0];
		if (to)
			add({
				vendor,
				scenario: `Trigger, ${meta.deliveries} signed deliveries`,
				measure: 'accepted/s: ours / plain Webhook node',
				ours: to.perSecond,
				baseline: tw?.perSecond,
				unit: '/s',
				target: '≥ 0.90×',
				limit: 0.9,
				higherIsBetter: true,
				note: `accepted: ours ${to.accepted}, Webhook ${tw?.accepted ?? '—'}${v.triggerNote ? `; ${v.triggerNote}` : ''}`,
			});
	}

	// 7. cold load
	const cl = runs['package.coldload.ours'];
	if (cl) {
		const ref = runs['package.coldload.http'];
		add({
			vendor: 'package',
			scenario: `Cold load (${cl.files} nodes + credentials)`,
			measure: 'require + construct, best of 7 fresh processes',
			ours: cl.ms,
			baseline: NaN,
			unit: 'ms',
			target: '≤ 150 ms',
			absLimit: 150,
			note: `median ${fmtMs(cl.medianMs)}, CPU ${fmtMs(cl.cpuMs)}; n8n's HTTP Request node alone: ${fmtMs(ref?.ms)} (best), ${fmtMs(ref?.medianMs)} (median)`,
		});
	}

	for (const r of rows) {
		r.ratio = Number.isFinite(r.ours) && Number.isFinite(r.baseline) && r.baseline > 0 ? r.ours / r.baseline : NaN;
		let met = null;
		if (r.absLimit !== undefined) met = r.ours <= r.absLimit;
		else if (r.limit !== null && r.limit !== undefined) met = Number.isFinite(r.ratio) && (r.higherIsBetter ? r.ratio >= r.limit : r.ratio <= r.limit);
		if (r.extraOk === false) met = false;
		else if (met === null && r.extraOk === true) met = true;
		r.met = met;
	}
	return rows;
}

const show = (r, value) => (r.unit === 'bytes' ? fmtMb(value) : r.unit === '/s' ? (Number.isFinite(value) ? `${value.toFixed(0)}/s` : '—') : fmtMs(value));
const verdict = (r) => (r.met === true ? 'yes' : r.met === false ? 'NO' : '—');

/** Plain-text table for the terminal. */
export function renderTable(results) {
	const rows = buildRows(results);
	const head = ['vendor', 'scenario', 'measure', 'ours', 'baseline', 'ratio', 'target', 'met'];
	const body = rows.map((r) => [r.vendor, r.scenario, r.measure, show(r, r.ours), show(r, r.baseline), fmtX(r.ratio), r.target, verdict(r)]);
	const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => String(b[i]).length)));
	const line = (cells) => cells.map((c, i) => String(c).padEnd(widths[i])).join('  ');
	const notes = rows.filter((r) => r.note).map((r) => `  ${r.vendor} · ${r.scenario}: ${r.note}`);
	const failures = (results.failures ?? []).map((f) => `  FAILED ${f}`);
	return [line(head), line(widths.map((w) => '-'.repeat(w))), ...body.map(line), '', ...notes, ...failures].join('\n');
}

/** bench/RESULTS.md */
export function renderMarkdown(results) {
	const { meta } = results;
	const rows = buildRows(results);
	const vendors = (meta.vendors ?? []).map((v) => `${v.displayName} (${v.paging === 'cursor' ? 'cursor paging' : 'page numbers'}, documented ${budgetLabel(v)}${v.credentialNote ? `; ${v.credentialNote}` : ''})`).join(', ');
	const esc = (s) => String(s).replace(/\|/g, '\\|');
	return `# Benchmark results

Written by \`npm run bench\` (scripts/bench.mjs) — do not edit by hand; run it again.

- **Date:** ${meta.date}
- **Machine:** ${meta.machine}; load average at the end ${meta.load}
- **n8n:** ${meta.n8n} on Node ${meta.node}; package at ${meta.commit}
- **Vendors:** ${vendors}
- **Setup:** simulators with ${meta.latencyMs} ms injected per request; ${meta.runs} run(s) per measurement, medians; scenarios: ${meta.only.join(', ')}; whole bench ${Math.round(meta.durationMs / 1000)} s

The machine is shared (2 cores, other test suites running), so absolute times are noisy:
compare the **ratios**, which come from runs made side by side in the same n8n, minutes apart.

| vendor | scenario | measure | ours | baseline | ratio | target | met |
|---|---|---|---|---|---|---|---|
${rows.map((r) => `| ${esc(r.vendor)} | ${esc(r.scenario)} | ${esc(r.measure)} | ${show(r, r.ours)} | ${show(r, r.baseline)} | ${fmtX(r.ratio)} | ${esc(r.target)} | ${verdict(r)} |`).join('\n')}

${rows
	.filter((r) => r.note)
	.map((r) => `- ${esc(r.vendor)} · ${esc(r.scenario)}: ${esc(r.note)}`)
	.join('\n')}
${(results.failures ?? []).map((f) => `- **Could not be measured:** ${esc(f)}`).join('\n')}

## How each figure is measured

- Every workflow run is started through its Webhook node (no CLI start-up) and timed with n8n's
  own \`executionTime\` of the measured nodes, read back from the saved execution. Each run has a
  workflow and a credential of its own, reaching the simulator through a port of its own, so
  every run starts with the vendor budget unspent, as one scheduled run in a user's n8n does.
- **Raw fetch loop** (the floor): the HTTP Request node's requests, sent one after the other by
  a plain \`fetch\` loop in the benchmark process — no n8n.
- **HTTP Request node**: typeVersion 4.2, Header Auth credential, page size 100 and its built-in
  pagination (Persona: *Response Contains Next URL*, \`links.next\` made absolute; Certn: *Update a
  Parameter in Each Request*, \`page = $pageCount + 1\`, complete when \`pagination.next_page\` is
  empty; Zenoo: *Update a Parameter in Each Request*, \`cursor = meta.page.cursor\`, complete when
  \`meta.page.has_more\` is false; Sphinx: *Response Contains Next URL*, DRF's \`next\`; Penbox:
  \`page[number] = $pageCount + 1\`, complete when \`meta.current_page\` reaches \`meta.total_pages\`),
  followed by a Split Out node so that it outputs one item per case like our node does;
  the time is both nodes'. Get by id: one request per input item, all sent at once (its default).
- **Rate limit off** means the simulator reports a budget of 1,000,000 requests per minute;
  **on** means the vendor's documented budget, with a fresh window for every run. A vendor that
  sends no RateLimit headers (Penbox) cannot report a bigger budget, so our node keeps the
  documented one either way.
- **Budget floor**: the least time the documented budget allows for those requests, using the
  raw loop's time per request: cursor pages one after the other, page numbers and reads
  concurrently within each window (every documented window: Penbox's per minute and per hour).
  The budget is the one the node's API description declares (\`rateLimit\` in nodes/<Vendor>/api.ts).
- **Memory**: peak RSS of the n8n main process (kernel high-water mark, reset before the run)
  minus its RSS just before, while our node lists every case (no latency; the execution data is
  not saved, so n8n's own copy for the database is not counted). n8n is restarted before each
  run and made to collect its garbage (through its inspector, opened with SIGUSR1) before the
  RSS is read: a fresh n8n holds a few hundred MB of start-up garbage that some runs reuse and
  others do not. **Live heap**: the same lists run again while V8 collects garbage every 2 s;
  the highest heap in use after a collection, minus the heap before the run, is what the list
  keeps (a lower bound for short runs: the last collection can come up to 2 s before the end).
  JSON size: the vendor's JSON of those cases (average case size of the listed cases × count).
- **Trigger**: signed deliveries (unique event ids, 8 at a time) answered 200 per second, our
  trigger (signature verified, deduplicated; Certn without *Fetch Full Case*, Zenoo without *Fetch
  Case*; Sphinx: the shared token in the URL, each call names another finished case, which the
  trigger reads from Sphinx; Penbox: the Penbox Webhook Trigger, Digest and RS256 JWT verified, the
  polling Penbox Trigger is not measured) vs n8n's Webhook node on the same n8n; the better of two
  interleaved rounds each.
- **Cold load**: a fresh Node process requires and constructs every node and credential the
  package lists (n8n-workflow already loaded); the best of 7 processes (the others measure the
  neighbours' load), with the median and the CPU time beside it.
`;
}
