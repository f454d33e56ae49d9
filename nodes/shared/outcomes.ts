import type { IDataObject } from 'n8n-workflow';

import type { HeroContext, RequestSettings } from './transport';
import { heroRequest, heroRequestPages } from './transport';

// Who was reached: Hero's message and batch statuses read tolerantly into one state, and the rule
// that says a patient was not reached. Used by Get Outcomes and the Hero Health Outcomes Trigger.

/** One state for every status Hero shows, documented or not. */
export type OutcomeState =
	| 'pending'
	| 'sent'
	| 'delivered'
	| 'read'
	| 'failed'
	| 'not_sent'
	| 'unknown';

/**
 * Hero's status values by state. Documented: a single message's example status `delivered`;
 * batch recipients and sends CREATED, QUEUED, SENT, ERROR, SUCCESS; batch enrichment ENRICHED,
 * ENRICHMENT_ERROR, INVALID_PAYLOAD. The rest is inferred from common messaging APIs.
 */
export const STATUS_STATES: Record<string, OutcomeState> = {
	created: 'pending',
	enriched: 'pending',
	queued: 'pending',
	pending: 'pending',
	scheduled: 'pending',
	sending: 'sent',
	sent: 'sent',
	success: 'delivered',
	delivered: 'delivered',
	read: 'read',
	opened: 'read',
	seen: 'read',
	error: 'failed',
	failed: 'failed',
	undelivered: 'failed',
	bounced: 'failed',
	rejected: 'failed',
	enrichment_error: 'not_sent',
	invalid_payload: 'not_sent',
	cancelled: 'not_sent',
	canceled: 'not_sent',
};

/** The statuses Hero's pages show; the others in STATUS_STATES are inferred. */
export const DOCUMENTED_STATUSES = [
	'delivered',
	'CREATED',
	'QUEUED',
	'SENT',
	'ERROR',
	'SUCCESS',
	'ENRICHED',
	'ENRICHMENT_ERROR',
	'INVALID_PAYLOAD',
];

export function stateOf(status: unknown): OutcomeState {
	if (typeof status !== 'string') return 'unknown';
	return STATUS_STATES[status.trim().toLowerCase()] ?? 'unknown';
}

export type Channel = 'nhs_app' | 'sms' | 'email' | 'hero' | 'unknown';

export function channelOf(value: unknown): Channel {
	const channel = String(value ?? '')
		.trim()
		.toLowerCase();
	if (channel === 'nhs_app' || channel === 'sms' || channel === 'email' || channel === 'hero')
		return channel;
	return 'unknown';
}

/** When a patient counts as reached, and how long a message may take before it counts as not. */
export interface ReachRules {
	/** NHS App: only read counts (a message can arrive and never be opened), or delivered. */
	nhsAppReachedWhen: 'read' | 'delivered';
	/** Hours after sending before a message neither delivered (nor read) counts as not reached. */
	waitHours: Record<'nhs_app' | 'sms' | 'email', number>;
}

export const DEFAULT_REACH_RULES: ReachRules = {
	nhsAppReachedWhen: 'read',
	waitHours: { nhs_app: 3, sms: 24, email: 24 },
};

/** The reach rules' options, worded once for Get Outcomes and the Hero Health Outcomes Trigger. */
export const REACH_OPTIONS = {
	nhsAppReachedWhen: {
		label: 'NHS App Reached When',
		values: [
			['Read', 'read'],
			['Delivered', 'delivered'],
		] as Array<[string, string]>,
		description:
			'When an NHS App message counts as reaching the patient: an NHS App message can arrive and never be opened',
	},
	maxWaitHours: 720,
	waits: [
		{
			name: 'nhsAppWaitHours',
			label: 'NHS App Wait (Hours)',
			channel: 'nhs_app',
			noun: 'an NHS App',
		},
		{ name: 'smsWaitHours', label: 'SMS Wait (Hours)', channel: 'sms', noun: 'an SMS' },
		{ name: 'emailWaitHours', label: 'Email Wait (Hours)', channel: 'email', noun: 'an email' },
	] as Array<{ name: string; label: string; channel: keyof ReachRules['waitHours']; noun: string }>,
	waitDescription: (noun: string) =>
		`Hours after sending before ${noun} message not yet reached counts as not reached`,
};

