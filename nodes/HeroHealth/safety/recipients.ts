import type { IDataObject } from 'n8n-workflow';

import type { RequestSettings } from '../../shared/transport';
import { runWithConcurrency } from '../../shared/transport';
import type { RunContext } from '../run/context';
import { itemError } from '../run/errors';
import type { ContactabilityMode } from './guard';

// The Contactability Check on a batch: every recipient Hero matched to a patient is read and
// checked as a single send's patient is. Hero documents no way to read many patients at once
// with both flags (deceased, restricted), so this is one GET /v1/patients/{id} a recipient.

export interface BatchRecipient {
	/** The input item the recipient came from (Send to Many), or the item sending the batch. */
	itemIndex: number;
	/** Hero's recipient record: its patient_id once Hero matched it (inferred, see README). */
	record: IDataObject;
}

/**
 * The recipients refused, each with its error: deceased, restricted (unless allowed), or not
 * checkable (no patient named, a record that cannot be read). Fails closed.
 */
export async function refusedRecipients(
	run: RunContext,
	recipients: BatchRecipient[],
	mode: ContactabilityMode,
	practiceGroupId: string | undefined,
	settings: RequestSettings,
): Promise<Map<BatchRecipient, Error>> {
	const refused = new Map<BatchRecipient, Error>();
	if (mode === 'off') return refused;
	await runWithConcurrency(recipients.length, 10, async (index) => {
		const recipient = recipients[index];
		const patientId = recipient.record.patient_id;
		if (typeof patientId !== 'string' && typeof patientId !== 'number') {
			refused.set(
				recipient,
				itemError(
					run.node,
					recipient.itemIndex,
					"Contactability Check: Hero's recipient record names no patient, so it could not be checked and nothing was sent to it",
				),
			);
			return;
		}
		await run.settings.slots?.acquire();
		try {
			await run.guard.check(recipient.itemIndex, String(patientId), practiceGroupId, mode, {
				...settings,
				itemIndex: recipient.itemIndex,
			});
		} catch (error) {
			refused.set(recipient, error as Error);
		} finally {
			run.settings.slots?.release();
		}
	});
	return refused;
}

/** The error for a batch that cannot be sent whole: some of its recipients were refused. */
export function batchRefused(
	run: RunContext,
	itemIndex: number,
	refused: number,
	of: number,
): Error {
	return itemError(
		run.node,
		itemIndex,
		`Contactability Check: ${refused} of the batch's ${of} recipients were refused (deceased, restricted, or not checkable), and Hero cannot send a batch to only some of its recipients, so nothing was sent`,
		'Create the batch again without them, or send through Send to Many, which leaves refused recipients out by itself.',
	);
}
