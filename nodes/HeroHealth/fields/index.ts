import type { INodePropertyOptions } from 'n8n-workflow';

import type { HeroField, HeroOperation } from '../types';
import { FieldValueError } from '../types';
import type { FieldOptions } from './field';
import { field } from './field';
import {
	normaliseContact,
	normaliseDate,
	normaliseDateTime,
	normaliseEmail,
	normaliseId,
	normaliseIdList,
	normaliseJson,
	normaliseJsonObject,
	normaliseKey,
	normaliseBoolean,
	normaliseNhsNumber,
	normaliseNumberIn,
	normalisePostcode,
	normaliseRecipients,
	normaliseSnomedCode,
	normaliseText,
	rangeText,
	normaliseTextList,
	normaliseUkMobile,
} from './normalise';

export { field } from './field';
export type { FieldOptions } from './field';
import type { LocatorKind } from './locators';
import { locator } from './locators';

export { locator, LOCATORS } from './locators';
export type { LocatorKind } from './locators';

/** Long enough for any Hero text field, short enough to stop a runaway expression. */
export const MAX_TEXT = 10_000;

export function text(
	displayName: string,
	key: string,
	options: FieldOptions & { rows?: number; maxLength?: number; password?: boolean },
): HeroField {
	const typeOptions = {
		...(options.rows ? { rows: options.rows } : {}),
		...(options.password ? { password: true } : {}),
	};
	return field(
		displayName,
		key,
		{
			description: `Text, up to ${(options.maxLength ?? MAX_TEXT).toLocaleString('en-GB')} characters`,
			...options,
		},
		{ type: 'string', ...(Object.keys(typeOptions).length ? { typeOptions } : {}) },
		normaliseText(options.maxLength ?? MAX_TEXT),
	);
}

export function id(displayName: string, key: string, options: FieldOptions): HeroField {
	return field(
		displayName,
		key,
		{ placeholder: 'e.g. 12345', description: `Numeric Hero ID of the ${subjectOf(displayName)}`, ...options },
		{ type: 'string' },
		normaliseId,
	);
}

/**
 * An ID typed in node versions 1 and 2 that later versions pick From List or By ID: same
 * parameter name, labelled without "ID" as n8n's locators are.
 */
export function idLocator(kind: LocatorKind, displayName: string, key: string, options: FieldOptions): HeroField {
	return locator(kind, key, {
		...options,
		label: displayName.replace(/ ID$/, ''),
		earlier: id(displayName, key, options).property,
	});
}

