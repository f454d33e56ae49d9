import { createHash } from 'crypto';
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import { optionsOf } from './options';

// Delivery memory: what the trigger remembers of deliveries it accepted, so that a replayed copy
// starts nothing. Two places remember: the webhook process itself (ReplayGuard, answering a
// replay 401) and n8n's deduplication store, shared by every process (firstDeliveries, on the
// trigger's step in the execution).

/**
 * Accepted deliveries a webhook process remembers, across its triggers, for twice the Replay
 * Window. At the bound, new deliveries are refused (503, so Hero sends them again later) rather
 * than anything still replayable being forgotten.
 */
export const PROCESS_MEMORY = 100_000;

/**
 * Accepted deliveries n8n's deduplication store keeps per trigger, shared by every process; past
 * it the oldest are forgotten. n8n reads and writes the list whole on each delivery, so it is
 * kept to what a window can hold: 50,000 is 83 deliveries a second for the default five minutes.
 */
export const STORE_MEMORY = 50_000;

/**
 * How long an accepted delivery is remembered: twice the Replay Window, since a timestamp is
 * accepted that far in the future as in the past.
 */
export function rememberFor(replayWindowSeconds: number): number {
	return 2 * replayWindowSeconds * 1000;
}

/**
 * The webhook process's own memory of deliveries it accepted (by the digest that matched, which
 * covers the timestamp and body), so the same signed request cannot start a second execution.
 * Nothing is forgotten while it could still be replayed: at the bound, new deliveries are
 * refused instead. A restart forgets; n8n's store (firstDeliveries) still catches the replay.
 */
export class ReplayGuard {
	private readonly seen = new Map<string, number>();

	constructor(private readonly maxEntries = PROCESS_MEMORY) {}

	/**
	 * `first` (now remembered), `again` (accepted before: a replay), or `full` (the bound is
	 * reached with deliveries that could still be replayed: refuse this one for now).
	 */
	check(id: string, replayWindowSeconds: number, now = Date.now()): 'first' | 'again' | 'full' {
		const expires = this.seen.get(id);
		if (expires !== undefined && expires > now) return 'again';
		// Oldest first; windows differ between triggers, so a full memory is swept whole.
		for (const [key, until] of this.seen) {
			if (until > now) break;
			this.seen.delete(key);
		}
		if (this.seen.size >= this.maxEntries) {
			for (const [key, until] of this.seen) if (until <= now) this.seen.delete(key);
			if (this.seen.size >= this.maxEntries) return 'full';
		}
		this.seen.delete(id);
		this.seen.set(id, now + rememberFor(replayWindowSeconds));
		return 'first';
	}
}

/** The same for every copy of one signed delivery, and reveals nothing of the signing key. */
export function deliveryId(digest: string): string {
	return createHash('sha256').update(`hero-delivery:${digest}`).digest('hex').slice(0, 32);
}

/** How long after its last record a process writes its list once more (see mendLater). */
export const MEND_AFTER_MS = 500;

/** n8n's deduplication store: records IDs and says which it had seen. */
type DeduplicationStore = IExecuteFunctions['helpers']['checkProcessedAndRecord'];

/** Per trigger node: this process's accepted deliveries (ID → expiry), and a queue for its records. */
interface Accepted {
	recent: Map<string, number>;
	queue: Promise<unknown>;
	lastRecord: number;
	mending: boolean;
}
const acceptedHere = new Map<string, Accepted>();

/** Runs `task` after this process's earlier records for the node. */
async function inTurn<T>(accepted: Accepted, task: () => Promise<T>): Promise<T> {
	const turn = accepted.queue.then(task);
	accepted.queue = turn.catch(() => undefined);
	return await turn;
}

const entries = (ids: string[]) => ids.slice(-STORE_MEMORY);

/**
 * At the end of a burst the last records of two processes can overlap, and the later write drops
 * the other's last entries with no record after it to mend them. So once its records stop for
 * MEND_AFTER_MS (plus up to as long again at random, so two processes rarely write together),
 * a process writes its list once more.
 */
