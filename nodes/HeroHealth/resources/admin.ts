import { booleanField, choiceField, emailField, recordLocator, textField } from '../fields';
import type { HeroResource } from '../model';

export const admin: HeroResource = {
	value: 'admin',
	name: 'Admin',
	description: 'Staff accounts of the practice group',
	operations: [
		{
			value: 'list',
			name: 'Get Many',
			action: 'Get many admins',
			description: 'List the admins (staff accounts) of the practice group',
			heroName: 'List Admins',
			method: 'GET',
			path: '/v1/admins',
			list: { paginated: true },
			fields: [
				choiceField({
					parameter: 'orderBy',
					label: 'Order By',
					apiKey: 'order_by',
					values: [['First Name', 'first_name']],
					place: 'query',
				}),
				booleanField({
					parameter: 'orderDescending',
					label: 'Order Descending',
					apiKey: 'order_descending',
					place: 'query',
					description: 'Whether to sort from Z to A',
				}),
			],
		},
		{
			value: 'update',
			name: 'Update',
			action: 'Update an admin',
			description: "Update an admin's external prescriber ID and prescriber details",
			heroName: 'Update an Admin',
			method: 'PATCH',
			path: '/v1/admins/{id}',
			subject: 'admin',
			fields: [
				recordLocator({
					parameter: 'adminId',
					record: 'admin',
					apiKey: 'id',
					place: 'path',
					required: true,
				}),
				textField({
					parameter: 'externalPrescriberId',
					label: 'External Prescriber ID',
					apiKey: 'external_prescriber_id',
				}),
				textField({
					parameter: 'prescriberName',
					label: 'Prescriber Name',
					apiKey: 'prescriber_details.name',
				}),
				emailField({
					parameter: 'prescriberEmail',
					label: 'Prescriber Email',
					apiKey: 'prescriber_details.email',
				}),
				textField({
					parameter: 'prescriberRegistrationCode',
					label: 'Prescriber Registration Code',
					apiKey: 'prescriber_details.registration_code',
				}),
			],
		},
	],
};
