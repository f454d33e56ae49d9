import type { INodeProperties } from 'n8n-workflow';

import type { FieldLocation, HeroField } from '../types';

export interface FieldOptions {
	in?: FieldLocation;
	required?: boolean;
	description?: string;
	placeholder?: string;
	/**
	 * The n8n parameter name, always given: saved workflows store values under it, so it must not
	 * follow a label that is reworded (see "Parameters are a public API" in the README).
	 */
	name: string;
	default?: INodeProperties['default'];
}

export function field(
	displayName: string,
	key: string,
	options: FieldOptions,
	property: Partial<INodeProperties> & Pick<INodeProperties, 'type'>,
	normalise?: (value: unknown) => unknown,
): HeroField {
	const prop: INodeProperties = {
		displayName,
		name: options.name,
		default: options.default ?? '',
		description: options.description,
		...property,
	};
	if (options.placeholder) prop.placeholder = options.placeholder;
	if (options.required) prop.required = true;
	if (prop.description === undefined) delete prop.description;
	return {
		property: prop,
		in: options.in ?? 'body',
		key,
		required: options.required,
		normalise,
	};
}
