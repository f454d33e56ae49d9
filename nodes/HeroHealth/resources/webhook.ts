import { HERO_EVENTS } from '../../HeroHealthTrigger/events';
import type { IDataObject } from 'n8n-workflow';

import { choice, json, locator, text } from '../fields';
import { recordsOf } from '../transport';
import type { HeroResource } from '../types';

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
	description: 'Webhook subscriptions. The Hero Health Trigger manages its own; these are for everything else.',
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
			fields: [choice('Event Type', 'event_type', EVENT_TYPES, { name: 'eventType', in: 'query' })],
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
				choice('Event Type', 'event_type', EVENT_TYPES, { name: 'eventType', required: true, default: 'appointment.confirmed' }),
				text('URL', 'url', { name: 'url', required: true, maxLength: 2000, placeholder: 'e.g. https://example.com/hero-events' }),
				text('Description', 'description', { name: 'description', maxLength: 500 }),
				text('Signing Key', 'signing_key', { name: 'signingKey',
					password: true,
					maxLength: 200,
					description: 'Secret Hero uses to sign each delivery (HMAC-SHA256)',
				}),
				json('Headers', 'headers', { name: 'headers', description: 'JSON object of extra headers Hero adds to each delivery' }),
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
			fields: [locator('webhook', 'id', { name: 'webhookId', in: 'path', required: true })],
			output: () => ({ deleted: true }),
		},
	],
};
