import { emailField, idField, mobileField, textField } from '../fields';
import type { HeroResource } from '../model';

export const prescription: HeroResource = {
	value: 'prescription',
	name: 'Prescription',
	description: "Prescribers' pharmacies",
	operations: [
		{
			value: 'listPharmacies',
			name: 'Get Many Pharmacies',
			action: 'Get many pharmacies',
			description: 'List the pharmacies saved for a prescriber',
			heroName: "Get Prescriber's Pharmacies List",
			method: 'GET',
			path: '/v1/prescriber/{id}/pharmacies',
			subject: 'prescriber',
			list: { paginated: false },
			fields: [
				idField({
					parameter: 'prescriberId',
					label: 'Prescriber ID',
					apiKey: 'id',
					place: 'path',
					required: true,
				}),
			],
		},
		{
			value: 'createPharmacy',
			name: 'Create Pharmacy',
			action: 'Create a pharmacy',
			description: 'Save a pharmacy against a prescriber',
			heroName: 'Create Pharmacy',
			method: 'POST',
			path: '/v1/pharmacies',
			fields: [
				idField({
					parameter: 'prescriberId',
					label: 'Prescriber ID',
					apiKey: 'prescriber_id',
					required: true,
				}),
				textField({
					parameter: 'name',
					label: 'Name',
					apiKey: 'name',
					required: true,
					maxLength: 200,
				}),
				emailField({ parameter: 'email', label: 'Email', apiKey: 'email', required: true }),
				mobileField({ parameter: 'mobile', label: 'Mobile', apiKey: 'mobile', required: true }),
			],
		},
	],
};
