import {
	boolean,
	choice,
	contact,
	dateTime,
	id,
	locator,
	number,
	recipients,
	snomedCode,
	text,
} from '../fields';
import type { HeroResource } from '../types';

const CHANNELS: Array<[string, string]> = [
	['Hero App', 'hero'],
	['SMS', 'sms'],
	['Email', 'email'],
	['NHS App', 'nhs_app'],
];

const BATCH_CHANNELS: Array<[string, string]> = [
	['SMS', 'SMS'],
	['Email', 'EMAIL'],
	['NHS App', 'NHS_APP'],
];

/** An SMS goes to a mobile, an email to an address: catch a swapped recipient before sending. */
function contactFits(channel: unknown, contactDetail: unknown): string | undefined {
	if (typeof contactDetail !== 'string') return undefined;
	const isEmail = contactDetail.includes('@');
	if (channel === 'sms' && isEmail) return 'must be a UK mobile number when the channel is SMS';
	if (channel === 'email' && !isEmail) return 'must be an email address when the channel is Email';
	return undefined;
}

const batchId = () => locator('batchMessage', 'id', { name: 'batchMessageId', in: 'path', required: true, label: 'Batch Message' });

/** What the two lists of one batch share: the batch to pick, a status filter, paging. */
const perBatchList = () => ({
	method: 'GET' as const,
	scope: 'messaging' as const,
	subject: 'batch message',
	list: { paginated: true },
	fields: [batchId(), text('Status', 'status', { name: 'status', in: 'query', placeholder: 'e.g. CREATED', maxLength: 50 })],
});

