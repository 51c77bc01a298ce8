// Seeded generator of webhook deliveries for the fuzz e2e test (test/e2e/fuzz.e2e.test.mjs).
//
// The same seed gives the same sequence of kinds, bodies and header manipulations (signatures over
// "now" differ from run to run, nothing else does). Each delivery says what must happen to it:
//   expect: 'exec'    verified, new event → 2xx and exactly one execution
//           'dup'     a replay of an earlier valid delivery (same bytes, same signature) → 2xx, no execution
//           'ignored' verified but not for this trigger (event not selected) → 2xx, no execution
//           401       refused by the trigger, no execution
//           'n8n'     refused by n8n or Node's HTTP parser before the trigger runs (431, n8n's 500 for a body
//                     over its size limit, or the connection closed), no execution
//           400       the trigger's own 400 (a verified call naming nothing), no execution
//           'refused' 401 from the trigger, or 422 from n8n when the body cannot be parsed for its
//                     content type (n8n parses before the trigger runs); no execution
//
// A vendor profile (built by the test from the running simulators and the trigger's secrets):
//   {
//     vendor,
//     validBody(i): string                       the i-th distinct valid event (raw JSON), carrying marker(i)
//     marker(i): string                          `fz<seed>x<i>`: how its execution is recognized
//     maxValid?: number                          how many distinct valid events exist (Sphinx: prepared cases)
//     ignoredBody?(i): string                    a verified event the trigger does not start for
//     auth(raw, variant, ctx): { headers?, query?, body? } | null   authentication for `raw` (body: sent
//                                                instead, e.g. Certn's stale `created`); null = not applicable
//        variants: valid, missing, empty, garbage, otherBody, wrongSecret, duplicate, oversized,
//                  tooLarge, nonAscii, stale, future
//     timed: boolean                             stale / future apply
//     signedBody: boolean                        the signature covers the body (truncated / padded bodies apply)
//     noCaseBody?: string                        Sphinx: a verified call naming no case (→ 400)
//   }

/** mulberry32: small, fast, good enough for test data. */
export function rng(seed) {
	let a = seed >>> 0;
	const next = () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	const r = {
		next,
		int: (n) => Math.floor(next() * n),
		pick: (list) => list[Math.floor(next() * list.length)],
		bool: (p = 0.5) => next() < p,
		ascii: (n, alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789=,._-') => {
			let s = '';
			for (let i = 0; i < n; i++) s += alphabet[Math.floor(next() * alphabet.length)];
			return s;
		},
	};
	return r;
}

/** Seed from --seed=… / N8N_CC_FUZZ_SEED, else from the clock (printed by the test either way). */
export function fuzzSeed(argv = process.argv, env = process.env) {
	const arg = argv.find((a) => a.startsWith('--seed='));
	const raw = arg ? arg.slice(7) : env.N8N_CC_FUZZ_SEED;
	if (raw && /^\d+$/.test(raw)) return Number(raw) >>> 0;
	return (Date.now() ^ (process.pid << 8)) >>> 0;
}

const UNICODE = ['ü', 'é', 'ß', '签名', '🙂', '\u0000', '\u202e', 'Ω', '\ud83d\ude00', 'ﬀ', '\t', '"', '\\', '</script>'];
const KEYS = ['id', 'data', 'type', 'attributes', 'event', 'name', 'status', 'created', 'payload', 'items', 'meta', 'x', '', '__proto__', 'constructor', 'case', 'token'];

/** A random JSON value (nested, unicode, big and odd numbers). Never contains a `challenge` key (Zenoo's handshake). */
export function randomJson(r, depth = 0) {
	const roll = r.int(depth > 6 ? 5 : 8);
	switch (roll) {
		case 0:
			return null;
		case 1:
			return r.bool();
		case 2:
			return r.pick([0, -1, 1e308, -1e-308, 2 ** 53 + 1, 3.14159, r.int(1e9)]);
		case 3:
			return r.ascii(r.int(40)) + (r.bool(0.4) ? r.pick(UNICODE) : '');
		case 4:
			return r.pick(UNICODE).repeat(1 + r.int(20));
		case 5:
		case 6: {
			const o = {};
			const n = r.int(6);
			for (let i = 0; i < n; i++) o[r.pick(KEYS) + (r.bool(0.3) ? r.ascii(3) : '')] = randomJson(r, depth + 1);
			return o;
		}
		default:
			return Array.from({ length: r.int(6) }, () => randomJson(r, depth + 1));
	}
}

/** Text that is not JSON (or not quite): cut documents, trailing commas, NaN, bare words, bytes. */
export function malformedJson(r, validRaw) {
	switch (r.int(8)) {
		case 0:
			return validRaw.slice(0, Math.max(1, r.int(validRaw.length)));
		case 1:
			return validRaw.replace(/}$/, ',}');
		case 2:
			return '{"a": NaN, "b": undefined}';
		case 3:
			return `{'single': 'quotes'}`;
		case 4:
			return '\ufeff' + validRaw.slice(0, -1);
		case 5:
			return Buffer.from(Array.from({ length: 1 + r.int(200) }, () => r.int(256)));
		case 6:
			return '['.repeat(2000 + r.int(2000));
		default:
			return `${validRaw}${validRaw}`;
	}
}

