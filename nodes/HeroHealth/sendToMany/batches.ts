import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import type { SmsCost } from '../../shared/sms';
import type { RequestSettings } from '../../shared/transport';
import { cut, heroRequest, heroRequestPages } from '../../shared/transport';
import type { RunContext } from '../run/context';
import { itemError } from '../run/errors';

// Hero's batch messages for Send to Many: found by name, created, enriched, sent once.

/** Batch statuses after which Hero has taken the batch to send: never sent again. */
const TAKEN = ['QUEUED', 'PENDING', 'SENDING', 'COMPLETED'];
/** Batch statuses Hero ends enrichment with when it refuses the whole batch. */
const REFUSED = ['ENRICHMENT_ERROR', 'INVALID_PAYLOAD'];

export interface Recipient {
	index: number;
	nhsNumber: string;
	dob: string;
}

export interface Campaign {
	/** What every recipient of these batches gets: channel, subject, content, Extra Body Fields. */
	message: IDataObject;
	recipients: Recipient[];
	/** What the message costs where it goes by SMS. */
	sms?: SmsCost;
}

export interface Batch extends Campaign {
	name: string;
	/** Recipients of the campaign this batch is part of, for the SMS cost in all. */
	campaignRecipients?: number;
}

/** Whether Hero has taken the batch to send: it is never sent again. */
export const isTaken = (batch: IDataObject) => TAKEN.includes(String(batch.status));

/**
 * A batch of this campaign that Hero already holds with another message (channel, subject or
 * content): never sent, and the run says which key and what differs. A field Hero's record does
 * not show cannot be compared, so it counts as different (fails closed).
 */
export function staleError(
	run: RunContext,
	campaignKey: string | undefined,
	batch: Batch,
	found: IDataObject,
): Error | undefined {
	const differs = ['channel', 'subject', 'content'].filter((key) => {
		const held = key in found ? (found[key] ?? '') : undefined;
		return held === undefined || String(held) !== String(batch.message[key] ?? '');
	});
	if (!differs.length) return undefined;
	const key = campaignKey ? `Campaign Key "${campaignKey}"` : 'This campaign';
	return new NodeOperationError(
		run.node,
		`${key}: Hero already holds batch "${batch.name}" (${String(found.status)}) with another ${differs.join(', ')}, so this run's message was not sent`,
		{
			description: `The batch was created by an earlier run with other content; sending it would send the old message${isTaken(found) ? ' (it has been sent already)' : ''}. To send the corrected message, give it a new Campaign Key; to send the old one, put the old content back.`,
		},
	);
}

const settingsFor = (run: RunContext, id?: string): RequestSettings => ({
	...run.settings,
	subject: 'batch message',
	...(id ? { id } : {}),
});

/** Every batch Hero holds, by name: what an earlier run of this campaign created. */
export async function batchesByName(run: RunContext, acting: { practiceGroupId?: string }) {
	const list = await heroRequestPages.call(
		run.context,
		{ method: 'GET', path: '/v1/batch_message', ...acting },
		settingsFor(run),
		{},
	);
	const byName = new Map<string, IDataObject>();
	for (const batch of list) if (typeof batch.name === 'string') byName.set(batch.name, batch);
	return byName;
}

export interface Outcome {
	id: string;
	status: string;
	sentNow: boolean;
	recipients: Map<string, IDataObject>;
	/** Recipients the Contactability Check refused, by NHS number: the batch was not sent. */
	refused?: Map<string, Error>;
}

/** The Contactability Check on a batch's matched recipients: refused ones by NHS number. */
export type Screen = (
	batch: Batch,
	recipients: Map<string, IDataObject>,
) => Promise<Map<string, Error>>;

/**
 * One batch: created unless found, enriched, sent unless Hero has taken it already, and only
 * while `closed` finds the Send Window open.
 */
