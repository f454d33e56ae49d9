// Parameters that run an operation: a value each required field takes, by the rule that checks it.
import type { IDataObject } from 'n8n-workflow';

import type { HeroField, HeroOperation } from '../../nodes/HeroHealth/model';
import { needsAChange } from '../../nodes/HeroHealth/model';
import * as rules from '../../nodes/shared/normalise';
import { byId } from './engine';

/** A value each kind of field takes, by the rule that checks it. */
export function sampleFor(field: HeroField): unknown {
	const { normalise, property } = field;
	if (property.type === 'resourceLocator') return byId('20001');
	if (property.type === 'options')
		return property.default || (property.options?.[0] as { value: string }).value;
	if (property.type === 'multiOptions') return [(property.options?.[0] as { value: string }).value];
	if (property.type === 'boolean') return true;
	if (property.type === 'number')
		return (property.typeOptions?.minValue as number | undefined) ?? 1;
	if (property.type === 'dateTime') return '2026-12-10T09:00:00Z';
	const byRule = new Map<unknown, unknown>([
		[rules.normaliseNhsNumber, '999 000 0018'],
		[rules.normaliseUkMobile, '07700 900123'],
		[rules.normaliseEmail, 'robin@example.com'],
		[rules.normaliseContact, '07700 900123'],
		[rules.normaliseDate, '2026-12-10'],
		[rules.normaliseId, '20001'],
		[rules.normaliseIdList, '101'],
		[rules.normalisePostcode, 'SW1A 1AA'],
		[rules.normaliseSnomedCode, '279991000000102'],
		[rules.normaliseRecipients, '[{"nhs_number": "999 000 0018", "dob": "1970-01-31"}]'],
		[rules.normaliseKey, 'ABC123'],
		[rules.normaliseTextList, 'first_name'],
		[rules.normaliseJsonObject, '{}'],
		[rules.normaliseJson, '{}'],
	]);
	return byRule.has(normalise) ? byRule.get(normalise) : 'Test';
}

/** Per operation, values the spec or a check across fields needs beyond the samples. */
const OVERRIDES: Record<string, IDataObject> = {
	'invoicing.createInvoice': { additionalFields: { patientId: byId('20001') } },
	'webhook.create': { url: 'https://example.com/hero', eventType: 'appointment.confirmed' },
	'message.send': { channel: 'sms' },
	// No batch of this ID exists: its recipients' check is tested with a real batch in safety/.
	'message.sendBatch': { contactabilityCheck: 'off' },
	// A Custom API Call to Send a Message: where its safety controls apply.
	'customApiCall.call': {
		method: 'POST',
		path: '/v1/messages/send',
		additionalFields: {},
		options: {
			body: '{"patient_id": "20001", "message_type": "sms", "message_string": "Your review is due"}',
		},
	},
	'link.createAttachmentLink': { additionalFields: { ehrFileId: 'FILE-1' } },
};

export function parametersFor(resource: string, operation: HeroOperation): IDataObject {
	// Quiet hours off: the preview and the real send are compared whatever the time of day.
	const parameters: IDataObject = { resource, operation: operation.value, sendWindow: 'off' };
	for (const field of operation.fields.filter((f) => f.required)) {
		if (
			field.showWhen &&
			!Object.entries(field.showWhen).every(([name, values]) =>
				values.includes(parameters[name] as string),
			)
		)
			continue;
		parameters[field.property.name] = sampleFor(field) as IDataObject[string];
	}
	if (needsAChange(operation)) {
		const first = operation.fields.find((f) => !f.required && f.place === 'body')!;
		parameters.additionalFields = {
			[first.property.name]: sampleFor(first) as IDataObject[string],
		};
	}
	const extra = OVERRIDES[`${resource}.${operation.value}`] ?? {};
	return {
		...parameters,
		...extra,
		additionalFields: {
			...((parameters.additionalFields as IDataObject) ?? {}),
			...((extra.additionalFields as IDataObject) ?? {}),
		},
	};
}
