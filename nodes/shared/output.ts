import type { IDataObject } from 'n8n-workflow';

import { FieldValueError } from './types';

// What is kept of a patient record in an output: n8n's Output choice (Simplified, Raw, Selected
// Fields), with contact details and address left out where less should be kept.

export type OutputMode = 'simplified' | 'raw' | 'selected';

/** A patient record's short form: at most ten fields, the ID first. */
export const PATIENT_SHORT = [
	'id',
	'title',
	'first_name',
	'last_name',
	'dob',
	'nhs_number',
	'mobile',
	'email',
	'postcode',
	'status',
];

/** Contact details and address: left out where less is kept (an AI tool, a restricted record). */
export const CONTACT_KEYS = [
	'mobile',
	'email',
	'emails',
	'landline',
	'phone',
	'address',
	'address_line_1',
	'address_line_2',
	'address_line_3',
	'line_1',
	'line_2',
	'line_3',
	'postcode',
	'town',
	'county',
	'country',
];

/**
 * What says whether a patient may be contacted: kept in every short form (a later IF node must
 * not see a patient who has died as alive), beside the ten short fields.
 */
export const SAFETY_KEYS = ['deceased_at', 'restricted'];

/**
 * The fields of Hero's patient records (Patient and PatientRecord in the API description; a test
 * keeps this list equal to it): what Selected Fields may name.
 */
export const PATIENT_FIELDS = [
	'address_line_1',
	'address_line_2',
	'address_line_3',
	'country',
	'county',
	'data_source',
	'deceased_at',
	'dob',
	'ehr_partner_id',
	'ehr_registered',
	'email',
	'emails',
	'emis_id',
	'first_name',
	'hero_id',
	'hero_uid',
	'id',
	'identifiers',
	'last_name',
	'last_sync_at',
	'line_1',
	'line_2',
	'line_3',
	'mobile',
	'nhs_number',
	'notes',
	'postcode',
	'restricted',
	'sex',
	'sex_changed_at',
	'status',
	'title',
	'town',
	'uid',
	'verification_credentials',
];

const isId = (key: string) => key === 'id' || key.endsWith('_id');

/** The record with only `keys`, in their order. */
export function pick(record: IDataObject, keys: string[]): IDataObject {
	const out: IDataObject = {};
	for (const key of keys) if (key in record) out[key] = record[key];
	return out;
}

/** A short form: `keys`, and the safety fields wherever the record has them. */
export function short(record: IDataObject, keys: string[]): IDataObject {
	return pick(record, [...keys, ...SAFETY_KEYS.filter((key) => !keys.includes(key))]);
}

/** Selected Fields, checked: each name must be a field of Hero's patient records. */
export function patientFieldsOf(names: string[]): string[] {
	const unknown = names.filter((name) => !PATIENT_FIELDS.includes(name));
	if (unknown.length) {
		throw new FieldValueError(
			`has ${unknown.map((name) => `"${name}"`).join(', ')}, not ${unknown.length === 1 ? 'a field' : 'fields'} of Hero's patient records; the fields are ${PATIENT_FIELDS.join(', ')}`,
		);
	}
	return names;
}

/**
 * One record as `mode` keeps it: Simplified the short form and the safety fields, Raw all of it,
 * Selected Fields the named fields and IDs. Contact details and address are left out of a
 * restricted record in every mode unless named, and wherever `lessContact` asks (an AI agent's
 * tool's default).
 */
export function keptOf(
	record: IDataObject,
	mode: OutputMode,
	shortKeys: string[],
	named: string[] = [],
	lessContact = false,
): IDataObject {
	const hideContact = record.restricted === true || (lessContact && mode === 'simplified');
	const keys =
		mode === 'selected'
			? Object.keys(record).filter((key) => isId(key) || named.includes(key))
			: mode === 'raw'
				? Object.keys(record)
				: [...shortKeys, ...SAFETY_KEYS.filter((key) => !shortKeys.includes(key))];
	if (mode === 'raw' && !hideContact) return record;
	return pick(
		record,
		keys.filter((key) => !hideContact || !CONTACT_KEYS.includes(key) || named.includes(key)),
	);
}
