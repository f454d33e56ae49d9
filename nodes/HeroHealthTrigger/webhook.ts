import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { FULL_RECORD } from '../shared/events';
import { keptOf, PATIENT_SHORT } from '../shared/output';
import { heroRequest, scrubberFor } from '../shared/transport';
import { deliveryId, ReplayGuard } from './deliveries';
import type { TriggerStaticData } from './lifecycle';
import type { TriggerOptions } from './options';
import { verifyDelivery } from './signature';

// A delivery's way through the trigger: verify (signature, replay, content type, event) → to
// item → with full record. Each step either passes on or answers Hero itself.

const replays = new ReplayGuard();

/** Answers Hero with an error and starts nothing. */
export function reject(
	context: IWebhookFunctions,
	status: number,
	text: string,
): IWebhookResponseData {
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
	return parsed && typeof parsed === 'object' && !Array.isArray(parsed)
		? (parsed as IDataObject)
		: {};
}

function headerValue(headers: IDataObject, name: string): string | undefined {
	const value = headers[name];
	if (Array.isArray(value)) return String(value[0]);
	return value === undefined ? undefined : String(value);
}

/** Every registration this trigger made: per webhook URL, per event. */
function registrationsOf(context: IWebhookFunctions): Array<[string, string]> {
	const registrations =
		(context.getWorkflowStaticData('node') as TriggerStaticData).registrations ?? {};
	return Object.values(registrations).flatMap((byEvent) =>
		Object.entries(byEvent).map(([event, registration]): [string, string] => [
			event,
			registration.signingKey,
		]),
	);
}

/**
 * The keys this trigger registered for the event, across its test and production URLs (both
 * are ours, and n8n does not tell a delivery which URL it came in on). Only that event's keys:
 * a delivery signed for one event cannot pass as another, and an event that is not a string
 * has no key at all.
 */
function signingKeysFor(context: IWebhookFunctions, event: unknown): string[] {
	if (typeof event !== 'string') return [];
	return registrationsOf(context)
		.filter(([name]) => name === event)
		.map(([, key]) => key);
}

/** Every signing key this trigger registered: Hero knows them, so they are never repeated. */
function allSigningKeys(context: IWebhookFunctions): string[] {
	return registrationsOf(context).map(([, key]) => key);
}

/** A delivery that passed every check. */
export interface Delivery {
	payload: IDataObject & { event: string };
	/** When Hero signed it (ISO), or the timestamp header as sent when signatures are off. */
	deliveredAt: string | null;
	/** The same for every copy of one signed delivery; null when signatures are off. */
	deliveryId: string | null;
}

/**
 * Checks a delivery: its signature and timestamp (unless Verify Signature is off), that it was
 * not accepted before, that it is JSON naming an event, and that the event is one selected.
 * Returns the delivery, or the answer already given to Hero.
 */
