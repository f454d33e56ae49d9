import { booleanField, choiceField, idField, recordLocator, textField } from '../fields';
import type { HeroResource } from '../model';

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
				textField({
					parameter: 'search',
					label: 'Search',
					apiKey: 'search',
					place: 'query',
					maxLength: 200,
				}),
				booleanField({
					parameter: 'replyForm',
					label: 'Reply Form',
					apiKey: 'reply_form',
					place: 'query',
					description: 'Whether to return only reply forms',
				}),
				choiceField({
					parameter: 'formType',
					label: 'Form Type',
					apiKey: 'form_type',
					values: ['questionnaire', 'response', 'appointment', 'care_navigation'],
					place: 'query',
				}),
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
			fields: [
				recordLocator({
					parameter: 'formId',
					record: 'form',
					apiKey: 'id',
					place: 'path',
					required: true,
				}),
			],
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
			fields: [
				idField({
					parameter: 'formResponseId',
					label: 'Form Response ID',
					apiKey: 'id',
					place: 'path',
					required: true,
				}),
			],
		},
	],
};
