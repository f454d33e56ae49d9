import type { IDataObject, INodeProperties } from 'n8n-workflow';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Where a field's value goes in the request; `none` is a choice that only steers the UI;
 * `extraBody` / `extraQuery` are a user's own JSON object, merged last.
 */
export type FieldLocation = 'path' | 'query' | 'body' | 'none' | 'extraBody' | 'extraQuery';

/** The API key scope an operation needs; named in 401/403 errors. */
export type ApiScope = 'messaging' | 'booking' | 'booking links';

/** Thrown by a normaliser; the executor adds the field's name and the item. */
export class FieldValueError extends Error {}

export interface HeroField {
	/** The n8n property shown to the user (no displayOptions: the builder adds them). */
	property: INodeProperties;
	in: FieldLocation;
	/** The API's name for the value; dots nest body keys, e.g. `address.line_1`. */
	key: string;
	/** Required fields stand on their own; optional ones go in the operation's collection. */
	required?: boolean;
	/** Turns what the user typed into what Hero expects; throws FieldValueError. Undefined omits. */
	normalise?: (value: unknown) => unknown;
	/** Shown (and sent) only when other parameters of the operation have these values. */
	showWhen?: Record<string, Array<string | number | boolean>>;
	/** The property node versions before `before` show: a later version changed its type. */
	earlier?: { before: number; property: INodeProperties };
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
	/** Extra notice shown above the fields. */
	notice?: string;
	list?: ListOutput;
	/** Keys kept when Simplify is on; offers Simplify when present. */
	simplify?: string[];
	/**
	 * A check across fields, run before sending: the display name of the field at fault and
	 * what is wrong with it, or undefined when the request is fine.
	 */
	check?: (request: { qs?: IDataObject; body?: IDataObject }) => { field: string; message: string } | undefined;
	/** Shapes a non-list response; defaults to the body itself (or `{ deleted: true }` for DELETE). */
	output?: (body: unknown) => IDataObject | IDataObject[];
}

/** How fully Hero's reference documents an operation (see scripts/fidelity.js). */
export interface Fidelity {
	level: 'documented' | 'partial' | 'inferred';
	/** What was not captured, for a partial one. */
	gaps: string[];
}

export interface HeroResource {
	value: string;
	name: string;
	description: string;
	operations: HeroOperation[];
}
