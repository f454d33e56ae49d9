import type { INodeExecutionData } from 'n8n-workflow';

import { runWithConcurrency } from '../../shared/transport';
import type { RunContext } from './context';

/**
 * Runs `each` over every item: at most Concurrency at a time, each outcome recorded in the
 * run's results. Without Continue On Fail, the first failure stops new items from starting;
 * items already in flight finish.
 */
export async function forEachItem(
	run: RunContext,
	count: number,
	concurrency: number,
	each: (itemIndex: number) => Promise<INodeExecutionData[]>,
): Promise<void> {
	const { results, settings } = run;
	// More items than slots are under way: an item waiting out a Retry-After gives its slot to
	// the next one, and Concurrency still bounds the requests in flight.
	await runWithConcurrency(
		count,
		concurrency * 10,
		async (index) => {
			await settings.slots?.acquire();
			// Checked with the slot held: a failed item keeps its slot until it is recorded.
			if (results.stopped) {
				settings.slots?.release();
				return;
			}
			try {
				results.output(index, await each(index));
			} catch (error) {
				results.fail(index, error as Error);
			} finally {
				settings.slots?.release();
			}
		},
		() => results.stopped,
	);
}
