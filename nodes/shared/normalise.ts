import { FieldValueError } from './types';

import { normaliseDate } from './dates';
import { isBlank, textOf } from './text';

export { normaliseDate, normaliseDateTime, toDateTime, UK_TIME } from './dates';
export { textOf } from './text';

// Messages never repeat the value: it may be an NHS number, phone or email.

const TRUE_WORDS = ['true', '1', 'yes', 'on'];
const FALSE_WORDS = ['false', '0', 'no', 'off'];

/**
 * true/false, also from expressions and spreadsheets: "true"/"false", "1"/"0", "yes"/"no",
 * "on"/"off" in any case. Anything else is refused: `Boolean("false")` is true, and a switch
 * such as Auto Write to Record must never turn on by accident.
 */
export function normaliseBoolean(value: unknown): boolean | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	if (typeof value === 'boolean') return value;
	if (value === 1 || value === 0) return value === 1;
	if (typeof value === 'string') {
		const word = value.trim().toLowerCase();
		if (TRUE_WORDS.includes(word)) return true;
		if (FALSE_WORDS.includes(word)) return false;
	}
	throw new FieldValueError('must be true or false (yes/no, on/off and 1/0 are read too)');
}

export interface NumberRange {
	min?: number;
	max?: number;
	/** Whole numbers only (the default: Hero's counts, minutes and IDs are integers). */
	integer?: boolean;
}

export function rangeText({ min, max, integer = true }: NumberRange): string {
	const kind = integer ? 'a whole number' : 'a number';
	if (min !== undefined && max !== undefined) return `${kind} from ${min} to ${max}`;
	if (min !== undefined) return `${kind} of at least ${min}`;
	if (max !== undefined) return `${kind} of at most ${max}`;
	return kind;
}

const NUMBER_TEXT = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;

/** A finite number in range, from a number or numeric text; "5 minutes" is refused, not NaN. */
export function normaliseNumberIn(range: NumberRange = {}) {
	return (value: unknown): number | undefined => {
		if (isBlank(value)) return undefined;
		let number: number | undefined;
		if (typeof value === 'number') number = value;
		else if (typeof value === 'string' && NUMBER_TEXT.test(value.trim()))
			number = Number(value.trim());
		const { min, max, integer = true } = range;
		if (
			number === undefined ||
			!Number.isFinite(number) ||
			(integer && !Number.isSafeInteger(number)) ||
			(min !== undefined && number < min) ||
			(max !== undefined && number > max)
		) {
			throw new FieldValueError(`must be ${rangeText(range)}`);
		}
		return number;
	};
}

export function nhsNumberCheckDigit(nineDigits: string): number | undefined {
	let sum = 0;
	for (let i = 0; i < 9; i++) sum += Number(nineDigits[i]) * (10 - i);
	const check = 11 - (sum % 11);
	if (check === 11) return 0;
	if (check === 10) return undefined;
	return check;
}

/** Accepts spaces and hyphens; returns the 10 digits. */
export function normaliseNhsNumber(value: unknown): string | undefined {
	if (isBlank(value)) return undefined;
	const digits = textOf(value).replace(/[\s-]/g, '');
	if (!/^\d+$/.test(digits)) {
		throw new FieldValueError('must contain only digits, spaces or hyphens');
	}
	if (digits.length !== 10) {
		throw new FieldValueError(`must be 10 digits, got ${digits.length}`);
	}
	const expected = nhsNumberCheckDigit(digits.slice(0, 9));
	if (expected === undefined || expected !== Number(digits[9])) {
		throw new FieldValueError('has a wrong check digit, so it is not a valid NHS number');
	}
	// 0000000000 and 1111111111 pass the check digit but are never issued: a placeholder.
	if (/^(\d)\1{9}$/.test(digits)) {
		throw new FieldValueError(
			'is one digit repeated, a placeholder rather than an issued NHS number',
		);
	}
	return digits;
}

