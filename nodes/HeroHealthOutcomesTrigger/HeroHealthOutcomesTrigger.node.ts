import type {
	IDataObject,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import type { ReachRules } from '../shared/outcomes';
import { DEFAULT_REACH_RULES, REACH_OPTIONS } from '../shared/outcomes';
import type { OutcomeEvent } from './poll';
import { pollOutcomes } from './poll';

const EVENTS: Array<{ name: string; value: OutcomeEvent; description: string }> = [
	{
		name: 'Batch Completed',
		value: 'batchCompleted',
		description: 'Hero has sent a batch message: one item per batch, with outcome counts',
	},
	{
		name: 'Batch Recipients Failed',
		value: 'recipientsFailed',
		description:
			'A recipient of a batch message was not sent it, or its message failed: one item per recipient',
	},
	{
		name: 'Recipients Not Reached',
		value: 'recipientsNotReached',
		description:
			'A recipient of a batch message was not reached within the wait for its channel (or failed): one item per recipient',
	},
];

const hours = (wait: (typeof REACH_OPTIONS.waits)[number]) => ({
	displayName: wait.label,
	name: wait.name,
	type: 'number' as const,
	default: DEFAULT_REACH_RULES.waitHours[wait.channel],
	typeOptions: { minValue: 0, maxValue: REACH_OPTIONS.maxWaitHours },
	description: REACH_OPTIONS.waitDescription(wait.noun),
});

/** A number option read strictly: a value that is not a number in range is an error, not a default. */
function numberOption(
	context: IPollFunctions,
	options: IDataObject,
	name: string,
	label: string,
	fallback: number,
	max: number,
): number {
	if (!(name in options)) return fallback;
	const value = Number(options[name]);
	if (options[name] === '' || !Number.isFinite(value) || value < 0 || value > max)
		throw new NodeOperationError(context.getNode(), `${label}: must be a number from 0 to ${max}`, {
			description: 'Correct the option in the Hero Health Outcomes Trigger.',
		});
	return value;
}

export class HeroHealthOutcomesTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Hero Health Outcomes Trigger',
		name: 'heroHealthOutcomesTrigger',
		icon: { light: 'file:herohealth.svg', dark: 'file:herohealth.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description:
			'Starts the workflow when Hero batch messages complete or their recipients are not reached, by polling Hero',
		defaults: { name: 'Hero Health Outcomes Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'heroHealthApi', required: true }],
		properties: [
			{
				displayName:
					'Hero has no webhook for message outcomes, so this trigger polls its batch messages. Single messages (Send a Message) are followed with Message > Get Outcomes.',
				name: 'pollingNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				default: ['batchCompleted'],
				options: EVENTS,
				description: 'What starts the workflow; each event is emitted once',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: REACH_OPTIONS.nhsAppReachedWhen.label,
						name: 'nhsAppReachedWhen',
						type: 'options',
						default: 'read',
						options: REACH_OPTIONS.nhsAppReachedWhen.values.map(([name, value]) => ({
							name,
							value,
						})),
						description: REACH_OPTIONS.nhsAppReachedWhen.description,
					},
					...REACH_OPTIONS.waits.map(hours),
					{
						displayName: 'Watch Batches For (Days)',
						name: 'watchDays',
						type: 'number',
						default: 7,
						typeOptions: { minValue: 1, maxValue: 30 },
						description: 'Batches sent longer ago than this are no longer read',
					},
				],
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const events = this.getNodeParameter('events', []) as OutcomeEvent[];
		const known = EVENTS.map((event) => event.value);
		const unknown = events.filter((event) => !known.includes(event));
		if (!events.length || unknown.length)
			throw new NodeOperationError(
				this.getNode(),
				unknown.length
					? `Events: unknown event ${unknown.join(', ')}`
					: 'Events: choose at least one',
				{ description: 'Correct Events in the Hero Health Outcomes Trigger.' },
			);
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const when = options.nhsAppReachedWhen ?? DEFAULT_REACH_RULES.nhsAppReachedWhen;
		if (when !== 'read' && when !== 'delivered')
			throw new NodeOperationError(
				this.getNode(),
				'NHS App Reached When: must be Read or Delivered',
			);
		return await pollOutcomes(this, {
			events,
			rules: {
				nhsAppReachedWhen: when,
				waitHours: Object.fromEntries(
					REACH_OPTIONS.waits.map((wait) => [
						wait.channel,
						numberOption(
							this,
							options,
							wait.name,
							wait.label,
							DEFAULT_REACH_RULES.waitHours[wait.channel],
							REACH_OPTIONS.maxWaitHours,
						),
					]),
				) as ReachRules['waitHours'],
			},
			watchDays: numberOption(this, options, 'watchDays', 'Watch Batches For (Days)', 7, 30),
			now: Date.now(),
			manual: this.getMode() === 'manual',
		});
	}
}
