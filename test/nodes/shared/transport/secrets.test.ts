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

	it('with() a secret too short to use keeps finding the ones it had', () => {
		expect(scrubber.with(['short']).text(`x ${KEY} y`)).toBe('x [hidden] y');
	});

	it('finds a third of any secret wherever it sits, and leaves texts without one as they were', () => {
		// Seeded, so a failure repeats: secrets of 10-80 characters, fragments anywhere in
		// texts of up to 2,000 characters, against a search of the text for every fragment.
		let seed = 7;
		const random = () =>
			((seed = (Math.imul(seed, 48271) + 11) % 2147483647) & 0x7fffffff) / 2147483647;
		const chars = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_é€';
		const text = (length: number) =>
			Array.from({ length }, () => chars[Math.floor(random() * chars.length)]).join('');
		for (let round = 0; round < 300; round++) {
			const secret = text(10 + Math.floor(random() * 71));
			const one = new Scrubber([secret]);
			const third = Math.max(10, Math.ceil(secret.length / 3));
			const start = Math.floor(random() * (secret.length - third + 1));
			const fragment = secret.slice(
				start,
				start + third + Math.floor(random() * (secret.length - start - third + 1)),
			);
			const around = text(Math.floor(random() * 2000));
			const at = Math.floor(random() * (around.length + 1));
			const holding = `${around.slice(0, at)}${fragment}${around.slice(at)}`;
			expect(one.deep({ note: holding })).not.toEqual({ note: holding });
			expect(one.text(holding)).toContain('[hidden]');
			const clean = text(Math.floor(random() * 2000));
			let leaks = false;
			for (let s = 0; s + third <= secret.length; s++)
				leaks ||= clean.includes(secret.slice(s, s + third));
			if (!leaks) expect(one.deep({ [clean]: [clean] })).toEqual({ [clean]: [clean] });
		}
	});
});
