import {
	DEFAULT_RETRY,
	parseRetryAfter,
	retryDelay,
} from '../../../../nodes/shared/transport/retry';

describe('Retry-After, read strictly', () => {
	const now = Date.parse('2026-12-02T10:00:00Z');

	it.each([
		['5', 5000],
		['0', 0],
		['120', 120_000],
		['Wed, 02 Dec 2026 10:00:07 GMT', 7000],
		['Wednesday, 02-Dec-26 10:00:07 GMT', 7000],
		['Wed Dec  2 10:00:07 2026', 7000],
		['Wed, 02 Dec 2026 09:00:00 GMT', 0],
	])('%j waits %i ms', (header, ms) => {
		expect(parseRetryAfter(header, now)).toBe(ms);
	});

	it.each([
		'garbage 12',
		'-5',
		'5, 6',
		'1.5',
		'5s',
		'soon',
		'Wed, 02 Dec 2026',
		'2026-12-02T10:00:07Z',
		' ',
	])('%j is not read: back-off instead', (header) => {
		expect(parseRetryAfter(header, now)).toBeUndefined();
	});

	const policy = { ...DEFAULT_RETRY, baseDelayMs: 100 };
	it('a 503 with Retry-After waits what it says before a read is tried again', () => {
		expect(retryDelay({ kind: 'status', status: 503, retryAfter: '7' }, 'GET', 1, policy)).toBe(
			7000,
		);
	});

	it('a send that met a 503 is never repeated, Retry-After or not', () => {
		expect(
			retryDelay({ kind: 'status', status: 503, retryAfter: '7' }, 'POST', 1, policy),
		).toBeUndefined();
	});

	it(`no wait is longer than ${DEFAULT_RETRY.maxDelayMs / 1000} s, whatever Hero says`, () => {
		expect(
			retryDelay({ kind: 'status', status: 429, retryAfter: '99999' }, 'POST', 1, policy),
		).toBe(DEFAULT_RETRY.maxDelayMs);
	});

	it('an unreadable Retry-After on a 429 falls back to back-off (at most the base delay on the first try)', () => {
		const wait = retryDelay(
			{ kind: 'status', status: 429, retryAfter: 'garbage 12' },
			'POST',
			1,
			policy,
		);
		expect(wait).toBeGreaterThanOrEqual(50);
		expect(wait).toBeLessThanOrEqual(100);
	});
});
