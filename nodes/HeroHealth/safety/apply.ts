import type { RequestSettings } from '../../shared/transport';
import type { HeroOperation, HeroResource } from '../model';
import type { BuiltRequest, RunContext } from '../run/context';
import { fieldError } from '../run/errors';
import { heroRequestPages } from '../../shared/transport';
import { contactingOperation, offers } from './boundary';
import { batchRefused, refusedRecipients } from './recipients';
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
	if (target.checksRecipients && offers(operation, 'contactabilityCheck')) {
		const mode = controls.contactabilityCheck;
		if (!mode) throw unread(run, 'Contactability Check', itemIndex);
		if (mode !== 'off') {
			// Every recipient Hero matched, read before the batch is sent; one refused stops it.
			const list = await heroRequestPages.call(
				run.context,
				{
					method: 'GET',
					path: checked.path.replace(/\/send$/, '/recipients'),
					...(checked.practiceGroupId ? { practiceGroupId: checked.practiceGroupId } : {}),
				},
				settings,
				{ pageSize: 1000 },
			);
			const recipients = list
				.filter((record) => record.status === 'ENRICHED')
				.map((record) => ({ itemIndex, record }));
			const refused = await refusedRecipients(
				run,
				recipients,
				mode,
				checked.practiceGroupId,
				settings,
			);
			if (refused.size) throw batchRefused(run, itemIndex, refused.size, recipients.length);
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
