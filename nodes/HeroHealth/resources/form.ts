import { boolean, choice, id, locator, text } from '../fields';
import type { HeroResource } from '../types';

export const form: HeroResource = {
	value: 'form',
	name: 'Form',
	description: 'Questionnaires and forms patients fill in, and their responses',
	operations: [
		{
			value: 'list',
			name: 'Get Many',
			action: 'Get many forms',
			description: 'List forms by text, reply flag and type',
			heroName: 'List Forms',
			method: 'GET',
			path: '/v1/forms',
			list: { paginated: false },
			fields: [
				text('Search', 'search', { name: 'search', in: 'query', maxLength: 200 }),
				boolean('Reply Form', 'reply_form', { name: 'replyForm', in: 'query', description: 'Whether to return only reply forms' }),
				choice('Form Type', 'form_type', ['questionnaire', 'response', 'appointment', 'care_navigation'], { name: 'formType', in: 'query' }),
			],
		},
		{
			value: 'get',
			name: 'Get',
			action: 'Get a form',
			description: 'Get a form with its questions',
			heroName: 'Get Form',
			method: 'GET',
			path: '/v1/forms/{id}',
			subject: 'form',
			fields: [locator('form', 'id', { name: 'formId', in: 'path', required: true })],
		},
		{
			value: 'getResponse',
			name: 'Get Response',
			action: 'Get a form response',
			description: 'Get a submitted form response by ID',
			heroName: 'Get Form Response',
			method: 'GET',
			path: '/v1/form_response/{id}',
			subject: 'form response',
			fields: [id('Form Response ID', 'id', { name: 'formResponseId', in: 'path', required: true })],
		},
	],
};
