import type { RequestSettings } from '../../shared/transport';
import type { HeroOperation, HeroResource } from '../model';
import type { BuiltRequest, RunContext } from '../run/context';
import { fieldError } from '../run/errors';
import { contactingOperation, offers } from './boundary';
import { withinSendWindow, withSendAtChecked } from './window';

// The practice sign-off controls on one item, before anything is sent (and in a Dry Run), where
// its request reaches an endpoint that messages a patient (boundary.ts): the Send Window may
// schedule or refuse it, the Contactability Check reads its patient.

/** A control the operation offers that did not reach here: fail closed, never read as off. */
function unread(run: RunContext, control: string, itemIndex: number): Error {
	return fieldError(run.node, control, itemIndex, 'could not be read, so nothing was sent');
}

export async function withSafetyControls(
	run: RunContext,
	operation: HeroOperation,
	resources: HeroResource[],
	itemIndex: number,
	request: BuiltRequest,
	settings: RequestSettings,
): Promise<BuiltRequest> {
	const target = contactingOperation(operation, resources, request);
	if (!target) return request;
	const { controls } = request;
	let checked = request;
	// A version that does not offer a control keeps its behaviour (Custom API Call before 4).
	if (offers(operation, 'sendWindow')) {
		const mode = controls.sendWindow;
		if (!mode) throw unread(run, 'Send Window', itemIndex);
		if (target.contacts === 'scheduled')
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
				target.contacts === 'scheduled',
			);
		}
	}
	if (target.addressedTo && offers(operation, 'contactabilityCheck')) {
		const mode = controls.contactabilityCheck;
		if (!mode) throw unread(run, 'Contactability Check', itemIndex);
		if (mode !== 'off') {
			const patientId = checked.body?.[target.addressedTo];
			await run.guard.check(itemIndex, String(patientId), checked.practiceGroupId, mode, settings);
		}
	}
	return checked;
}
