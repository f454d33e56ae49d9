'use strict';
// What the fake Hero answers, by operationId. State lives in the store, so what a test
// creates it can fetch again. Operations without a handler answer a sample of their schema.
const crypto = require('crypto');
const { batchStatus, clockShift, messageState, recipientStatus, shifted } = require('./outcomes');

class HttpError extends Error {
	constructor(status, message) {
		super(message);
		this.status = status;
	}
}

const notFound = (what) => new HttpError(404, `${what} not found`);

function newId(store) {
	return String(store.nextId++);
}

function page(list, query, defaultSize = 20) {
	const index = Number(query.get('page_index') || 0);
	const size = Number(query.get('page_size') || defaultSize);
	return { data: list.slice(index * size, index * size + size), count: list.length };
}

function all(list) {
	return { data: list, count: list.length };
}

function ids(query, name) {
	return query.getAll(name).flatMap((v) => v.split(','));
}

function getFrom(map, id, what) {
	const record = map.get(id);
	if (!record) throw notFound(what);
	return record;
}

function findSlotFor(store, body) {
	return store.slots.find(
		(s) =>
			!s.booked &&
			s.appointment_type_id === body.appointment_type_id &&
			s.location_id === body.location_id &&
			s.practitioner_id === body.practitioner_id &&
			Date.parse(s.start_time) === Date.parse(body.start_time),
	);
}

function slotsMatching(store, query) {
	const start = query.get('start_date');
	const end = query.get('end_date');
	return store.slots.filter((s) => {
		if (s.booked) return false;
		for (const key of ['appointment_type_id', 'location_id', 'practitioner_id']) {
			if (query.get(key) && s[key] !== query.get(key)) return false;
		}
		const day = s.start_time.slice(0, 10);
		if (start && day < start.slice(0, 10) && s.start_time < start) return false;
		if (end && day > end.slice(0, 10)) return false;
		return true;
	});
}

/** A batch as Hero answers it: without its recipients; once sent, QUEUED then COMPLETED. */
function batchView(store, batch) {
	const { recipients, clockAt, ...view } = batch;
	const times = view.sent_at ? { sent_at: shifted(store, batch, view.sent_at) } : {};
	return { ...view, ...times, status: batchStatus(store, batch) };
}

/**
 * Hero enriches a batch after creating it: each recipient's NHS number and date of birth are
 * matched to a patient (ENRICHED) or refused with a reason (ENRICHMENT_ERROR). The batch is CREATED
 * while `store.batchEnrichment.hold` is set and for `delayMs` after its creation, then ENRICHED, or
 * the status in `failWith` (ENRICHMENT_ERROR, INVALID_PAYLOAD) with its `reason`.
 */
function settled(store, batch) {
	const { hold, delayMs = 0, failWith, reason } = store.batchEnrichment || {};
	if (batch.status !== 'CREATED' || hold || Date.now() < Date.parse(batch.created_at) + delayMs)
		return batch;
	if (failWith) {
		batch.status = failWith;
		batch.error = reason || `Hero could not enrich this batch (${failWith})`;
		return batch;
	}
	const byPerson = new Map(
		[...store.patients.values()].map((p) => [`${p.nhs_number}/${p.dob}`, p]),
	);
	for (const recipient of batch.recipients) {
		const patient = byPerson.get(`${recipient.nhs_number}/${String(recipient.dob).slice(0, 10)}`);
		if (patient) {
			recipient.status = 'ENRICHED';
			recipient.patient_id = patient.id;
		} else {
			recipient.status = 'ENRICHMENT_ERROR';
			recipient.error = 'No patient at the practice has this NHS number and date of birth';
		}
	}
	batch.status = 'ENRICHED';
	return batch;
}

