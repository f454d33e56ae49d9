'use strict';
// Seed data for the fake Hero: fictional people, test NHS numbers (999…, valid check digit)
// and Ofcom drama-range mobiles (07700 900xxx). Deterministic, so tests can rely on it.

function nhsCheckDigit(nine) {
	let sum = 0;
	for (let i = 0; i < 9; i++) sum += Number(nine[i]) * (10 - i);
	const check = 11 - (sum % 11);
	return check === 11 ? 0 : check === 10 ? undefined : check;
}

/** The n-th valid test NHS number (999 prefix). */
function testNhsNumber(n) {
	for (let k = n; ; k++) {
		const nine = '999' + String(k).padStart(6, '0');
		const check = nhsCheckDigit(nine);
		if (check !== undefined && k >= n) return nine + check;
	}
}

function testMobile(n) {
	return '+447700900' + String(n % 1000).padStart(3, '0');
}

const FIRST = [
	'Alex',
	'Sam',
	'Jo',
	'Chris',
	'Robin',
	'Jamie',
	'Morgan',
	'Taylor',
	'Casey',
	'Riley',
];
const LAST = ['Testpatient', 'Example', 'Sample', 'Specimen', 'Placeholder', 'Dummy'];

function londonIso(day, hour, minute) {
	// Seed slots on whole UTC hours; readable, and the executor's conversions are tested elsewhere.
	const d = new Date(
		Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), hour, minute),
	);
	return d.toISOString();
}

