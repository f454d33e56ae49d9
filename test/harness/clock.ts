// The clock a test sets: Date only, so timers, sockets and the engine run as usual.

/** Runs with the clock (Date only) at `iso`, advancing as real time does. */
export async function at<T>(iso: string, run: () => Promise<T>): Promise<T> {
	jest.useFakeTimers({
		now: new Date(iso),
		advanceTimers: true,
		doNotFake: [
			'nextTick',
			'setImmediate',
			'clearImmediate',
			'setTimeout',
			'clearTimeout',
			'setInterval',
			'clearInterval',
			'queueMicrotask',
			'hrtime',
			'performance',
		],
	});
	try {
		return await run();
	} finally {
		jest.useRealTimers();
	}
}
