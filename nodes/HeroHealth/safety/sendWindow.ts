import { DateTime } from 'luxon';

import { UK_TIME } from '../../shared/normalise';
import { FieldValueError } from '../../shared/types';

// Quiet hours: the days and hours, in UK local time, in which a patient may be contacted.

export interface WindowRange {
	/** ISO weekdays (1 Monday ... 7 Sunday) the range is open on. */
	days: Set<number>;
	/** Minutes after midnight, UK time: from inclusive, to exclusive. */
	from: number;
	to: number;
}

export interface SendWindow {
	/** Open whenever any range is: "Mon-Fri 08:00-20:00, Sat 10:00-12:00" is two. */
	ranges: WindowRange[];
	/** As the user wrote it, tidied: named in errors. */
	text: string;
}

const DAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const FORMAT =
	'such as "Mon-Sun 08:00-20:00", "Mon-Fri 09:00-17:30" or "Mon-Fri 08:00-20:00, Sat 10:00-12:00" (UK time)';

/** A day named in full or by at least its first three letters: "Sun 10:00" is not a day. */
function dayOf(token: string): number {
	const word = token.trim().toLowerCase();
	const index = DAYS.findIndex((day) => word.length >= 3 && day.startsWith(word));
	if (index < 0) {
		throw new FieldValueError(
			`has "${token.trim()}" where a day (Mon to Sun) should be; write it ${FORMAT}`,
		);
	}
	return index + 1;
}

function minutesOf(text: string): number {
	const match = /^(\d{1,2}):(\d{2})$/.exec(text);
	if (
		!match ||
		Number(match[1]) > 24 ||
		Number(match[2]) > 59 ||
		(match[1] === '24' && match[2] !== '00')
	) {
		throw new FieldValueError(`has "${text}" where a time (HH:MM) should be; write it ${FORMAT}`);
	}
	return Number(match[1]) * 60 + Number(match[2]);
}

/** One range: "Mon-Fri 08:00-20:00", "Mon,Wed,Fri 09:00-12:00", "every day 08:00-20:00", "08:00-20:00". */
function rangeOf(text: string): WindowRange {
	const match = /^(?:(.+) )?(\d{1,2}:\d{2}) ?- ?(\d{1,2}:\d{2})$/.exec(text);
	if (!match) throw new FieldValueError(`does not read as days and hours; write it ${FORMAT}`);
	const [, dayText, fromText, toText] = match;
	const days = new Set<number>();
	if (!dayText || /^(every ?day|daily|all days)$/i.test(dayText)) {
		for (let day = 1; day <= 7; day++) days.add(day);
	} else {
		for (const part of dayText.split(/ ?, ?/)) {
			const [first, last, ...rest] = part.split(/ ?- ?/);
			if (rest.length)
				throw new FieldValueError(`has "${part}", which is not a day or days; write it ${FORMAT}`);
			const start = dayOf(first);
			const end = last === undefined ? start : dayOf(last);
			for (let day = start; ; day = (day % 7) + 1) {
				days.add(day);
				if (day === end) break;
			}
		}
	}
	const from = minutesOf(fromText);
	const to = minutesOf(toText);
	if (from >= to) {
		throw new FieldValueError(
			`opens at ${fromText} but closes at ${toText}: the opening must come first`,
		);
	}
	return { days, from, to };
}

/**
 * Days and hours, one range or several separated by commas or semicolons after a closing time:
 * "Mon-Fri 08:00-20:00, Sat-Sun 10:00-12:00". Every range is read; none is ever dropped.
 */
export function parseSendWindow(value: unknown): SendWindow | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	if (typeof value !== 'string') throw new FieldValueError(`must be text ${FORMAT}`);
	const text = value.trim().replace(/\s+/g, ' ');
	const parts = text.split(/(?<=\d{1,2}:\d{2}) ?[,;] ?/);
	return { ranges: parts.map(rangeOf), text };
}

/** Whether the window is open at `at`, and if not when it next opens (UTC). */
export function windowAt(
	window: SendWindow,
	at: DateTime,
): { open: true } | { open: false; opensAt: DateTime } {
	const local = at.setZone(UK_TIME);
	const minutes = local.hour * 60 + local.minute;
	const openNow = window.ranges.some(
		(range) => range.days.has(local.weekday) && minutes >= range.from && minutes < range.to,
	);
	if (openNow) return { open: true };
	let next: DateTime | undefined;
	for (const range of window.ranges) {
		for (let ahead = 0; ahead <= 7; ahead++) {
			const day = local.startOf('day').plus({ days: ahead });
			if (!range.days.has(day.weekday)) continue;
			// Set in UK time on that day: luxon moves a time the clocks skip to the hour after.
			const opens = day.set({ hour: Math.floor(range.from / 60), minute: range.from % 60 });
			if (opens > local) {
				if (!next || opens < next) next = opens;
				break;
			}
		}
	}
	if (!next) throw new FieldValueError('is never open');
	return { open: false, opensAt: next.toUTC() };
}
