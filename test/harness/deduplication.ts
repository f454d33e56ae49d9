// n8n's deduplication store as its database keeps it (n8n/src/deduplication): one list of
// hashed entries per workflow and node, read, changed and written back whole on each record.
// n8n-core's helpers call this through DataDeduplicationService, as they call n8n's in a real
// instance. `interleave` makes the next record behave as two processes racing would, or as a
// database that does not answer.
import { createHash } from 'crypto';
import { DataDeduplicationService } from 'n8n-core';
import { sleep } from 'n8n-workflow';
import type {
	DeduplicationItemTypes,
	DeduplicationScope,
	ICheckProcessedContextData,
	ICheckProcessedOptions,
	IDataDeduplicator,
	IDeduplicationOutput,
} from 'n8n-workflow';

type Race = 'insert-conflict' | 'lost-update' | 'unavailable';

class ProcessedData implements IDataDeduplicator {
	readonly rows = new Map<string, string[]>();
	private races: Race[] = [];

	/** How many entries a workflow's lists hold, all nodes together. */
	entriesOf(workflowId: string): number {
		let count = 0;
		for (const [key, list] of this.rows) if (key.startsWith(`${workflowId}|`)) count += list.length;
		return count;
	}

	/** The maxEntries each list was last written with: a write by another process keeps to it. */
	private readonly limits = new Map<string, number>();

	/**
	 * Entries other processes recorded for a trigger node, one write each as theirs would be,
	 * kept to the node's own maxEntries: as if that many other deliveries had come.
	 */
	record(workflowId: string, nodeId: string, entries: string[]): void {
		const key = `${workflowId}|n:${nodeId}`;
		const hashes = entries.map((entry) => createHash('md5').update(entry).digest('base64'));
		const list = [...(this.rows.get(key) ?? []), ...hashes];
		const max = this.limits.get(key);
		if (max) list.splice(0, list.length - max);
		this.rows.set(key, list);
	}

	interleave(race: Race): void {
		this.races.push(race);
	}

	private key(scope: DeduplicationScope, data: ICheckProcessedContextData): string {
		return `${data.workflow.id}|${scope === 'node' ? `n:${data.node?.id}` : ''}`;
	}

	async checkProcessedAndRecord(
		items: DeduplicationItemTypes[],
		scope: DeduplicationScope,
		data: ICheckProcessedContextData,
		options: ICheckProcessedOptions,
	): Promise<IDeduplicationOutput> {
		if (options.mode !== 'entries')
			throw new Error(`mode ${options.mode} is not used by this package`);
		const key = this.key(scope, data);
		const race = this.races.shift();
		const read = this.rows.get(key);
		// The database round trip: other records may run between the read and the write.
		await sleep(1);
		if (race === 'unavailable') throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
		if (race === 'insert-conflict') {
			// Another process inserted the first row between our read and our insert.
			this.rows.set(key, [...(read ?? [])]);
			throw new Error('duplicate key value violates unique constraint "PK_processed_data"');
		}
		const list = [...(read ?? [])];
		const hashes = items.map((item) => createHash('md5').update(String(item)).digest('base64'));
		const output: IDeduplicationOutput = { new: [], processed: [] };
		hashes.forEach((hash, index) => {
			if (list.includes(hash)) output.processed.push(items[index]);
			else {
				output.new.push(items[index]);
				list.push(hash);
			}
		});
		if (options.maxEntries) {
			this.limits.set(key, options.maxEntries);
			list.splice(0, list.length - options.maxEntries);
		}
		this.rows.set(key, list);
		// Another process read before our write and writes its list after it: ours is lost.
		if (race === 'lost-update') this.rows.set(key, [...(read ?? [])]);
		return output;
	}

	async removeProcessed(): Promise<void> {
		throw new Error('not used by this package');
	}

	async clearAllProcessedItems(
		scope: DeduplicationScope,
		data: ICheckProcessedContextData,
	): Promise<void> {
		this.rows.delete(this.key(scope, data));
	}

	async getProcessedDataCount(
		scope: DeduplicationScope,
		data: ICheckProcessedContextData,
	): Promise<number> {
		return this.rows.get(this.key(scope, data))?.length ?? 0;
	}
}

export const processedData = new ProcessedData();

let initialised = false;
export function useProcessedData(): ProcessedData {
	if (!initialised) {
		void DataDeduplicationService.init(processedData);
		initialised = true;
	}
	return processedData;
}
