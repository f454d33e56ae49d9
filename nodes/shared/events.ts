import type { INodePropertyOptions } from 'n8n-workflow';

export const HERO_EVENTS: INodePropertyOptions[] = [
	{
		name: 'Appointment Cancelled',
		value: 'appointment.cancelled',
		description: 'An appointment was cancelled',
	},
	{
		name: 'Appointment Confirmed',
		value: 'appointment.confirmed',
		description: 'An appointment was booked and confirmed',
	},
	{
		name: 'Appointment Rescheduled',
		value: 'appointment.rescheduled',
		description: 'An appointment moved to another time',
	},
	{
		name: 'Form Submission Created',
		value: 'form-submission.created',
		description: 'A patient submitted a form',
	},
	{
		name: 'Patient Added to Sequence',
		value: 'patient.added-to-sequence',
		description: 'A patient was added to a message sequence',
	},
	{
		name: 'Patient Medical Record Updated',
		value: 'patient.medical-record-updated',
		description: "A patient's medical record changed",
	},
	{
		name: 'Prescription Issued',
		value: 'prescription.issued',
		description: 'A prescription was issued',
	},
	{
		name: 'Write to Record Failed',
		value: 'write-to-record.failed',
		description: 'Writing a message to the patient record failed',
	},
	{
		name: 'Write to Record Succeeded',
		value: 'write-to-record.succeeded',
		description: 'A message was written to the patient record',
	},
];

/** Where the full record of each webhook object is fetched, when the API has a get for it. */
export const FULL_RECORD: Record<string, { path: string; subject: string } | undefined> = {
	Appointment: { path: '/v1/appointments/{id}', subject: 'appointment' },
	Patient: { path: '/v1/patients/{id}', subject: 'patient' },
	FormSubmission: { path: '/v1/form_response/{id}', subject: 'form response' },
	Prescription: undefined,
};
