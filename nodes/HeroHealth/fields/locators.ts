import type { INodeProperties } from 'n8n-workflow';

import { normaliseId } from '../../shared/normalise';
import type { HeroField, RecordKind } from '../model';
import type { FieldOptions, LabelledOptions } from './field';
import { heroField, subjectOf } from './field';

/** Each record's list: a listSearch method, and a loadOptions one where a dropdown was offered. */
export const LOCATORS: Record<
	RecordKind,
	{ label: string; search: string; load?: string; filterRequired?: true }
> = {
	location: { label: 'Location', search: 'searchLocations', load: 'getLocations' },
	practitioner: { label: 'Practitioner', search: 'searchPractitioners', load: 'getPractitioners' },
	appointmentType: {
		label: 'Appointment Type',
		search: 'searchAppointmentTypes',
		load: 'getAppointmentTypes',
	},
	patient: { label: 'Patient', search: 'searchPatients', filterRequired: true },
	template: { label: 'Template', search: 'searchTemplates', load: 'getTemplates' },
	form: { label: 'Form', search: 'searchForms', load: 'getForms' },
	admin: { label: 'Admin', search: 'searchAdmins', load: 'getAdmins' },
	webhook: { label: 'Webhook', search: 'searchWebhooks' },
	batchMessage: { label: 'Batch Message', search: 'searchBatchMessages' },
	episode: { label: 'Episode', search: 'searchEpisodes' },
	slot: { label: 'Slot', search: 'searchSlots' },
};

const ID_VALIDATION = [
	{
		type: 'regex' as const,
		properties: { regex: '^\\s*\\d+\\s*$', errorMessage: 'Hero IDs are numbers, e.g. 12345' },
	},
];

function pickerProperty(
	record: RecordKind,
): Partial<INodeProperties> & Pick<INodeProperties, 'type'> {
	const { search, filterRequired } = LOCATORS[record];
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
					...(filterRequired ? { searchFilterRequired: true } : {}),
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

/**
 * A record the user picks From List (searching Hero) or By ID. What node versions before
 * pickers showed for it (a dropdown or a typed ID) is built from `picker` by versions.ts.
 */
export function recordLocator(options: LabelledOptions & { record: RecordKind }): HeroField {
	const { record, ...rest } = options;
	const label = options.label ?? LOCATORS[record].label;
	const made = heroField(
		{
			...rest,
			label,
			default: { mode: 'list', value: '' },
			description: options.description ?? `The ${label.toLowerCase()} to use`,
		},
		pickerProperty(record),
		normaliseId,
	);
	made.picker = { record, label };
	if (options.description !== undefined) made.picker.description = options.description;
	return made;
}

/** The options a picked field was made with, for building its earlier forms. */
function pickedOptions(field: HeroField): Omit<FieldOptions, 'label'> {
	const options: Omit<FieldOptions, 'label'> = {
		parameter: field.property.name,
		apiKey: field.apiKey,
		place: field.place,
		required: field.required,
	};
	if (field.picker?.description !== undefined) options.description = field.picker.description;
	return options;
}

/** A picked record as a typed ID ("Patient ID"), as node versions before pickers showed it. */
export function typedIdProperty(field: HeroField): INodeProperties {
	const label = `${field.picker!.label} ID`;
	return heroField(
		{
			placeholder: 'e.g. 12345',
			description: `Numeric Hero ID of the ${subjectOf(label)}`,
			...pickedOptions(field),
			label,
		},
		{ type: 'string' },
	).property;
}

/** An optional picked record as a dropdown (or a typed ID where Hero has no short list). */
export function dropdownProperty(field: HeroField): INodeProperties {
	const { record, label } = field.picker!;
	const options = { ...pickedOptions(field), required: false };
	const { load } = LOCATORS[record];
	if (load) {
		return heroField(
			{
				...options,
				label: `${label} Name or ID`,
				description: `${options.description ?? `The ${label.toLowerCase()} to use`}. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.`,
			},
			{ type: 'options', typeOptions: { loadOptionsMethod: load } },
		).property;
	}
	return heroField(
		{ placeholder: 'e.g. 12345', ...options, label: `${label} ID` },
		{ type: 'string' },
	).property;
}
