import { flagListField, recordLocator, textField, textListField } from '../fields';
import type { HeroResource } from '../model';

export const subscription: HeroResource = {
	value: 'subscription',
	name: 'Subscription',
	description: 'Patient subscriptions to paid care schemes',
	operations: [
		{
			value: 'list',
			name: 'Get Many',
			action: 'Get many subscriptions',
			description: 'List patient subscriptions by patient, scheme and status',
			heroName: 'List Subscriptions',
			method: 'GET',
			path: '/v1/subscriptions',
			list: { paginated: true },
			fields: [
				recordLocator({
					parameter: 'patientId',
					record: 'patient',
					label: 'Patient',
					apiKey: 'patient_id',
					place: 'query',
				}),
				textField({
					parameter: 'schemeId',
					label: 'Scheme ID',
					apiKey: 'scheme_id',
					place: 'query',
					maxLength: 100,
				}),
				textField({
					parameter: 'schemeName',
					label: 'Scheme Name',
					apiKey: 'scheme_name',
					place: 'query',
					maxLength: 200,
				}),
				textField({
					parameter: 'status',
					label: 'Status',
					apiKey: 'status',
					place: 'query',
					maxLength: 50,
					placeholder: 'e.g. cancelled',
				}),
				textListField({
					parameter: 'orderByField',
					label: 'Order By',
					apiKey: 'order_by[]',
					place: 'query',
					placeholder: 'e.g. created_at',
				}),
				flagListField({
					parameter: 'orderDescending',
					label: 'Order Descending',
					apiKey: 'order_descending[]',
					place: 'query',
					description: 'Whether to sort newest first',
				}),
			],
		},
	],
};
