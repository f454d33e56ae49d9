import type { INodePropertyOptions } from 'n8n-workflow';

import {
	normaliseBinaryProperty,
	normaliseBoolean,
	normaliseContact,
	normaliseDate,
	normaliseDateTime,
	normaliseEmail,
	normaliseId,
	normaliseIdList,
	normaliseJson,
	normaliseKey,
	normaliseNhsNumber,
	normaliseNumberIn,
	normalisePostcode,
	normaliseRecipients,
	normaliseSnomedCode,
	normaliseText,
	normaliseTextList,
	normaliseUkMobile,
	rangeText,
} from '../../shared/normalise';
import { FieldValueError } from '../../shared/types';
import type { HeroField } from '../model';
import type { FieldOptions, LabelledOptions } from './field';
import { heroField, subjectOf } from './field';

// The field vocabulary for values sent to Hero. Every helper takes one options object
// (FieldOptions: label, parameter, apiKey, place, required, showWhen, description, placeholder,
// default) plus what its kind needs, and is named for what it makes.

/** Long enough for any Hero text field, short enough to stop a runaway expression. */
export const MAX_TEXT = 10_000;

function sentences(...parts: Array<string | undefined>): string {
	return parts
		.filter((part): part is string => Boolean(part))
		.map((part) => (part.endsWith('.') ? part : `${part}.`))
		.join(' ');
}

export function textField(
	options: FieldOptions & { rows?: number; maxLength?: number; password?: boolean },
): HeroField {
	const { rows, maxLength, password, ...rest } = options;
	const typeOptions = {
		...(rows ? { rows } : {}),
		...(password ? { password: true } : {}),
	};
	return heroField(
		{
			description: `Text, up to ${(maxLength ?? MAX_TEXT).toLocaleString('en-GB')} characters`,
			...rest,
		},
		{ type: 'string', ...(Object.keys(typeOptions).length ? { typeOptions } : {}) },
		normaliseText(maxLength ?? MAX_TEXT),
	);
}

/** A numeric Hero ID typed as text, where Hero has no list to pick it from. */
export function idField(options: FieldOptions): HeroField {
	return heroField(
		{
			placeholder: 'e.g. 12345',
			description: `Numeric Hero ID of the ${subjectOf(options.label)}`,
			...options,
		},
		{ type: 'string' },
		normaliseId,
	);
}

export function idListField(options: FieldOptions): HeroField {
	return heroField(
		{
			placeholder: 'e.g. 101, 102',
			description: 'Numeric Hero IDs, separated by commas or given as a list',
			...options,
		},
		{ type: 'string' },
		normaliseIdList,
	);
}

const NHS_FORMAT = '10-digit NHS number; spaces and hyphens are fine, the check digit is verified';
const MOBILE_FORMAT = 'UK mobile number; sent to Hero in +44 format';

export function nhsNumberField(options: LabelledOptions): HeroField {
	return heroField(
		{
			placeholder: 'e.g. 999 000 0018',
			...options,
			label: options.label ?? 'NHS Number',
			description: options.description ? sentences(options.description, NHS_FORMAT) : NHS_FORMAT,
		},
		{ type: 'string' },
		normaliseNhsNumber,
	);
}

export function mobileField(options: FieldOptions): HeroField {
	return heroField(
		{
			placeholder: 'e.g. 07700 900123',
			...options,
			// The format always shows: people and models filling the field as a tool read it.
			description: options.description
				? sentences(options.description, MOBILE_FORMAT)
				: MOBILE_FORMAT,
		},
		{ type: 'string' },
		normaliseUkMobile,
	);
}

export function emailField(options: FieldOptions): HeroField {
	return heroField(
		{
			placeholder: 'e.g. name@example.com',
			description: 'Email address, e.g. name@example.com',
			...options,
		},
		{ type: 'string' },
		normaliseEmail,
	);
}

/** A UK mobile or an email address. */
export function contactField(options: FieldOptions): HeroField {
	return heroField(
		{
			placeholder: 'e.g. 07700 900123 or name@example.com',
			description: 'A UK mobile (sent in +44 format) or an email address',
			...options,
		},
		{ type: 'string' },
		normaliseContact,
	);
}

const NUMBERS_AS_DATES = 'A number is read only as YYYYMMDD or as epoch milliseconds (13 digits).';

export function dateField(options: FieldOptions): HeroField {
	return heroField(
		{
			placeholder: 'e.g. 2026-03-31 or 31/03/2026',
			...options,
			description: sentences(
				options.description,
				'Sent as YYYY-MM-DD (UK date).',
				NUMBERS_AS_DATES,
			),
		},
		{ type: 'string' },
		normaliseDate,
	);
}

export function dateTimeField(options: FieldOptions): HeroField {
	return heroField(
		{
			...options,
			description: sentences(
				options.description,
				'Times without a zone are read as UK time; sent to Hero in UTC.',
				NUMBERS_AS_DATES,
			),
		},
		{ type: 'dateTime' },
		normaliseDateTime,
	);
}

export function booleanField(options: FieldOptions): HeroField {
	return heroField({ default: false, ...options }, { type: 'boolean' }, normaliseBoolean);
}

/** A yes/no Hero takes as a one-element string array (e.g. order_descending[]). */
export function flagListField(options: FieldOptions): HeroField {
	return {
		...booleanField(options),
		normalise: (value) => {
			const flag = normaliseBoolean(value);
			return flag === undefined ? undefined : [String(flag)];
		},
	};
}

