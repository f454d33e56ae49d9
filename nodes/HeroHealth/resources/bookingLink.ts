import { dateField, idField, numberField, recordLocator } from '../fields';
import type { HeroResource } from '../model';

export const bookingLink: HeroResource = {
	value: 'bookingLink',
	name: 'Booking Link',
	description: 'Links patients use to book for themselves; drop them into an SMS or email',
	operations: [
		{
			value: 'create',
			name: 'Create',
			action: 'Create a booking link',
			description:
				'Create a patient-specific link (with a patient; they confirm their date of birth) or a generic one (NHS login)',
			heroName: 'Create a Booking Link',
			method: 'POST',
			path: '/v1/booking_links',
			scope: 'booking links',
			fields: [
				recordLocator({
					parameter: 'appointmentTypeId',
					record: 'appointmentType',
					apiKey: 'appointment_type_id',
					required: true,
				}),
				recordLocator({
					parameter: 'locationId',
					record: 'location',
					apiKey: 'location_id',
					required: true,
				}),
				recordLocator({
					parameter: 'patientId',
					record: 'patient',
					label: 'Patient',
					apiKey: 'patient_id',
					description: 'Makes the link patient-specific',
				}),
				recordLocator({
					parameter: 'practitionerId',
					record: 'practitioner',
					apiKey: 'practitioner_id',
				}),
				dateField({
					parameter: 'fromDate',
					label: 'From Date',
					apiKey: 'from_date',
					description: 'First day patients can book',
				}),
				dateField({
					parameter: 'toDate',
					label: 'To Date',
					apiKey: 'to_date',
					description: 'Last day patients can book',
				}),
				dateField({
					parameter: 'expiryDate',
					label: 'Expiry Date',
					apiKey: 'expiry_date',
					description: 'The link stops working after this day',
				}),
				numberField({
					parameter: 'maximumUseCount',
					label: 'Maximum Use Count',
					apiKey: 'maximum_use_count',
					min: 1,
					default: 1,
				}),
			],
		},
		{
			value: 'get',
			name: 'Get',
			action: 'Get a booking link',
			description: 'Get a booking link with its usage counters',
			heroName: 'Get a Booking Link',
			method: 'GET',
			path: '/v1/booking_links/{id}',
			scope: 'booking links',
			subject: 'booking link',
			fields: [
				idField({
					parameter: 'bookingLinkId',
					label: 'Booking Link ID',
					apiKey: 'id',
					place: 'path',
					required: true,
				}),
			],
		},
		{
			value: 'update',
			name: 'Update',
			action: 'Update a booking link',
			description:
				'Change what a booking link offers: appointment type, location, practitioner or dates',
			heroName: 'Update a Booking Link',
			method: 'PATCH',
			path: '/v1/booking_links/{id}',
			scope: 'booking links',
			subject: 'booking link',
			fields: [
				idField({
					parameter: 'bookingLinkId',
					label: 'Booking Link ID',
					apiKey: 'id',
					place: 'path',
					required: true,
				}),
				recordLocator({
					parameter: 'appointmentTypeId',
					record: 'appointmentType',
					apiKey: 'appointment_type_id',
				}),
				recordLocator({ parameter: 'locationId', record: 'location', apiKey: 'location_id' }),
				recordLocator({
					parameter: 'practitionerId',
					record: 'practitioner',
					apiKey: 'practitioner_id',
				}),
				dateField({ parameter: 'fromDate', label: 'From Date', apiKey: 'from_date' }),
				dateField({ parameter: 'toDate', label: 'To Date', apiKey: 'to_date' }),
			],
		},
	],
};
