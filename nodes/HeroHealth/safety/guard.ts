import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { HeroRequest, RequestSettings } from '../../shared/transport';
import { heroRequest } from '../../shared/transport';
import { itemError } from '../run/errors';

// The contactability guard, signed off by a practice before it automates patient messages. Each
// refusal names the item and the reason, never the patient's data.

export type ContactabilityMode = 'off' | 'refuseRestricted' | 'allowRestricted';

/**
 * The contactability guard: reads each patient a message is addressed to, once per run, and
 * refuses a deceased patient, and a restricted one unless the option allows it. A record that
 * cannot be read fails closed.
 */
export class ContactabilityGuard {
	private readonly records = new Map<string, Promise<IDataObject>>();

	constructor(private readonly context: IExecuteFunctions) {}

	/** How many patients this run has read. */
	get reads(): number {
		return this.records.size;
	}

	async check(
		itemIndex: number,
		patientId: string,
		practiceGroupId: string | undefined,
		mode: ContactabilityMode,
		settings: RequestSettings,
	): Promise<void> {
		if (mode === 'off') return;
		const key = `${practiceGroupId ?? ''}:${patientId}`;
		let record = this.records.get(key);
		if (!record) {
			const request: HeroRequest = {
				method: 'GET',
				path: `/v1/patients/${encodeURIComponent(patientId)}`,
			};
			if (practiceGroupId) request.practiceGroupId = practiceGroupId;
			record = heroRequest
				.call(this.context, request, { ...settings, subject: 'patient', id: patientId })
				.then((body) => (body ?? {}) as IDataObject);
			// Read once per run: items for the same patient share the answer, or the failure.
			record.catch(() => undefined);
			this.records.set(key, record);
		}
		let patient: IDataObject;
		try {
			patient = await record;
		} catch (error) {
			const code = (error as { httpCode?: string }).httpCode;
			throw itemError(
				this.context.getNode(),
				itemIndex,
				`Contactability Check: the patient's record could not be read${code ? ` (HTTP ${code})` : ''}, so nothing was sent`,
				`The check fails closed: a patient who cannot be checked is not messaged. ${(error as Error).message}`,
			);
		}
		if (patient.deceased_at) {
			throw itemError(
				this.context.getNode(),
				itemIndex,
				"Contactability Check: Hero's record shows the patient as deceased, so nothing was sent",
				'Remove the patient from the list this workflow sends to.',
			);
		}
		if (patient.restricted === true && mode !== 'allowRestricted') {
			throw itemError(
				this.context.getNode(),
				itemIndex,
				"Contactability Check: the patient's record is restricted, so nothing was sent",
				'Restricted records are sent to only when Contactability Check is set to Refuse Deceased Patients (allowing restricted ones).',
			);
		}
	}
}
