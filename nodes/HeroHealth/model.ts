import type { IDataObject, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { ApiScope, HttpMethod } from '../shared/types';
import type { RunContext } from './run/context';

// The operation model: what every operation is, as data. The runtime (run/) and the editor's
// description (description, versions) both read it; it reads neither (run/context.ts, the one
// type it names, knows no operation).

/**
 * Where a field's value goes in the request; `none` is a choice that only steers the UI;
 * `extraBody` / `extraQuery` are a user's own JSON object, merged last; `binary` names an input
 * binary field whose file is sent (base64 under the field's apiKey, or as the whole body).
 */
export type FieldPlace = 'path' | 'query' | 'body' | 'none' | 'extraBody' | 'extraQuery' | 'binary';

/** Other parameters of the operation and the values that show a field. */
export type ShowWhen = Record<string, Array<string | number | boolean>>;

/** The records a user picks from a list: each has a listSearch method and maybe loadOptions. */
export type RecordKind =
	| 'location'
	| 'practitioner'
	| 'appointmentType'
	| 'patient'
	| 'template'
	| 'form'
	| 'admin'
	| 'webhook'
	| 'batchMessage'
	| 'episode'
	| 'slot';

export interface HeroField {
	/** The n8n property shown to the user (no displayOptions: the description adds them). */
	property: INodeProperties;
	place: FieldPlace;
	/** Hero's name for the value; dots nest body keys, e.g. `address.line_1`. */
	apiKey: string;
	/** Required fields stand on their own; optional ones go in the operation's collection. */
	required?: boolean;
	/** A top-level parameter though not required: a control of the node (Simplify, Send Window). */
	topLevel?: boolean;
	/** Turns what the user typed into what Hero expects; throws FieldValueError. Undefined omits. */
	normalise?: (value: unknown) => unknown;
	/** Shown (and sent) only when other parameters of the operation have these values. */
	showWhen?: ShowWhen;
	/**
	 * A safety control (Send Window, Contactability Check, Output): read strictly, so a value
	 * that is empty where the control shows (an expression that gave nothing) is an error naming
	 * the control and the item, never "off". Off is only what the user chose.
	 */
	safety?: boolean;
	/** `output`: shown with what the operation outputs (Simplify, Output), after the list controls. */
	section?: 'output';
	/** A record picked From List or By ID: what versions before pickers showed is built from it. */
	picker?: { record: RecordKind; label: string; description?: string };
	/** A `binary` field: the body key the file's name goes in when none is given. */
	fileNameKey?: string;
}

export interface ListOutput {
	/** Whether Hero pages this list with page_index/page_size. */
	paginated: boolean;
	/** Property holding the records; the response itself when absent and it is an array. */
	dataKey?: string;
}

export interface HeroOperation {
	/** Operation value, unique within its resource. */
	value: string;
	/** Title Case name shown in the Operation dropdown. */
	name: string;
	/** Sentence-case action shown in the node picker. */
	action: string;
	description: string;
	method: HttpMethod;
	path: string;
	fields: HeroField[];
	/** The Custom API Call: method and path come from the Method and Path fields. */
	custom?: boolean;
	/** Hero's own name for the operation, as in its API reference. */
	heroName: string;
	/** What a 404 names, e.g. `appointment`. */
	subject?: string;
	scope?: ApiScope;
	/**
	 * Contacts a patient (SMS, email, NHS App): offers the Send Window, `scheduled` where Hero
	 * takes a `send_at` to send later, `immediate` where it has none.
	 */
	contacts?: 'scheduled' | 'immediate';
	/** The body key naming the Hero patient a message goes to: offers the Contactability Check. */
	addressedTo?: string;
	/**
	 * Where the body says a message goes by SMS and what it says: its cost is counted (Dry Run,
	 * Send to Many's preview) and Max SMS Fragments applies. `value` is Hero's SMS channel value;
	 * `fallback`, a key whose value `sms` sends the same text by SMS when unread.
	 */
	sms?: { channel: string; value: string; content: string; fallback?: string };
	/**
	 * Sends to the recipients of a Hero batch: offers the Contactability Check, applied to every
	 * recipient Hero matched to a patient (safety/recipients.ts).
	 */
	checksRecipients?: boolean;
	/**
	 * Runs the items itself instead of one request per item (Send to Many: every item one
	 * recipient of one batch send). Several Hero calls, so not one operation of the API description.
	 */
	run?: (
		run: RunContext,
		operation: HeroOperation,
		resources: HeroResource[],
	) => Promise<INodeExecutionData[][]>;
	/** With `run`: the other Hero endpoints the runner calls after `method` and `path`. */
	calls?: Array<{ method: HttpMethod; path: string }>;
	/** A POST that only reads or checks (Preview Patient Merging): it writes nothing, so no Dry Run. */
	readOnly?: boolean;
	/**
	 * Whether Hero takes this PATCH or PUT with no body (an action such as Cancel). Otherwise one
	 * whose body fields are all optional is refused when none is set: it would change nothing.
	 */
	bodyMayBeEmpty?: boolean;
	/** Extra notice shown above the fields. */
	notice?: string;
	list?: ListOutput;
	/** Returns patient records: offers Output (Simplified, Raw, Selected Fields) from version 4. */
	patientRecords?: boolean;
	/** Keys Output's Simplified keeps, for patient records that never offered Simplify. */
	outputKeys?: string[];
	/** Keys kept when Simplify is on; offers Simplify when present. */
	simplify?: string[];
	/**
	 * A check across fields, run before sending: the display name of the field at fault and
	 * what is wrong with it, or undefined when the request is fine.
	 */
	check?: (request: {
		qs?: IDataObject;
		body?: IDataObject;
		/** The input binary field a `binary` field names, read after the checks. */
		binary?: { property: string };
	}) => { field: string; message: string } | undefined;
	/** Shapes a non-list response; defaults to the body itself (or `{ deleted: true }` for DELETE). */
	output?: (body: unknown) => IDataObject | IDataObject[];
}

export interface HeroResource {
	value: string;
	name: string;
	description: string;
	operations: HeroOperation[];
}

/** Optional fields of writes live in Additional Fields, of reads in Filters. */
export function collectionOf(operation: HeroOperation): { name: string; displayName: string } {
	if (operation.custom) return { name: 'options', displayName: 'Options' };
	return operation.method === 'GET'
		? { name: 'filters', displayName: 'Filters' }
		: { name: 'additionalFields', displayName: 'Additional Fields' };
}

/** Whether the operation writes, so offers Dry Run: every non-GET but a read-only check, and Custom API Call. */
export function writes(operation: HeroOperation): boolean {
	return operation.custom === true || (operation.method !== 'GET' && !operation.readOnly);
}

/** Whether the operation changes a record from optional fields only, so needs one of them. */
export function needsAChange(operation: HeroOperation): boolean {
	if (operation.custom || operation.bodyMayBeEmpty) return false;
	if (operation.method !== 'PATCH' && operation.method !== 'PUT') return false;
	const body = operation.fields.filter((field) => field.place === 'body');
	return body.length > 0 && body.every((field) => !field.required);
}

/** Whether a field is a top-level parameter rather than one in the operation's collection. */
export function isTopLevel(field: HeroField): boolean {
	return field.required === true || field.topLevel === true;
}

export function findOperation(
	resources: HeroResource[],
	resource: string,
	operation: string,
): HeroOperation | undefined {
	return resources.find((r) => r.value === resource)?.operations.find((o) => o.value === operation);
}