/** The same JSON document with one value changed (still valid JSON, other bytes). */
export function alterJson(r, raw) {
	const doc = JSON.parse(raw);
	const walk = (o, depth) => {
		const keys = Object.keys(o);
		const k = keys[r.int(keys.length)];
		if (o[k] && typeof o[k] === 'object' && !Array.isArray(o[k]) && Object.keys(o[k]).length && depth < 4) return walk(o[k], depth + 1);
		o[k] = typeof o[k] === 'string' ? `${o[k]}x` : typeof o[k] === 'number' ? o[k] + 1 : 'altered';
	};
	walk(doc, 0);
	return JSON.stringify(doc);
}

/** A body of about `bytes` bytes: valid JSON with long strings. */
export function hugeJson(r, bytes) {
	const chunk = r.ascii(1024);
	const parts = [];
	for (let n = 0; n < bytes; n += 1040) parts.push(`"${r.ascii(6)}${parts.length}":"${chunk}"`);
	return `{${parts.join(',')}}`;
}

const CONTENT_TYPES = [
	'text/plain',
	'application/x-www-form-urlencoded',
	'application/xml',
	'application/octet-stream',
	'text/html; charset=utf-8',
	'application/json; charset=iso-8859-1',
	null,
];

/**
 * Kinds with their weights (per 1,000 deliveries, about) and the expected outcome. `n8nRefusal`
 * kinds never reach the trigger.
 */
export const KINDS = [
	{ kind: 'valid', weight: 190 },
	{ kind: 'replay', weight: 90 },
	{ kind: 'ignoredEvent', weight: 30 },
	{ kind: 'missingSignature', weight: 60 },
	{ kind: 'emptySignature', weight: 20 },
	{ kind: 'garbageSignature', weight: 60 },
	{ kind: 'signatureForAnotherBody', weight: 70 },
	{ kind: 'wrongSecret', weight: 50 },
	{ kind: 'duplicatedSignatureHeader', weight: 40 },
	{ kind: 'oversizedSignature', weight: 30 },
	{ kind: 'nonAsciiSignature', weight: 40 },
	{ kind: 'staleTimestamp', weight: 40 },
	{ kind: 'futureTimestamp', weight: 40 },
	{ kind: 'truncatedSignedBody', weight: 20 },
	{ kind: 'alteredSignedBody', weight: 20 },
	{ kind: 'paddedSignedBody', weight: 20 },
	{ kind: 'randomJsonUnsigned', weight: 60 },
	{ kind: 'randomJsonForgedSignature', weight: 40 },
	{ kind: 'malformedJson', weight: 50 },
	{ kind: 'wrongContentType', weight: 50 },
	{ kind: 'hugeBody', weight: 8 },
	{ kind: 'noCaseNamed', weight: 10 },
];
/** Sent once per trigger whatever the seed: what Node/n8n refuse before the trigger runs. */
export const FIXED_KINDS = ['headerTooLarge', 'bodyOverLimit'];

/**
 * Generates `count` deliveries for one trigger (+ the fixed kinds). Replays copy an earlier valid
 * delivery exactly; the test sends them concurrently with the rest, so a copy may even race its original.
 * @returns {{ n: number, kind: string, expect: string | number, headers: Record<string, string | string[]>, query: string, body: Buffer, group?: string }[]}
 */
