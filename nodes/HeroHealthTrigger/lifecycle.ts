import { randomBytes } from 'crypto';
import type { IDataObject, IHookFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { heroRequest, recordsOf } from '../HeroHealth/transport';

export interface Registration {
	id: string;
	signingKey: string;
}

/** Static data: registrations per webhook URL (test and production URLs can both be live). */
export interface TriggerStaticData extends IDataObject {
	registrations?: { [url: string]: { [event: string]: Registration } };
}

function staticData(context: IHookFunctions): TriggerStaticData {
	return context.getWorkflowStaticData('node') as TriggerStaticData;
}

function selectedEvents(context: IHookFunctions): string[] {
	return [...new Set(context.getNodeParameter('events', []) as string[])].sort();
}

async function listHooks(context: IHookFunctions): Promise<IDataObject[]> {
	return recordsOf(await heroRequest.call(context, { method: 'GET', path: '/v1/webhooks' }));
}

async function deleteHook(context: IHookFunctions, id: string): Promise<void> {
	try {
		await heroRequest.call(
			context,
			{ method: 'DELETE', path: `/v1/webhooks/${encodeURIComponent(id)}` },
			{ subject: 'webhook', id },
		);
	} catch (error) {
		// Already gone is what we wanted.
		if ((error as { httpCode?: string }).httpCode === '404') return;
		throw new NodeApiError(context.getNode(), error as JsonObject);
	}
}

/**
 * True when Hero has exactly one webhook per selected event for this URL, each with a signing
 * key; their ids and keys are restored into static data. A partial or stale set is removed so
 * that create() starts clean and nothing is left twice.
 */
export async function checkExists(this: IHookFunctions): Promise<boolean> {
	const url = this.getNodeWebhookUrl('default') as string;
	const events = selectedEvents(this);
	const mine = (await listHooks(this)).filter((hook) => hook.url === url);
	const found: { [event: string]: Registration } = {};
	for (const hook of mine) {
		const event = String(hook.event_type);
		if (events.includes(event) && hook.signing_key && !found[event]) {
			found[event] = { id: String(hook.id), signingKey: String(hook.signing_key) };
		}
	}
	const exact = mine.length === events.length && events.every((event) => found[event]);
	if (exact) {
		const data = staticData(this);
		data.registrations = { ...(data.registrations ?? {}), [url]: found };
		return true;
	}
	for (const hook of mine) {
		this.logger.info(`Removing stale Hero webhook ${String(hook.id)} (${String(hook.event_type)})`);
		await deleteHook(this, String(hook.id));
	}
	return false;
}

/** One Hero webhook per selected event, each with a fresh random signing key. */
export async function create(this: IHookFunctions): Promise<boolean> {
	const url = this.getNodeWebhookUrl('default') as string;
	const events = selectedEvents(this);
	const created: { [event: string]: Registration } = {};
	try {
		for (const event of events) {
			const signingKey = randomBytes(32).toString('hex');
			const hook = (await heroRequest.call(this, {
				method: 'POST',
				path: '/v1/webhooks',
				body: {
					event_type: event,
					url,
					signing_key: signingKey,
					description: `n8n workflow ${this.getWorkflow().id ?? ''}`.trim(),
				},
			})) as IDataObject;
			if (!hook?.id) {
				throw new NodeOperationError(this.getNode(), `Hero did not return an ID for the ${event} webhook`);
			}
			created[event] = { id: String(hook.id), signingKey };
		}
	} catch (error) {
		// Leave nothing half-registered: remove what this call created, then report.
		for (const registration of Object.values(created)) {
			await deleteHook(this, registration.id).catch((cleanupError: Error) =>
				this.logger.warn(`Could not remove Hero webhook ${registration.id}: ${cleanupError.message}`),
			);
		}
		throw new NodeApiError(this.getNode(), error as JsonObject);
	}
	const data = staticData(this);
	data.registrations = { ...(data.registrations ?? {}), [url]: created };
	return true;
}

/** Removes every webhook this trigger registered for its URL and forgets their keys. */
export async function remove(this: IHookFunctions): Promise<boolean> {
	const url = this.getNodeWebhookUrl('default') as string;
	const data = staticData(this);
	const registrations = data.registrations?.[url] ?? {};
	let allRemoved = true;
	for (const [event, registration] of Object.entries(registrations)) {
		try {
			await deleteHook(this, registration.id);
		} catch (error) {
			allRemoved = false;
			this.logger.warn(
				`Could not remove the Hero webhook for ${event} (${registration.id}): ${(error as Error).message}`,
			);
		}
	}
	if (data.registrations) {
		delete data.registrations[url];
		if (Object.keys(data.registrations).length === 0) delete data.registrations;
	}
	return allRemoved;
}