function seed({ practiceGroupId, patients = 240, admins = 230, episodes = 120, now = new Date() }) {
	const store = {
		nextId: 90000,
		practiceGroup: {
			id: practiceGroupId,
			name: 'Riverside Test Surgery',
			ods_code: 'Y99999',
			address: {
				line_1: '1 Test Street',
				town: 'Testtown',
				county: 'Testshire',
				postcode: 'ZZ99 3ZZ',
			},
			prescription_partner_enabled: false,
		},
		capabilities: ['sms_messaging', 'email_messaging', 'nhs_app_messaging', 'online_booking'],
		configuration: { timezone: 'Europe/London', booking_enabled: true, sms_sender: 'RIVERSIDE' },
		locations: [
			{ id: '301', name: 'Main Surgery', postcode: 'ZZ99 3ZZ' },
			{ id: '302', name: 'Branch Clinic', postcode: 'ZZ99 4ZZ' },
			{ id: '303', name: 'PCN Hub', postcode: 'ZZ99 5ZZ' },
		],
		practitioners: [
			{
				id: '401',
				first_name: 'Alex',
				last_name: 'Doctor',
				name: 'Dr Alex Doctor',
				role: 'GP',
				location_ids: ['301', '302'],
			},
			{
				id: '402',
				first_name: 'Sam',
				last_name: 'Nurse',
				name: 'Sam Nurse',
				role: 'Practice Nurse',
				location_ids: ['301'],
			},
			{
				id: '403',
				first_name: 'Jo',
				last_name: 'Physio',
				name: 'Jo Physio',
				role: 'Physiotherapist',
				location_ids: ['303'],
			},
			{
				id: '404',
				first_name: 'Chris',
				last_name: 'Pharmacist',
				name: 'Chris Pharmacist',
				role: 'Clinical Pharmacist',
				location_ids: ['301', '303'],
			},
		],
		appointmentTypes: [],
		slots: [],
		patients: new Map(),
		appointments: new Map(),
		messages: new Map(),
		templates: [
			{
				id: '601',
				name: 'Appointment reminder',
				content: 'Reminder: you have an appointment at {{time}}.',
				has_follow_up: false,
			},
			{
				id: '602',
				name: 'Flu clinic invitation',
				content: 'You are invited to book a flu vaccination.',
				has_follow_up: true,
			},
			{
				id: '603',
				name: 'Blood test results',
				content: 'Your results are ready; please call the surgery.',
				has_follow_up: false,
			},
		],
		webhooks: new Map(),
		batchMessages: new Map(),
		admins: [],
		forms: [
			{
				id: '701',
				title: 'Asthma review',
				description: 'Annual asthma review',
				patient_title: 'Asthma review',
				patient_description: 'A few questions about your asthma',
				reply_form: false,
				form_type: 'questionnaire',
				snomed_code: '270442000',
				fields: [{ form_question_id: '7011', name: 'How often do you use your inhaler?' }],
			},
			{
				id: '702',
				title: 'Blood pressure reading',
				description: 'Home BP reading',
				patient_title: 'Blood pressure',
				patient_description: 'Send us your reading',
				reply_form: true,
				form_type: 'response',
				snomed_code: '75367002',
				fields: [
					{ form_question_id: '7021', name: 'Systolic' },
					{ form_question_id: '7022', name: 'Diastolic' },
				],
			},
			{
				id: '703',
				title: 'Pre-appointment questions',
				description: 'Before your appointment',
				patient_title: 'Before you come in',
				patient_description: 'Help us prepare',
				reply_form: false,
				form_type: 'appointment',
				snomed_code: '371531000',
				fields: [{ form_question_id: '7031', name: 'Reason for visit' }],
			},
		],
		formResponses: new Map(),
		episodes: [],
		tasks: new Map(),
		bookingLinks: new Map(),
		shortLinks: [],
		coupons: [{ id: 'co_test1', name: 'Staff discount', amount_off: null, percent_off: 10 }],
		customers: [],
		invoices: new Map(),
		pharmacies: [],
		subscriptions: [],
		notes: [],
	};

	store.appointmentTypes = [
		{
			id: '501',
			name: 'GP consultation',
			duration: 10,
			sector: 'nhs',
			price: 0,
			practitioner_type: 'GP',
			location_ids: ['301', '302'],
		},
		{
			id: '502',
			name: 'Nurse blood test',
			duration: 15,
			sector: 'nhs',
			price: 0,
			practitioner_type: 'Practice Nurse',
			location_ids: ['301'],
		},
		{
			id: '503',
			name: 'Private physiotherapy',
			duration: 30,
			sector: 'paid',
			price: 65,
			practitioner_type: 'Physiotherapist',
			location_ids: ['303'],
		},
	].map((type) => ({
		partner_slot_name: type.name,
		next_available_at: null,
		slot_count: 0,
		assignee_id: '401',
		assignee_type: 'Admin',
		video: false,
		in_person: true,
		telephone: type.id === '501',
		use_partner_bookable_slots: false,
		form_id: null,
		...type,
	}));

	// Fourteen days of slots from tomorrow, each type at its own practitioner and location.
	const pairs = [
		{ type: '501', practitioner: '401', location: '301' },
		{ type: '502', practitioner: '402', location: '301' },
		{ type: '503', practitioner: '403', location: '303' },
	];
	let slotId = 5000;
	for (let d = 1; d <= 14; d++) {
		const day = new Date(now.getTime() + d * 86400000);
		for (const pair of pairs) {
			const duration = store.appointmentTypes.find((t) => t.id === pair.type).duration;
			for (const hour of [9, 10, 11, 14]) {
				const start = londonIso(day, hour, 0);
				store.slots.push({
					id: String(slotId++),
					practitioner_id: pair.practitioner,
					appointment_type_id: pair.type,
					location_id: pair.location,
					start_time: start,
					finish_time: new Date(Date.parse(start) + duration * 60000).toISOString(),
					duration,
					booked: false,
				});
			}
		}
	}
	for (const type of store.appointmentTypes) {
		const slots = store.slots.filter((s) => s.appointment_type_id === type.id);
		type.slot_count = slots.length;
		type.next_available_at = slots[0] ? slots[0].start_time : null;
	}

	for (let i = 1; i <= patients; i++) {
		const id = String(20000 + i);
		const first = FIRST[i % FIRST.length];
		const last = LAST[i % LAST.length];
		store.patients.set(id, {
			id,
			uid: `pat_${id}`,
			emis_id: null,
			ehr_partner_id: `EHR${id}`,
			dob: `19${50 + (i % 50)}-0${1 + (i % 9)}-1${i % 10}`,
			deceased_at: null,
			title: i % 2 ? 'Mx' : 'Dr',
			first_name: first,
			last_name: last,
			sex: 'Not specified',
			nhs_number: testNhsNumber(i),
			email: `patient${i}@example.com`,
			emails: [`patient${i}@example.com`],
			mobile: testMobile(i),
			last_sync_at: now.toISOString(),
			address_line_1: `${i} Test Road`,
			address_line_2: null,
			address_line_3: null,
			country: 'United Kingdom',
			postcode: 'ZZ99 3ZZ',
			town: 'Testtown',
			county: 'Testshire',
			notes: null,
			data_source: 'hero',
			restricted: false,
			status: 'active',
		});
	}

	for (let i = 1; i <= admins; i++) {
		store.admins.push({
			id: String(800 + i),
			first_name: FIRST[i % FIRST.length],
			last_name: `Staff${String(i).padStart(3, '0')}`,
			email: `staff${i}@example.com`,
			external_prescriber_id: null,
			prescriber_details: null,
		});
	}

	const patientIds = [...store.patients.keys()];
	for (let i = 1; i <= episodes; i++) {
		const patient = store.patients.get(patientIds[i % patientIds.length]);
		const task = {
			id: String(3000 + i),
			type_label: 'Medication review',
			status: 'open',
			details: 'Review repeat medication',
			category: 'clinical',
			patient: {
				id: patient.id,
				uid: patient.uid,
				ehr_partner_id: patient.ehr_partner_id,
				emis_id: null,
				deceased_at: null,
				dob: patient.dob,
			},
		};
		store.tasks.set(task.id, task);
		store.episodes.push({
			id: String(1000 + i),
			status: ['open', 'in_progress', 'closed'][i % 3],
			priority: ['lowest', 'low', 'medium', 'high', 'highest'][i % 5],
			assignees: [{ type: 'Admin', name: 'Alex Staff001' }],
			tasks: [task],
			patient: { id: patient.id, first_name: patient.first_name, last_name: patient.last_name },
			created_at: now.toISOString(),
		});
	}

	for (let i = 1; i <= 3; i++) {
		store.shortLinks.push({
			id: String(950 + i),
			type: 'booking_link',
			status: 'active',
			name: `Flu clinic ${i}`,
			url: `https://hero.example/s/${950 + i}`,
		});
		store.subscriptions.push({
			id: String(970 + i),
			patient_id: patientIds[i],
			scheme_id: 'sch_1',
			scheme_name: 'Physio plan',
			status: 'active',
		});
	}
	store.customers.push({
		id: 'cus_test1',
		name: 'Alex Example',
		email: 'patient1@example.com',
		phone: testMobile(1),
		sources: [],
	});
	store.pharmacies.push({
		id: '9901',
		prescriber_id: '801',
		name: 'Test Pharmacy',
		email: 'pharmacy@example.com',
		mobile: testMobile(500),
	});
	store.formResponses.set('7101', {
		id: 7101,
		form_id: 701,
		client_id: 20001,
		appointment_id: null,
		invoice_id: null,
		practice_group_id: Number(practiceGroupId),
		created_at: now.toISOString(),
		updated_at: now.toISOString(),
		hidden: false,
		emis_file_record_at: null,
		short_link_id: null,
		admin_id: null,
		write_to_record_error: null,
	});
	return store;
}

module.exports = { seed, testNhsNumber, testMobile, nhsCheckDigit };
