import type { IExecuteFunctions, INode } from 'n8n-workflow';

import { normaliseBoolean, normaliseId, normaliseNumberIn } from '../../shared/normalise';
import { DEFAULT_RETRY, sharedPacer, Slots } from '../../shared/transport';
import { checked, fieldError } from './errors';
import type { RunSettings } from './context';
import type { ParameterReader } from './parameters';

// The node's settings (Request Options, Return All, Limit, Dry Run), read with the same strict
// checks as the fields: "false" is false, "5 minutes" is an error, never NaN.

const LIMIT = normaliseNumberIn({ min: 1 });
const CONCURRENCY = normaliseNumberIn({ min: 1, max: 50 });
const MAX_ATTEMPTS = normaliseNumberIn({ min: 1, max: 10 });
const TIMEOUT = normaliseNumberIn({ min: 1, max: 600, integer: false });

interface Reading {
	node: INode;
	read: ParameterReader;
}

/** Settings without an expression, read and checked once per run: the same for every item. */
const once = new WeakMap<ParameterReader, Map<string, unknown>>();

export function setting<T>(
	{ node, read }: Reading,
	name: string,
	displayName: string,
	itemIndex: number,
	fallback: T,
	normalise: (value: unknown) => T | undefined,
): T {
	const known = once.get(read);
	if (known?.has(name)) return known.get(name) as T;
	const raw = read.get(name, itemIndex, fallback);
	const value = checked(node, displayName, itemIndex, () => normalise(raw)) ?? fallback;
	if (!read.varies(name)) once.set(read, (known ?? new Map()).set(name, value));
	return value;
}

/** The practice an item acts for (Request Options > Practice Group ID); undefined: the credential's. */
export function practiceOf(reading: Reading, itemIndex: number): string | undefined {
	return (
		setting(
			reading,
			'requestOptions.practiceGroupId',
			'Practice Group ID',
			itemIndex,
			'',
			normaliseId,
		) || undefined
	);
}

/** Dry Run, read strictly: empty (an expression that gave nothing) is an error, never "send". */
export function dryRunOf({ node, read }: Reading, itemIndex: number): boolean {
	// No fallback: a mapped field the item lacks must read as empty, not as the default (off).
	const raw = read.get('dryRun', itemIndex, undefined);
	const dryRun = checked(node, 'Dry Run', itemIndex, () => normaliseBoolean(raw));
	if (dryRun === undefined)
		throw fieldError(
			node,
			'Dry Run',
			itemIndex,
			'is empty (an expression gave nothing); it is never read as off: give it true or false',
		);
	return dryRun;
}

/** How much of a list an item asks for: undefined for all of it (Return All). */
export function limitOf(reading: Reading, itemIndex: number): number | undefined {
	const returnAll = setting(reading, 'returnAll', 'Return All', itemIndex, false, normaliseBoolean);
	return returnAll ? undefined : setting(reading, 'limit', 'Limit', itemIndex, 50, LIMIT);
}

/** Request Options, read once per run (from the first item): they shape the whole run. */
export async function runSettings(
	context: IExecuteFunctions,
	reading: Reading,
): Promise<{ settings: RunSettings; concurrency: number }> {
	const option = <T>(
		name: string,
		displayName: string,
		fallback: T,
		normalise: (value: unknown) => T | undefined,
	) => setting(reading, `requestOptions.${name}`, displayName, 0, fallback, normalise);
	const concurrency = option('concurrency', 'Concurrency', 5, CONCURRENCY);
	const settings: RunSettings = {
		retry: {
			...DEFAULT_RETRY,
			maxAttempts: option('maxAttempts', 'Max Attempts', DEFAULT_RETRY.maxAttempts, MAX_ATTEMPTS),
		},
		timeoutMs: option('timeout', 'Timeout (Seconds)', 30, TIMEOUT) * 1000,
		pacer: await sharedPacer(context),
		slots: new Slots(concurrency),
	};
	return { settings, concurrency };
}
