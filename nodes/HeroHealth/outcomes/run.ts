import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { normaliseBoolean, normaliseNumberIn, normaliseText } from '../../shared/normalise';
import type { BatchRecipients, ReachRules } from '../../shared/outcomes';
import {
	channelOf,
	DEFAULT_REACH_RULES,
	outcomeOf,
	readBatchRecipients,
	recipientOutcome,
} from '../../shared/outcomes';
import { heroRequest } from '../../shared/transport';
import type { RunContext } from '../run/context';
import { asItemError, checked, fieldError } from '../run/errors';
import { limitOf, practiceOf } from '../run/settings';

// Message > Get Outcomes: each item's message (Send a Message) or batch recipient (Send to Many)
// read from Hero and its outcome added to the same item. A batch is read whole once per run.

const HOURS = normaliseNumberIn({ min: 0, max: 720, integer: false });
/** Hero's message, batch and recipient IDs: text, as Hero's pages do not say their form. */
const ID = normaliseText(100);

interface Plan {
	index: number;
	practiceGroupId?: string;
	messageId?: string;
	batchId?: string;
	recipientId?: string;
	onlyNotReached: boolean;
	rules: ReachRules;
	limit?: number;
}

function planOf(run: RunContext, index: number): Plan {
	const { node, read } = run;
	const id = (name: string, label: string) =>
		checked(node, label, index, () => ID(read.get(name, index, '')));
	const onlyNotReached = checked(node, 'Only Not Reached', index, () =>
		normaliseBoolean(read.get('onlyNotReached', index, undefined)),
	);
	// The filter decides who gets the next message: empty is an error, never "everyone".
	if (onlyNotReached === undefined)
		throw fieldError(node, 'Only Not Reached', index, 'is empty: give it true or false');
	const filters = read.get<IDataObject>('filters', index, {});
	const hours = (name: string, label: string, fallback: number) => {
		if (!(name in filters)) return fallback;
		const value = checked(node, label, index, () => HOURS(filters[name]));
		if (value === undefined)
			throw fieldError(node, label, index, 'is empty: give it a number of hours');
		return value;
	};
	const when = filters.nhsAppReachedWhen ?? DEFAULT_REACH_RULES.nhsAppReachedWhen;
	if (when !== 'read' && when !== 'delivered')
		throw fieldError(node, 'NHS App Reached When', index, 'must be Read or Delivered');
	const { waitHours } = DEFAULT_REACH_RULES;
	const plan: Plan = {
		index,
		practiceGroupId: practiceOf(run, index),
		messageId: id('outcomeMessageId', 'Message ID'),
		batchId: id('outcomeBatchId', 'Batch ID'),
		recipientId: id('outcomeRecipientId', 'Recipient ID'),
		onlyNotReached,
		rules: {
			nhsAppReachedWhen: when,
			waitHours: {
				nhs_app: hours('nhsAppWaitHours', 'NHS App Wait (Hours)', waitHours.nhs_app),
				sms: hours('smsWaitHours', 'SMS Wait (Hours)', waitHours.sms),
				email: hours('emailWaitHours', 'Email Wait (Hours)', waitHours.email),
			},
		},
	};
	if (!plan.messageId && !plan.batchId)
		throw fieldError(
			node,
			'Message ID',
			index,
			'and Batch ID are both empty: connect this node after Send a Message (message_id) or Send to Many (batch_id and recipient_id), or map them',
		);
	if (plan.batchId && !plan.recipientId) plan.limit = limitOf(run, index);
	return plan;
}

export async function runGetOutcomes(run: RunContext): Promise<INodeExecutionData[][]> {
	const { context, results } = run;
	const items = context.getInputData();
	const plans: Plan[] = [];
	for (let index = 0; index < items.length; index++) {
		try {
			plans.push(planOf(run, index));
		} catch (error) {
			results.fail(index, error as Error);
		}
	}
	if (results.stopped) return results.finish();

	const now = Date.now();
	const batches = new Map<
		string,
		BatchRecipients & { byId: Map<string, BatchRecipients['recipients'][number]> }
	>();
	for (const plan of plans) {
		if (results.stopped) break;
		const { index, rules, practiceGroupId } = plan;
		const settings = { ...run.settings, itemIndex: index, scope: 'messaging' as const };
		try {
			let outcomes: IDataObject[];
			if (plan.batchId) {
				const key = `${practiceGroupId ?? ''}/${plan.batchId}`;
				let read = batches.get(key);
				if (!read) {
					const whole = await readBatchRecipients(context, plan.batchId, settings, practiceGroupId);
					// Looked up by recipient for each item: one pass over the batch, not one per item.
					const byId = new Map(whole.recipients.map((e) => [String(e.recipient.id), e]));
					read = { ...whole, byId };
					batches.set(key, read);
				}
				const channel = channelOf(read.batch.channel);
				let entries = read.recipients;
				if (plan.recipientId) {
					const entry = read.byId.get(plan.recipientId);
					entries = entry ? [entry] : [];
					if (!entry)
						throw fieldError(
							run.node,
							'Recipient ID',
							index,
							`is not among the recipients Hero lists for batch ${plan.batchId}`,
						);
				} else if (plan.limit !== undefined) entries = entries.slice(0, plan.limit);
				const batch = read.batch;
				outcomes = entries.map((entry) => ({
					...recipientOutcome(entry, channel, rules, now, batch),
					batch_id: plan.batchId,
					recipient_id: entry.recipient.id === undefined ? null : String(entry.recipient.id),
					message_id: String(entry.message?.id ?? entry.recipient.message_id ?? '') || null,
					// A batch read without a recipient: each output says whom it is about.
					...(plan.recipientId
						? {}
						: { nhs_number: entry.recipient.nhs_number ?? null, dob: entry.recipient.dob ?? null }),
				}));
			} else {
				const id = plan.messageId as string;
				const message = (await heroRequest.call(
					context,
					{
						method: 'GET',
						path: `/v1/messages/${encodeURIComponent(id)}`,
						...(practiceGroupId ? { practiceGroupId } : {}),
					},
					{ ...settings, subject: 'message', id },
				)) as IDataObject;
				const sent = items[index].json;
				const channel = channelOf(
					message.message_type ?? message.channel ?? sent.message_type ?? sent.channel,
				);
				outcomes = [{ ...outcomeOf(message, channel, rules, now), message_id: id }];
			}
			if (plan.onlyNotReached) outcomes = outcomes.filter((outcome) => outcome.not_reached);
			results.output(
				index,
				outcomes.map((outcome) => ({
					json: run.scrubber.deep({ ...items[index].json, outcome }),
				})),
			);
		} catch (error) {
			results.fail(index, asItemError(run.node, error as Error, index));
		}
	}
	return results.finish();
}
