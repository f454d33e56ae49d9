import type { RequestSettings } from '../../shared/transport';
import type { HeroOperation } from '../model';
import type { BuiltRequest, RunContext } from '../run/context';
import { fieldError } from '../run/errors';
import { withinSendWindow, withSendAtChecked } from './window';

// The practice sign-off controls on one item, before anything is sent (and in a Dry Run): the
// Send Window may schedule or refuse it, the Contactability Check reads its patient.

/** A control the operation offers that did not reach here: fail closed, never read as off. */
function unread(run: RunContext, control: string, itemIndex: number): Error {
	return fieldError(run.node, control, itemIndex, 'could not be read, so nothing was sent');
}

export async function withSafetyControls(
	run: RunContext,
	operation: HeroOperation,
	itemIndex: number,
	request: BuiltRequest,
	settings: RequestSettings,
): Promise<BuiltRequest> {
	const { controls } = request;
	let checked = request;
	if (operation.contacts) {
		const mode = controls.sendWindow;
		if (!mode) throw unread(run, 'Send Window', itemIndex);
		if (operation.contacts === 'scheduled')
			checked = withSendAtChecked(run.node, itemIndex, checked, mode);
		if (mode !== 'off') {
			const window = controls.sendWindowHours;
			if (!window) throw unread(run, 'Send Window Hours', itemIndex);
			checked = withinSendWindow(
				run.node,
				itemIndex,
				checked,
				mode,
				window,
				operation.contacts === 'scheduled',
			);
		}
	}
	if (operation.addressedTo) {
		const mode = controls.contactabilityCheck;
		if (!mode) throw unread(run, 'Contactability Check', itemIndex);
		if (mode !== 'off') {
			const patientId = checked.body?.[operation.addressedTo];
			await run.guard.check(itemIndex, String(patientId), checked.practiceGroupId, mode, settings);
		}
	}
	return checked;
}
