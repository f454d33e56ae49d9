import type { IDataObject } from 'n8n-workflow';

import type { SmsCost } from '../../shared/sms';
import { smsCost, tooManyFragments } from '../../shared/sms';
import type { HeroOperation } from '../model';
import type { BuiltRequest, RunContext } from './context';
import { fieldError } from './errors';

// What a message sent by SMS costs, read from the request as it will be sent (hatches included):
// counted for Dry Run and Send to Many's preview, refused over Max SMS Fragments.

export { DEFAULT_MAX_SMS_FRAGMENTS, MAX_SMS_FRAGMENTS } from '../../shared/sms';

/** The text that goes by SMS (as the message, or as its fallback), else undefined. */
export function smsTextOf(
	operation: HeroOperation,
	body: IDataObject | undefined,
): string | undefined {
	const sms = operation.sms;
	if (!sms || !body) return undefined;
	const bySms =
		String(body[sms.channel] ?? '').toLowerCase() === sms.value.toLowerCase() ||
		(sms.fallback !== undefined && String(body[sms.fallback] ?? '').toLowerCase() === 'sms');
	const text = body[sms.content];
	return bySms && typeof text === 'string' ? text : undefined;
}

/** Whether this node version offers Max SMS Fragments on the operation (version 4 on). */
export function offersSmsLimit(operation: HeroOperation): boolean {
	return operation.fields.some((field) => field.apiKey === 'maxSmsFragments');
}

/** The cost as an output shows it: per message, and in all for `recipients` of it. */
export function smsSummary(cost: SmsCost, recipients = 1): IDataObject {
	return {
		characters: cost.characters,
		encoding: cost.encoding,
		ucs2_characters: cost.ucs2Characters,
		fragments_per_message: cost.fragments,
		recipients,
		fragments_in_all: cost.fragments * recipients,
	};
}

/**
 * Max SMS Fragments on one item's request to `target` (the operation, or the one a Custom API
 * Call reaches), where `limited` (the node version offers it): the message is refused naming the
 * item and the characters that made it long; an unread limit is an error, never no limit.
 */
export function smsChecked(
	run: RunContext,
	target: HeroOperation,
	request: BuiltRequest,
	itemIndex: number,
	limited: boolean,
): SmsCost | undefined {
	const operation = target;
	const text = smsTextOf(operation, request.body);
	if (text === undefined) return undefined;
	const cost = smsCost(text);
	if (!limited) return cost;
	const max = request.controls.maxSmsFragments;
	const content = operation.fields.find((field) => field.apiKey === operation.sms?.content);
	const label = content?.property.displayName ?? 'Message';
	if (max === undefined)
		throw fieldError(
			run.node,
			'Max SMS Fragments',
			itemIndex,
			'could not be read, so nothing was sent',
		);
	const problem = tooManyFragments(cost, max);
	if (problem) throw fieldError(run.node, label, itemIndex, problem);
	return cost;
}
