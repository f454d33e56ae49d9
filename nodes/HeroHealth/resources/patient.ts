import type { IDataObject } from 'n8n-workflow';

import { choiceField, dateField, emailField, mobileField, nhsNumberField, postcodeField, recordLocator, switchField, textField } from '../fields';
import type { HeroResource } from '../model';

// Hero's values, with labels in Title Case.
const SEXES: Array<[string, string]> = [
	['Not Known', 'Not known'],
	['Not Specified', 'Not specified'],
	['Male', 'Male'],
	['Female', 'Female'],
	['Other', 'Other'],
];
const TITLES = [
	'Baron', 'Baroness', 'Brigadier', 'Count', 'Colonel', 'Countess', 'Captain', 'Dame',
	'The Dowager Viscountess', 'Dr', 'Duchess', 'Duke', 'Earl', 'His Excellency', 'Father',
	'H.E. Ambassador Mr', 'H.E. Mr', 'H.E. Mrs', 'Her Grace', 'His Grace', 'The Hon', 'The Hon Mr',
	'The Hon Mrs', 'HRH', 'HRH Prince', 'HRH Princess', 'Insurance', 'HM King', 'Lady', 'Lord', 'Major',
	'Master', 'Miss', 'Mr', 'Mrs', 'Ms', 'Mss', 'Mx', 'Pr', 'Professor', 'HM Queen', 'Rabbi', 'Reverend',
	'Sheikh', 'Sheikha', 'Sir', 'The', 'Viscount', 'Viscountess',
].map((t): [string, string] => [t, t]);

const patient = () => recordLocator({ parameter: 'patientId', record: 'patient', apiKey: 'id', place: 'path', required: true });
const BY_NHS_NUMBER = { identifyBy: ['nhsNumber'] };
const BY_DEMOGRAPHICS = { identifyBy: ['demographics'] };

/** Both answers of register_pds are successes; the second needs the patient to verify. */
function registrationOutcome(body: unknown): IDataObject {
	const answer = (body ?? {}) as IDataObject;
	if (answer.patient_id) return { registered: true, identity_check_needed: false, ...answer };
	return { registered: false, identity_check_needed: Boolean(answer.login_url), ...answer };
}

