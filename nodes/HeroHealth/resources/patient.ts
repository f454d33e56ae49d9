import type { IDataObject } from 'n8n-workflow';

import { choice, date, email, idLocator, locator, mobile, mode, nhsNumber, postcode, text } from '../fields';
import type { HeroResource } from '../types';

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

const patient = () => locator('patient', 'id', { name: 'patientId', in: 'path', required: true });
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
				mode(
					'Identify By',
					[
						['NHS Number and Date of Birth', 'nhsNumber'],
						['Name, Date of Birth and Postcode', 'demographics'],
					],
					{ name: 'identifyBy', default: 'nhsNumber' },
				),
				{ ...nhsNumber('nhs_number', { name: 'nhsNumber', required: true }), showWhen: BY_NHS_NUMBER },
				date('Date of Birth', 'dob', { required: true, name: 'dateOfBirth' }),
				{ ...text('Forename', 'forename', { name: 'forename', required: true, maxLength: 100 }), showWhen: BY_DEMOGRAPHICS },
				{ ...text('Surname', 'surname', { name: 'surname', required: true, maxLength: 100 }), showWhen: BY_DEMOGRAPHICS },
				{ ...postcode('postcode', { name: 'postcode', required: true }), showWhen: BY_DEMOGRAPHICS },
				text('EHR Partner', 'ehr_partner', { name: 'ehrPartner', maxLength: 100, placeholder: 'e.g. emis' }),
				text('EHR Partner ID', 'ehr_partner_id', { name: 'ehrPartnerId', maxLength: 100 }),
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
				text('First Name', 'first_name', { name: 'firstName', required: true, maxLength: 100 }),
				text('Last Name', 'last_name', { name: 'lastName', required: true, maxLength: 100 }),
				date('Date of Birth', 'dob', { required: true, name: 'dateOfBirth' }),
				mobile('Mobile', 'mobile', { name: 'mobile', required: true }),
				nhsNumber('nhs_number', { name: 'nhsNumber' }),
				email('Email', 'email', { name: 'email' }),
				choice('Sex', 'sex', SEXES, { name: 'sex' }),
				choice('Title', 'title', TITLES, { name: 'title' }),
				text('Landline', 'landline', { name: 'landline', maxLength: 30 }),
				text('Address Line 1', 'address_line_1', { name: 'addressLine1', maxLength: 200 }),
				text('Address Line 2', 'address_line_2', { name: 'addressLine2', maxLength: 200 }),
				text('Address Line 3', 'address_line_3', { name: 'addressLine3', maxLength: 200 }),
				text('County', 'county', { name: 'county', maxLength: 100 }),
				postcode('postcode', { name: 'postcode' }),
				text('Country', 'country', { name: 'country', maxLength: 100 }),
				text('Data Source', 'data_source', { name: 'dataSource', maxLength: 50 }),
				text('EHR Partner ID', 'ehr_partner_id', { name: 'ehrPartnerId', maxLength: 100 }),
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
				choice('Data Source', 'data_source', [
					['Hero', 'hero'],
					['EHR', 'ehr'],
				], { name: 'dataSource', in: 'query' }),
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
				text('First Name', 'first_name', { name: 'firstName', in: 'query', maxLength: 100 }),
				text('Last Name', 'last_name', { name: 'lastName', in: 'query', maxLength: 100 }),
				date('Date of Birth', 'dob', { in: 'query', name: 'dateOfBirth' }),
				nhsNumber('nhs_number', { name: 'nhsNumber', in: 'query' }),
				text('EHR Partner ID', 'ehr_partner_id', { name: 'ehrPartnerId', in: 'query', maxLength: 100 }),
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
			fields: [patient(), text('EHR Partner ID', 'ehr_partner_id', { name: 'ehrPartnerId', required: true, maxLength: 100 })],
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
				idLocator('patient', 'Patient to Merge ID', 'patient_id', { name: 'patientToMergeId', required: true, description: 'The record merged into the patient above' }),
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
				idLocator('patient', 'Patient to Merge ID', 'patient_id', {
					name: 'patientToMergeId',
					description: 'The record merged into the patient above, as in Preview Merge',
				}),
				text('Merge Token', 'merge_token', { name: 'mergeToken',
					maxLength: 500,
					description: 'The merge token Preview Merge returned, if Hero asks for it',
				}),
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
