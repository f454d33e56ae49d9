import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';

import { normaliseBoolean, normaliseNumberIn, normaliseTextList } from '../shared/normalise';
import type { OutputMode } from '../shared/output';
import { patientFieldsOf } from '../shared/output';
import { FieldValueError } from '../shared/types';

export interface TriggerOptions {
	fetchFullRecord: boolean;
	/** What is kept of a fetched patient record. */
	recordOutput: OutputMode;
	recordFields: string[];
	replayWindow: number;
	verifySignature: boolean;
}

const REPLAY_WINDOW = normaliseNumberIn({ min: 1, max: 3600 });

/** Record Output: not set, the whole record; set to nothing by an expression, an error. */
function recordOutput(value: unknown): OutputMode {
	if (value === undefined) return 'raw';
	if (value === '' || value === null)
		throw new FieldValueError(
			'is empty (an expression gave nothing); give it raw, simplified or selected',
		);
	if (value === 'raw' || value === 'simplified' || value === 'selected') return value;
	throw new FieldValueError('must be one of: raw, simplified, selected');
}

/**
 * The trigger's options, checked; a string says which option does not read and why. Such a
 * trigger refuses to run rather than run with a check switched off.
 */
export function triggerOptions(options: IDataObject): TriggerOptions | string {
	const checks = {
		fetchFullRecord: [
			'Fetch Full Record',
			() => normaliseBoolean(options.fetchFullRecord) ?? false,
		],
		recordOutput: ['Record Output', () => recordOutput(options.recordOutput)],
		recordFields: [
			'Record Fields',
			() => patientFieldsOf(normaliseTextList(options.recordFields) ?? []),
		],
		replayWindow: ['Replay Window (Seconds)', () => REPLAY_WINDOW(options.replayWindow) ?? 300],
		verifySignature: ['Verify Signature', () => normaliseBoolean(options.verifySignature) ?? true],
	} as const;
	const read: Partial<Record<keyof TriggerOptions, unknown>> = {};
	for (const [name, [label, check]] of Object.entries(checks)) {
		try {
			read[name as keyof TriggerOptions] = check();
		} catch (error) {
			return `${label}: ${(error as Error).message}`;
		}
	}
	return read as TriggerOptions;
}

/** The trigger's options as every entry point reads them: activation, a delivery, its execution. */
export function optionsOf(
	context: IHookFunctions | IWebhookFunctions | IExecuteFunctions,
): TriggerOptions | string {
	const raw =
		'getInputData' in context
			? context.getNodeParameter('options', 0, {})
			: context.getNodeParameter('options', {});
	return triggerOptions(raw as IDataObject);
}
