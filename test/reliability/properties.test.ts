import { createHmac } from 'crypto';
import fc from 'fast-check';

import { normaliseNhsNumber, normaliseUkMobile } from '../../nodes/shared/normalise';
import { verifyDelivery } from '../../nodes/HeroHealthTrigger/signature';

/** NHS Digital's Modulus 11 rule, written out independently of the node's code. */
function referenceIsValidNhsNumber(digits: string): boolean {
	if (!/^[0-9]{10}$/.test(digits)) return false;
	const weights = [10, 9, 8, 7, 6, 5, 4, 3, 2];
	const total = weights.reduce((sum, weight, i) => sum + weight * Number(digits.charAt(i)), 0);
	const remainder = total % 11;
	let check = 11 - remainder;
	if (check === 11) check = 0;
	if (check === 10) return false;
	return check === Number(digits.charAt(9));
}

function accepts(value: string): boolean {
	try {
		normaliseNhsNumber(value);
		return true;
	} catch {
		return false;
	}
}

describe('properties', () => {
	it('NHS number validation agrees with the reference on any 10 digits, with or without spaces', () => {
		fc.assert(
			fc.property(fc.stringMatching(/^[0-9]{10}$/), fc.boolean(), (digits, spaced) => {
				const input = spaced
					? `${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}`
					: digits;
				expect(accepts(input)).toBe(referenceIsValidNhsNumber(digits));
			}),
			{ numRuns: 5000 },
		);
	});

	it('phone normalisation is idempotent and always yields +447 and nine digits', () => {
		// Mobile ranges: 071-075, 077-079 and 07624 (070 and 076 are refused, tested below).
		const mobile = fc.tuple(
			fc.constantFrom('07', '+447', '00447', '447', '+44 07', '+44 (0)7'),
			fc.oneof(fc.stringMatching(/^[1-57-9][0-9]{8}$/), fc.stringMatching(/^624[0-9]{6}$/)),
			fc.constantFrom('', ' ', '-'),
		);
		fc.assert(
			fc.property(mobile, ([prefix, rest, separator]) => {
				const input = `${prefix}${rest.slice(0, 3)}${separator}${rest.slice(3)}`;
				const once = normaliseUkMobile(input) as string;
				expect(once).toMatch(/^\+447[0-9]{9}$/);
				expect(normaliseUkMobile(once)).toBe(once);
			}),
		);
	});

	it('numbers in the 070 and 076 ranges (but 07624) are always refused, naming the range', () => {
		fc.assert(
			fc.property(
				fc.oneof(
					fc.stringMatching(/^0[0-9]{8}$/),
					fc.stringMatching(/^6[0-9]{8}$/).filter((rest) => !rest.startsWith('624')),
				),
				(rest) => {
					expect(() => normaliseUkMobile(`07${rest}`)).toThrow(/07[06] range/);
				},
			),
		);
	});

	it('changing any byte of a signed delivery, its timestamp or its signature makes verification fail', () => {
		const key = 'k'.repeat(64);
		const now = Date.now();
		const timestamp = String(Math.floor(now / 1000));
		fc.assert(
			fc.property(
				fc.uint8Array({ minLength: 1, maxLength: 300 }),
				fc.constantFrom('body', 'timestamp', 'signature'),
				fc.nat(),
				fc.integer({ min: 1, max: 255 }),
				(bytes, part, position, delta) => {
					const body = Buffer.from(bytes);
					const signature = createHmac('sha256', key)
						.update(`${timestamp}.`)
						.update(body)
						.digest('hex');
					const check = (b: Buffer, t: string, s: string) =>
						verifyDelivery({
							rawBody: b,
							timestamp: t,
							signature: s,
							signingKeys: [key],
							toleranceSeconds: 300,
							now,
						}).ok;
					expect(check(body, timestamp, signature)).toBe(true);
					const flip = (buffer: Buffer) => {
						const copy = Buffer.from(buffer);
						const at = position % copy.length;
						copy[at] = (copy[at] + delta) % 256;
						return copy;
					};
					if (part === 'body') expect(check(flip(body), timestamp, signature)).toBe(false);
					if (part === 'timestamp')
						expect(check(body, flip(Buffer.from(timestamp)).toString('latin1'), signature)).toBe(
							false,
						);
					if (part === 'signature') {
						const changed = flip(Buffer.from(signature)).toString('latin1');
						// Hex is read case-insensitively: "a" and "A" are the same byte, not a change.
						fc.pre(changed.toLowerCase() !== signature.toLowerCase());
						expect(check(body, timestamp, changed)).toBe(false);
					}
				},
			),
			{ numRuns: 2000 },
		);
	});
});