/** UK mobile to E.164 (+447…): handles 07…, 447…, 00447…, +44 07… and separators. */
export function normaliseUkMobile(value: unknown): string | undefined {
	if (isBlank(value)) return undefined;
	const raw = textOf(value).trim();
	if (/[^\d\s()+.-]/.test(raw)) {
		throw new FieldValueError('must be a UK mobile number such as 07700 900123 or +447700900123');
	}
	let digits = raw.replace(/[\s().-]/g, '');
	if (digits.startsWith('+')) digits = digits.slice(1);
	else if (digits.startsWith('00')) digits = digits.slice(2);
	else if (digits.startsWith('0')) digits = '44' + digits.slice(1);
	if (digits.startsWith('440')) digits = '44' + digits.slice(3);
	if (digits.includes('+')) {
		throw new FieldValueError('has a plus sign in the wrong place');
	}
	if (!digits.startsWith('44')) {
		throw new FieldValueError('must be a UK number (+44); other countries are not supported');
	}
	if (!/^447\d{9}$/.test(digits)) {
		throw new FieldValueError('must be a UK mobile: 07 followed by 9 digits');
	}
	// Ofcom's mobile ranges are 071-075 and 077-079; 070 is personal numbering and 076 pagers,
	// which take no SMS, except 07624 (Isle of Man mobiles).
	if (digits.startsWith('4470')) {
		throw new FieldValueError(
			'is in the 070 range (personal numbers), not a mobile; SMS cannot reach it',
		);
	}
	if (digits.startsWith('4476') && !digits.startsWith('447624')) {
		throw new FieldValueError(
			'is in the 076 range (pagers), not a mobile; only 07624 (Isle of Man) is',
		);
	}
	return '+' + digits;
}

export function normaliseEmail(value: unknown): string | undefined {
	if (isBlank(value)) return undefined;
	const email = textOf(value).trim();
	if (email.length > 254 || !/^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/.test(email)) {
		throw new FieldValueError('must be an email address such as someone@nhs.net');
	}
	return email;
}

/** A recipient is an email address or a UK mobile, depending on the channel. */
export function normaliseContact(value: unknown): string | undefined {
	if (isBlank(value)) return undefined;
	return textOf(value).includes('@') ? normaliseEmail(value) : normaliseUkMobile(value);
}

/**
 * Hero IDs are whole numbers; checking them also keeps a path from being altered. Only safe
 * integers: beyond 2^53 a number has already been rounded to another ID.
 */
export function normaliseId(value: unknown): string | undefined {
	if (isBlank(value)) return undefined;
	const id = textOf(value).trim();
	if (!/^\d{1,16}$/.test(id)) {
		throw new FieldValueError('must be a numeric Hero ID such as 12345');
	}
	if (!Number.isSafeInteger(Number(id))) {
		throw new FieldValueError(
			'is larger than any ID n8n can carry exactly (2^53); it may already have been rounded',
		);
	}
	return id;
}

/** A list of IDs typed as "1, 2, 3" or passed as an array. */
export function normaliseIdList(value: unknown): string[] | undefined {
	if (isBlank(value)) return undefined;
	const parts = Array.isArray(value) ? value : textOf(value).split(',');
	const ids = parts.map((part) => textOf(part).trim()).filter((part) => part !== '');
	if (ids.length === 0) return undefined;
	return ids.map((id) => normaliseId(id) as string);
}

export function normaliseText(maxLength: number) {
	return (value: unknown): string | undefined => {
		if (isBlank(value)) return undefined;
		const text = textOf(value);
		if (text.length > maxLength) {
			throw new FieldValueError(`must be at most ${maxLength} characters, got ${text.length}`);
		}
		return text;
	};
}

function parseJson(text: string): { ok: boolean; value?: unknown } {
	try {
		return { ok: true, value: JSON.parse(text) };
	} catch {
		return { ok: false };
	}
}

export function normaliseJson(value: unknown): unknown {
	if (isBlank(value)) return undefined;
	if (typeof value !== 'string') return value;
	const parsed = parseJson(value);
	if (!parsed.ok) throw new FieldValueError('must be valid JSON');
	return parsed.value;
}

/** UK postcodes, upper case with one space: "zz993zz" → "ZZ99 3ZZ". */
export function normalisePostcode(value: unknown): string | undefined {
	if (isBlank(value)) return undefined;
	const compact = textOf(value).replace(/\s+/g, '').toUpperCase();
	if (!/^[A-Z]{1,2}\d[A-Z\d]?\d[A-Z]{2}$/.test(compact)) {
		throw new FieldValueError('must be a UK postcode such as SW1A 1AA');
	}
	return `${compact.slice(0, -3)} ${compact.slice(-3)}`;
}

