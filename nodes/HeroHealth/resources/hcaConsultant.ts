import { referenceField, textField, textListField } from '../fields';
import type { HeroResource } from '../model';

export const hcaConsultant: HeroResource = {
	value: 'hcaConsultant',
	name: 'HCA Consultant',
	description: 'The HCA consultant directory (Booking - HCA)',
	operations: [
		{
			value: 'search',
			name: 'Search',
			action: 'Search HCA consultants',
			description: 'Search the HCA consultant directory',
			heroName: 'Search HCA Consultants',
			method: 'GET',
			path: '/v1/booking-hca/consultants',
			list: { paginated: false },
			fields: [
				textField({
					parameter: 'search',
					label: 'Search',
					apiKey: 'search',
					place: 'query',
					maxLength: 200,
					placeholder: 'e.g. cardiology',
				}),
				textListField({
					parameter: 'fields',
					label: 'Fields',
					apiKey: 'fields',
					place: 'query',
					description: 'Only these consultant fields (comma-separated)',
				}),
			],
		},
		{
			value: 'get',
			name: 'Get',
			action: 'Get an HCA consultant',
			description: 'Get an HCA consultant by GMC number',
			heroName: 'Get HCA Consultant',
			method: 'GET',
			path: '/v1/booking-hca/consultants/{gmc_number}',
			subject: 'consultant',
			fields: [
				referenceField({
					parameter: 'gmcNumber',
					label: 'GMC Number',
					apiKey: 'gmc_number',
					place: 'path',
					required: true,
					placeholder: 'e.g. 7000001',
				}),
			],
		},
		{
			value: 'getAvailability',
			name: 'Get Availability',
			action: "Get an HCA consultant's availability",
			description: 'Get the availability of an HCA consultant by CRM ID',
			heroName: 'Get HCA Consultant Availability',
			method: 'GET',
			path: '/v1/booking-hca/consultants/{crm_id}/availability',
			subject: 'consultant',
			fields: [
				referenceField({
					parameter: 'crmId',
					label: 'CRM ID',
					apiKey: 'crm_id',
					place: 'path',
					required: true,
				}),
			],
		},
	],
};
