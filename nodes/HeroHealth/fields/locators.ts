import type { INodeProperties } from 'n8n-workflow';

import type { HeroField } from '../types';
import { normaliseId } from './normalise';
import type { FieldOptions } from './field';
import { field } from './field';

/** The records a user picks from a list; each has a listSearch method and maybe loadOptions. */
export const LOCATORS = {
	location: { label: 'Location', search: 'searchLocations', load: 'getLocations' },
	practitioner: { label: 'Practitioner', search: 'searchPractitioners', load: 'getPractitioners' },
	appointmentType: {
		label: 'Appointment Type',
		search: 'searchAppointmentTypes',
		load: 'getAppointmentTypes',
	},
	patient: { label: 'Patient', search: 'searchPatients', load: undefined, filterRequired: true },
	template: { label: 'Template', search: 'searchTemplates', load: 'getTemplates' },
	form: { label: 'Form', search: 'searchForms', load: 'getForms' },
	admin: { label: 'Admin', search: 'searchAdmins', load: 'getAdmins' },
	webhook: { label: 'Webhook', search: 'searchWebhooks', load: undefined },
	batchMessage: { label: 'Batch Message', search: 'searchBatchMessages', load: undefined },
} as const;

export type LocatorKind = keyof typeof LOCATORS;

const ID_VALIDATION = [
	{
		type: 'regex' as const,
		properties: { regex: '^\\s*\\d+\\s*$', errorMessage: 'Hero IDs are numbers, e.g. 12345' },
	},
];

/**
 * A record the user picks: a resource locator (From List / By ID) when required, a dropdown
 * in a collection when optional (collections cannot hold locators).
 */
export function locator(
	kind: LocatorKind,
	key: string,
	options: FieldOptions & { label?: string },
): HeroField {
	const { search, load } = LOCATORS[kind];
	const label = options.label ?? LOCATORS[kind].label;
	const { name } = options;
	if (options.required) {
		const property: Partial<INodeProperties> & Pick<INodeProperties, 'type'> = {
			type: 'resourceLocator',
			modes: [
				{
					displayName: 'From List',
					name: 'list',
					type: 'list',
					typeOptions: {
						searchListMethod: search,
						searchable: true,
						...('filterRequired' in LOCATORS[kind] ? { searchFilterRequired: true } : {}),
					},
				},
				{
					displayName: 'By ID',
					name: 'id',
					type: 'string',
					placeholder: 'e.g. 12345',
					validation: ID_VALIDATION,
				},
			],
		};
		return field(
			label,
			key,
			{
				...options,
				name,
				default: { mode: 'list', value: '' },
				description: options.description ?? `The ${label.toLowerCase()} to use`,
			},
			property,
			normaliseId,
		);
	}
	if (load) {
		return field(
			`${label} Name or ID`,
			key,
			{
				...options,
				name,
				description: `${options.description ?? `The ${label.toLowerCase()} to use`}. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.`,
			},
			{ type: 'options', typeOptions: { loadOptionsMethod: load } },
			normaliseId,
		);
	}
	return field(
		`${label} ID`,
		key,
		{ placeholder: 'e.g. 12345', ...options, name },
		{ type: 'string' },
		normaliseId,
	);
}
