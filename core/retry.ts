import type { SideEffect } from './types';

export interface RetryPolicy {
	/** Attempts after the first one. */
	maxRetries: number;
	/** First backoff delay; doubled on every attempt. */
	baseDelayMs: number;
	/** Upper bound for a computed backoff delay. */
	maxDelayMs: number;
	/** Upper bound for a delay the server asks for (Retry-After, RateLimit-Reset). */
	maxServerDelayMs: number;
	/** Attempts after a 429, counted apart from the other failures (default: `maxRetries`). */
	maxRateLimitRetries?: number;
}

export const defaultRetryPolicy: RetryPolicy = {
	maxRetries: 4,
	baseDelayMs: 500,
	maxDelayMs: 8_000,
	maxServerDelayMs: 65_000,
	maxRateLimitRetries: 8,
};

type Headers = Record<string, string | string[] | undefined>;

export function headerValue(headers: Headers | undefined, name: string): string | undefined {
	if (!headers) return undefined;
	const wanted = name.toLowerCase();
	for (const [key, value] of Object.entries(headers)) {
		if (key.toLowerCase() === wanted) return Array.isArray(value) ? value[0] : value;
	}
	return undefined;
}

/**
 * How long the server asks us to wait, in ms, from `Retry-After` (seconds or an HTTP date)
 * or `RateLimit-Reset` / `X-RateLimit-Reset` (seconds until reset, or a Unix timestamp).
 */
export function serverRequestedDelayMs(headers: Headers | undefined, nowMs: number): number | undefined {
	const retryAfter = headerValue(headers, 'retry-after');
	if (retryAfter !== undefined && retryAfter.trim() !== '') {
		const seconds = Number(retryAfter);
		if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
		const date = Date.parse(retryAfter);
		if (!Number.isNaN(date)) return Math.max(0, date - nowMs);
	}
	for (const name of ['ratelimit-reset', 'x-ratelimit-reset']) {
		const raw = headerValue(headers, name);
		if (raw === undefined || raw.trim() === '') continue;
		const value = Number(raw);
		if (!Number.isFinite(value)) continue;
		// Large values are absolute Unix timestamps (seconds or ms), small ones are deltas.
		if (value > 1e12) return Math.max(0, value - nowMs);
		if (value > 1e9) return Math.max(0, value * 1000 - nowMs);
		return Math.max(0, value * 1000);
	}
	return undefined;
}

export function backoffDelayMs(attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
	const exponential = policy.baseDelayMs * 2 ** attempt;
	// Full jitter keeps parallel items from retrying in lock-step.
	const jittered = exponential / 2 + (random() * exponential) / 2;
	return Math.min(policy.maxDelayMs, Math.round(jittered));
}

export const RETRYABLE_STATUS = new Set([408, 425, 429, 500, 502, 503, 504]);

/** Network failures where the request certainly never reached the server. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);

export function neverSent(code: string | undefined): boolean {
	return !!code && NOT_SENT_CODES.has(code);
}

export type FailureKind =
	| { kind: 'status'; statusCode: number }
	| { kind: 'network'; code?: string };

/**
 * Whether a failed attempt may be repeated, given what the request does.
 * A create without idempotency support is repeated only where the vendor cannot have processed it.
 */
export function isRetryable(failure: FailureKind, sideEffect: SideEffect, hasIdempotencyKey: boolean): boolean {
	const repeatable = sideEffect !== 'create' || hasIdempotencyKey;
	if (failure.kind === 'status') {
		if (failure.statusCode === 429) return true; // rejected before processing
		return repeatable && RETRYABLE_STATUS.has(failure.statusCode);
	}
	if (neverSent(failure.code)) return true;
	return repeatable;
}
