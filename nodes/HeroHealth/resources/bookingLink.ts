import { date, id, idLocator, locator, number } from '../fields';
import type { HeroResource } from '../types';

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
				locator('appointmentType', 'appointment_type_id', { name: 'appointmentTypeId', required: true }),
				locator('location', 'location_id', { name: 'locationId', required: true }),
				idLocator('patient', 'Patient ID', 'patient_id', { name: 'patientId', description: 'Makes the link patient-specific' }),
				locator('practitioner', 'practitioner_id', { name: 'practitionerId' }),
				date('From Date', 'from_date', { name: 'fromDate', description: 'First day patients can book' }),
				date('To Date', 'to_date', { name: 'toDate', description: 'Last day patients can book' }),
				date('Expiry Date', 'expiry_date', { name: 'expiryDate', description: 'The link stops working after this day' }),
				number('Maximum Use Count', 'maximum_use_count', { name: 'maximumUseCount', min: 1, default: 1 }),
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
			fields: [id('Booking Link ID', 'id', { name: 'bookingLinkId', in: 'path', required: true })],
		},
		{
			value: 'update',
			name: 'Update',
			action: 'Update a booking link',
			description: 'Change what a booking link offers: appointment type, location, practitioner or dates',
			heroName: 'Update a Booking Link',
			method: 'PATCH',
			path: '/v1/booking_links/{id}',
			scope: 'booking links',
			subject: 'booking link',
			fields: [
				id('Booking Link ID', 'id', { name: 'bookingLinkId', in: 'path', required: true }),
				locator('appointmentType', 'appointment_type_id', { name: 'appointmentTypeId' }),
				locator('location', 'location_id', { name: 'locationId' }),
				locator('practitioner', 'practitioner_id', { name: 'practitionerId' }),
				date('From Date', 'from_date', { name: 'fromDate' }),
				date('To Date', 'to_date', { name: 'toDate' }),
			],
		},
	],
};
