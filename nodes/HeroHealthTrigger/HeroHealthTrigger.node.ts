import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { heroRequest } from '../HeroHealth/transport';
import { deliveryId, firstDeliveries } from './deliveries';
import { triggerOptions } from './options';
import { FULL_RECORD, HERO_EVENTS } from './events';
import type { TriggerStaticData } from './lifecycle';
import { checkExists, create, remove } from './lifecycle';
import { ReplayGuard, verifyDelivery } from './signature';

const replays = new ReplayGuard();

function reject(context: IWebhookFunctions, status: number, text: string): IWebhookResponseData {
	const res = context.getResponseObject();
	res.status(status).json({ error: text });
	return { noWebhookResponse: true };
}

/** The body as a JSON object, or {} when it is not one (answered 400 after verification). */
function parseObject(rawBody: Buffer): IDataObject {
	let parsed: unknown;
	try {
		parsed = JSON.parse(rawBody.toString('utf8'));
	} catch {
		return {};
	}
	return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as IDataObject) : {};
}

function headerValue(headers: IDataObject, name: string): string | undefined {
	const value = headers[name];
	if (Array.isArray(value)) return String(value[0]);
	return value === undefined ? undefined : String(value);
}

/**
 * The keys this trigger registered for the event, across its test and production URLs (both
 * are ours, and n8n does not tell a delivery which URL it came in on). Only that event's keys:
 * a delivery signed for one event cannot pass as another, and an event that is not a string
 * has no key at all.
 */
function signingKeysFor(context: IWebhookFunctions, event: unknown): string[] {
	if (typeof event !== 'string') return [];
	const registrations = (context.getWorkflowStaticData('node') as TriggerStaticData).registrations ?? {};
	return Object.values(registrations).flatMap((byEvent) =>
		Object.entries(byEvent)
			.filter(([name]) => name === event)
			.map(([, registration]) => registration.signingKey),
	);
}

/** Activation stops on options that do not read, before any webhook is registered. */
function checkOptions(context: IHookFunctions): void {
	const options = triggerOptions(context.getNodeParameter('options', {}) as IDataObject);
	if (typeof options === 'string') {
		throw new NodeOperationError(context.getNode(), options, {
			description: 'Correct the option in the Hero Health Trigger, then activate the workflow again.',
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
		description: 'Starts the workflow when Hero Health sends an event, such as a confirmed appointment',
		defaults: { name: 'Hero Health Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'heroHealthApi', required: true }],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
		properties: [
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				default: [],
				options: HERO_EVENTS,
				description: 'The Hero events that start this workflow. One Hero webhook is registered per event.',
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
		const options = triggerOptions(this.getNodeParameter('options', {}) as IDataObject);
		if (typeof options === 'string') {
			// Misconfigured: refuse rather than run with a check switched off.
			this.logger.error(`Hero Health Trigger refused a delivery: ${options}`);
			return reject(this, 500, 'The Hero Health Trigger is misconfigured; see its options');
		}
		const request = this.getRequestObject() as unknown as { rawBody?: Buffer; body?: unknown };
		const headers = this.getHeaderData() as IDataObject;
		const rawBody =
			request.rawBody ?? Buffer.from(typeof request.body === 'string' ? request.body : JSON.stringify(request.body ?? ''));

		const payload = parseObject(rawBody);

		const timestamp = headerValue(headers, 'x-herohealth-timestamp');
		const signature = headerValue(headers, 'x-herohealth-signature');
		let deliveredAt: string | undefined;
		let delivery: string | undefined;
		if (options.verifySignature) {
			const windowSeconds = options.replayWindow;
			const verdict = verifyDelivery({
				rawBody,
				timestamp,
				signature,
				signingKeys: signingKeysFor(this, payload.event),
				toleranceSeconds: windowSeconds,
			});
			if (!verdict.ok) {
				this.logger.warn(`Hero Health Trigger refused a delivery: ${verdict.reason}`);
				return reject(this, 401, 'Invalid or missing Hero signature');
			}
			// Keyed on what was signed, not on the header's spelling of it: a re-encoded
			// signature (case, base64url, a prefix, spaces) is the same delivery.
			if (replays.check(`${this.getWorkflow().id}:${verdict.digest}`, windowSeconds * 1000)) {
				this.logger.warn('Hero Health Trigger refused a delivery: already received');
				return reject(this, 401, 'This delivery was already received');
			}
			deliveredAt = verdict.timestamp.toISOString();
			delivery = deliveryId(verdict.digest);
		}
		const contentType = headerValue(headers, 'content-type');
		if (contentType && !/json/i.test(contentType)) {
			return reject(this, 415, 'Expected application/json');
		}
		if (typeof payload.event !== 'string' || !payload.event) {
			return reject(this, 400, 'Expected a JSON Hero event with an "event" name');
		}

		const events = this.getNodeParameter('events', []) as string[];
		if (!events.includes(payload.event)) {
			// Signed but not selected: acknowledge so Hero does not retry, start nothing.
			this.getResponseObject().status(200).json({ ignored: true });
			return { noWebhookResponse: true };
		}

		// Known fields first, then whatever else Hero sent: its payloads were never fully captured.
		const item: IDataObject = {
			event: payload.event,
			object: payload.object,
			id: payload.id,
			practice_group_id: payload.practice_group_id,
			delivered_at: deliveredAt ?? timestamp ?? null,
			delivery_id: delivery ?? null,
		};
		for (const [key, value] of Object.entries(payload)) if (!(key in item)) item[key] = value;
		if (options.fetchFullRecord) {
			const target = FULL_RECORD[String(payload.object)];
			const id = String(payload.id ?? '');
			if (!target) {
				item.record_note = `Hero's API has no operation to fetch a ${String(payload.object)}; only its ID is available`;
			} else if (!/^\d+$/.test(id)) {
				item.record_note = 'The event has no numeric ID to fetch the record with';
			} else {
				try {
					item.record = (await heroRequest.call(
						this,
						{
							method: 'GET',
							path: target.path.replace('{id}', id),
							practiceGroupId: payload.practice_group_id ? String(payload.practice_group_id) : undefined,
						},
						{ subject: target.subject, id },
					)) as IDataObject;
				} catch (error) {
					// The event still matters without its record; say why the record is missing.
					item.record_error = (error as Error).message;
				}
			}
		}
		return { workflowData: [this.helpers.returnJsonArray([item])] };
	}
}
