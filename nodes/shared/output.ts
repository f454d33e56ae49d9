import type { IDataObject } from 'n8n-workflow';

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

const isId = (key: string) => key === 'id' || key.endsWith('_id');

/** The record with only `keys`, in their order. */
export function pick(record: IDataObject, keys: string[]): IDataObject {
	const out: IDataObject = {};
	for (const key of keys) if (key in record) out[key] = record[key];
	return out;
}

/**
 * One record as `mode` keeps it: Simplified the short form, Raw all of it, Selected Fields the
 * named fields and IDs. Contact details and address are left out of a restricted record unless
 * named, and wherever `lessContact` asks (an AI agent's tool's default).
 */
export function keptOf(
	record: IDataObject,
	mode: OutputMode,
	short: string[],
	named: string[] = [],
	lessContact = false,
): IDataObject {
	if (mode === 'raw') return record;
	const keys =
		mode === 'selected'
			? Object.keys(record).filter((key) => isId(key) || named.includes(key))
			: short;
	const hideContact = record.restricted === true || (lessContact && mode === 'simplified');
	return pick(
		record,
		keys.filter((key) => !hideContact || !CONTACT_KEYS.includes(key) || named.includes(key)),
	);
}
