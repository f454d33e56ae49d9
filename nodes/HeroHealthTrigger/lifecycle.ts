import { randomBytes } from 'crypto';
import type { IDataObject, IHookFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { heroRequest } from '../shared/transport';

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

/**
 * Hero's webhook list, whatever envelope it comes in ({ data }, a bare array, { webhooks }):
 * its answer was never captured. Undefined when no list can be found in it.
 */
async function listHooks(context: IHookFunctions): Promise<IDataObject[] | undefined> {
	const body = (await heroRequest.call(context, {
		method: 'GET',
		path: '/v1/webhooks',
	})) as unknown;
	if (Array.isArray(body)) return body as IDataObject[];
	if (!body || typeof body !== 'object') return undefined;
	for (const key of ['data', 'webhooks', 'results', 'items']) {
		const list = (body as IDataObject)[key];
		if (Array.isArray(list)) return list as IDataObject[];
	}
	return undefined;
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
 * True when this trigger's webhooks are in place. The ids and keys it stored when it created
 * them are trusted first (as n8n's own Stripe trigger does): Hero's list need not show keys,
 * nor any particular envelope. Without stored ids, a complete set that Hero lists with keys is
 * adopted. Anything partial, stale or unverifiable is removed, so create() starts clean and
 * nothing is ever registered twice.
 */
export async function checkExists(this: IHookFunctions): Promise<boolean> {
	const url = this.getNodeWebhookUrl('default') as string;
	const events = selectedEvents(this);
	const data = staticData(this);
	const stored = data.registrations?.[url] ?? {};
	const hooks = await listHooks(this);
	const listed = (id: string) => hooks?.some((hook) => String(hook.id) === id);
	const isStored = (hook: IDataObject) =>
		Object.values(stored).some((r) => r.id === String(hook.id));
	// Hooks for this URL that this trigger did not store: left over from lost static data.
	const strays = (hooks ?? []).filter((hook) => hook.url === url && !isStored(hook));
	const removeStrays = async () => {
		for (const hook of strays) {
			this.logger.info(
				`Removing stale Hero webhook ${String(hook.id)} (${String(hook.event_type)})`,
			);
			await deleteHook(this, String(hook.id));
		}
	};

	const storedEvents = Object.keys(stored).sort();
	if (storedEvents.length) {
		const sameEvents = storedEvents.join() === events.join();
		// A list that cannot be read says nothing against what was stored.
		const allThere = hooks === undefined || Object.values(stored).every((r) => listed(r.id));
		if (sameEvents && allThere) {
			await removeStrays();
			return true;
		}
		for (const registration of Object.values(stored)) {
			if (hooks === undefined || listed(registration.id)) await deleteHook(this, registration.id);
		}
		delete data.registrations?.[url];
	}

	// Nothing stored (static data lost): adopt a complete, keyed set Hero lists for this URL.
	const found: { [event: string]: Registration } = {};
	for (const hook of strays) {
		const event = String(hook.event_type);
		if (events.includes(event) && hook.signing_key && !found[event]) {
			found[event] = { id: String(hook.id), signingKey: String(hook.signing_key) };
		}
	}
	if (
		!storedEvents.length &&
		strays.length === events.length &&
		events.every((event) => found[event])
	) {
		data.registrations = { ...(data.registrations ?? {}), [url]: found };
		return true;
	}
	await removeStrays();
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
				throw new NodeOperationError(
					this.getNode(),
					`Hero did not return an ID for the ${event} webhook`,
				);
			}
			created[event] = { id: String(hook.id), signingKey };
		}
	} catch (error) {
		// Leave nothing half-registered: remove what this call created, then report.
		for (const registration of Object.values(created)) {
			await deleteHook(this, registration.id).catch((cleanupError: Error) =>
				this.logger.warn(
					`Could not remove Hero webhook ${registration.id}: ${cleanupError.message}`,
				),
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
