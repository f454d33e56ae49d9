import { Scrubber } from '../../../../nodes/shared/transport/secrets';

const KEY = 'sk_test/Hero+Key=7f3a9c&more%2Fsecret';

describe('Scrubber', () => {
	const scrubber = new Scrubber([KEY]);

	it.each([
		['the key itself', `bad key ${KEY}!`],
		['URL-encoded', `?key=${encodeURIComponent(KEY)}&x=1`],
		['base64 inside a longer text', `Basic ${Buffer.from(`user:${KEY}`).toString('base64')}`],
		['base64url', Buffer.from(`ab${KEY}`).toString('base64url')],
		['its first half', `…${KEY.slice(0, 19)}`],
		['its second half', `${KEY.slice(19)}…`],
	])('%s is replaced', (_form, text) => {
		const clean = scrubber.text(text);
		expect(clean).toContain('[hidden]');
		for (let start = 0; start + 13 <= KEY.length; start++)
			expect(clean).not.toContain(KEY.slice(start, start + 13));
	});

	it('tokens are removed from error text, kept in output values', () => {
		const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlLXZhbHVl';
		expect(scrubber.text(`expired: ${jwt}`)).toBe('expired: [hidden]');
		expect(scrubber.text('Authorization: Bearer abc.def-ghi_123')).toBe('Authorization: [hidden]');
		expect(scrubber.deep({ token: jwt })).toEqual({ token: jwt });
	});

	it('a clean value is returned as it is, without a copy', () => {
		const record = { id: '1', nested: [{ name: 'Sam' }] };
		expect(scrubber.deep(record)).toBe(record);
	});

	it('values are scrubbed however deep, keys too', () => {
		expect(scrubber.deep({ a: [{ b: `x${KEY}` }], [KEY]: 1 })).toEqual({
			a: [{ b: 'x[hidden]' }],
			'[hidden]': 1,
		});
	});

	it('a secret under 10 characters is not used: it would hide ordinary words', () => {
		expect(new Scrubber(['short']).text('a short note')).toBe('a short note');
	});

	it('with() adds secrets for one request, leaving the shared scrubber as it was', () => {
		const withKey = scrubber.with(['whsec-signing-key-123']);
		expect(withKey.text('whsec-signing-key-123')).toBe('[hidden]');
		expect(scrubber.text('whsec-signing-key-123')).toBe('whsec-signing-key-123');
	});
});
