import { binaryField, heroField, jsonField, oneOf } from '../fields';
import {
	normaliseApiPath,
	normaliseBinaryProperty,
	normaliseJsonObject,
} from '../../shared/normalise';
import type { HeroResource } from '../model';

const METHODS = ['DELETE', 'GET', 'PATCH', 'POST', 'PUT'].map((m) => ({ name: m, value: m }));

export const customApiCall: HeroResource = {
	value: 'customApiCall',
	name: 'Custom API Call',
	description:
		'Any Hero endpoint this node does not cover yet, with the same credential, retries and errors',
	operations: [
		{
			value: 'call',
			name: 'Make an API Call',
			action: 'Make a custom API call',
			description:
				'Send any request to the Hero API, e.g. an endpoint Hero adds or documents later',
			heroName: '(any endpoint)',
			method: 'GET',
			path: '',
			custom: true,
			fields: [
				heroField(
					{
						label: 'Method',
						parameter: 'method',
						apiKey: 'method',
						place: 'none',
						required: true,
						default: 'GET',
						description: "The HTTP method, as Hero's reference gives it for the endpoint",
					},
					{ type: 'options', options: METHODS },
					oneOf(METHODS),
				),
				heroField(
					{
						label: 'Path',
						parameter: 'path',
						apiKey: 'path',
						place: 'none',
						required: true,
						placeholder: 'e.g. /v1/me',
						description:
							"The endpoint path from Hero's reference, starting with its version (e.g. /v1/me); the base URL comes from the credential",
					},
					{ type: 'string' },
					normaliseApiPath,
				),
				heroField(
					{
						label: 'Query Parameters',
						parameter: 'queryParameters',
						apiKey: 'query',
						place: 'none',
						description: 'JSON object, e.g. {"page_size": 10}',
					},
					{ type: 'json' },
					normaliseJsonObject,
				),
				jsonField({
					label: 'Body',
					parameter: 'body',
					apiKey: 'body',
					place: 'none',
					description: 'JSON body for POST, PUT and PATCH',
				}),
				binaryField({
					label: 'Input Binary Field',
					parameter: 'inputBinaryField',
					description:
						'Sends the file in this binary field of the input item as the body, with its MIME type, instead of Body',
				}),
				heroField(
					{
						label: 'Output Binary Field',
						parameter: 'outputBinaryField',
						apiKey: 'outputBinaryField',
						place: 'none',
						default: 'data',
						description:
							'When Hero answers with a file rather than JSON or text (such as a PDF), the binary field of the output item it is put in',
					},
					{ type: 'string' },
					normaliseBinaryProperty,
				),
			],
			notice:
				'Repeats follow the same rule as every operation: GET, PUT and DELETE are retried after a server fault, POST and PATCH only after a rate limit. When Method and Path are an operation this node offers, the query and body keys it names are checked by its field rules (an NHS number, a mobile, a date); other keys are sent as they are. An answer that is a file (not JSON or text) is output as binary data.',
		},
	],
};