export function generateDeliveries(profile, { seed, count = 1000, hugeBytes = 1_500_000, overLimitBytes = 17 * 1024 * 1024 }) {
	const r = rng(seed);
	const out = [];
	const valids = [];
	let validIndex = 0;
	let otherIndex = 1_000_000;
	const maxValid = profile.maxValid ?? Infinity;
	const total = KINDS.reduce((s, k) => s + k.weight, 0);
	const json = (extra = {}) => ({ 'content-type': 'application/json', ...extra });
	const push = (kind, expect, body, auth, extra = {}) => {
		const sent = auth?.body ?? body;
		const b = Buffer.isBuffer(sent) ? sent : Buffer.from(String(sent), 'utf8');
		const headers = { ...(extra.headers ?? json()), ...(auth?.headers ?? {}) };
		out.push({ n: out.length, kind, expect, headers, query: auth?.query ?? '', body: b, ...(extra.group ? { group: extra.group } : {}) });
	};
	const anotherBody = () => profile.validBody(otherIndex++);

	while (out.length < count) {
		let roll = r.int(total);
		let { kind } = KINDS.find((k) => (roll -= k.weight) < 0);
		if (kind === 'replay' && !valids.length) kind = 'valid';
		if (kind === 'valid' && validIndex >= maxValid) kind = valids.length ? 'replay' : 'garbageSignature';
		if ((kind === 'staleTimestamp' || kind === 'futureTimestamp') && !profile.timed) kind = 'wrongSecret';
		if (['truncatedSignedBody', 'alteredSignedBody', 'paddedSignedBody'].includes(kind) && !profile.signedBody) kind = 'missingSignature';
		if (kind === 'ignoredEvent' && !profile.ignoredBody) kind = 'garbageSignature';
		if (kind === 'noCaseNamed' && !profile.noCaseBody) kind = 'randomJsonUnsigned';
		const variant = (v, raw) => profile.auth(raw, v, { r }) ?? profile.auth(raw, 'garbage', { r });

		switch (kind) {
			case 'valid': {
				const marker = profile.marker(validIndex);
				const raw = profile.validBody(validIndex++);
				const auth = profile.auth(raw, 'valid', { r });
				push(kind, 'exec', raw, auth, { group: `v${valids.length}` });
				out[out.length - 1].marker = marker;
				valids.push(out[out.length - 1]);
				break;
			}
			case 'replay': {
				const orig = r.pick(valids.slice(-50));
				out.push({ ...orig, n: out.length, kind, expect: 'dup' });
				break;
			}
			case 'ignoredEvent': {
				const raw = profile.ignoredBody(otherIndex++);
				push(kind, 'ignored', raw, profile.auth(raw, 'valid', { r }));
				break;
			}
			case 'missingSignature':
			case 'emptySignature':
			case 'garbageSignature':
			case 'signatureForAnotherBody':
			case 'wrongSecret':
			case 'duplicatedSignatureHeader':
			case 'oversizedSignature':
			case 'nonAsciiSignature':
			case 'staleTimestamp':
			case 'futureTimestamp': {
				const raw = r.bool(0.8) ? anotherBody() : JSON.stringify(randomJson(r));
				const v = {
					missingSignature: 'missing',
					emptySignature: 'empty',
					garbageSignature: 'garbage',
					signatureForAnotherBody: 'otherBody',
					wrongSecret: 'wrongSecret',
					duplicatedSignatureHeader: 'duplicate',
					oversizedSignature: 'oversized',
					nonAsciiSignature: 'nonAscii',
					staleTimestamp: 'stale',
					futureTimestamp: 'future',
				}[kind];
				push(kind, 401, raw, variant(v, raw));
				break;
			}
			case 'truncatedSignedBody':
			case 'alteredSignedBody':
			case 'paddedSignedBody': {
				// signed for `raw`, sent as: cut short (no longer JSON), one value changed, or with trailing whitespace
				const raw = anotherBody();
				const auth = profile.auth(raw, 'valid', { r });
				if (kind === 'truncatedSignedBody') push(kind, 'refused', raw.slice(0, raw.length - 2 - r.int(raw.length / 2)), auth);
				else if (kind === 'alteredSignedBody') push(kind, 401, alterJson(r, raw), auth);
				else push(kind, 401, `${raw}${r.pick([' ', '\n', '\t  '])}`, auth);
				break;
			}
			case 'randomJsonUnsigned': {
				const raw = JSON.stringify(randomJson(r));
				push(kind, 401, raw, profile.auth(raw, 'missing', { r }));
				break;
			}
			case 'randomJsonForgedSignature': {
				const raw = JSON.stringify(randomJson(r));
				push(kind, 401, raw, variant(r.pick(['garbage', 'wrongSecret', 'otherBody']), raw));
				break;
			}
			case 'malformedJson': {
				const bad = malformedJson(r, anotherBody());
				push(kind, 'refused', bad, variant(r.pick(['garbage', 'missing', 'wrongSecret']), String(bad)));
				break;
			}
			case 'wrongContentType': {
				const raw = r.bool(0.5) ? anotherBody() : `a=${r.ascii(20)}&b=${encodeURIComponent(r.pick(UNICODE))}`;
				const ct = r.pick(CONTENT_TYPES);
				push(kind, 'refused', raw, variant(r.pick(['garbage', 'missing', 'otherBody']), raw), { headers: ct ? { 'content-type': ct } : {} });
				break;
			}
			case 'hugeBody': {
				const raw = hugeJson(r, hugeBytes + r.int(hugeBytes));
				push(kind, 401, raw, variant(r.pick(['garbage', 'wrongSecret']), raw));
				break;
			}
			case 'noCaseNamed': {
				const raw = profile.noCaseBody;
				push(kind, 400, raw, profile.auth(raw, 'valid', { r }));
				break;
			}
		}
	}
	// What Node / n8n refuse before the trigger runs: a header block over Node's 16 KiB, a body over n8n's 16 MiB.
	{
		const raw = anotherBody();
		push('headerTooLarge', 'n8n', raw, profile.auth(raw, 'tooLarge', { r }));
		const big = hugeJson(r, overLimitBytes);
		push('bodyOverLimit', 'n8n', big, profile.auth(big, 'garbage', { r }));
	}
	return out;
}

/** Counts deliveries by kind and by expectation. */
export function tally(deliveries) {
	const byKind = {};
	for (const d of deliveries) byKind[d.kind] = (byKind[d.kind] ?? 0) + 1;
	return byKind;
}