export const message: HeroResource = {
	value: 'message',
	name: 'Message',
	description: 'Messages to patients by SMS, email, NHS App or Hero, one at a time or in batches',
	operations: [
		{
			value: 'send',
			name: 'Send',
			action: 'Send a message',
			description:
				'Send a message to a Hero patient. The patient comes from Register via PDS or a patient search.',
			heroName: 'Send a Message',
			method: 'POST',
			path: '/v1/messages/send',
			scope: 'messaging',
			subject: 'patient',
			fields: [
				locator('patient', 'patient_id', { name: 'patientId', required: true }),
				choice('Channel', 'message_type', CHANNELS, { name: 'channel',
					required: true,
					default: 'sms',
					description:
						'How Hero sends it. NHS App messages fall back to SMS or email when unread after an hour.',
				}),
				text('Message', 'message_string', { name: 'message', required: true, rows: 4, maxLength: 5000 }),
				contact('Recipient', 'recipient_contact_detail', { name: 'recipient',
					description:
						"Mobile or email to send to instead of the patient's record. Mobiles are sent in +44 format.",
				}),
				choice('Fallback Channel', 'fallback_message_type', [
					['SMS', 'sms'],
					['Email', 'email'],
				], { name: 'fallbackChannel' }),
				contact('Fallback Recipient', 'fallback_contact_detail', { name: 'fallbackRecipient' }),
				boolean('Write to Record', 'write_to_record', { name: 'writeToRecord',
					description: "Whether to write the message to the patient's EHR record after approval",
				}),
				boolean('Auto Write to Record', 'auto_write_to_record', { name: 'autoWriteToRecord',
					description:
						'Whether to write to the record without Hero admin approval (only if the key allows it)',
				}),
				snomedCode('SNOMED Code', 'snomed_code', { name: 'snomedCode',
					description: 'Code for the record entry; Hero applies a default when empty',
				}),
				text('SNOMED Term', 'snomed_term', { name: 'snomedTerm', maxLength: 255 }),
				boolean('Encrypted', 'encrypted', { name: 'encrypted', description: 'Whether Hero should encrypt the message' }),
				dateTime('Send At', 'send_at', { name: 'sendAt', description: 'Schedule the message instead of sending now' }),
				id('Task ID', 'task_id', { name: 'taskId' }),
				text('Attachment UUID', 'attachment_uuid', { name: 'attachmentUuid',
					description: 'From Create Attachment Link',
					maxLength: 100,
				}),
				text('Short Link ID', 'short_link_id', { name: 'shortLinkId', maxLength: 100 }),
				number('Assignee ID', 'assignee_id', { name: 'messageAssigneeId', min: 1, default: 1, description: 'Admin or admin team assigned to replies' }),
				choice('Assignee Type', 'assignee_type', [
					['Admin', 'Admin'],
					['Admin Team', 'AdminTeam'],
				], { name: 'assigneeType' }),
			],
			check: ({ body }) => {
				const channel = body?.message_type;
				const recipient = contactFits(channel, body?.recipient_contact_detail);
				if (recipient) return { field: 'Recipient', message: recipient };
				const fallback = contactFits(body?.fallback_message_type, body?.fallback_contact_detail);
				if (fallback) return { field: 'Fallback Recipient', message: fallback };
				return undefined;
			},
		},
		{
			value: 'get',
			name: 'Get',
			action: 'Get a message',
			description: 'Get a message with its delivery status and write-to-record outcome',
			heroName: 'Get a Message',
			method: 'GET',
			path: '/v1/messages/{id}',
			scope: 'messaging',
			subject: 'message',
			fields: [id('Message ID', 'id', { name: 'messageId', in: 'path', required: true })],
		},
		{
			value: 'createBatch',
			name: 'Create Batch',
			action: 'Create a batch message',
			description:
				'Create one message for many patients, identified by NHS number and date of birth. Send it with Send Batch.',
			heroName: 'Create a Batch Message',
			method: 'POST',
			path: '/v1/batch_message',
			scope: 'messaging',
			fields: [
				text('Name', 'name', { name: 'name', required: true, maxLength: 255, description: 'For your own reference' }),
				choice('Channel', 'channel', BATCH_CHANNELS, { required: true, default: 'SMS', name: 'batchChannel' }),
				text('Subject', 'subject', { name: 'subject', maxLength: 255, description: 'Required for email' }),
				text('Content', 'content', { name: 'content', required: true, rows: 4, maxLength: 5000 }),
				recipients('Recipients', 'recipients', { name: 'recipients', required: true }),
			],
			check: ({ body }) =>
				body?.channel === 'EMAIL' && !body.subject
					? { field: 'Subject', message: 'is required when the channel is Email' }
					: undefined,
		},
		{
			value: 'listBatches',
			name: 'Get Many Batches',
			action: 'Get many batches',
			description: 'List batch messages, optionally by status',
			heroName: 'List Batch Messages',
			method: 'GET',
			path: '/v1/batch_message',
			scope: 'messaging',
			list: { paginated: true },
			fields: [
				choice('Status', 'status', ['CREATED', 'ENRICHMENT_ERROR', 'ENRICHED', 'INVALID_PAYLOAD', 'QUEUED'], { name: 'batchStatus',
					in: 'query',
				}),
			],
		},
		{
			value: 'getBatch',
			name: 'Get Batch',
			action: 'Get a batch message',
			description: 'Get a batch message and its status',
			heroName: 'Get a Batch Message',
			method: 'GET',
			path: '/v1/batch_message/{id}',
			scope: 'messaging',
			subject: 'batch message',
			fields: [batchId()],
		},
		{
			value: 'sendBatch',
			name: 'Send Batch',
			action: 'Send a batch message',
			description: 'Start sending a batch message created with Create Batch',
			heroName: 'Send a Batch Message',
			method: 'PATCH',
			path: '/v1/batch_message/{id}/send',
			scope: 'messaging',
			subject: 'batch message',
			fields: [batchId()],
		},
		{
			value: 'listBatchRecipients',
			name: 'Get Many Batch Recipients',
			action: 'Get many batch recipients',
			description: 'List the recipients of a batch message, optionally by status',
			heroName: 'List Batch Message Recipients',
			path: '/v1/batch_message/{id}/recipients',
			...perBatchList(),
		},
		{
			value: 'listBatchSends',
			name: 'Get Many Batch Sends',
			action: 'Get many batch sends',
			description: 'List the individual messages a batch message sent',
			heroName: 'List Batch Message Sends',
			path: '/v1/batch_message/{id}/messages',
			...perBatchList(),
		},
		{
			value: 'listTemplates',
			name: 'Get Many Templates',
			action: 'Get many message templates',
			description: 'List message templates, optionally only those with a follow-up',
			heroName: 'List Templates',
			method: 'GET',
			path: '/v1/templates',
			scope: 'messaging',
			list: { paginated: false },
			fields: [
				boolean('Has Follow Up', 'has_follow_up', { name: 'hasFollowUp',
					in: 'query',
					description: 'Whether to return only templates with a follow-up',
				}),
			],
		},
		{
			value: 'validateSnomedCode',
			name: 'Validate SNOMED Code',
			action: 'Validate a SNOMED code',
			description: 'Check a SNOMED code before using it to write a message to the record',
			heroName: 'Validate a SNOMED Code',
			method: 'POST',
			path: '/v1/snomed/validate',
			scope: 'messaging',
			fields: [text('SNOMED Code', 'code', { name: 'snomedCode', required: true, maxLength: 50, placeholder: 'e.g. 279991000000102' })],
		},
		{
			value: 'getAutomatedMessage',
			name: 'Get Automated Message',
			action: 'Get an automated message',
			description: 'Get an automated message (such as a recall sequence message) by ID',
			heroName: 'Get Automated Message',
			method: 'GET',
			path: '/v2/automated_messages/{id}',
			scope: 'messaging',
			subject: 'automated message',
			fields: [id('Automated Message ID', 'id', { name: 'automatedMessageId', in: 'path', required: true })],
		},
	],
};
