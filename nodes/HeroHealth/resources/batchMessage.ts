import { choiceField, textField } from '../fields';
import type { HeroField, HeroOperation } from '../model';

// The message of a Hero batch, described once for Create Batch and Send to Many.

const BATCH_CHANNELS: Array<[string, string]> = [
	['SMS', 'SMS'],
	['Email', 'EMAIL'],
	['NHS App', 'NHS_APP'],
];

/** Where a batch's body says it goes by SMS, and what it says. */
export const BATCH_SMS: HeroOperation['sms'] = {
	channel: 'channel',
	value: 'SMS',
	content: 'content',
};

/** The message of a batch (Create Batch, Send to Many): channel, subject for email, content. */
export const batchMessageFields = (): HeroField[] => [
	choiceField({
		parameter: 'batchChannel',
		label: 'Channel',
		apiKey: 'channel',
		values: BATCH_CHANNELS,
		required: true,
		default: 'SMS',
	}),
	textField({
		parameter: 'subject',
		label: 'Subject',
		apiKey: 'subject',
		maxLength: 255,
		description: 'Required for email',
	}),
	textField({
		parameter: 'content',
		label: 'Content',
		apiKey: 'content',
		required: true,
		rows: 4,
		maxLength: 5000,
	}),
];

export const emailHasSubject: HeroOperation['check'] = ({ body }) =>
	body?.channel === 'EMAIL' && !body.subject
		? { field: 'Subject', message: 'is required when the channel is Email' }
		: undefined;
