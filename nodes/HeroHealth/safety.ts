import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { DateTime } from 'luxon';

import type { SendWindow } from '../shared/sendWindow';
import { windowAt } from '../shared/sendWindow';
import type { HeroRequest, RequestSettings } from '../shared/transport';
import { heroRequest } from '../shared/transport';

// The controls a practice signs off before it automates patient messages: quiet hours (Send
// Window) and the contactability guard. Each refusal names the item and the reason, never the
// patient's data.

export type SendWindowMode = 'off' | 'schedule' | 'refuse';

/** A refusal by the Send Window: the item's error carries when the window next opens. */
export class OutsideSendWindow extends NodeOperationError {
	constructor(
		context: IExecuteFunctions,
		itemIndex: number,
		window: SendWindow,
		readonly nextWindowOpensAt: string,
		when: string,
	) {
		super(
			context.getNode(),
			`[item ${itemIndex}] Send Window: ${when} is outside ${window.text} (UK time); it next opens at ${nextWindowOpensAt}`,
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
export function withinSendWindow(
	context: IExecuteFunctions,
	itemIndex: number,
	request: HeroRequest,
	mode: SendWindowMode,
	window: SendWindow,
	canSchedule: boolean,
	now: DateTime = DateTime.utc(),
): HeroRequest {
	if (mode === 'off') return request;
	const scheduled = request.body?.send_at;
	const at = typeof scheduled === 'string' ? DateTime.fromISO(scheduled, { zone: 'utc' }) : now;
	const verdict = windowAt(window, at.isValid ? at : now);
	if (verdict.open) return request;
	const opensAt = asHero(verdict.opensAt);
	if (mode === 'refuse' || !canSchedule) {
		const when = typeof scheduled === 'string' ? `Send At ${scheduled}` : 'now';
		throw new OutsideSendWindow(context, itemIndex, window, opensAt, when);
	}
	return { ...request, body: { ...(request.body as IDataObject), send_at: opensAt } };
}

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
			throw new NodeOperationError(
				this.context.getNode(),
				`[item ${itemIndex}] Contactability Check: the patient's record could not be read${code ? ` (HTTP ${code})` : ''}, so nothing was sent`,
				{
					itemIndex,
					description: `The check fails closed: a patient who cannot be checked is not messaged. ${(error as Error).message}`,
				},
			);
		}
		if (patient.deceased_at) {
			throw new NodeOperationError(
				this.context.getNode(),
				`[item ${itemIndex}] Contactability Check: Hero's record shows the patient as deceased, so nothing was sent`,
				{ itemIndex, description: 'Remove the patient from the list this workflow sends to.' },
			);
		}
		if (patient.restricted === true && mode !== 'allowRestricted') {
			throw new NodeOperationError(
				this.context.getNode(),
				`[item ${itemIndex}] Contactability Check: the patient's record is restricted, so nothing was sent`,
				{
					itemIndex,
					description:
						'Restricted records are sent to only when Contactability Check is set to Refuse Deceased Patients (allowing restricted ones).',
				},
			);
		}
	}
}
