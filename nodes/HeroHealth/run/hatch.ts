import type { IDataObject, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { HttpMethod } from '../../shared/types';
import { FieldValueError } from '../../shared/types';
import type { HeroField, HeroOperation, HeroResource } from '../model';
import { fieldError } from './errors';
import { isPlainObject, valueAt } from './paths';

// Hatches: what the user adds by hand (Extra Body Fields, Extra Query Parameters,
// a Custom API Call's query and body) meets the same field rules as the fields do, wherever it
// names a field the operation knows. Keys the operation does not know are sent as they are.

/** What is wrong with one key of a hand-made object: the key, the field it names, the problem. */
export class HatchError extends Error {
	constructor(
		readonly key: string,
		readonly field: string | undefined,
		message: string,
	) {
		super(message);
	}
}

/**
 * A value read by a field's rule: what the rule makes of it, or what it refuses. A rule that
 * fails in another way refuses too, saying so: nothing unchecked is sent.
 */
export function byRule(field: HeroField, value: unknown): { value: unknown } | { problem: string } {
	if (!field.normalise) return { value };
	try {
		return { value: field.normalise(value) };
	} catch (error) {
		if (error instanceof FieldValueError) return { problem: error.message };
		return { problem: `could not be checked: ${(error as Error).message}` };
	}
}

/**
 * `hatch` with each key that names one of the operation's fields in `place` checked and
 * normalised by that field's rule (a value the rule reads as empty is dropped). A key the fields
 * already set for this item is refused: the request would say two things. Nested objects are
 * followed where fields name their parts (`address.line_1`).
 */
export function checkedHatch(
	hatch: IDataObject,
	fields: HeroField[],
	place: 'body' | 'query',
	setByFields: IDataObject,
	prefix = '',
): IDataObject {
	const inPlace = fields.filter((field) => field.place === place && field.apiKey);
	const out: IDataObject = {};
	for (const [key, value] of Object.entries(hatch)) {
		const path = `${prefix}${key}`;
		const field = inPlace.find((candidate) => candidate.apiKey === path);
		if (field) {
			const label = field.property.displayName;
			if (valueAt(setByFields, path) !== undefined) {
				throw new HatchError(path, label, `is already set by ${label}; give it in one place only`);
			}
			const checked = byRule(field, value);
			if ('problem' in checked) throw new HatchError(path, label, checked.problem);
			if (checked.value !== undefined) out[key] = checked.value as IDataObject[string];
			continue;
		}
		if (
			isPlainObject(value) &&
			inPlace.some((candidate) => candidate.apiKey.startsWith(`${path}.`))
		) {
			out[key] = checkedHatch(value, fields, place, setByFields, `${path}.`);
			continue;
		}
		out[key] = value as IDataObject[string];
	}
	return out;
}

/**
 * A hatch of one item checked (checkedHatch); what a rule refuses names the hatch, the key and
 * the field, and the item.
 */
export function hatched(
	node: INode,
	itemIndex: number,
	hatchName: string,
	hatch: IDataObject,
	fields: HeroField[],
	place: 'body' | 'query',
	setByFields: IDataObject = {},
): IDataObject {
	try {
		return checkedHatch(hatch, fields, place, setByFields);
	} catch (error) {
		if (error instanceof HatchError) {
			const named = error.field ? `${error.key} (${error.field})` : error.key;
			throw fieldError(node, hatchName, itemIndex, `${named} ${error.message}`);
		}
		throw new NodeOperationError(node, error as Error, { itemIndex });
	}
}

/** The values a path holds where its operation's template has placeholders: `{ id: '123' }`. */
export function pathValues(template: string, path: string): Record<string, string> {
	const names = [...template.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
	const literal = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{\w+\}/g, '([^/]+)');
	const found = new RegExp(`^${literal}$`).exec(path.replace(/\/+$/, ''));
	return Object.fromEntries(names.map((name, index) => [name, found?.[index + 1] ?? '']));
}

/** The node operation a Custom API Call's method and path are, if Hero's API has it. */
export function knownOperation(
	resources: HeroResource[],
	method: HttpMethod,
	path: string,
): HeroOperation | undefined {
	const bare = path.split('?')[0].replace(/\/+$/, '');
	const placeholders = (operation: HeroOperation) => (operation.path.match(/\{/g) ?? []).length;
	// The most literal match wins: /v1/patients/search before /v1/patients/{id}.
	return resources
		.flatMap((resource) => resource.operations)
		.filter((operation) => !operation.custom && !operation.run && operation.method === method)
		.filter((operation) => {
			const literal = operation.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
			return new RegExp(`^${literal.replace(/\{\w+\}/g, '[^/]+')}$`).test(bare);
		})
		.sort((a, b) => placeholders(a) - placeholders(b))[0];
}
