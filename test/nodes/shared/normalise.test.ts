import { DateTime } from 'luxon';

import {
	nhsNumberCheckDigit,
	normaliseDate,
	normaliseDateTime,
	normaliseEmail,
	normaliseId,
	normaliseNhsNumber,
	normalisePostcode,
	normaliseUkMobile,
} from '../../../nodes/shared/normalise';

describe('normalisers', () => {
	it('NHS numbers: separators accepted, Modulus 11 checked', () => {
		expect(normaliseNhsNumber('999 000 0018')).toBe('9990000018');
		expect(normaliseNhsNumber('999-000-0018')).toBe('9990000018');
		expect(() => normaliseNhsNumber('999 000 0019')).toThrow('wrong check digit');
		// Hero's own documentation example fails the check.
		expect(() => normaliseNhsNumber('123 456 7891')).toThrow('wrong check digit');
		// 11 - (sum mod 11) = 10 can never be valid.
		expect(nhsNumberCheckDigit('999000000')).toBe(undefined);
		expect(normaliseNhsNumber('')).toBeUndefined();
	});

	it.each(['000 000 0000', '1111111111', '222 222 2222', '9999999999'])(
		'NHS number %s, one digit repeated, is refused as a placeholder whatever its check digit',
		(value) => {
			expect(() => normaliseNhsNumber(value)).toThrow(/one digit repeated|wrong check digit/);
		},
	);

	it('NHS numbers 0000000000 and 1111111111 pass Modulus 11 and are still refused', () => {
		expect(nhsNumberCheckDigit('000000000')).toBe(0);
		expect(nhsNumberCheckDigit('111111111')).toBe(1);
		expect(() => normaliseNhsNumber('0000000000')).toThrow('one digit repeated');
		expect(() => normaliseNhsNumber('1111111111')).toThrow('one digit repeated');
	});

	it.each([
		['07100 900123', '+447100900123'],
		['07400 900123', '+447400900123'],
		['07500 900123', '+447500900123'],
		['07700 900123', '+447700900123'],
		['07800 900123', '+447800900123'],
		['07900 900123', '+447900900123'],
		['07624 900123', '+447624900123'],
		['+44 7624 900123', '+447624900123'],
	])('UK mobile range: %s is a mobile', (input, sent) => {
		expect(normaliseUkMobile(input)).toBe(sent);
	});

	it.each([
		['07000 900123', '070 range (personal numbers)'],
		['+44 7012 900123', '070 range (personal numbers)'],
		['07600 900123', '076 range (pagers)'],
		['0044 7623 900123', '076 range (pagers)'],
		['07699 900123', '076 range (pagers)'],
	])('UK mobile range: %s is refused, naming the range', (input, range) => {
		expect(() => normaliseUkMobile(input)).toThrow(range);
	});

	it('UK mobiles become E.164 whatever the input style', () => {
		for (const input of [
			'07700 900123',
			'07700900123',
			'+447700900123',
			'+44 7700 900123',
			'+44 07700 900123',
			'00447700900123',
			'447700900123',
			'(07700) 900-123',
		]) {
			expect(normaliseUkMobile(input)).toBe('+447700900123');
		}
		expect(normaliseUkMobile(normaliseUkMobile('07700 900123'))).toBe('+447700900123');
		expect(() => normaliseUkMobile('01632 960123')).toThrow('UK mobile');
	});

	it('dates: many forms, UK wall time, YYYY-MM-DD or UTC out', () => {
		expect(normaliseDate('31/01/2026')).toBe('2026-01-31');
		expect(normaliseDate(DateTime.fromISO('2026-07-01T00:30:00', { zone: 'Europe/London' }))).toBe(
			'2026-07-01',
		);
		expect(normaliseDateTime('2026-07-01 09:00')).toBe('2026-07-01T08:00:00Z');
		expect(normaliseDateTime(new Date('2026-01-01T09:00:00Z'))).toBe('2026-01-01T09:00:00Z');
		expect(() => normaliseDate('29/02/2026')).toThrow('must be a date');
	});

	it('emails, postcodes and IDs', () => {
		expect(normaliseEmail(' a.b@example.co.uk ')).toBe('a.b@example.co.uk');
		expect(() => normaliseEmail('a@b')).toThrow();
		expect(normalisePostcode('sw1a1aa')).toBe('SW1A 1AA');
		expect(() => normalisePostcode('12345')).toThrow('postcode');
		expect(normaliseId(' 42 ')).toBe('42');
		for (const bad of ['../1', '1?x=2', '1#', '1%2F2', '1 2'])
			expect(() => normaliseId(bad)).toThrow('numeric');
	});
});
