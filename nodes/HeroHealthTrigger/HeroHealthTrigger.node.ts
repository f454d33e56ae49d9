import type {
	IExecuteFunctions,
	IHookFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { HERO_EVENTS } from '../shared/events';
import { firstDeliveries } from './deliveries';
import { checkExists, create, remove } from './lifecycle';
import { optionsOf } from './options';
import { isDelivery, reject, toItem, verify, withFullRecord } from './webhook';

/** Activation stops on options that do not read, before any webhook is registered. */
function checkOptions(context: IHookFunctions): void {
	const options = optionsOf(context);
	if (typeof options === 'string') {
		throw new NodeOperationError(context.getNode(), options, {
			description:
				'Correct the option in the Hero Health Trigger, then activate the workflow again.',
		});
	}
}

export class HeroHealthTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Hero Health Trigger',
		name: 'heroHealthTrigger',
		icon: { light: 'file:herohealth.svg', dark: 'file:herohealth.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description:
			'Starts the workflow when Hero Health sends an event, such as a confirmed appointment',
		defaults: { name: 'Hero Health Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'heroHealthApi', required: true }],
		webhooks: [
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' },
		],
		properties: [
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				default: [],
				options: HERO_EVENTS,
				description:
					'The Hero events that start this workflow. One Hero webhook is registered per event.',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Fetch Full Record',
						name: 'fetchFullRecord',
						type: 'boolean',
						default: false,
						description:
							'Whether to fetch the appointment, patient or form response the event is about, since Hero only sends its ID',
					},
					{
						displayName: 'Record Fields',
						name: 'recordFields',
						type: 'string',
						default: '',
						placeholder: 'e.g. first_name, dob',
						description:
							'With Record Output set to Selected Fields: the fields of the patient record to keep, separated by commas; IDs are always kept',
					},
					{
						displayName: 'Record Output',
						name: 'recordOutput',
						type: 'options',
						options: [
							{ name: 'Raw', value: 'raw', description: 'The whole record, as Hero sends it' },
							{
								name: 'Selected Fields',
								value: 'selected',
								description: 'Only the fields named in Record Fields, and IDs',
							},
							{
								name: 'Simplified',
								value: 'simplified',
								description: 'At most ten fields, IDs kept',
							},
						],
						default: 'raw',
						description:
							'What Fetch Full Record keeps of a patient record. A restricted record leaves out contact details and address unless named.',
					},
					{
						displayName: 'Replay Window (Seconds)',
						name: 'replayWindow',
						type: 'number',
						typeOptions: { minValue: 1, maxValue: 3600 },
						default: 300,
						description:
							'Deliveries whose timestamp is further than this from now, in the past or the future, are refused (1 to 3600)',
					},
					{
						displayName: 'Verify Signature',
						name: 'verifySignature',
						type: 'boolean',
						default: true,
						description:
							'Whether to refuse deliveries that are not signed with the key this trigger registered. Keep it on.',
					},
				],
			},
			{
				displayName:
					'Signature checks are off: anyone who learns this webhook URL can start the workflow with made-up events',
				name: 'verificationOffNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { '/options.verifySignature': [false] } },
			},
		],
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				checkOptions(this);
				return await checkExists.call(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				checkOptions(this);
				return await create.call(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await remove.call(this);
			},
		},
	};

	// n8n runs this on the trigger's items when the execution starts (on a worker in queue mode).
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [await firstDeliveries(this)];
	}

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const options = optionsOf(this);
		if (typeof options === 'string') {
			// Misconfigured: refuse rather than run with a check switched off.
			this.logger.error(`Hero Health Trigger refused a delivery: ${options}`);
			return reject(this, 500, 'The Hero Health Trigger is misconfigured; see its options');
		}
		const delivery = verify(this, options);
		if (!isDelivery(delivery)) return delivery;
		let item = toItem(delivery);
		if (options.fetchFullRecord) item = await withFullRecord(this, item, options);
		return { workflowData: [this.helpers.returnJsonArray([item])] };
	}
}
