import { boolean, choice, email, locator, text } from '../fields';
import type { HeroResource } from '../types';

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
				choice('Order By', 'order_by', [['First Name', 'first_name']], { name: 'orderBy', in: 'query' }),
				boolean('Order Descending', 'order_descending', { name: 'orderDescending',
					in: 'query',
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
				locator('admin', 'id', { name: 'adminId', in: 'path', required: true }),
				text('External Prescriber ID', 'external_prescriber_id', { name: 'externalPrescriberId' }),
				text('Prescriber Name', 'prescriber_details.name', { name: 'prescriberName' }),
				email('Prescriber Email', 'prescriber_details.email', { name: 'prescriberEmail' }),
				text('Prescriber Registration Code', 'prescriber_details.registration_code', { name: 'prescriberRegistrationCode' }),
			],
		},
	],
};