export async function runBatch(
	run: RunContext,
	acting: { practiceGroupId?: string },
	batch: Batch,
	found: IDataObject | undefined,
	waitMs: number,
	closed: () => Error | undefined,
	screen?: Screen,
): Promise<Outcome> {
	const { context } = run;
	let current = found;
	if (!current) {
		current = (await heroRequest.call(
			context,
			{
				method: 'POST',
				path: '/v1/batch_message',
				...acting,
				body: {
					name: batch.name,
					...batch.message,
					recipients: batch.recipients.map((r) => ({ nhs_number: r.nhsNumber, dob: r.dob })),
				},
			},
			settingsFor(run),
		)) as IDataObject;
		context.logger.info(
			`Send to Many: created batch "${batch.name}" (${batch.recipients.length} recipients)`,
		);
	} else {
		context.logger.info(
			`Send to Many: found batch "${batch.name}" (${String(current.status)}) from an earlier run`,
		);
	}
	const id = String(current.id);
	const path = `/v1/batch_message/${encodeURIComponent(id)}`;
	const read = async () =>
		(await heroRequest.call(
			context,
			{ method: 'GET', path, ...acting },
			settingsFor(run, id),
		)) as IDataObject;

	// Enrichment: Hero matches the recipients to patients; poll with back-off up to the wait.
	const started = Date.now();
	let delay = 500;
	while (String(current.status) === 'CREATED') {
		const waited = Date.now() - started;
		if (waited >= waitMs) {
			throw new NodeOperationError(
				run.node,
				`Hero had not finished matching the recipients of batch "${batch.name}" after ${Math.round(waited / 1000)} s; run the workflow again to continue it (the batch is found by name, not created again)`,
			);
		}
		await sleep(Math.min(delay, waitMs - waited));
		delay = Math.min(delay * 2, 10_000);
		current = await read();
		context.logger.info(
			`Send to Many: batch "${batch.name}" is ${String(current.status)} after ${Math.round((Date.now() - started) / 1000)} s`,
		);
	}
	const status = String(current.status);
	if (REFUSED.includes(status)) {
		const reason = current.error ?? current.reason ?? current.message;
		throw new NodeOperationError(
			run.node,
			`Hero refused batch "${batch.name}" (${status})${reason ? `: ${cut(String(reason))}` : ''}; nothing was sent to its recipients`,
		);
	}
	const recipients = new Map<string, IDataObject>();
	for (const recipient of await heroRequestPages.call(
		context,
		{ method: 'GET', path: `${path}/recipients`, ...acting },
		settingsFor(run, id),
		// One page for the whole batch where Hero allows it: fewer requests against the rate limit.
		{ pageSize: Math.min(Math.max(batch.recipients.length, 1), 1000) },
	)) {
		recipients.set(String(recipient.nhs_number), recipient);
	}
	if (TAKEN.includes(status)) return { id, status, sentNow: false, recipients };
	if (status !== 'ENRICHED')
		throw new NodeOperationError(
			run.node,
			`Batch "${batch.name}" is ${status}: Send to Many sends only an enriched batch`,
		);
	// Every matched recipient checked; with one refused the batch is not sent as it is.
	const refused = screen ? await screen(batch, recipients) : undefined;
	if (refused?.size) {
		context.logger.info(
			`Send to Many: batch "${batch.name}" not sent: the Contactability Check refused ${refused.size} recipient(s)`,
		);
		return { id, status, sentNow: false, recipients, refused };
	}
	// The window again, at the moment of sending: enrichment may have taken it past closing.
	const refusal = closed();
	if (refusal) throw refusal;
	const sent = (await heroRequest.call(
		context,
		{ method: 'PATCH', path: `${path}/send`, ...acting },
		settingsFor(run, id),
	)) as IDataObject | undefined;
	context.logger.info(`Send to Many: sent batch "${batch.name}"`);
	return { id, status: String(sent?.status ?? 'QUEUED'), sentNow: true, recipients };
}

/**
 * Recipient statuses where Hero did not take the recipient to send: never matched to a patient,
 * or refused. Any other (ENRICHED, then QUEUED, SENT, SUCCESS, ERROR as sending goes on) was sent
 * with the batch; what became of it is Get Outcomes' to say.
 */
const NOT_TAKEN = ['CREATED', 'ENRICHMENT_ERROR', 'INVALID_PAYLOAD'];

/** Each recipient's outcome on its own item: sent with the batch, or why Hero did not send. */
export function report(
	run: RunContext,
	batch: Batch,
	outcome: Outcome,
	recipients: Batch['recipients'],
): void {
	for (const r of recipients) {
		const seen = outcome.recipients.get(r.nhsNumber);
		const json: IDataObject = {
			batch_id: outcome.id,
			batch_name: batch.name,
			batch_status: outcome.status,
			sent_by_this_run: outcome.sentNow,
			recipient_status: seen?.status ?? 'UNKNOWN',
		};
		// Which recipient this item is, for Get Outcomes; the message too once Hero lists it.
		if (seen?.id !== undefined) json.recipient_id = String(seen.id);
		if (seen?.message_id !== undefined) json.message_id = String(seen.message_id);
		if (seen && !NOT_TAKEN.includes(String(seen.status))) {
			// Scrubbed as every output is: a key that reached a Campaign Key never shows.
			run.results.output(r.index, [{ json: run.scrubber.deep(json) }]);
			continue;
		}
		const reason = String(
			seen?.error ??
				seen?.reason ??
				(seen ? seen.status : 'not among the batch recipients Hero listed'),
		);
		run.results.fail(
			r.index,
			itemError(
				run.node,
				r.index,
				`Hero did not send to this recipient: ${cut(reason)}`,
				`Batch "${batch.name}" (${outcome.id}) went to the other recipients. Check the NHS number and date of birth against the patient's record.`,
			),
		);
	}
}
