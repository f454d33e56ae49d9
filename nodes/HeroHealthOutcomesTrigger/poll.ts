import { createHash } from 'crypto';
import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import type { BatchRecipients, Outcome, OutcomeState, ReachRules } from '../shared/outcomes';
import { channelOf, readBatchRecipients, recipientOutcome } from '../shared/outcomes';
import type { RequestSettings } from '../shared/transport';
import { DEFAULT_RETRY, heroRequestPages } from '../shared/transport';

// One poll: Hero's batches read, each batch Hero has taken to send read whole (recipients and
// their messages), and what is new since the cursor emitted. The cursor lives in the node's static
// data: an event's key is claimed there before it is emitted (with no wait in between, so two
// polls at once never both emit it), and a batch whose every recipient has settled is dropped
// from it.

export type OutcomeEvent = 'batchCompleted' | 'recipientsFailed' | 'recipientsNotReached';

export interface Cursor {
	/** Event keys emitted, by batch ID. */
	emitted?: Record<string, string[]>;
	/** Batches settled (every event they can give emitted), with when: never read again. */
	settled?: Record<string, string>;
}

/** Batch statuses after which Hero has taken the batch to send. */
const TAKEN = ['QUEUED', 'PENDING', 'SENDING', 'COMPLETED'];
const FAILED: OutcomeState[] = ['failed', 'not_sent'];

export interface PollOptions {
	events: OutcomeEvent[];
	rules: ReachRules;
	/** Batches created longer ago than this are not watched. */
	watchDays: number;
	now: number;
	/** Manual runs (Fetch Test Event) show what there is without moving the cursor. */
	manual: boolean;
}

const SETTINGS: RequestSettings = { retry: DEFAULT_RETRY, timeoutMs: 30_000, scope: 'messaging' };

function counts(outcomes: Outcome[]): IDataObject {
	const byState: IDataObject = {};
	for (const outcome of outcomes) byState[outcome.state] = Number(byState[outcome.state] ?? 0) + 1;
	return {
		recipients: outcomes.length,
		...byState,
		reached: outcomes.filter((o) => o.reached).length,
		not_reached: outcomes.filter((o) => o.not_reached).length,
		waiting: outcomes.filter((o) => o.waiting).length,
	};
}

/** The events a batch gives now, each with its key. */
function eventsOf(
	read: BatchRecipients,
	options: PollOptions,
): { events: Array<{ key: string; json: IDataObject }>; final: boolean } {
	const { batch } = read;
	const id = String(batch.id);
	const channel = channelOf(batch.channel);
	const summary = {
		id,
		name: batch.name ?? null,
		channel: batch.channel ?? null,
		status: batch.status ?? null,
	};
	const outcomes = read.recipients.map((entry) => ({
		entry,
		outcome: recipientOutcome(entry, channel, options.rules, options.now, batch),
	}));
	const completed = String(batch.status) === 'COMPLETED';
	const events: Array<{ key: string; json: IDataObject }> = [];
	if (options.events.includes('batchCompleted') && completed) {
		events.push({
			key: `completed:${id}`,
			json: {
				event: 'batchCompleted',
				batch: summary,
				counts: counts(outcomes.map((o) => o.outcome)),
			},
		});
	}
	const recipientEvent = (event: OutcomeEvent, prefix: string, when: (o: Outcome) => boolean) => {
		if (!options.events.includes(event)) return;
		for (const { entry, outcome } of outcomes) {
			if (!when(outcome)) continue;
			// The cursor keeps no NHS number: a recipient without Hero's ID is keyed by a hash of it.
			const recipientId =
				entry.recipient.id !== undefined && entry.recipient.id !== null
					? String(entry.recipient.id)
					: `h${createHash('sha256').update(String(entry.recipient.nhs_number)).digest('hex').slice(0, 16)}`;
			events.push({
				key: `${prefix}:${id}:${recipientId}`,
				json: {
					event,
					batch: summary,
					recipient_id: entry.recipient.id ?? null,
					message_id: entry.message?.id ?? entry.recipient.message_id ?? null,
					nhs_number: entry.recipient.nhs_number ?? null,
					dob: entry.recipient.dob ?? null,
					outcome,
				},
			});
		}
	};
	recipientEvent('recipientsFailed', 'failed', (o) => FAILED.includes(o.state));
	recipientEvent('recipientsNotReached', 'notReached', (o) => o.not_reached);
	// Settled: Hero has finished with the batch and nobody is still waiting for their message.
	const final = completed && outcomes.every(({ outcome }) => !outcome.waiting);
	return { events, final };
}

export async function pollOutcomes(
	context: IPollFunctions,
	options: PollOptions,
): Promise<INodeExecutionData[][] | null> {
	const cursor = context.getWorkflowStaticData('node') as Cursor;
	cursor.emitted ??= {};
	cursor.settled ??= {};
	// Stop reading before n8n's budget for a poll runs out (n8n 2.x); the rest waits for the next.
	const budget =
		typeof context.getPollBudgetMs === 'function' ? context.getPollBudgetMs() : Infinity;
	const deadline = Date.now() + budget * 0.8;
	const oldest = options.now - options.watchDays * 86_400_000;

	const batches = await heroRequestPages.call(
		context,
		{ method: 'GET', path: '/v1/batch_message' },
		SETTINGS,
		{ pageSize: 100 },
	);
	const out: INodeExecutionData[] = [];
	for (const listed of batches) {
		const id = String(listed.id ?? '');
		if (!id || cursor.settled[id] || !TAKEN.includes(String(listed.status))) continue;
		const created = Date.parse(String(listed.sent_at ?? listed.created_at ?? ''));
		if (!Number.isNaN(created) && created < oldest) {
			if (!options.manual) {
				cursor.settled[id] = new Date(options.now).toISOString();
				delete cursor.emitted[id];
			}
			continue;
		}
		if (Date.now() >= deadline) break;
		const read = await readBatchRecipients(context, id, SETTINGS);
		// Another poll may have settled it while this one read.
		if (!options.manual && cursor.settled[id]) continue;
		const { events, final } = eventsOf(read, options);
		// Claimed and emitted with no wait in between: a second poll running at once sees the claim.
		const emitted = new Set(cursor.emitted[id] ?? []);
		const fresh = options.manual ? events : events.filter((event) => !emitted.has(event.key));
		if (!options.manual) {
			for (const event of fresh) emitted.add(event.key);
			if (final) {
				cursor.settled[id] = new Date(options.now).toISOString();
				delete cursor.emitted[id];
			} else if (emitted.size) cursor.emitted[id] = [...emitted];
		}
		out.push(...fresh.map((event) => ({ json: { event_id: event.key, ...event.json } })));
		if (options.manual && out.length) break;
	}
	pruneSettled(cursor, options.now);
	return out.length ? [out] : null;
}

/** Settled batches are remembered 60 days (beyond any watch window), then forgotten. */
function pruneSettled(cursor: Cursor, now: number): void {
	for (const [id, at] of Object.entries(cursor.settled ?? {}))
		if (now - Date.parse(at) > 60 * 86_400_000) delete cursor.settled![id];
}
