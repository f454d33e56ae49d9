import type { RequestSettings } from '../../shared/transport';
import type { HeroOperation } from '../model';
import type { BuiltRequest, RunContext } from '../run/context';
import { fieldError } from '../run/errors';
import { withinSendWindow } from './window';

// The practice sign-off controls on one item, before anything is sent (and in a Dry Run): the
// Send Window may schedule or refuse it, the Contactability Check reads its patient.

export async function withSafetyControls(
	run: RunContext,
	operation: HeroOperation,
	itemIndex: number,
	request: BuiltRequest,
	settings: RequestSettings,
): Promise<BuiltRequest> {
	const { controls } = request;
	let checked = request;
	const mode = controls.sendWindow ?? 'off';
	if (operation.contacts && mode !== 'off') {
		const window = controls.sendWindowHours;
		if (!window) {
			throw fieldError(
				run.node,
				'Send Window Hours',
				itemIndex,
				'is needed while Send Window is on',
			);
		}
		checked = withinSendWindow(
			run.node,
			itemIndex,
			request,
			mode,
			window,
			operation.contacts === 'scheduled',
		);
	}
	const contactability = controls.contactabilityCheck ?? 'off';
	if (operation.addressedTo && contactability !== 'off') {
		const patientId = checked.body?.[operation.addressedTo];
		await run.guard.check(
			itemIndex,
			String(patientId),
			checked.practiceGroupId,
			contactability,
			settings,
		);
	}
	return checked;
}
