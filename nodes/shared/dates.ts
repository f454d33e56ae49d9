import { DateTime } from 'luxon';

import { isBlank, textOf } from './text';
import { FieldValueError } from './types';

// Dates and times as practices write them, read in UK time.

/** The practices' time zone: UK time, clock changes followed. */
export const UK_TIME = 'Europe/London';

const UK_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

const DATE_FORMS =
	'2026-03-31, 31/03/2026, 2026-03-31T09:30:00Z, 20260331 (YYYYMMDD) or milliseconds since 1970 (13 digits)';

/**
 * A number is a date only where its meaning is plain: 8 digits as YYYYMMDD, 13 as epoch
 * milliseconds. Epoch seconds, spreadsheet serials and the rest would silently become 1970.
 */
function fromDigits(digits: string): DateTime {
	if (digits.length === 8) return DateTime.fromFormat(digits, 'yyyyMMdd', { zone: UK_TIME });
	if (digits.length === 13) return DateTime.fromMillis(Number(digits));
	throw new FieldValueError(
		`is a ${digits.length}-digit number, which is not read as a date (epoch seconds? a spreadsheet serial?). Use ${DATE_FORMS}`,
	);
}

/**
 * Reads what n8n users type or pass from expressions: ISO strings (with or without a zone),
 * UK DD/MM/YYYY, luxon DateTime, JS Date, YYYYMMDD and epoch milliseconds. Wall times without
 * a zone are read as UK time, which is how practices think.
 */
export function toDateTime(value: unknown): DateTime | undefined {
	if (isBlank(value)) return undefined;
	let result: DateTime | undefined;
	if (DateTime.isDateTime(value)) {
		result = value;
	} else if (value instanceof Date) {
		result = DateTime.fromJSDate(value);
	} else if (typeof value === 'number') {
		if (!Number.isSafeInteger(value) || value < 0) {
			throw new FieldValueError(`must be a date such as ${DATE_FORMS}`);
		}
		result = fromDigits(String(value));
	} else if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
		// A DateTime from another copy of luxon (n8n's) fails isDateTime; its ISO form does not.
		if (!('toISO' in value)) throw new FieldValueError(`must be a date such as ${DATE_FORMS}`);
		result = DateTime.fromISO(String((value as { toISO: () => string }).toISO()), {
			setZone: true,
		});
	} else {
		const text = textOf(value).trim();
		const uk = UK_DATE.exec(text);
		if (/^\d+$/.test(text)) {
			result = fromDigits(text);
		} else if (uk) {
			const [, d, m, y, hh, mm, ss] = uk;
			result = DateTime.fromObject(
				{
					year: Number(y),
					month: Number(m),
					day: Number(d),
					hour: Number(hh ?? 0),
					minute: Number(mm ?? 0),
					second: Number(ss ?? 0),
				},
				{ zone: UK_TIME },
			);
		} else {
			// "2026-03-31 09:30" is how people type a time; ISO wants a T.
			const iso = /^\d{4}-\d{2}-\d{2} \d/.test(text) ? text.replace(' ', 'T') : text;
			result = DateTime.fromISO(iso, { zone: UK_TIME, setZone: true });
			if (!result.isValid) result = DateTime.fromRFC2822(text, { zone: UK_TIME });
		}
	}
	if (!result.isValid) {
		throw new FieldValueError(`must be a date such as ${DATE_FORMS}`);
	}
	return result;
}

/** Date-only fields (dob, from/to dates): YYYY-MM-DD in UK time. */
export function normaliseDate(value: unknown): string | undefined {
	const date = toDateTime(value);
	return date?.setZone(UK_TIME).toISODate() ?? undefined;
}

/** Timestamps: ISO 8601 in UTC, as Hero stores them. */
export function normaliseDateTime(value: unknown): string | undefined {
	const date = toDateTime(value);
	return date?.toUTC().toISO({ suppressMilliseconds: true }) ?? undefined;
}
