import type { HeroResource } from '../model';

export const partner: HeroResource = {
	value: 'partner',
	name: 'Partner',
	description: 'Tokens for Hero partner integrations',
	operations: [
		{
			value: 'getHeidiToken',
			name: 'Get Heidi Token',
			action: 'Get a Heidi token',
			description: 'Get a short-lived token for the Heidi integration',
			heroName: 'Get Heidi Token',
			method: 'GET',
			path: '/v1/partners/heidi/token',
			fields: [],
		},
	],
};
