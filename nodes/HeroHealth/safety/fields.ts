import { parseSendWindow } from './sendWindow';
import { heroField } from '../fields/field';
import { choiceField, numberField } from '../fields/values';
import { DEFAULT_MAX_SMS_FRAGMENTS, MAX_SMS_FRAGMENTS } from '../../shared/sms';
import type { HeroField, HeroOperation } from '../model';

/**
 * The practice sign-off controls an operation that contacts a patient offers: the Send Window
 * (quiet hours) and, for a message to a Hero patient, the Contactability Check. Nothing is sent
 * for them; defaults by node version are in versions.ts.
 */
export function safetyFields(operation: HeroOperation): HeroField[] {
	const fields: HeroField[] = [];
	if (operation.contacts) {
		const modes: Array<[string, string]> = [['Off', 'off']];
		if (operation.contacts === 'scheduled') modes.push(['Schedule for When It Opens', 'schedule']);
		modes.push(['Refuse Outside It', 'refuse']);
		fields.push(
			choiceField({
				label: 'Send Window',
				parameter: 'sendWindow',
				apiKey: 'sendWindow',
				place: 'none',
				topLevel: true,
				safety: true,
				values: modes,
				default: 'off',
				description:
					operation.contacts === 'scheduled'
						? "Quiet hours: outside Send Window Hours (UK time) the message is scheduled for when the window opens, through Hero's Send At, or refused"
						: 'Quiet hours: outside Send Window Hours (UK time) nothing is sent and the item fails, naming when the window opens (Hero cannot schedule this send)',
			}),
			heroField(
				{
					label: 'Send Window Hours',
					parameter: 'sendWindowHours',
					apiKey: 'sendWindowHours',
					place: 'none',
					topLevel: true,
					safety: true,
					default: 'Mon-Sun 08:00-20:00',
					placeholder: 'e.g. Mon-Fri 09:00-17:30',
					description:
						'Days and hours in UK time, such as "Mon-Sun 08:00-20:00" or "Mon,Wed,Fri 09:00-12:00"; clock changes are followed',
					showWhen: { sendWindow: ['schedule', 'refuse'] },
				},
				{ type: 'string' },
				parseSendWindow,
			),
		);
	}
	if (operation.addressedTo || operation.checksRecipients) {
		fields.push(
			choiceField({
				label: 'Contactability Check',
				parameter: 'contactabilityCheck',
				apiKey: 'contactabilityCheck',
				place: 'none',
				topLevel: true,
				safety: true,
				values: [
					['Off', 'off'],
					['Refuse Deceased and Restricted Patients', 'refuseRestricted'],
					['Refuse Deceased Patients', 'allowRestricted'],
				],
				default: 'off',
				description: operation.checksRecipients
					? "Reads each recipient's Hero record before the batch is sent (after Hero has matched them to patients) and leaves out a patient recorded as deceased, and a restricted record unless allowed; a recipient who cannot be checked is left out"
					: "Reads the patient's Hero record before sending (once per patient per run) and refuses a patient recorded as deceased, and a restricted record unless allowed; a record that cannot be read is refused",
			}),
		);
	}
	if (operation.sms) fields.push(maxSmsFragmentsField());
	return fields;
}

/** What an SMS may cost: longer messages are refused before anything is sent (node version 4). */
function maxSmsFragmentsField(): HeroField {
	const field = numberField({
		label: 'Max SMS Fragments',
		parameter: 'maxSmsFragments',
		apiKey: 'maxSmsFragments',
		place: 'none',
		topLevel: true,
		safety: true,
		min: 1,
		max: MAX_SMS_FRAGMENTS,
		default: DEFAULT_MAX_SMS_FRAGMENTS,
		description:
			'Refuses a message sent by SMS (or with SMS as its fallback) that takes more fragments than this, naming the item; each fragment is charged, for every recipient',
	});
	return {
		...field,
		property: {
			...field.property,
			hint: 'One SMS holds 160 characters (153 per fragment once split); a character outside GSM-7, such as an emoji or a curly quote, makes it 70 (67)',
		},
	};
}

/**
 * The same controls on a Custom API Call (node version 4): they apply when its Method and Path
 * reach an endpoint that messages a patient (Send a Message, Send a Batch Message), with the
 * defaults new nodes have there.
 */
export function customCallSafetyFields(): HeroField[] {
	const reaching = { contacts: 'scheduled', addressedTo: 'patient_id' } as HeroOperation;
	const [sendWindow, hours, contactability] = safetyFields(reaching);
	const when =
		' Applies when Method and Path reach an endpoint that messages a patient (Send a Message, Send a Batch Message); Hero cannot schedule a batch, so one outside the window is refused.';
	return [
		{
			...sendWindow,
			property: {
				...sendWindow.property,
				default: 'schedule',
				description: `${String(sendWindow.property.description)}.${when}`,
			},
		},
		hours,
		{
			...contactability,
			property: {
				...contactability.property,
				default: 'refuseRestricted',
				description: `${String(contactability.property.description)}. Applies when Method and Path reach Send a Message.`,
			},
		},
	];
}
