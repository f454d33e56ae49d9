import {
	booleanField,
	choiceField,
	contactField,
	dateTimeField,
	idField,
	numberField,
	recipientsField,
	recordLocator,
	snomedCodeField,
	textField,
} from '../fields';
import type { HeroResource } from '../model';
import { getOutcomes } from '../outcomes/operation';
import { sendToMany } from '../sendToMany/operation';
import { BATCH_SMS, batchMessageFields, emailHasSubject } from './batchMessage';

const CHANNELS: Array<[string, string]> = [
	['Hero App', 'hero'],
	['SMS', 'sms'],
	['Email', 'email'],
	['NHS App', 'nhs_app'],
];

/** An SMS goes to a mobile, an email to an address: catch a swapped recipient before sending. */
function contactFits(channel: unknown, contactDetail: unknown): string | undefined {
	if (typeof contactDetail !== 'string') return undefined;
	const isEmail = contactDetail.includes('@');
	if (channel === 'sms' && isEmail) return 'must be a UK mobile number when the channel is SMS';
	if (channel === 'email' && !isEmail) return 'must be an email address when the channel is Email';
	return undefined;
}

const batchId = () =>
	recordLocator({
		parameter: 'batchMessageId',
		record: 'batchMessage',
		apiKey: 'id',
		place: 'path',
		required: true,
		label: 'Batch Message',
	});

/** What the two lists of one batch share: the batch to pick, a status filter, paging. */
const perBatchList = () => ({
	method: 'GET' as const,
	scope: 'messaging' as const,
	subject: 'batch message',
	list: { paginated: true },
	fields: [
		batchId(),
		textField({
			parameter: 'status',
			label: 'Status',
			apiKey: 'status',
			place: 'query',
			placeholder: 'e.g. CREATED',
			maxLength: 50,
		}),
	],
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
			contacts: 'scheduled',
			addressedTo: 'patient_id',
			sms: {
				channel: 'message_type',
				value: 'sms',
				content: 'message_string',
				fallback: 'fallback_message_type',
			},
			method: 'POST',
			path: '/v1/messages/send',
			scope: 'messaging',
			subject: 'patient',
			fields: [
				recordLocator({
					parameter: 'patientId',
					record: 'patient',
					apiKey: 'patient_id',
					required: true,
				}),
				choiceField({
					parameter: 'channel',
					label: 'Channel',
					apiKey: 'message_type',
					values: CHANNELS,
					required: true,
					default: 'sms',
					description:
						'How Hero sends it. NHS App messages fall back to SMS or email when unread after an hour.',
				}),
				textField({
					parameter: 'message',
					label: 'Message',
					apiKey: 'message_string',
					required: true,
					rows: 4,
					maxLength: 5000,
				}),
				contactField({
					parameter: 'recipient',
					label: 'Recipient',
					apiKey: 'recipient_contact_detail',
					description:
						"Mobile or email to send to instead of the patient's record. Mobiles are sent in +44 format.",
				}),
				choiceField({
					parameter: 'fallbackChannel',
					label: 'Fallback Channel',
					apiKey: 'fallback_message_type',
					values: [
						['SMS', 'sms'],
						['Email', 'email'],
					],
				}),
				contactField({
					parameter: 'fallbackRecipient',
					label: 'Fallback Recipient',
					apiKey: 'fallback_contact_detail',
				}),
				booleanField({
					parameter: 'writeToRecord',
					label: 'Write to Record',
					apiKey: 'write_to_record',
					description: "Whether to write the message to the patient's EHR record after approval",
				}),
				booleanField({
					parameter: 'autoWriteToRecord',
					label: 'Auto Write to Record',
					apiKey: 'auto_write_to_record',
					description:
						'Whether to write to the record without Hero admin approval (only if the key allows it)',
				}),
				snomedCodeField({
					parameter: 'snomedCode',
					label: 'SNOMED Code',
					apiKey: 'snomed_code',
					description: 'Code for the record entry; Hero applies a default when empty',
				}),
				textField({
					parameter: 'snomedTerm',
					label: 'SNOMED Term',
					apiKey: 'snomed_term',
					maxLength: 255,
				}),
				booleanField({
					parameter: 'encrypted',
					label: 'Encrypted',
					apiKey: 'encrypted',
					description: 'Whether Hero should encrypt the message',
				}),
				dateTimeField({
					parameter: 'sendAt',
					label: 'Send At',
					apiKey: 'send_at',
					description: 'Schedule the message instead of sending now',
				}),
				idField({ parameter: 'taskId', label: 'Task ID', apiKey: 'task_id' }),
				textField({
					parameter: 'attachmentUuid',
					label: 'Attachment UUID',
					apiKey: 'attachment_uuid',
					description: 'From Create Attachment Link',
					maxLength: 100,
				}),
				textField({
					parameter: 'shortLinkId',
					label: 'Short Link ID',
					apiKey: 'short_link_id',
					maxLength: 100,
				}),
				numberField({
					parameter: 'messageAssigneeId',
					label: 'Assignee ID',
					apiKey: 'assignee_id',
					min: 1,
					default: 1,
					description: 'Admin or admin team assigned to replies',
				}),
				choiceField({
					parameter: 'assigneeType',
					label: 'Assignee Type',
					apiKey: 'assignee_type',
					values: [
						['Admin', 'Admin'],
						['Admin Team', 'AdminTeam'],
					],
				}),
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
			fields: [
				idField({
					parameter: 'messageId',
					label: 'Message ID',
					apiKey: 'id',
					place: 'path',
					required: true,
				}),
			],
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
			sms: BATCH_SMS,
			fields: [
				textField({
					parameter: 'name',
					label: 'Name',
					apiKey: 'name',
					required: true,
					maxLength: 255,
					description: 'For your own reference',
				}),
				...batchMessageFields(),
				recipientsField({
					parameter: 'recipients',
					label: 'Recipients',
					apiKey: 'recipients',
					required: true,
				}),
			],
			check: emailHasSubject,
		},
		sendToMany,
		getOutcomes,
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
				choiceField({
					parameter: 'batchStatus',
					label: 'Status',
					apiKey: 'status',
					values: ['CREATED', 'ENRICHMENT_ERROR', 'ENRICHED', 'INVALID_PAYLOAD', 'QUEUED'],
					place: 'query',
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
			contacts: 'immediate',
			checksRecipients: true,
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
				booleanField({
					parameter: 'hasFollowUp',
					label: 'Has Follow Up',
					apiKey: 'has_follow_up',
					place: 'query',
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
			readOnly: true,
			method: 'POST',
			path: '/v1/snomed/validate',
			scope: 'messaging',
			fields: [
				textField({
					parameter: 'snomedCode',
					label: 'SNOMED Code',
					apiKey: 'code',
					required: true,
					maxLength: 50,
					placeholder: 'e.g. 279991000000102',
				}),
			],
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
			fields: [
				idField({
					parameter: 'automatedMessageId',
					label: 'Automated Message ID',
					apiKey: 'id',
					place: 'path',
					required: true,
				}),
			],
		},
	],
};
