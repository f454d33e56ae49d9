import { DateTime } from 'luxon';

import { parseSendWindow, windowAt } from '../../../../nodes/HeroHealth/safety/sendWindow';

const utc = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' });
const nextOpening = (hours: string, at: string) => {
	const verdict = windowAt(parseSendWindow(hours)!, utc(at));
	return verdict.open ? 'open' : verdict.opensAt.toISO({ suppressMilliseconds: true });
};

describe('Send Window Hours', () => {
	it.each([
		['Mon-Sun 08:00-20:00', [1, 2, 3, 4, 5, 6, 7], 480, 1200],
		['mon-fri 9:00 - 17:30', [1, 2, 3, 4, 5], 540, 1050],
		['Mon,Wed,Fri 09:00-12:00', [1, 3, 5], 540, 720],
		['Fri-Mon 10:00-16:00', [5, 6, 7, 1], 600, 960],
		['every day 07:00-21:00', [1, 2, 3, 4, 5, 6, 7], 420, 1260],
		['08:00-20:00', [1, 2, 3, 4, 5, 6, 7], 480, 1200],
	])('%j reads as days %j, from minute %i to %i (UK time)', (text, days, from, to) => {
		const [range, ...others] = parseSendWindow(text)!.ranges;
		expect(others).toEqual([]);
		expect([...range.days].sort()).toEqual([...days].sort());
		expect([range.from, range.to]).toEqual([from, to]);
	});

	it('several ranges are each read, none dropped: different days, different hours', () => {
		const { ranges } = parseSendWindow('Sat-Sun 10:00-12:00, Mon-Fri 08:00-20:00')!;
		expect(ranges.map((r) => [[...r.days].sort(), r.from, r.to])).toEqual([
			[[6, 7], 600, 720],
			[[1, 2, 3, 4, 5], 480, 1200],
		]);
		expect(parseSendWindow('Mon 09:00-12:00; Mon 14:00-17:00')!.ranges).toHaveLength(2);
		// Saturday 11:00 is open, Saturday 13:00 closed until Sunday 10:00, Monday 07:00 until 08:00.
		const hours = 'Sat-Sun 10:00-12:00, Mon-Fri 08:00-20:00';
		expect(nextOpening(hours, '2026-12-05T11:00:00Z')).toBe('open');
		expect(nextOpening(hours, '2026-12-05T13:00:00Z')).toBe(
			'2026-12-06T10:00:00.000Z'.replace('.000', ''),
		);
		expect(nextOpening(hours, '2026-12-07T07:00:00Z')).toBe('2026-12-07T08:00:00Z');
		expect(nextOpening('Mon 09:00-12:00; Mon 14:00-17:00', '2026-12-07T12:30:00Z')).toBe(
			'2026-12-07T14:00:00Z',
		);
	});

	it.each([
		['8 till 8', 'does not read as days and hours'],
		['Mon-Sun 8am-8pm', 'does not read as days and hours'],
		['Funday 08:00-20:00', 'where a day (Mon to Sun) should be'],
		['Mon-Sun 25:00-26:00', 'where a time (HH:MM) should be'],
		['Mon-Sun 20:00-08:00', 'the opening must come first'],
		['Mon-Sun 08:00-08:00', 'the opening must come first'],
		['Sat-Sun 10:00-12:00 Mon-Fri 08:00-20:00', 'which is not a day or days'],
		['Mon-Fri 08:00-20:00, Sat', 'does not read as days and hours'],
		['Mo-Fr 08:00-20:00', 'where a day (Mon to Sun) should be'],
	])('%j is refused: %s', (text, why) => {
		expect(() => parseSendWindow(text)).toThrow(why);
	});

	it('empty is no window; a number is refused', () => {
		expect(parseSendWindow('')).toBeUndefined();
		expect(() => parseSendWindow(8)).toThrow('must be text');
	});
});

describe('the next opening, in UK time, across the clock changes', () => {
	it.each([
		// An ordinary winter day (GMT): 08:00 UK is 08:00 UTC.
		[
			'Wed 02 Dec 2026, 07:59 UK',
			'Mon-Sun 08:00-20:00',
			'2026-12-02T07:59:00Z',
			'2026-12-02T08:00:00Z',
		],
		['Wed 02 Dec 2026, 12:00 UK', 'Mon-Sun 08:00-20:00', '2026-12-02T12:00:00Z', 'open'],
		[
			'Wed 02 Dec 2026, 20:00 UK (closed at 20:00)',
			'Mon-Sun 08:00-20:00',
			'2026-12-02T20:00:00Z',
			'2026-12-03T08:00:00Z',
		],
		// Spring forward: Sunday 28 March 2027, 01:00 GMT becomes 02:00 BST.
		[
			'Sat 27 Mar 2027, 21:00 UK (GMT)',
			'Mon-Sun 08:00-20:00',
			'2027-03-27T21:00:00Z',
			'2027-03-28T07:00:00Z',
		],
		[
			'Sun 28 Mar 2027, 07:30 UK (BST)',
			'Mon-Sun 08:00-20:00',
			'2027-03-28T06:30:00Z',
			'2027-03-28T07:00:00Z',
		],
		['Sun 28 Mar 2027, 19:59 UK (BST)', 'Mon-Sun 08:00-20:00', '2027-03-28T18:59:00Z', 'open'],
		[
			'Sun 28 Mar 2027, 00:30 UK, window opening 01:30 (a time the clocks skip)',
			'Mon-Sun 01:30-20:00',
			'2027-03-28T00:30:00Z',
			'2027-03-28T01:30:00Z',
		],
		// Fall back: Sunday 25 October 2026, 02:00 BST becomes 01:00 GMT.
		[
			'Sat 24 Oct 2026, 21:30 UK (BST)',
			'Mon-Sun 08:00-20:00',
			'2026-10-24T20:30:00Z',
			'2026-10-25T08:00:00Z',
		],
		[
			'Sun 25 Oct 2026, 07:30 UK (GMT)',
			'Mon-Sun 08:00-20:00',
			'2026-10-25T07:30:00Z',
			'2026-10-25T08:00:00Z',
		],
		['Sun 25 Oct 2026, 19:30 UK (GMT)', 'Mon-Sun 08:00-20:00', '2026-10-25T19:30:00Z', 'open'],
		// Weekdays only: Friday evening waits for Monday.
		[
			'Fri 04 Dec 2026, 18:00 UK',
			'Mon-Fri 09:00-17:30',
			'2026-12-04T18:00:00Z',
			'2026-12-07T09:00:00Z',
		],
		[
			'Sat 05 Dec 2026, 10:00 UK',
			'Mon-Fri 09:00-17:30',
			'2026-12-05T10:00:00Z',
			'2026-12-07T09:00:00Z',
		],
	])('%s, %s: %s', (_label, hours, at, expected) => {
		expect(nextOpening(hours, at)).toBe(expected);
	});
});
