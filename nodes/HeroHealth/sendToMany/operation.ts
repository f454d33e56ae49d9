import { dateField, nhsNumberField, numberField, textField } from '../fields';
import type { HeroOperation } from '../model';
import { BATCH_SMS, batchMessageFields, emailHasSubject } from '../resources/batchMessage';
import { DEFAULT_BATCH_SIZE, DEFAULT_ENRICHMENT_WAIT, MAX_BATCH_SIZE } from './constants';
import { runSendToMany } from './run';

// Message > Send to Many: the entry in the Message resource; its runner is ./run.ts.

export const sendToMany: HeroOperation = {
	value: 'sendToMany',
	name: 'Send to Many',
	action: 'Send a message to many',
	description:
		"Send one message to every input item's patient through Hero's batch messages: created in batches, enriched, then sent, once per campaign",
	heroName: 'Create a Batch Message, then Send a Batch Message',
	method: 'POST',
	path: '/v1/batch_message',
	calls: [
		{ method: 'GET', path: '/v1/batch_message/{id}/recipients' },
		{ method: 'PATCH', path: '/v1/batch_message/{id}/send' },
	],
	scope: 'messaging',
	contacts: 'immediate',
	checksRecipients: true,
	sms: BATCH_SMS,
	run: runSendToMany,
	notice:
		'Every input item is one recipient, found by NHS number and date of birth. Each batch is named from the Campaign Key and its number: a run repeated (Retry, Retry On Fail, a worker restarted) finds the batches by name, and never creates or sends one twice.',
	fields: [
		nhsNumberField({ parameter: 'nhsNumber', apiKey: 'nhs_number', required: true }),
		dateField({
			parameter: 'dateOfBirth',
			label: 'Date of Birth',
			apiKey: 'dob',
			required: true,
		}),
		...batchMessageFields(),
		numberField({
			parameter: 'batchSize',
			label: 'Batch Size',
			apiKey: 'batchSize',
			place: 'none',
			min: 1,
			max: MAX_BATCH_SIZE,
			default: DEFAULT_BATCH_SIZE,
			description: `Recipients per Hero batch, up to ${MAX_BATCH_SIZE.toLocaleString('en-GB')}; Hero's documentation states no limit`,
		}),
		textField({
			parameter: 'campaignKey',
			label: 'Campaign Key',
			apiKey: 'campaignKey',
			place: 'none',
			maxLength: 100,
			placeholder: 'e.g. flu-2026-wave-1',
			description:
				'Names the batches, so that a repeated run reuses them instead of sending again. Empty: made from the workflow, this node and the recipients and message.',
		}),
		numberField({
			parameter: 'enrichmentWait',
			label: 'Enrichment Wait (Seconds)',
			apiKey: 'enrichmentWait',
			place: 'none',
			min: 1,
			max: 3600,
			default: DEFAULT_ENRICHMENT_WAIT,
			description:
				'How long to wait for Hero to match the recipients to patients before a batch fails; a later run picks it up by name',
		}),
	],
	check: emailHasSubject,
};