/** SNOMED CT concept IDs are 6 to 18 digits. */
export function normaliseSnomedCode(value: unknown): string | undefined {
	if (isBlank(value)) return undefined;
	const code = textOf(value).trim();
	if (!/^\d{6,18}$/.test(code))
		throw new FieldValueError('must be a SNOMED CT code of 6 to 18 digits');
	return code;
}

/** Batch recipients: a JSON array of { nhs_number, dob } (nhsNumber / dateOfBirth also read). */
export function normaliseRecipients(
	value: unknown,
): Array<{ nhs_number: string; dob: string }> | undefined {
	const list = normaliseJson(value);
	if (list === undefined) return undefined;
	if (!Array.isArray(list) || list.length === 0) {
		throw new FieldValueError(
			'must be a non-empty JSON array of { "nhs_number": …, "dob": … } objects',
		);
	}
	return list.map((entry: Record<string, unknown>, index) => {
		if (!entry || typeof entry !== 'object') {
			throw new FieldValueError(`entry ${index}: must be an object with nhs_number and dob`);
		}
		const nhs = attempt(() => normaliseNhsNumber(entry.nhs_number ?? entry.nhsNumber));
		if (typeof nhs !== 'string')
			throw new FieldValueError(`entry ${index}: NHS number ${nhs?.message ?? 'is missing'}`);
		const dob = attempt(() => normaliseDate(entry.dob ?? entry.dateOfBirth));
		if (typeof dob !== 'string')
			throw new FieldValueError(`entry ${index}: date of birth ${dob?.message ?? 'is missing'}`);
		return { nhs_number: nhs, dob };
	});
}

/** The normalised value, or the error it threw (keeps rethrowing out of catch blocks). */
function attempt(read: () => string | undefined): string | Error | undefined {
	try {
		return read();
	} catch (error) {
		return error as Error;
	}
}

/** Keys that are not Hero's numeric IDs (GMC numbers, CRM IDs): safe characters only. */
export function normaliseKey(value: unknown): string | undefined {
	if (isBlank(value)) return undefined;
	const key = textOf(value).trim();
	if (!/^[A-Za-z0-9_-]{1,64}$/.test(key)) {
		throw new FieldValueError('may contain only letters, digits, hyphens and underscores');
	}
	return key;
}

/** The name of an n8n binary field (such as `data` or `attachment_0`), as n8n's own nodes take it. */
export function normaliseBinaryProperty(value: unknown): string | undefined {
	if (isBlank(value)) return undefined;
	const name = textOf(value).trim();
	if (!/^[A-Za-z0-9_.-]{1,100}$/.test(name)) {
		throw new FieldValueError(
			'must name a binary field of the input item, such as data (letters, digits, _ . -)',
		);
	}
	return name;
}

/** "a, b, c" or an array to a list of non-empty strings. */
export function normaliseTextList(value: unknown): string[] | undefined {
	if (isBlank(value)) return undefined;
	const parts = (Array.isArray(value) ? value : textOf(value).split(','))
		.map((part) => textOf(part).trim())
		.filter((part) => part !== '');
	return parts.length ? parts : undefined;
}

/** A Hero API path for the Custom API Call: versioned, no traversal, no query or fragment. */
export function normaliseApiPath(value: unknown): string | undefined {
	if (isBlank(value)) return undefined;
	const path = textOf(value).trim();
	if (
		!/^\/v\d+(\/[A-Za-z0-9_.-]+)*\/?$/.test(path) ||
		path.split('/').some((part) => part === '..' || part === '.')
	) {
		throw new FieldValueError(
			'must be a Hero API path such as /v1/me (put query parameters in Query Parameters)',
		);
	}
	return path;
}

/** A JSON object (for query parameters). */
export function normaliseJsonObject(value: unknown): Record<string, unknown> | undefined {
	const parsed = normaliseJson(value);
	if (parsed === undefined) return undefined;
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
		throw new FieldValueError('must be a JSON object such as {"page_size": 10}');
	}
	return parsed as Record<string, unknown>;
}