function messageRecord(store, body, patient) {
	const id = newId(store);
	const now = new Date().toISOString();
	return {
		id,
		message_id: id,
		patient: {
			id: patient.id,
			title: patient.title,
			first_name: patient.first_name,
			last_name: patient.last_name,
		},
		message_type: body.message_type,
		content: body.message_string,
		recipient:
			body.recipient_contact_detail ||
			(body.message_type === 'email' ? patient.email : patient.mobile),
		write_to_record: body.write_to_record
			? {
					write_to_record_at: null,
					status: 'pending',
					failure_reason: null,
					snomed_code:
						body.snomed_code || (body.message_type === 'sms' ? '279991000000102' : '401271004'),
				}
			: null,
		short_link: null,
		campaign: null,
		created_at: now,
		clockAt: clockShift(store),
		scheduled_at: body.send_at || null,
		// status, sent_at, delivered_at, read_at: from the clock (outcomes.js)
		sent_by_admin: null,
	};
}

const handlers = {
	// Practice Group
	createAccessToken: () => ({ access_token: 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJmYWtlLWhlcm8ifQ.' }),
	listAppointmentTypes: ({ store, query }) => {
		const locations = ids(query, 'location_ids');
		let list = store.appointmentTypes;
		if (locations.length)
			list = list.filter((t) => t.location_ids.some((l) => locations.includes(l)));
		if (query.get('has_availability') === 'true') list = list.filter((t) => t.slot_count > 0);
		return all(list.map(({ location_ids, ...type }) => type));
	},
	listLocations: ({ store }) => all(store.locations),
	getPracticeGroupById: ({ store }) => store.practiceGroup,
	updatePracticeGroup: ({ store, body }) => {
		const { address, prescription_partner_credentials, ...rest } = body;
		Object.assign(store.practiceGroup, rest);
		if (address) store.practiceGroup.address = { ...store.practiceGroup.address, ...address };
		if (prescription_partner_credentials)
			store.practiceGroup.prescription_partner_email = prescription_partner_credentials.email;
		return store.practiceGroup;
	},
	getCapabilities: ({ store }) => ({ capabilities: store.capabilities }),
	getConfiguration: ({ store }) => store.configuration,
	listPractitioners: ({ store, query }) => {
		const locations = ids(query, 'location_ids');
		const types = ids(query, 'appointment_type_ids');
		let list = store.practitioners;
		if (locations.length)
			list = list.filter((p) => p.location_ids.some((l) => locations.includes(l)));
		if (types.length)
			list = list.filter((p) =>
				store.slots.some(
					(s) => s.practitioner_id === p.id && types.includes(s.appointment_type_id),
				),
			);
		return all(list);
	},
	getPractitioner: ({ store, params }) => {
		const found = store.practitioners.find((p) => p.id === params.id);
		if (!found) throw notFound('Practitioner');
		return found;
	},

	// Admin
	listAdmins: ({ store, query }) => {
		const list = [...store.admins];
		if (query.get('order_by') === 'first_name')
			list.sort((a, b) => a.first_name.localeCompare(b.first_name));
		if (query.get('order_descending') === 'true') list.reverse();
		return page(list, query);
	},
	updateAdmin: ({ store, params, body }) => {
		const admin = store.admins.find((a) => a.id === params.id);
		if (!admin) throw notFound('Admin');
		Object.assign(admin, body);
		return { admin_id: admin.id };
	},

	// Booking
	createAppointment: ({ store, body }) => {
		const slot = body.suppress_availability_check ? undefined : findSlotFor(store, body);
		if (!slot && !body.suppress_availability_check)
			throw new HttpError(409, 'The slot is not available');
		if (slot) slot.booked = true;
		const id = newId(store);
		const reservedUntil = new Date(Date.now() + 15 * 60000).toISOString();
		store.appointments.set(id, {
			id,
			patient_id: body.patient_id || null,
			practitioner_id: body.practitioner_id,
			location_id: body.location_id,
			appointment_type_id: body.appointment_type_id,
			duration: body.duration,
			start_time: body.start_time,
			video: false,
			in_person: true,
			telephone: false,
			video_url: null,
			link_id: null,
			reserved_until: reservedUntil,
			booking_confirmed_at: null,
			can_be_cancelled: true,
			can_be_rescheduled: true,
			cancellation_policy_hours: 24,
			suppress_mail: Boolean(body.suppress_mail),
			status: 'reserved',
		});
		return { id, reserved_until: reservedUntil };
	},
	getAppointment: ({ store, params }) => getFrom(store.appointments, params.id, 'Appointment'),
	editAppointment: ({ store, params, body }) => {
		const appointment = getFrom(store.appointments, params.id, 'Appointment');
		if (appointment.status !== 'reserved')
			throw new HttpError(409, 'Only unconfirmed appointments can be edited');
		Object.assign(appointment, {
			start_time: body.start_time,
			duration: body.duration,
			practitioner_id: body.practitioner_id,
		});
		return appointment;
	},
	getAppointmentStatus: ({ store, params }) => {
		const appointment = getFrom(store.appointments, params.id, 'Appointment');
		return { id: appointment.id, status: appointment.status };
	},
	cancelAppointment: ({ store, params }) => {
		const appointment = getFrom(store.appointments, params.id, 'Appointment');
		appointment.status = 'cancelled';
		appointment.can_be_cancelled = false;
		appointment.can_be_rescheduled = false;
		return appointment;
	},
	bookAppointment: ({ store, params, body }) => {
		const appointment = getFrom(store.appointments, params.id, 'Appointment');
		if (appointment.status !== 'reserved')
			throw new HttpError(409, 'The appointment is not a reservation');
		if (body && body.patient_id) appointment.patient_id = body.patient_id;
		if (!appointment.patient_id)
			throw new HttpError(400, [
				{ code: 'invalid_type', expected: 'string', path: ['patient_id'] },
			]);
		appointment.status = 'confirmed';
		appointment.booking_confirmed_at = new Date().toISOString();
		appointment.reserved_until = null;
		return appointment;
	},
	rescheduleAppointment: ({ store, params, body }) => {
		const appointment = getFrom(store.appointments, params.id, 'Appointment');
		if (!appointment.can_be_rescheduled)
			throw new HttpError(409, 'The appointment cannot be rescheduled');
		Object.assign(appointment, { start_time: body.start_time });
		if (body.duration) appointment.duration = body.duration;
		if (body.practitioner_id) appointment.practitioner_id = body.practitioner_id;
		return appointment;
	},
	getBookingLink: ({ store, params }) => getFrom(store.bookingLinks, params.id, 'Booking link'),
	updateBookingLink: ({ store, params, body }) => {
		const link = getFrom(store.bookingLinks, params.id, 'Booking link');
		for (const key of ['appointment_type_id', 'location_id'])
			if (body[key]) link.meta[key] = [body[key]];
		return link;
	},
	createBookingLink: ({ store, body }) => {
		const id = newId(store);
		const link = {
			id,
			practice_group_id: store.practiceGroup.id,
			short_link: `https://hero.example/b/${id}`,
			active: true,
			expiry_date: body.expiry_date ? `${body.expiry_date}T23:59:59Z` : null,
			maximum_uses: body.maximum_use_count || null,
			number_of_uses: 0,
			open_count: 0,
			unlimited_use: !body.maximum_use_count,
			meta: { appointment_type_id: [body.appointment_type_id], location_id: [body.location_id] },
		};
		store.bookingLinks.set(id, link);
		return link;
	},
	countSlots: ({ store, query }) => ({ count: slotsMatching(store, query).length }),
	getSlot: ({ store, params }) => {
		const slot = store.slots.find((s) => s.id === params.id);
		if (!slot) throw notFound('Slot');
		const { booked, duration, ...view } = slot;
		return view;
	},
	listSlots: ({ store, query }) =>
		page(
			slotsMatching(store, query).map(({ booked, ...s }) => s),
			query,
			100,
		),

	// Utilities
	createAttachmentLink: () => {
		const uuid = crypto.randomUUID();
		return { attachment_link: `https://hero.example/a/${uuid}`, attachment_uuid: uuid };
	},
	listShortLinks: ({ store, query }) => page(store.shortLinks, query),

	// Messages
	createBatchMessage: ({ store, body }) => {
		const id = newId(store);
		const batch = {
			id,
			name: body.name,
			status: 'CREATED',
			channel: body.channel,
			subject: body.subject || null,
			content: body.content,
			created_at: new Date().toISOString(),
			recipients: body.recipients.map((r, i) => ({ id: `${id}-${i}`, ...r, status: 'CREATED' })),
		};
		store.batchMessages.set(id, batch);
		return batchView(store, batch);
	},
	listBatchMessages: ({ store, query }) => {
		let list = [...store.batchMessages.values()].map((batch) =>
			batchView(store, settled(store, batch)),
		);
		if (query.get('status')) list = list.filter((b) => b.status === query.get('status'));
		return page(list, query);
	},
	sendBatchMessage: ({ store, params }) => {
		const batch = settled(store, getFrom(store.batchMessages, params.id, 'Batch message'));
		if (batch.status === 'CREATED') throw new HttpError(409, 'The batch is still being enriched');
		if (batch.status !== 'ENRICHED')
			throw new HttpError(409, `The batch cannot be sent: it is ${batch.status}`);
		batch.status = 'QUEUED';
		batch.sent_at = new Date().toISOString();
		batch.clockAt = clockShift(store);
		for (const recipient of batch.recipients.filter((r) => r.status === 'ENRICHED')) {
			const patient = store.patients.get(recipient.patient_id);
			const message = messageRecord(
				store,
				{ message_type: batch.channel.toLowerCase(), message_string: batch.content },
				patient,
			);
			message.batch_message_id = batch.id;
			store.messages.set(message.id, message);
			recipient.message_id = message.id;
		}
		return batchView(store, batch);
	},
	getBatchMessage: ({ store, params }) =>
		batchView(store, settled(store, getFrom(store.batchMessages, params.id, 'Batch message'))),
	listBatchMessageRecipients: ({ store, params, query }) => {
		const batch = settled(store, getFrom(store.batchMessages, params.id, 'Batch message'));
		let list = batch.recipients.map((r) => ({ ...r, status: recipientStatus(store, r) }));
		if (query.get('status')) list = list.filter((r) => r.status === query.get('status'));
		return page(list, query);
	},
	listBatchMessageSends: ({ store, params, query }) => {
		const batch = settled(store, getFrom(store.batchMessages, params.id, 'Batch message'));
		let sends = batch.recipients
			.filter((r) => r.message_id)
			.map((r) => ({
				id: r.message_id,
				recipient_id: r.id,
				channel: batch.channel,
				...messageState(store, store.messages.get(r.message_id)),
			}));
		if (query.get('status')) sends = sends.filter((m) => m.status === query.get('status'));
		return page(sends, query);
	},
	getMessage: ({ store, params }) => {
		const message = getFrom(store.messages, params.id, 'Message');
		const { message_id, content, recipient, clockAt, ...view } = message;
		return { ...view, ...messageState(store, message) };
	},
	sendMessage: ({ store, body }) => {
		const patient = store.patients.get(body.patient_id);
		if (!patient) throw notFound('Patient');
		const message = messageRecord(store, body, patient);
		store.messages.set(message.id, message);
		if (body.fallback_message_type) message.fallback_message_type = body.fallback_message_type;
		return {
			message_id: message.id,
			content: message.content,
			created_at: message.created_at,
			snomed_code: message.write_to_record ? message.write_to_record.snomed_code : null,
			write_to_record: Boolean(body.write_to_record),
			confirm_write_to_record_url: body.write_to_record
				? `https://hero.example/wtr/${message.id}`
				: null,
			send_at: body.send_at || null,
		};
	},
	validateSnomedCode: ({ body = {} }) => ({
		code: body.code,
		valid: /^\d{6,18}$/.test(body.code || ''),
		term: /^\d{6,18}$/.test(body.code || '') ? 'Example SNOMED concept' : null,
	}),
	listTemplates: ({ store, query }) => {
		let list = store.templates;
		if (query.get('has_follow_up'))
			list = list.filter((t) => String(t.has_follow_up) === query.get('has_follow_up'));
		return all(list);
	},

	// Patients
	listPatients: ({ store }) => all([...store.patients.values()].slice(0, 50)),
	getPatientById: ({ store, params }) => getFrom(store.patients, params.id, 'Patient'),
	getPatientByIdV2: ({ store, params }) => {
		const { id, uid, address_line_1, address_line_2, address_line_3, emails, ...p } = getFrom(
			store.patients,
			params.id,
			'Patient',
		);
		return {
			...p,
			line_1: address_line_1,
			line_2: address_line_2,
			line_3: address_line_3,
			hero_id: id,
			hero_uid: uid,
			identifiers: [],
			ehr_registered: true,
		};
	},
	listPatientsV3: ({ store, query }) => {
		let list = [...store.patients.values()];
		for (const key of ['first_name', 'last_name', 'dob', 'nhs_number', 'ehr_partner_id']) {
			const value = query.get(key);
			if (value) list = list.filter((p) => String(p[key]).toLowerCase() === value.toLowerCase());
		}
		return page(
			list.map((p) => ({
				id: p.id,
				ehr_partner_id: p.ehr_partner_id,
				emis_id: p.emis_id,
				deceased_at: p.deceased_at,
				ods_code: 'Y99999',
				dob: p.dob,
				title: p.title,
				first_name: p.first_name,
				last_name: p.last_name,
				sex: p.sex,
				nhs_number: p.nhs_number,
			})),
			query,
		);
	},
	listPatientEhrCandidates: ({ store, params }) => {
		const p = getFrom(store.patients, params.id, 'Patient');
		return {
			data: [
				{
					ehr_partner_id: p.ehr_partner_id,
					emis_id: null,
					deceased_at: null,
					dob: p.dob,
					title: p.title,
					first_name: p.first_name,
					last_name: p.last_name,
					sex: p.sex,
					nhs_number: p.nhs_number,
					email: p.email,
					mobile: p.mobile,
					last_sync_at: p.last_sync_at,
				},
			],
		};
	},
	connectPatientEhr: ({ store, params, body }) => {
		const p = getFrom(store.patients, params.id, 'Patient');
		if (body && body.ehr_partner_id) p.ehr_partner_id = body.ehr_partner_id;
		return { patient_id: p.id, ehr_partner_id: p.ehr_partner_id };
	},
	previewPatientMerge: ({ store, params, body }) => {
		const target = getFrom(store.patients, params.id, 'Patient');
		const source =
			body && body.patient_id ? getFrom(store.patients, body.patient_id, 'Patient') : undefined;
		return { patient_id: target.id, merged_patient_id: source ? source.id : null, changes: [] };
	},
	mergePatient: ({ store, params }) => ({
		patient_id: getFrom(store.patients, params.id, 'Patient').id,
		merged: true,
	}),
	listPatientAttachments: ({ store, params }) => {
		getFrom(store.patients, params.id, 'Patient');
		return {
			data: [{ id: 'att_1', file_name: 'letter.pdf', created_at: new Date().toISOString() }],
		};
	},
	registerPatientPds: ({ store, body }) => {
		let patient;
		if (body.nhs_number)
			patient = [...store.patients.values()].find((p) => p.nhs_number === body.nhs_number);
		else
			patient = [...store.patients.values()].find(
				(p) =>
					p.last_name.toLowerCase() === String(body.surname).toLowerCase() &&
					p.first_name.toLowerCase() === String(body.forename).toLowerCase() &&
					p.dob === body.dob,
			);
		if (patient && patient.dob !== body.dob) throw notFound('Patient');
		// Numbers in the 9995… range are unknown to this practice and need an identity check.
		if (!patient && body.nhs_number && body.nhs_number.startsWith('9995')) {
			return {
				message: 'Patient must verify their identity before they can be registered',
				login_url: `https://patient.hero.example/verify/${newId(store)}`,
			};
		}
		if (!patient) {
			if (!body.nhs_number) throw notFound('Patient');
			const id = newId(store);
			patient = {
				id,
				uid: `pat_${id}`,
				dob: body.dob,
				nhs_number: body.nhs_number,
				first_name: 'Temporary',
				last_name: 'Patient',
				title: 'Mx',
				sex: 'Not known',
				mobile: null,
				email: null,
				data_source: 'hero',
				status: 'temporary',
			};
			store.patients.set(id, patient);
		}
		return { patient_id: patient.id };
	},
	registerPatient: ({ store, body }) => {
		const id = newId(store);
		store.patients.set(id, {
			id,
			uid: `pat_${id}`,
			...body,
			status: 'active',
			data_source: body.data_source || 'hero',
		});
		return { patient_id: id };
	},

	// Webhooks
	createWebhook: ({ store, body }) => {
		const id = newId(store);
		const now = new Date().toISOString();
		const hook = {
			id,
			event_type: body.event_type,
			url: body.url,
			description: body.description || null,
			signing_key: body.signing_key || null,
			headers: body.headers || {},
			created_at: now,
			updated_at: now,
		};
		store.webhooks.set(id, hook);
		return hook;
	},
	// Hero's answer here was never captured: tests set store.webhookList to try the shapes it
	// might take ({ data }, a bare array, { webhooks }) and to hide signing keys.
	listWebhooks: ({ store, query }) => {
		let list = [...store.webhooks.values()];
		if (query.get('event_type'))
			list = list.filter((w) => w.event_type === query.get('event_type'));
		const { shape = 'data', hideSigningKeys = false } = store.webhookList || {};
		if (hideSigningKeys) list = list.map(({ signing_key, ...hook }) => hook);
		if (shape === 'array') return list;
		if (shape === 'webhooks') return { webhooks: list, total: list.length };
		return all(list);
	},
	deleteWebhook: ({ store, params }) => {
		getFrom(store.webhooks, params.id, 'Webhook');
		store.webhooks.delete(params.id);
		return { status: 204 };
	},

	// Episodes and tasks
	listEpisodes: ({ store, query }) => {
		let list = store.episodes;
		const statuses = query.getAll('status[]');
		if (statuses.length) list = list.filter((e) => statuses.includes(e.status));
		return page(list, query);
	},
	getEpisode: ({ store, params }) => {
		const episode = store.episodes.find((e) => e.id === params.id);
		if (!episode) throw notFound('Episode');
		return episode;
	},
	updateEpisode: ({ store, params, body }) => {
		const episode = store.episodes.find((e) => e.id === params.id);
		if (!episode) throw notFound('Episode');
		Object.assign(episode, body);
		return episode;
	},
	createEpisodeNote: ({ store, body }) => {
		const note = {
			id: Number(newId(store)),
			description: body.description,
			admin: { id: 801, first_name: 'Alex', last_name: 'Staff001', full_name: 'Alex Staff001' },
			practice_group_id: Number(store.practiceGroup.id),
			archived_at: null,
			created_at: new Date().toISOString(),
			episode_id: body.episode_id,
		};
		store.notes.push(note);
		const { episode_id, ...view } = note;
		return view;
	},
	listEpisodesV2: ({ store, query }) => page(store.episodes, query),
	getEpisodeV2: ({ store, params }) => {
		const episode = store.episodes.find((e) => e.id === params.id);
		if (!episode) throw notFound('Episode');
		return episode;
	},
	updateTask: ({ store, params, body }) => {
		const task = getFrom(store.tasks, params.id, 'Task');
		Object.assign(task, body);
		return { data: { id: task.id } };
	},
	getTask: ({ store, params }) => getFrom(store.tasks, params.id, 'Task'),

	// Forms
	listForms: ({ store, query }) => {
		let list = store.forms.map(({ fields, ...f }) => f);
		if (query.get('search'))
			list = list.filter((f) => f.title.toLowerCase().includes(query.get('search').toLowerCase()));
		if (query.get('form_type')) list = list.filter((f) => f.form_type === query.get('form_type'));
		if (query.get('reply_form'))
			list = list.filter((f) => String(f.reply_form) === query.get('reply_form'));
		return all(list);
	},
	getForm: ({ store, params }) => {
		const form = store.forms.find((f) => f.id === params.id);
		if (!form) throw notFound('Form');
		return form;
	},
	getFormResponse: ({ store, params }) => getFrom(store.formResponses, params.id, 'Form response'),

	// Invoicing
	listCoupons: ({ store }) => all(store.coupons),
	listCustomers: ({ store, query }) =>
		all(
			store.customers.filter(
				(c) =>
					c.name.toLowerCase().includes(query.get('query').toLowerCase()) ||
					c.email === query.get('query'),
			),
		),
	createCustomer: ({ store, body }) => {
		const customer = {
			id: `cus_${newId(store)}`,
			name: body.name,
			email: body.email || null,
			phone: body.phone || null,
			sources: body.sources || [],
		};
		store.customers.push(customer);
		return customer;
	},
	getDefaultCustomer: ({ store }) => store.customers[0],
	createInvoice: ({ store, body }) => {
		const id = newId(store);
		const invoice = {
			id,
			stripe_id: `in_${id}`,
			status: body.mode === 'finalize' ? 'open' : 'draft',
			subtotal: 0,
			amount_due: 0,
			customer_id: body.customer_stripe_id || null,
			patient_record_id: body.patient_id || null,
			appointment_id: body.appointment_id || null,
			created_at: new Date().toISOString(),
			updated_at: new Date().toISOString(),
		};
		store.invoices.set(id, invoice);
		return { status: 201, body: invoice };
	},
	updateInvoice: ({ store, params, body }) => {
		const invoice = getFrom(store.invoices, params.id, 'Invoice');
		invoice.issuer_id = body.issuer_id;
		return invoice;
	},
	linkInvoice: ({ store, body }) => {
		const invoice = [...store.invoices.values()].find(
			(i) => i.stripe_id === body.stripe_invoice_id,
		);
		if (!invoice) throw notFound('Invoice');
		invoice.appointment_id = body.appointment_id;
		return {
			id: invoice.id,
			stripe_id: invoice.stripe_id,
			status: invoice.status,
			subtotal: invoice.subtotal,
			amount_due: invoice.amount_due,
			customer_id: invoice.customer_id,
		};
	},

	// Prescription, subscriptions, partners, HCA
	getPrescriberPharmacies: ({ store, params, query }) =>
		page(
			store.pharmacies.filter((p) => p.prescriber_id === params.id),
			query,
		),
	createPharmacy: ({ store, body }) => {
		const pharmacy = { id: newId(store), ...body };
		store.pharmacies.push(pharmacy);
		return pharmacy;
	},
	listSubscriptions: ({ store, query }) => {
		let list = store.subscriptions;
		if (query.get('patient_id'))
			list = list.filter((s) => s.patient_id === query.get('patient_id'));
		return page(list, query);
	},
	getHeidiToken: () => ({
		token: 'heidi-session-token-for-tests',
		expiration_time: new Date(Date.now() + 3600000).toISOString(),
	}),
	searchHcaConsultants: ({ query }) => ({
		data: [
			{
				gmc_number: '7000001',
				crm_id: 'crm-1',
				name: 'Consultant Example',
				specialty: query.get('search') || 'Cardiology',
			},
		],
	}),
	getHcaConsultant: ({ params }) => ({
		gmc_number: params.gmc_number,
		crm_id: 'crm-1',
		name: 'Consultant Example',
		specialty: 'Cardiology',
	}),
	getHcaConsultantAvailability: ({ params }) => ({
		crm_id: params.crm_id,
		availability: [
			{ start_time: new Date(Date.now() + 86400000).toISOString(), location: 'Harley Street' },
		],
	}),
};

module.exports = { handlers, HttpError };
