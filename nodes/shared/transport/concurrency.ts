/**
 * Runs work(index) for 0..count-1 with at most `limit` running at once. `stop` is asked
 * before each new index starts, so a failure can keep the rest from being sent.
 */
export async function runWithConcurrency(
	count: number,
	limit: number,
	work: (index: number) => Promise<void>,
	stop: () => boolean = () => false,
): Promise<void> {
	let next = 0;
	const worker = async (): Promise<void> => {
		while (next < count && !stop()) {
			const index = next++;
			await work(index);
		}
	};
	const workers = Array.from({ length: Math.max(1, Math.min(limit, count)) }, worker);
	await Promise.all(workers);
}
