import type { IDataObject, INode, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { Scrubber } from '../../shared/transport';
import { itemPrefix, mayHaveActed, withoutItemPrefix } from '../../shared/transport';
import { FieldValueError } from '../../shared/types';

// Errors about items, and what a run did with each item: output, failed, or not started.

type ItemFailure = Error & { description?: string | null };

/** An error about one item: the message starts `[item N] `, the description says what to do. */
export function itemError(
	node: INode,
	itemIndex: number,
	message: string,
	description?: string,
): NodeOperationError {
	return new NodeOperationError(node, `${itemPrefix(itemIndex)}${message}`, {
		itemIndex,
		description,
	});
}

/** A field (or control) of one item that does not read: nothing was sent for the item. */
export function fieldError(
	node: INode,
	displayName: string,
	itemIndex: number,
	message: string,
): NodeOperationError {
	return itemError(
		node,
		itemIndex,
		`${displayName}: ${message}`,
		`Correct ${displayName} on item ${itemIndex}; nothing was sent to Hero for this item.`,
	);
}

/** Runs a field's check, turning what it refuses into an error naming the field and item. */
export function checked<T>(node: INode, displayName: string, itemIndex: number, check: () => T): T {
	try {
		return check();
	} catch (error) {
		if (error instanceof FieldValueError)
			throw fieldError(node, displayName, itemIndex, error.message);
		throw new NodeOperationError(node, error as Error, { itemIndex });
	}
}

/** An error about several items (a whole batch), as one item's error. */
export function asItemError(node: INode, error: ItemFailure, itemIndex: number): Error {
	const failed = itemError(
		node,
		itemIndex,
		withoutItemPrefix(error.message),
		error.description ?? undefined,
	);
	// What routes the item on: Hero's status, and when the Send Window opens.
	const { httpCode, nextWindowOpensAt } = error as {
		httpCode?: string;
		nextWindowOpensAt?: string;
	};
	if (httpCode) Object.assign(failed, { httpCode });
	if (nextWindowOpensAt) Object.assign(failed, { nextWindowOpensAt });
	return failed;
}

/** What Continue On Fail outputs for a failed item. */
function errorJson(error: ItemFailure, scrubber: Scrubber): IDataObject {
	const json: IDataObject = { error: scrubber.text(error.message) };
	// An error output can route it to a Wait node until the Send Window opens.
	const opens = (error as { nextWindowOpensAt?: string }).nextWindowOpensAt;
	if (opens) json.next_window_opens_at = opens;
	if (typeof error.description === 'string' && error.description) {
		json.description = scrubber.text(error.description);
	}
	return json;
}

function itemList(indexes: number[]): string {
	return `${indexes.length === 1 ? 'item' : 'items'} ${indexes.join(', ')}`;
}

/**
 * What a run did with each item: its output (paired), or its failure. With Continue On Fail a
 * failure is the item's output; without it, the run stops and its error accounts for every item.
 */
export class ItemResults {
	private readonly results: INodeExecutionData[][];

	private readonly failures: Array<{ index: number; error: ItemFailure }> = [];

	constructor(
		private readonly node: INode,
		count: number,
		private readonly continueOnFail: boolean,
		private readonly scrubber: Scrubber,
	) {
		this.results = new Array(count);
	}

	/** Whether a failure stops the run: no new item starts. */
	get stopped(): boolean {
		return this.failures.length > 0;
	}

	/** Whether any item has an output yet. */
	get anyOutput(): boolean {
		return this.results.some(Boolean);
	}

	output(index: number, records: INodeExecutionData[]): void {
		// Every runner's records are its own: paired in place rather than copied.
		for (const record of records) record.pairedItem = { item: index };
		this.results[index] = records;
	}

	fail(index: number, error: ItemFailure): void {
		if (this.continueOnFail) {
			this.results[index] = [
				{ json: errorJson(error, this.scrubber), pairedItem: { item: index } },
			];
		} else {
			this.failures.push({ index, error });
		}
	}

	/** The node's output, in input order; throws the run's error when an item failed. */
	finish(): INodeExecutionData[][] {
		if (this.failures.length) throw this.scrubber.error(this.runError());
		return [this.results.flat()];
	}

	/**
	 * The first failure's error, naming every item that failed, the items Hero processed (a rerun
	 * repeats them), those whose outcome is unknown and those never started.
	 */
	private runError(): ItemFailure {
		const failures = [...this.failures].sort((a, b) => a.index - b.index);
		const [first, ...others] = failures;
		const failed = failures.map((f) => f.index);
		const processed = this.results.flatMap((result, index) => (result ? [index] : []));
		const uncertain = failures.filter((f) => mayHaveActed(f.error)).map((f) => f.index);
		const notStarted = this.results.length - processed.length - failures.length;
		const lines = [first.error.description];
		if (others.length) {
			lines.push(
				`${failures.length} items failed:`,
				...failures.map((f) => `- item ${f.index}: ${withoutItemPrefix(f.error.message)}`),
			);
		}
		if (this.results.length > 1) {
			lines.push(
				processed.length
					? `Hero processed ${itemList(processed)}; running the node again repeats them. Turn on Settings > On Error > Continue to keep successful items in the output.`
					: 'Hero processed no item of this run.',
			);
		}
		if (uncertain.length) {
			lines.push(
				`Hero may have acted on ${itemList(uncertain)} before the failure: check in Hero before running them again.`,
			);
		}
		if (notStarted > 0) lines.push(`${notStarted} item(s) were not started.`);
		const error =
			first.error instanceof NodeOperationError || first.error.name === 'NodeApiError'
				? first.error
				: new NodeOperationError(this.node, first.error, { itemIndex: first.index });
		if (others.length) error.message = `${error.message} (${itemList(failed.slice(1))} failed too)`;
		error.description = lines.filter(Boolean).join('\n');
		return error;
	}
}