export function numberField(
	options: FieldOptions & { min?: number; max?: number; integer?: boolean },
): HeroField {
	const { min, max, integer, ...rest } = options;
	const typeOptions: Record<string, number> = {};
	if (min !== undefined) typeOptions.minValue = min;
	if (max !== undefined) typeOptions.maxValue = max;
	if (integer !== false) typeOptions.numberPrecision = 0;
	return heroField(
		{
			default: min ?? 0,
			description: capitalised(rangeText({ min, max, integer })),
			...rest,
		},
		{ type: 'number', ...(Object.keys(typeOptions).length ? { typeOptions } : {}) },
		normaliseNumberIn({ min, max, integer }),
	);
}

function capitalised(text: string): string {
	return text[0].toUpperCase() + text.slice(1);
}

function listOf(options: INodePropertyOptions[]): string {
	return options.map((option) => String(option.value)).join(', ');
}

/** Values given as API strings get readable names: `nhs_app` → `Nhs App`, unless named. */
export function choices(values: Array<string | [string, string]>): INodePropertyOptions[] {
	return values
		.map((entry) => {
			const [name, value] = Array.isArray(entry) ? entry : [humanise(entry), entry];
			return { name, value };
		})
		.sort((a, b) => a.name.localeCompare(b.name));
}

function humanise(value: string): string {
	return value
		.replace(/[_.-]+/g, ' ')
		.toLowerCase()
		.replace(/\b\w/g, (c) => c.toUpperCase());
}

/** A value from an expression must still be one the list offers. */
export function oneOf(opts: INodePropertyOptions[]) {
	const allowed = opts.map((option) => option.value);
	return (value: unknown): unknown => {
		if (value === '' || value === undefined || value === null) return undefined;
		if (!allowed.includes(value as string)) {
			throw new FieldValueError(`must be one of: ${allowed.join(', ')}`);
		}
		return value;
	};
}

/** `values`: Hero's values, or [label, value] pairs. */
export type ChoiceOptions = FieldOptions & { values: Array<string | [string, string]> };

export function choiceField(options: ChoiceOptions): HeroField {
	const { values, ...rest } = options;
	const opts = choices(values);
	return heroField(
		{ default: opts[0].value, description: `One of: ${listOf(opts)}`, ...rest },
		{ type: 'options', options: opts },
		oneOf(opts),
	);
}

export function multiChoiceField(options: ChoiceOptions): HeroField {
	const { values, ...rest } = options;
	const opts = choices(values);
	const each = oneOf(opts);
	return heroField(
		{ default: [], description: `Any of: ${listOf(opts)}`, ...rest },
		{ type: 'multiOptions', options: opts },
		(value) => {
			if (value === '' || value === undefined || value === null) return undefined;
			const list = Array.isArray(value) ? value : [value];
			list.forEach(each);
			return list.length > 0 ? list : undefined;
		},
	);
}

/** A choice that only switches which fields show; nothing is sent for it. */
export function switchField(
	options: Omit<ChoiceOptions, 'values'> & { values: Array<[string, string]> },
): HeroField {
	return { ...choiceField({ required: true, ...options }), place: 'none' };
}

/**
 * The name of an input binary field (n8n's binary data) whose file is sent: base64 under
 * `apiKey`, or as the whole body when it has none. The file is read when the item runs.
 */
export function binaryField(options: FieldOptions & { fileNameKey?: string }): HeroField {
	const { fileNameKey, ...rest } = options;
	const field = heroField(
		{ default: 'data', placeholder: 'e.g. data', ...rest, place: 'binary' },
		{ type: 'string' },
		normaliseBinaryProperty,
	);
	if (fileNameKey) field.fileNameKey = fileNameKey;
	return field;
}

export function jsonField(options: FieldOptions): HeroField {
	return heroField(
		{ default: '', description: 'A JSON value', ...options },
		{ type: 'json' },
		normaliseJson,
	);
}

export function postcodeField(options: LabelledOptions): HeroField {
	return heroField(
		{
			placeholder: 'e.g. SW1A 1AA',
			description: 'UK postcode, e.g. SW1A 1AA',
			...options,
			label: options.label ?? 'Postcode',
		},
		{ type: 'string' },
		normalisePostcode,
	);
}

export function snomedCodeField(options: FieldOptions): HeroField {
	return heroField(
		{
			placeholder: 'e.g. 279991000000102',
			description: 'SNOMED CT concept ID: 6 to 18 digits',
			...options,
		},
		{ type: 'string' },
		normaliseSnomedCode,
	);
}

export function recipientsField(options: FieldOptions): HeroField {
	return heroField(
		{
			placeholder: '[{"nhs_number": "999 000 0018", "dob": "1970-01-31"}]',
			description:
				'A JSON array of recipients, each with nhs_number and dob. Map many items with an expression, e.g. {{ $input.all().map(i => ({ nhs_number: i.json.nhs, dob: i.json.dob })) }}.',
			...options,
		},
		{ type: 'json' },
		normaliseRecipients,
	);
}

/** A reference that is not a numeric Hero ID, e.g. a GMC number. */
export function referenceField(options: FieldOptions): HeroField {
	return heroField(
		{ description: 'Letters, digits, hyphens and underscores, as Hero gives it', ...options },
		{ type: 'string' },
		normaliseKey,
	);
}

export function textListField(options: FieldOptions): HeroField {
	return heroField(
		{
			placeholder: 'e.g. first_name, last_name',
			description: 'Values separated by commas, or given as a list',
			...options,
		},
		{ type: 'string' },
		normaliseTextList,
	);
}
