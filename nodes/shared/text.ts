import { FieldValueError } from './types';

// What every value rule starts from: nothing given, or text.

export function isBlank(value: unknown): boolean {
	return (
		value === undefined || value === null || (typeof value === 'string' && value.trim() === '')
	);
}

/**
 * A value for a text field: strings as they are, numbers and booleans written out. Objects and
 * lists are refused rather than sent as "[object Object]" or "a,b", possibly to a patient.
 */
export function textOf(value: unknown): string {
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
		return String(value);
	}
	throw new FieldValueError(
		Array.isArray(value)
			? 'must be text, not a list: map one entry, or join them in the expression'
			: 'must be text, not an object: map one of its fields instead',
	);
}