export interface Outcome {
	state: OutcomeState;
	/** Hero's own value, as it sent it. */
	hero_status: string | null;
	channel: Channel;
	/** Reached by the channel's rule. */
	reached: boolean;
	/** Not reached, and no longer waiting: failed, not sent, unknown, or the wait is over. */
	not_reached: boolean;
	/** Not reached yet, and still within the channel's wait. */
	waiting: boolean;
	sent_at: string | null;
	delivered_at: string | null;
	read_at: string | null;
	reason: string | null;
	checked_at: string;
}

const timeOf = (value: unknown) => (typeof value === 'string' && value ? value : null);

/**
 * What became of one message. Not reached: failed, not sent, a status Hero does not document (it
 * cannot be told apart from a failure, so it is never taken as reached), or still short of the
 * channel's rule once its wait is over; a message with no time to count from is not waited for.
 */
export function outcomeOf(
	record: IDataObject,
	channel: Channel,
	rules: ReachRules,
	now: number,
): Outcome {
	const heroStatus =
		record.status === undefined || record.status === null ? null : String(record.status);
	let state = stateOf(heroStatus);
	const readAt = timeOf(record.read_at);
	if (readAt && (state === 'delivered' || state === 'sent')) state = 'read';
	const reachedState =
		channel === 'nhs_app' && rules.nhsAppReachedWhen === 'read' ? ['read'] : ['delivered', 'read'];
	const reached = reachedState.includes(state);
	const sentAt = timeOf(record.sent_at) ?? timeOf(record.scheduled_at) ?? timeOf(record.created_at);
	const wait = rules.waitHours[channel as keyof ReachRules['waitHours']] ?? rules.waitHours.sms;
	const since = sentAt ? Date.parse(sentAt) : NaN;
	const stillInFlight = ['pending', 'sent', 'delivered'].includes(state);
	const waiting =
		!reached && stillInFlight && !Number.isNaN(since) && now - since < wait * 3_600_000;
	return {
		state,
		hero_status: heroStatus,
		channel,
		reached,
		not_reached: !reached && !waiting,
		waiting,
		sent_at: timeOf(record.sent_at),
		delivered_at: timeOf(record.delivered_at),
		read_at: readAt,
		reason: timeOf(record.failure_reason) ?? timeOf(record.error) ?? timeOf(record.reason),
		checked_at: new Date(now).toISOString(),
	};
}

/** A batch's recipients, each with its message where Hero lists it: every page, read once. */
export interface BatchRecipients {
	batch: IDataObject;
	recipients: Array<{ recipient: IDataObject; message?: IDataObject }>;
}

const PAGE = 1000;

export async function readBatchRecipients(
	context: HeroContext,
	batchId: string,
	settings: RequestSettings,
	practiceGroupId?: string,
): Promise<BatchRecipients> {
	const acting = practiceGroupId ? { practiceGroupId } : {};
	const path = `/v1/batch_message/${encodeURIComponent(batchId)}`;
	const batch = (await heroRequest.call(
		context,
		{ method: 'GET', path, ...acting },
		{ ...settings, subject: 'batch message', id: batchId },
	)) as IDataObject;
	const pages = { pageSize: PAGE };
	const recipients = await heroRequestPages.call(
		context,
		{ method: 'GET', path: `${path}/recipients`, ...acting },
		settings,
		pages,
	);
	const sends = await heroRequestPages.call(
		context,
		{ method: 'GET', path: `${path}/messages`, ...acting },
		settings,
		pages,
	);
	// A send names its recipient, or a recipient its message: either joins them.
	const byId = new Map(sends.map((send) => [String(send.id), send]));
	const byRecipient = new Map(
		sends
			.filter((send) => send.recipient_id !== undefined)
			.map((send) => [String(send.recipient_id), send]),
	);
	return {
		batch,
		recipients: recipients.map((recipient) => ({
			recipient,
			message:
				(recipient.message_id !== undefined ? byId.get(String(recipient.message_id)) : undefined) ??
				byRecipient.get(String(recipient.id)),
		})),
	};
}

/** One recipient's outcome: its message's status where Hero lists one, else the recipient's. */
export function recipientOutcome(
	entry: BatchRecipients['recipients'][number],
	channel: Channel,
	rules: ReachRules,
	now: number,
	batch: IDataObject,
): Outcome {
	const { recipient, message } = entry;
	const record: IDataObject = message
		? { ...message, status: message.status ?? recipient.status }
		: { ...recipient };
	// With no time of its own, a recipient's message counts from when the batch was sent.
	if (!record.sent_at && !record.created_at) record.created_at = batch.sent_at ?? batch.created_at;
	return outcomeOf(record, channel, rules, now);
}
