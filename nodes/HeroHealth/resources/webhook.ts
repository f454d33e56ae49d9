import { HERO_EVENTS } from '../../shared/events';
import type { IDataObject } from 'n8n-workflow';

import { choiceField, jsonField, recordLocator, textField } from '../fields';
import { recordsOf } from '../../shared/transport';
import type { HeroResource } from '../model';

const EVENT_TYPES = HERO_EVENTS.map((event): [string, string] => [event.name, String(event.value)]);

/** Signing keys are secrets: execution data is stored and shown to every editor, so hide them. */
function hideSigningKeys(body: unknown): IDataObject[] {
	return recordsOf(body).map((hook) =>
		hook.signing_key ? { ...hook, signing_key: '[hidden]', has_signing_key: true } : hook,
	);
}

export const webhook: HeroResource = {
	value: 'webhook',
	name: 'Webhook',
	description:
		'Webhook subscriptions. The Hero Health Trigger manages its own; these are for everything else.',
	operations: [
		{
			value: 'list',
			name: 'Get Many',
			action: 'Get many webhooks',
			description: 'List the webhooks registered for the practice group',
			heroName: 'List Webhooks',
			method: 'GET',
			path: '/v1/webhooks',
			list: { paginated: false },
			output: hideSigningKeys,
			fields: [
				choiceField({
					parameter: 'eventType',
					label: 'Event Type',
					apiKey: 'event_type',
					values: EVENT_TYPES,
					place: 'query',
				}),
			],
		},
		{
			value: 'create',
			name: 'Create',
			action: 'Create a webhook',
			description: 'Register a URL Hero posts to when an event happens',
			heroName: 'Create a Webhook',
			method: 'POST',
			path: '/v1/webhooks',
			output: (body) => hideSigningKeys([body])[0],
			fields: [
				choiceField({
					parameter: 'eventType',
					label: 'Event Type',
					apiKey: 'event_type',
					values: EVENT_TYPES,
					required: true,
					default: 'appointment.confirmed',
				}),
				textField({
					parameter: 'url',
					label: 'URL',
					apiKey: 'url',
					required: true,
					maxLength: 2000,
					placeholder: 'e.g. https://example.com/hero-events',
				}),
				textField({
					parameter: 'description',
					label: 'Description',
					apiKey: 'description',
					maxLength: 500,
				}),
				textField({
					parameter: 'signingKey',
					label: 'Signing Key',
					apiKey: 'signing_key',
					password: true,
					maxLength: 200,
					description: 'Secret Hero uses to sign each delivery (HMAC-SHA256)',
				}),
				jsonField({
					parameter: 'headers',
					label: 'Headers',
					apiKey: 'headers',
					description: 'JSON object of extra headers Hero adds to each delivery',
				}),
			],
			check: ({ body }) =>
				/^https?:\/\/[^\s]+$/i.test(String(body?.url ?? ''))
					? undefined
					: { field: 'URL', message: 'must be a web address starting with https://' },
		},
		{
			value: 'delete',
			name: 'Delete',
			action: 'Delete a webhook',
			description: 'Remove a webhook subscription',
			heroName: 'Delete Webhook',
			method: 'DELETE',
			path: '/v1/webhooks/{id}',
			subject: 'webhook',
			fields: [
				recordLocator({
					parameter: 'webhookId',
					record: 'webhook',
					apiKey: 'id',
					place: 'path',
					required: true,
				}),
			],
			output: () => ({ deleted: true }),
		},
	],
};
