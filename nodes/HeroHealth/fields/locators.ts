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
	episode: { label: 'Episode', search: 'searchEpisodes', load: undefined },
	slot: { label: 'Slot', search: 'searchSlots', load: undefined },
} as const;

export type LocatorKind = keyof typeof LOCATORS;

const ID_VALIDATION = [
	{
		type: 'regex' as const,
		properties: { regex: '^\\s*\\d+\\s*$', errorMessage: 'Hero IDs are numbers, e.g. 12345' },
	},
];

/** The node version from which optional records are picked From List or By ID too. */
export const LOCATORS_SINCE = 3;

function locatorProperty(kind: LocatorKind): Partial<INodeProperties> & Pick<INodeProperties, 'type'> {
	const { search } = LOCATORS[kind];
	return {
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
}

/** What node versions before 3 showed for an optional record: a dropdown, or the ID typed. */
function dropdownProperty(kind: LocatorKind, label: string, options: FieldOptions): HeroField['property'] {
	const { load } = LOCATORS[kind];
	if (load) {
		return field(
			`${label} Name or ID`,
			'',
			{
				...options,
				required: false,
				description: `${options.description ?? `The ${label.toLowerCase()} to use`}. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.`,
			},
			{ type: 'options', typeOptions: { loadOptionsMethod: load } },
		).property;
	}
	return field(`${label} ID`, '', { placeholder: 'e.g. 12345', ...options, required: false }, { type: 'string' })
		.property;
}

/**
 * A record the user picks: From List (searching Hero) or By ID. Optional ones were a dropdown
 * (or a typed ID) before node version 3; `earlier` overrides what those versions showed.
 */
export function locator(
	kind: LocatorKind,
	key: string,
	options: FieldOptions & { label?: string; earlier?: HeroField['property'] },
): HeroField {
	const { earlier, ...rest } = options;
	const label = options.label ?? LOCATORS[kind].label;
	const picked = field(
		label,
		key,
		{
			...rest,
			default: { mode: 'list', value: '' },
			description: options.description ?? `The ${label.toLowerCase()} to use`,
		},
		locatorProperty(kind),
		normaliseId,
	);
	const before = earlier ?? (options.required ? undefined : dropdownProperty(kind, label, rest));
	return before ? { ...picked, earlier: { before: LOCATORS_SINCE, property: before } } : picked;
}
