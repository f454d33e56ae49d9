import { email, id, mobile, text } from '../fields';
import type { HeroResource } from '../types';

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
			fields: [id('Prescriber ID', 'id', { name: 'prescriberId', in: 'path', required: true })],
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
				id('Prescriber ID', 'prescriber_id', { name: 'prescriberId', required: true }),
				text('Name', 'name', { name: 'name', required: true, maxLength: 200 }),
				email('Email', 'email', { name: 'email', required: true }),
				mobile('Mobile', 'mobile', { name: 'mobile', required: true }),
			],
		},
	],
};
