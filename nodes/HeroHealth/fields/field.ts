import type { INodeProperties } from 'n8n-workflow';

import type { FieldPlace, HeroField, ShowWhen } from '../model';

/** What every field helper takes: one options object, named as the user and Hero see it. */
export interface FieldOptions {
	/** The label shown in n8n. */
	label: string;
	/**
	 * The n8n parameter name, always given: saved workflows store values under it, so it must not
	 * follow a label that is reworded (see "Parameters are a public API" in the README).
	 */
	parameter: string;
	/** Hero's name for the value; dots nest body keys. Empty for a field that sends nothing. */
	apiKey?: string;
	/** Where the value goes; the body unless said. */
	place?: FieldPlace;
	required?: boolean;
	/** A top-level parameter though not required: a control of the node, never sent. */
	topLevel?: boolean;
	/** A safety control: an empty value is an error, never "off" (see HeroField.safety). */
	safety?: boolean;
	/** `output`: shown with what the operation outputs, after the list controls. */
	section?: 'output';
	/** Shown (and sent) only when other parameters of the operation have these values. */
	showWhen?: ShowWhen;
	description?: string;
	placeholder?: string;
	default?: INodeProperties['default'];
}

/** The options of a helper whose label has a fixed default, such as NHS Number. */
export type LabelledOptions = Omit<FieldOptions, 'label'> & { label?: string };

/** The field every helper makes: its n8n property, where its value goes, how it is checked. */
export function heroField(
	options: FieldOptions,
	property: Partial<INodeProperties> & Pick<INodeProperties, 'type'>,
	normalise?: (value: unknown) => unknown,
): HeroField {
	const prop: INodeProperties = {
		displayName: options.label,
		name: options.parameter,
		default: options.default ?? '',
		description: options.description,
		...property,
	};
	if (options.placeholder) prop.placeholder = options.placeholder;
	if (options.required) prop.required = true;
	if (prop.description === undefined) delete prop.description;
	const made: HeroField = {
		property: prop,
		place: options.place ?? 'body',
		apiKey: options.apiKey ?? '',
		required: options.required,
		normalise,
	};
	if (options.showWhen) made.showWhen = options.showWhen;
	if (options.topLevel) made.topLevel = true;
	if (options.safety) made.safety = true;
	if (options.section) made.section = options.section;
	return made;
}

/** "Appointment ID" → "appointment"; acronyms keep their case. */
export function subjectOf(label: string): string {
	return label
		.replace(/ IDs?$/, '')
		.split(' ')
		.map((word) => (/^[A-Z0-9]+$/.test(word) ? word : word.toLowerCase()))
		.join(' ');
}