export const patientResource: HeroResource = {
	value: 'patient',
	name: 'Patient',
	description: 'Patients of the practice: register through PDS, look up, search, link to the EHR',
	operations: [
		{
			value: 'registerPds',
			name: 'Register via PDS',
			action: 'Register a patient via PDS',
			description:
				"Trace a patient on the NHS Spine (PDS) and get their Hero patient ID, creating a record if Hero has none. If Hero needs the patient to verify their identity, the output has identity_check_needed and a login_url to send them.",
			heroName: 'Register a Patient using PDS',
			method: 'POST',
			path: '/v1/patients/register_pds',
			scope: 'messaging',
			output: registrationOutcome,
			fields: [
				switchField({ parameter: 'identifyBy', label: 'Identify By', values: [
						['NHS Number and Date of Birth', 'nhsNumber'],
						['Name, Date of Birth and Postcode', 'demographics'],
					], default: 'nhsNumber' }),
				nhsNumberField({ parameter: 'nhsNumber', apiKey: 'nhs_number', required: true , showWhen: BY_NHS_NUMBER }),
				dateField({ parameter: 'dateOfBirth', label: 'Date of Birth', apiKey: 'dob', required: true }),
				textField({ parameter: 'forename', label: 'Forename', apiKey: 'forename', required: true, maxLength: 100 , showWhen: BY_DEMOGRAPHICS }),
				textField({ parameter: 'surname', label: 'Surname', apiKey: 'surname', required: true, maxLength: 100 , showWhen: BY_DEMOGRAPHICS }),
				postcodeField({ parameter: 'postcode', apiKey: 'postcode', required: true , showWhen: BY_DEMOGRAPHICS }),
				textField({ parameter: 'ehrPartner', label: 'EHR Partner', apiKey: 'ehr_partner', maxLength: 100, placeholder: 'e.g. emis' }),
				textField({ parameter: 'ehrPartnerId', label: 'EHR Partner ID', apiKey: 'ehr_partner_id', maxLength: 100 }),
			],
		},
		{
			value: 'register',
			name: 'Register',
			action: 'Register a patient',
			description:
				'Create a patient from demographics you supply, or update the record with the same NHS number and date of birth',
			heroName: 'Register a Patient',
			method: 'POST',
			path: '/v1/patients/register',
			subject: 'patient',
			fields: [
				textField({ parameter: 'firstName', label: 'First Name', apiKey: 'first_name', required: true, maxLength: 100 }),
				textField({ parameter: 'lastName', label: 'Last Name', apiKey: 'last_name', required: true, maxLength: 100 }),
				dateField({ parameter: 'dateOfBirth', label: 'Date of Birth', apiKey: 'dob', required: true }),
				mobileField({ parameter: 'mobile', label: 'Mobile', apiKey: 'mobile', required: true }),
				nhsNumberField({ parameter: 'nhsNumber', apiKey: 'nhs_number' }),
				emailField({ parameter: 'email', label: 'Email', apiKey: 'email' }),
				choiceField({ parameter: 'sex', label: 'Sex', apiKey: 'sex', values: SEXES }),
				choiceField({ parameter: 'title', label: 'Title', apiKey: 'title', values: TITLES }),
				textField({ parameter: 'landline', label: 'Landline', apiKey: 'landline', maxLength: 30 }),
				textField({ parameter: 'addressLine1', label: 'Address Line 1', apiKey: 'address_line_1', maxLength: 200 }),
				textField({ parameter: 'addressLine2', label: 'Address Line 2', apiKey: 'address_line_2', maxLength: 200 }),
				textField({ parameter: 'addressLine3', label: 'Address Line 3', apiKey: 'address_line_3', maxLength: 200 }),
				textField({ parameter: 'county', label: 'County', apiKey: 'county', maxLength: 100 }),
				postcodeField({ parameter: 'postcode', apiKey: 'postcode' }),
				textField({ parameter: 'country', label: 'Country', apiKey: 'country', maxLength: 100 }),
				textField({ parameter: 'dataSource', label: 'Data Source', apiKey: 'data_source', maxLength: 50 }),
				textField({ parameter: 'ehrPartnerId', label: 'EHR Partner ID', apiKey: 'ehr_partner_id', maxLength: 100 }),
			],
		},
		{
			value: 'get',
			name: 'Get',
			action: 'Get a patient',
			description: "Get a patient's Hero record (v1). Get (V2) adds EHR registration and can read the record live from the EHR.",
			heroName: 'Get a Patient',
			method: 'GET',
			path: '/v1/patients/{id}',
			subject: 'patient',
			simplify: ['id', 'title', 'first_name', 'last_name', 'dob', 'nhs_number', 'mobile', 'email', 'postcode', 'status'],
			fields: [patient()],
		},
		{
			value: 'getV2',
			name: 'Get (V2)',
			action: 'Get a patient (v2)',
			description: 'Get a patient in the v2 shape; unlike Get, it shows EHR registration and can read live from the EHR (Data Source)',
			heroName: 'Get a Patient (v2)',
			method: 'GET',
			path: '/v2/patients/{id}',
			subject: 'patient',
			simplify: ['hero_id', 'title', 'first_name', 'last_name', 'dob', 'nhs_number', 'mobile', 'email', 'postcode', 'ehr_registered'],
			fields: [
				patient(),
				choiceField({ parameter: 'dataSource', label: 'Data Source', apiKey: 'data_source', values: [
					['Hero', 'hero'],
					['EHR', 'ehr'],
				], place: 'query' }),
			],
		},
		{
			value: 'list',
			name: 'Get Many',
			action: 'Get many patients',
			description: "List the practice's patients (v1, no filters). Search (v3) filters on Hero by name, date of birth, NHS number and EHR ID.",
			heroName: 'List Patients',
			method: 'GET',
			path: '/v1/patients',
			list: { paginated: false },
			simplify: ['id', 'title', 'first_name', 'last_name', 'dob', 'nhs_number', 'mobile', 'email', 'postcode', 'status'],
			fields: [],
		},
		{
			value: 'search',
			name: 'Search',
			action: 'Search patients',
			description: 'Find patients by any mix of first name, last name, date of birth, NHS number and EHR ID (v3); unlike Get Many, Hero filters and pages the list',
			heroName: 'List Patients (v3)',
			method: 'GET',
			path: '/v3/patients',
			list: { paginated: true },
			simplify: ['id', 'title', 'first_name', 'last_name', 'dob', 'nhs_number', 'sex', 'ehr_partner_id', 'deceased_at'],
			fields: [
				textField({ parameter: 'firstName', label: 'First Name', apiKey: 'first_name', place: 'query', maxLength: 100 }),
				textField({ parameter: 'lastName', label: 'Last Name', apiKey: 'last_name', place: 'query', maxLength: 100 }),
				dateField({ parameter: 'dateOfBirth', label: 'Date of Birth', apiKey: 'dob', place: 'query' }),
				nhsNumberField({ parameter: 'nhsNumber', apiKey: 'nhs_number', place: 'query' }),
				textField({ parameter: 'ehrPartnerId', label: 'EHR Partner ID', apiKey: 'ehr_partner_id', place: 'query', maxLength: 100 }),
			],
		},
		{
			value: 'listEhrCandidates',
			name: 'Get EHR Candidates',
			action: "Get a patient's EHR candidates",
			description: 'List records in the connected EHR (EMIS Web, SystmOne) that could be this Hero patient',
			heroName: 'List Candidates for the Patient on EHR',
			method: 'GET',
			path: '/v1/patients/{id}/ehr/candidates',
			subject: 'patient',
			list: { paginated: false },
			fields: [patient()],
		},
		{
			value: 'connectEhr',
			name: 'Connect to EHR',
			action: 'Connect a patient to EHR',
			description: 'Link a Hero patient to a record in the connected EHR (see Get EHR Candidates)',
			heroName: 'Connect a Patient to EHR',
			method: 'POST',
			path: '/v1/patients/{id}/ehr/connect',
			subject: 'patient',
			fields: [patient(), textField({ parameter: 'ehrPartnerId', label: 'EHR Partner ID', apiKey: 'ehr_partner_id', required: true, maxLength: 100 })],
		},
		{
			value: 'previewMerge',
			name: 'Preview Merge',
			action: 'Preview a patient merge',
			description: 'Show what merging another patient into this one would produce',
			heroName: 'Preview Patient Merging',
			method: 'POST',
			path: '/v1/patients/{id}/merge/preview',
			subject: 'patient',
			fields: [
				patient(),
				recordLocator({ parameter: 'patientToMergeId', record: 'patient', label: 'Patient to Merge', apiKey: 'patient_id', required: true, description: 'The record merged into the patient above' }),
			],
		},
		{
			value: 'merge',
			name: 'Merge',
			action: 'Merge patients',
			description: 'Merge another patient record into this one (preview it first)',
			heroName: 'Merge Patients',
			method: 'POST',
			path: '/v1/patients/{id}/merge',
			subject: 'patient',
			fields: [
				patient(),
				recordLocator({ parameter: 'patientToMergeId', record: 'patient', label: 'Patient to Merge', apiKey: 'patient_id', description: 'The record merged into the patient above, as in Preview Merge' }),
				textField({ parameter: 'mergeToken', label: 'Merge Token', apiKey: 'merge_token', maxLength: 500, description: 'The merge token Preview Merge returned, if Hero asks for it' }),
			],
		},
		{
			value: 'listAttachments',
			name: 'Get Many Attachments',
			action: 'Get many patient attachments',
			description: 'List the attachments held in the EHR for a patient',
			heroName: 'List Patient EHR Attachments',
			method: 'GET',
			path: '/v1/patients/{id}/attachments',
			subject: 'patient',
			list: { paginated: false },
			fields: [patient()],
		},
	],
};