export function idList(displayName: string, key: string, options: FieldOptions): HeroField {
	return field(
		displayName,
		key,
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

export function nhsNumber(key: string, options: FieldOptions): HeroField {
	return field(
		'NHS Number',
		key,
		{
			placeholder: 'e.g. 999 000 0018',
			...options,
			description: options.description ? sentences(options.description, NHS_FORMAT) : NHS_FORMAT,
		},
		{ type: 'string' },
		normaliseNhsNumber,
	);
}

export function mobile(displayName: string, key: string, options: FieldOptions): HeroField {
	return field(
		displayName,
		key,
		{
			placeholder: 'e.g. 07700 900123',
			...options,
			// The format always shows: people and models filling the field as a tool read it.
			description: options.description ? sentences(options.description, MOBILE_FORMAT) : MOBILE_FORMAT,
		},
		{ type: 'string' },
		normaliseUkMobile,
	);
}

export function email(displayName: string, key: string, options: FieldOptions): HeroField {
	return field(
		displayName,
		key,
		{ placeholder: 'e.g. name@example.com', description: 'Email address, e.g. name@example.com', ...options },
		{ type: 'string' },
		normaliseEmail,
	);
}

export function contact(displayName: string, key: string, options: FieldOptions): HeroField {
	return field(
		displayName,
		key,
		{
			placeholder: 'e.g. 07700 900123 or name@example.com',
			description: 'A UK mobile (sent in +44 format) or an email address',
			...options,
		},
		{ type: 'string' },
		normaliseContact,
	);
}

function sentences(...parts: Array<string | undefined>): string {
	return parts
		.filter((part): part is string => Boolean(part))
		.map((part) => (part.endsWith('.') ? part : `${part}.`))
		.join(' ');
}

const NUMBERS_AS_DATES = 'A number is read only as YYYYMMDD or as epoch milliseconds (13 digits).';

export function date(displayName: string, key: string, options: FieldOptions): HeroField {
	return field(
		displayName,
		key,
		{
			placeholder: 'e.g. 2026-03-31 or 31/03/2026',
			...options,
			description: sentences(options.description, 'Sent as YYYY-MM-DD (UK date).', NUMBERS_AS_DATES),
		},
		{ type: 'string' },
		normaliseDate,
	);
}

export function dateTime(displayName: string, key: string, options: FieldOptions): HeroField {
	return field(
		displayName,
		key,
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

export function boolean(displayName: string, key: string, options: FieldOptions): HeroField {
	return field(
		displayName,
		key,
		{ default: false, ...options },
		{ type: 'boolean' },
		normaliseBoolean,
	);
}

export function number(
	displayName: string,
	key: string,
	options: FieldOptions & { min?: number; max?: number; integer?: boolean },
): HeroField {
	const typeOptions: Record<string, number> = {};
	if (options.min !== undefined) typeOptions.minValue = options.min;
	if (options.max !== undefined) typeOptions.maxValue = options.max;
	if (options.integer !== false) typeOptions.numberPrecision = 0;
	return field(
		displayName,
		key,
		{
			default: options.min ?? 0,
			description: capitalised(rangeText(options)),
			...options,
		},
		{ type: 'number', ...(Object.keys(typeOptions).length ? { typeOptions } : {}) },
		normaliseNumberIn({ min: options.min, max: options.max, integer: options.integer }),
	);
}

/** "Appointment ID" → "appointment"; acronyms keep their case. */
function subjectOf(displayName: string): string {
	return displayName
		.replace(/ IDs?$/, '')
		.split(' ')
		.map((word) => (/^[A-Z0-9]+$/.test(word) ? word : word.toLowerCase()))
		.join(' ');
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

export function choice(
	displayName: string,
	key: string,
	values: Array<string | [string, string]>,
	options: FieldOptions,
): HeroField {
	const opts = choices(values);
	return field(
		displayName,
		key,
		{ default: opts[0].value, description: `One of: ${listOf(opts)}`, ...options },
		{ type: 'options', options: opts },
		oneOf(opts),
	);
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

export function multiChoice(
	displayName: string,
	key: string,
	values: Array<string | [string, string]>,
	options: FieldOptions,
): HeroField {
	const opts = choices(values);
	const each = oneOf(opts);
	return field(
		displayName,
		key,
		{ default: [], description: `Any of: ${listOf(opts)}`, ...options },
		{ type: 'multiOptions', options: opts },
		(value) => {
			if (value === '' || value === undefined || value === null) return undefined;
			const list = Array.isArray(value) ? value : [value];
			list.forEach(each);
			return list.length > 0 ? list : undefined;
		},
	);
}

export function json(displayName: string, key: string, options: FieldOptions): HeroField {
	return field(displayName, key, { default: '', description: 'A JSON value', ...options }, { type: 'json' }, normaliseJson);
}

export function postcode(key: string, options: FieldOptions): HeroField {
	return field(
		'Postcode',
		key,
		{ placeholder: 'e.g. SW1A 1AA', description: 'UK postcode, e.g. SW1A 1AA', ...options },
		{ type: 'string' },
		normalisePostcode,
	);
}

export function snomedCode(displayName: string, key: string, options: FieldOptions): HeroField {
	return field(
		displayName,
		key,
		{ placeholder: 'e.g. 279991000000102', description: 'SNOMED CT concept ID: 6 to 18 digits', ...options },
		{ type: 'string' },
		normaliseSnomedCode,
	);
}

/** A choice that only steers which fields show; nothing is sent for it. */
export function mode(
	displayName: string,
	values: Array<[string, string]>,
	options: FieldOptions,
): HeroField {
	return { ...choice(displayName, '', values, { required: true, ...options }), in: 'none' };
}

export function recipients(displayName: string, key: string, options: FieldOptions): HeroField {
	return field(
		displayName,
		key,
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
export function key(displayName: string, apiKey: string, options: FieldOptions): HeroField {
	return field(
		displayName,
		apiKey,
		{ description: 'Letters, digits, hyphens and underscores, as Hero gives it', ...options },
		{ type: 'string' },
		normaliseKey,
	);
}

export function textList(displayName: string, apiKey: string, options: FieldOptions): HeroField {
	return field(
		displayName,
		apiKey,
		{
			placeholder: 'e.g. first_name, last_name',
			description: 'Values separated by commas, or given as a list',
			...options,
		},
		{ type: 'string' },
		normaliseTextList,
	);
}

/** A yes/no Hero takes as a one-element string array (e.g. order_descending[]). */
export function flagList(displayName: string, apiKey: string, options: FieldOptions): HeroField {
	return {
		...boolean(displayName, apiKey, options),
		normalise: (value) => {
			const flag = normaliseBoolean(value);
			return flag === undefined ? undefined : [String(flag)];
		},
	};
}

/**
 * Escape hatches for fields Hero documents that the node does not offer (yet): a JSON object
 * merged last into the body of an operation that sends one, and into the query of one that
 * takes query parameters. Saved workflows keep working when Hero adds a field.
 */
export function extraFields(operation: HeroOperation): HeroField[] {
	const extras: HeroField[] = [];
	if (operation.fields.some((f) => f.in === 'body')) {
		extras.push({
			...field(
				'Extra Body Fields',
				'',
				{
					name: 'extraBodyFields',
					default: '{}',
					description:
						'A JSON object of body fields Hero documents that this operation does not offer, merged last (they win over the fields above), e.g. {"memo": "Paid by card"}',
				},
				{ type: 'json' },
				normaliseJsonObject,
			),
			in: 'extraBody',
		});
	}
	if (operation.fields.some((f) => f.in === 'query') || operation.list?.paginated) {
		extras.push({
			...field(
				'Extra Query Parameters',
				'',
				{
					name: 'extraQueryParameters',
					default: '{}',
					description:
						'A JSON object of query parameters Hero documents that this operation does not offer, added last, e.g. {"include_archived": true}',
				},
				{ type: 'json' },
				normaliseJsonObject,
			),
			in: 'extraQuery',
		});
	}
	return extras;
}
