import { DEFAULT_REACH_RULES, DOCUMENTED_STATUSES, REACH_OPTIONS } from '../../shared/outcomes';
import { booleanField, choiceField, numberField, textField } from '../fields';
import type { HeroField, HeroOperation } from '../model';
import { runGetOutcomes } from './run';

// Message > Get Outcomes: the entry in the Message resource; its runner is ./run.ts.

/** An ID read from the item as Send a Message and Send to Many output it. */
const fromItem = (parameter: string, label: string, key: string, description: string): HeroField =>
	textField({
		parameter,
		label,
		apiKey: parameter,
		place: 'none',
		topLevel: true,
		maxLength: 100,
		default: `={{ $json.${key} }}`,
		description,
	});

const waitField = (wait: (typeof REACH_OPTIONS.waits)[number]): HeroField =>
	numberField({
		parameter: wait.name,
		label: wait.label,
		apiKey: wait.name,
		place: 'none',
		min: 0,
		max: REACH_OPTIONS.maxWaitHours,
		default: DEFAULT_REACH_RULES.waitHours[wait.channel],
		description: REACH_OPTIONS.waitDescription(wait.noun),
	});

export const getOutcomes: HeroOperation = {
	value: 'getOutcomes',
	name: 'Get Outcomes',
	action: 'Get message outcomes',
	description:
		'Add what became of each message to its item (sent, delivered, read, failed), for the items of Send a Message or Send to Many',
	heroName: 'Get a Message, or Get a Batch Message with its recipients and sends',
	method: 'GET',
	path: '/v1/messages/{id}',
	calls: [
		{ method: 'GET', path: '/v1/batch_message/{id}' },
		{ method: 'GET', path: '/v1/batch_message/{id}/recipients' },
		{ method: 'GET', path: '/v1/batch_message/{id}/messages' },
	],
	scope: 'messaging',
	subject: 'message',
	run: runGetOutcomes,
	notice: `Hero documents only some of its status values (${DOCUMENTED_STATUSES.join(', ')}); others are read by their usual meaning, and one Hero does not document counts as not reached. Each batch is read whole, every page, once per run.`,
	fields: [
		fromItem(
			'outcomeMessageId',
			'Message ID',
			'message_id',
			'The message to follow: Send a Message outputs message_id. Used when Batch ID is empty.',
		),
		fromItem(
			'outcomeBatchId',
			'Batch ID',
			'batch_id',
			'The batch to follow: Send to Many outputs batch_id',
		),
		fromItem(
			'outcomeRecipientId',
			'Recipient ID',
			'recipient_id',
			"The item's recipient in the batch: Send to Many outputs recipient_id. Empty: one item for every recipient of the batch.",
		),
		booleanField({
			parameter: 'onlyNotReached',
			label: 'Only Not Reached',
			apiKey: 'onlyNotReached',
			place: 'none',
			topLevel: true,
			description:
				'Whether to output only the items whose patient was not reached: failed, not sent, or not reached within the wait for the channel',
		}),
		booleanField({
			parameter: 'returnAll',
			label: 'Return All',
			apiKey: 'returnAll',
			place: 'none',
			topLevel: true,
			default: true,
			description:
				'Whether to output every recipient of a batch an item names without a Recipient ID, or only up to a given limit',
		}),
		numberField({
			parameter: 'limit',
			label: 'Limit',
			apiKey: 'limit',
			place: 'none',
			topLevel: true,
			min: 1,
			default: 50,
			description: 'Max number of recipients to return for each such batch',
			showWhen: { returnAll: [false] },
		}),
		choiceField({
			parameter: 'nhsAppReachedWhen',
			label: REACH_OPTIONS.nhsAppReachedWhen.label,
			apiKey: 'nhsAppReachedWhen',
			place: 'none',
			values: REACH_OPTIONS.nhsAppReachedWhen.values,
			default: DEFAULT_REACH_RULES.nhsAppReachedWhen,
			description: REACH_OPTIONS.nhsAppReachedWhen.description,
		}),
		...REACH_OPTIONS.waits.map(waitField),
	],
};