export function verify(
	context: IWebhookFunctions,
	options: TriggerOptions,
): Delivery | IWebhookResponseData {
	const request = context.getRequestObject() as unknown as { rawBody?: Buffer; body?: unknown };
	const headers = context.getHeaderData() as IDataObject;
	const rawBody =
		request.rawBody ??
		Buffer.from(
			typeof request.body === 'string' ? request.body : JSON.stringify(request.body ?? ''),
		);
	const payload = parseObject(rawBody);
	const timestamp = headerValue(headers, 'x-herohealth-timestamp');
	let deliveredAt: string | null = timestamp ?? null;
	let delivery: string | null = null;
	if (options.verifySignature) {
		const verdict = verifyDelivery({
			rawBody,
			timestamp,
			signature: headerValue(headers, 'x-herohealth-signature'),
			signingKeys: signingKeysFor(context, payload.event),
			toleranceSeconds: options.replayWindow,
		});
		if (!verdict.ok) {
			context.logger.warn(`Hero Health Trigger refused a delivery: ${verdict.reason}`);
			return reject(context, 401, 'Invalid or missing Hero signature');
		}
		// Keyed on what was signed, not on the header's spelling of it: a re-encoded
		// signature (case, base64url, a prefix, spaces) is the same delivery.
		const seen = replays.check(
			`${context.getWorkflow().id}:${verdict.digest}`,
			options.replayWindow,
		);
		if (seen === 'again') {
			context.logger.warn('Hero Health Trigger refused a delivery: already received');
			return reject(context, 401, 'This delivery was already received');
		}
		if (seen === 'full') {
			// Forgetting a delivery that could still be replayed would let it run twice.
			context.logger.warn('Hero Health Trigger deferred a delivery: its replay memory is full');
			context.getResponseObject().setHeader?.('retry-after', '60');
			return reject(
				context,
				503,
				'Too many deliveries within the replay window; send it again later',
			);
		}
		deliveredAt = verdict.timestamp.toISOString();
		delivery = deliveryId(verdict.digest);
	}
	const contentType = headerValue(headers, 'content-type');
	if (contentType && !/json/i.test(contentType)) {
		return reject(context, 415, 'Expected application/json');
	}
	if (typeof payload.event !== 'string' || !payload.event) {
		return reject(context, 400, 'Expected a JSON Hero event with an "event" name');
	}
	const events = context.getNodeParameter('events', []) as string[];
	if (!events.includes(payload.event)) {
		// Signed but not selected: acknowledge so Hero does not retry, start nothing.
		context.getResponseObject().status(200).json({ ignored: true });
		return { noWebhookResponse: true };
	}
	return {
		payload: payload as Delivery['payload'],
		deliveredAt,
		deliveryId: delivery,
	};
}

export function isDelivery(value: Delivery | IWebhookResponseData): value is Delivery {
	return 'payload' in value;
}

/** The item the workflow starts with: known fields first, then whatever else Hero sent. */
export function toItem({ payload, deliveredAt, deliveryId: id }: Delivery): IDataObject {
	// Hero's payloads were never fully captured, so nothing it sends is dropped.
	const item: IDataObject = {
		event: payload.event,
		object: payload.object,
		id: payload.id,
		practice_group_id: payload.practice_group_id,
		delivered_at: deliveredAt,
		delivery_id: id,
	};
	for (const [key, value] of Object.entries(payload)) if (!(key in item)) item[key] = value;
	return item;
}

/**
 * The item with the record the event is about (Fetch Full Record): Hero only sends its ID. The
 * event still matters without it, so a record that cannot be had is explained on the item. The
 * record is read for the credential's practice, the one the webhook was registered for: never
 * for a practice group a delivery names, signed or not.
 */
export async function withFullRecord(
	context: IWebhookFunctions,
	item: IDataObject,
	options: TriggerOptions,
): Promise<IDataObject> {
	const target = FULL_RECORD[String(item.object)];
	const id = String(item.id ?? '');
	if (!target) {
		return {
			...item,
			record_note: `Hero's API has no operation to fetch a ${String(item.object)}; only its ID is available`,
		};
	}
	if (!/^\d+$/.test(id)) {
		return { ...item, record_note: 'The event has no numeric ID to fetch the record with' };
	}
	try {
		const record = (await heroRequest.call(
			context,
			{ method: 'GET', path: target.path.replace('{id}', id) },
			{ subject: target.subject, id, secrets: allSigningKeys(context) },
		)) as IDataObject;
		// A patient record keeps what Record Output says (Raw unless set); a restricted one never
		// carries its contact details and address unless they are named.
		const kept =
			item.object === 'Patient'
				? keptOf(record, options.recordOutput, PATIENT_SHORT, options.recordFields)
				: record;
		return { ...item, record: kept };
	} catch (error) {
		const scrubber = (await scrubberFor(context)).with(allSigningKeys(context));
		return { ...item, record_error: scrubber.text((error as Error).message) };
	}
}
