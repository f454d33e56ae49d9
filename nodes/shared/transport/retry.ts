import type { HttpMethod } from '../types';

export interface RetryPolicy {
	/** Attempts in all, the first included. */
	maxAttempts: number;
	/** First backoff when Hero gives no Retry-After; doubles each attempt. */
	baseDelayMs: number;
	/** No single wait is longer than this, whatever Retry-After says. */
	maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 5, baseDelayMs: 500, maxDelayMs: 60_000 };

/** Methods whose repeat cannot do anything twice. POST and PATCH are not among them. */
const IDEMPOTENT: HttpMethod[] = ['GET', 'PUT', 'DELETE'];

export function isIdempotent(method: HttpMethod): boolean {
	return IDEMPOTENT.includes(method);
}

const DAY = '(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)';
const LONG_DAY = '(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)';
const MONTH = '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)';
const TIME = '\\d{2}:\\d{2}:\\d{2}';
/** The three forms HTTP allows for a date (RFC 9110 5.6.7): IMF-fixdate, RFC 850, asctime. */
const HTTP_DATE = new RegExp(
	`^(?:${DAY}, \\d{2} ${MONTH} \\d{4} ${TIME} GMT|${LONG_DAY}, \\d{2}-${MONTH}-\\d{2} ${TIME} GMT|${DAY} ${MONTH} [ \\d]\\d ${TIME} \\d{4})$`,
);

/**
 * Retry-After read strictly (RFC 9110 10.2.3): whole non-negative seconds or an HTTP date, in
 * milliseconds from now. Anything else (`-5`, `1.5`, `5, 6`, `garbage 12`) is undefined, and the
 * caller falls back to exponential back-off.
 */
export function parseRetryAfter(header: unknown, now = Date.now()): number | undefined {
	if (header === undefined || header === null || header === '') return undefined;
	const text = String(Array.isArray(header) ? header[0] : header).trim();
	if (/^\d{1,10}$/.test(text)) return Number(text) * 1000;
	if (!HTTP_DATE.test(text)) return undefined;
	const date = Date.parse(text.endsWith('GMT') ? text : `${text} GMT`);
	if (Number.isNaN(date)) return undefined;
	return Math.max(0, date - now);
}

export function backoffDelay(attempt: number, policy: RetryPolicy): number {
	const exponential = policy.baseDelayMs * 2 ** (attempt - 1);
	// Full jitter keeps many items from retrying in lockstep.
	const jittered = exponential / 2 + Math.random() * (exponential / 2);
	return Math.min(policy.maxDelayMs, Math.round(jittered));
}

export type Outcome =
	| { kind: 'status'; status: number; retryAfter?: unknown }
	| { kind: 'network'; code: string };

const NETWORK_RETRY_CODES = [
	'ECONNRESET',
	'ECONNREFUSED',
	'EPIPE',
	'ETIMEDOUT',
	'ECONNABORTED',
	'EAI_AGAIN',
	'ENOTFOUND',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
	// A 2xx whose body is empty or not JSON: often a proxy's page; reads may try again.
	'EMPTY_BODY',
	'INVALID_JSON',
];

/**
 * How long to wait before trying again, or undefined when the request must not be repeated.
 * A 429 means Hero did not process the request, so every method may retry it. A 5xx or a
 * dropped connection may come after Hero acted, so only idempotent methods retry: a message
 * is never sent twice.
 */
export function retryDelay(
	outcome: Outcome,
	method: HttpMethod,
	attempt: number,
	policy: RetryPolicy,
): number | undefined {
	if (attempt >= policy.maxAttempts) return undefined;
	if (outcome.kind === 'status') {
		const retryable =
			outcome.status === 429 || ([502, 503, 504].includes(outcome.status) && isIdempotent(method));
		if (!retryable) return undefined;
		// Hero's own word on when to come back, on a 429 and a 503 alike; capped at maxDelayMs.
		const wait =
			outcome.status === 429 || outcome.status === 503
				? parseRetryAfter(outcome.retryAfter)
				: undefined;
		return wait === undefined ? backoffDelay(attempt, policy) : Math.min(wait, policy.maxDelayMs);
	}
	if (NETWORK_RETRY_CODES.includes(outcome.code) && isIdempotent(method)) {
		return backoffDelay(attempt, policy);
	}
	return undefined;
}
