import type { INodeProperties } from 'n8n-workflow';

import type { FieldLocation, HeroField } from '../types';

export interface FieldOptions {
	in?: FieldLocation;
	required?: boolean;
	description?: string;
	placeholder?: string;
	/** The n8n parameter name; derived from the display name by default. */
	name?: string;
	default?: INodeProperties['default'];
}

export function parameterName(displayName: string): string {
	const words = displayName.replace(/[^A-Za-z0-9 ]/g, ' ').split(/\s+/).filter(Boolean);
	return words
		.map((word, index) => {
			const lower = word.toLowerCase();
			return index === 0 ? lower : lower[0].toUpperCase() + lower.slice(1);
		})
		.join('');
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
		name: options.name ?? parameterName(displayName),
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
