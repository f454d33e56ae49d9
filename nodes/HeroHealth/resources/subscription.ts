import { flagList, idLocator, text, textList } from '../fields';
import type { HeroResource } from '../types';

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
				idLocator('patient', 'Patient ID', 'patient_id', { name: 'patientId', in: 'query' }),
				text('Scheme ID', 'scheme_id', { name: 'schemeId', in: 'query', maxLength: 100 }),
				text('Scheme Name', 'scheme_name', { name: 'schemeName', in: 'query', maxLength: 200 }),
				text('Status', 'status', { name: 'status', in: 'query', maxLength: 50, placeholder: 'e.g. cancelled' }),
				textList('Order By', 'order_by[]', { name: 'orderByField', in: 'query', placeholder: 'e.g. created_at' }),
				flagList('Order Descending', 'order_descending[]', { name: 'orderDescending', in: 'query', description: 'Whether to sort newest first' }),
			],
		},
	],
};
