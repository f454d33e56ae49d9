import type { IDataObject, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { DateTime } from 'luxon';

import type { HeroRequest } from '../../shared/transport';
import { itemPrefix } from '../../shared/transport';
import type { SendWindow } from './sendWindow';
import { windowAt } from './sendWindow';

// The Send Window (quiet hours) applied to one request.

export type SendWindowMode = 'off' | 'schedule' | 'refuse';

/** A refusal by the Send Window: the item's error carries when the window next opens. */
export class OutsideSendWindow extends NodeOperationError {
	constructor(
		node: INode,
		itemIndex: number,
		window: SendWindow,
		readonly nextWindowOpensAt: string,
		when: string,
	) {
		super(
			node,
			`${itemPrefix(itemIndex)}Send Window: ${when} is outside ${window.text} (UK time); it next opens at ${nextWindowOpensAt}`,
			{
				itemIndex,
				description: `Nothing was sent. Send it when the window opens: route the error output to a Wait node until next_window_opens_at, or choose Schedule for When It Opens.`,
			},
		);
	}
}

const asHero = (at: DateTime) => at.toUTC().toISO({ suppressMilliseconds: true })!;

/**
 * Applies the Send Window to a request: inside it, unchanged; outside it, scheduled through
 * Hero's `send_at` for the next opening (`schedule`), or refused naming that opening (`refuse`,
 * and wherever Hero has no scheduled send). A `send_at` the user set is itself checked.
 */
export function withinSendWindow<R extends HeroRequest>(
	node: INode,
	itemIndex: number,
	request: R,
	mode: SendWindowMode,
	window: SendWindow,
	canSchedule: boolean,
	now: DateTime = DateTime.utc(),
): R {
	if (mode === 'off') return request;
	const scheduled = request.body?.send_at;
	const at = typeof scheduled === 'string' ? DateTime.fromISO(scheduled, { zone: 'utc' }) : now;
	const verdict = windowAt(window, at.isValid ? at : now);
	if (verdict.open) return request;
	const opensAt = asHero(verdict.opensAt);
	if (mode === 'refuse' || !canSchedule) {
		const when = typeof scheduled === 'string' ? `Send At ${scheduled}` : 'now';
		throw new OutsideSendWindow(node, itemIndex, window, opensAt, when);
	}
	return { ...request, body: { ...(request.body as IDataObject), send_at: opensAt } };
}

/** How far in the past a Send At may be (clock skew, the time a run takes) before it is refused. */
const PAST_GRACE_MS = 60_000;

/**
 * A Send At in the past would be sent at once by Hero, at whatever hour it is now: under
 * Schedule it is moved (sent now inside the window, else at the next opening, by the window's
 * own check); otherwise the item is refused, naming the field.
 */
export function withSendAtChecked<R extends HeroRequest>(
	node: INode,
	itemIndex: number,
	request: R,
	mode: SendWindowMode,
	now: DateTime = DateTime.utc(),
): R {
	const scheduled = request.body?.send_at;
	if (typeof scheduled !== 'string') return request;
	const at = DateTime.fromISO(scheduled, { zone: 'utc' });
	if (!at.isValid || at.toMillis() >= now.toMillis() - PAST_GRACE_MS) return request;
	if (mode === 'schedule') {
		const body = { ...(request.body as IDataObject) };
		delete body.send_at;
		return { ...request, body };
	}
	throw new NodeOperationError(
		node,
		`${itemPrefix(itemIndex)}Send At: ${scheduled} is in the past, so nothing was sent (Hero would send it at once, at whatever hour it is)`,
		{
			itemIndex,
			description:
				'Give a Send At in the future, leave it empty to send now, or set Send Window to Schedule for When It Opens to have a past time moved to the window.',
		},
	);
}