function mendLater(accepted: Accepted, record: DeduplicationStore): void {
	if (accepted.mending) return;
	accepted.mending = true;
	const mend = async (): Promise<void> => {
		const idle = Date.now() - accepted.lastRecord;
		if (idle < MEND_AFTER_MS) {
			await sleep(MEND_AFTER_MS - idle + Math.random() * MEND_AFTER_MS);
			return await mend();
		}
		accepted.mending = false;
		// A memory forgotten meanwhile (a restart, as tests make one) has nothing to mend.
		if (![...acceptedHere.values()].includes(accepted)) return;
		const ids = entries([...accepted.recent.keys()]);
		if (ids.length > 0)
			await inTurn(
				accepted,
				async () => await record(ids, 'node', { mode: 'entries', maxEntries: STORE_MEMORY }),
			);
	};
	void mend().catch(() => {
		accepted.mending = false;
	});
}

/** Forgets what this process accepted, as a restart or another worker would (tests). */
export function forgetAcceptedDeliveries(): void {
	acceptedHere.clear();
}

/**
 * Records the delivery in n8n's deduplication store (its database, shared by every main, worker
 * and webhook process) and says whether it is the first time. n8n reads a node's whole list and
 * writes it back on each call, so two processes recording at once can each write a list without
 * the other's entry. Against that: one record at a time per node in this process, and each record
 * writes again what this process accepted within the window, so a list another process wrote over
 * is mended by the next record, or by mendLater once records stop.
 */
async function firstTime(
	record: DeduplicationStore,
	accepted: Accepted,
	id: string,
	keepMs: number,
): Promise<boolean> {
	const now = Date.now();
	for (const [seen, expires] of accepted.recent) if (expires <= now) accepted.recent.delete(seen);
	if (accepted.recent.has(id)) return false;
	const items = entries([...accepted.recent.keys(), id]);
	accepted.lastRecord = now;
	const check = async () =>
		await record(items, 'node', { mode: 'entries', maxEntries: STORE_MEMORY });
	let result;
	try {
		result = await check();
	} catch {
		// Two processes creating the node's first record at once: one insert fails; again, it updates.
		result = await check();
	}
	mendLater(accepted, record);
	if (result.processed.includes(id)) return false;
	accepted.recent.set(id, now + keepMs);
	if (accepted.recent.size > STORE_MEMORY)
		accepted.recent.delete(accepted.recent.keys().next().value!);
	return true;
}

/**
 * The trigger's step in the execution (on a worker in queue mode): passes on each delivery the
 * first time n8n sees it, and drops a copy accepted before by any process. A webhook process
 * refuses a replay it accepted itself (401); one first accepted by another webhook process can
 * only be caught here, where n8n's database is at hand.
 */
export async function firstDeliveries(context: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const items = context.getInputData();
	if (!context.getWorkflow().id) return items;
	const record = context.helpers.checkProcessedAndRecord.bind(context.helpers);
	const key = `${context.getWorkflow().id}:${context.getNode().id}`;
	const accepted = acceptedHere.get(key) ?? {
		recent: new Map<string, number>(),
		queue: Promise.resolve(),
		lastRecord: 0,
		mending: false,
	};
	acceptedHere.set(key, accepted);
	const options = optionsOf(context);
	const keepMs = rememberFor(typeof options === 'string' ? 3600 : options.replayWindow);
	const passed: INodeExecutionData[] = [];
	let dropped = 0;
	for (const item of items) {
		const id = item.json.delivery_id;
		if (typeof id !== 'string' || !id) {
			passed.push(item);
			continue;
		}
		let first: boolean;
		try {
			first = await inTurn(accepted, async () => await firstTime(record, accepted, id, keepMs));
		} catch (error) {
			// Unrecorded, a copy could run twice; stop here, and n8n's Retry can run it when the database answers.
			throw new NodeOperationError(
				context.getNode(),
				"Could not record this delivery in n8n's database, so the workflow did not run",
				{
					description: `n8n's deduplication store answered: ${(error as Error).message}. Retry this execution once n8n's database is reachable.`,
				},
			);
		}
		if (first) passed.push(item);
		else dropped++;
	}
	if (dropped > 0) {
		const message = `${dropped === 1 ? 'This delivery was' : `${dropped} deliveries were`} already received by another n8n process, so the workflow did not run for ${dropped === 1 ? 'it' : 'them'} again`;
		context.logger.warn(`Hero Health Trigger stopped a delivery: already received`);
		context.addExecutionHints?.({ message, location: 'outputPane' });
	}
	return passed;
}
