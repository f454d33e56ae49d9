'use strict';
// Events on demand, as Hero sends them: the record the event is about is created in the fake
// Hero, then the event is posted, signed, to every webhook registered for it. Used by the demo
// (its page and `npm run demo:event`) and by the end-to-end suite.
const crypto = require('crypto');

const EVENTS = [
	'appointment.confirmed',
	'appointment.cancelled',
	'appointment.rescheduled',
	'form-submission.created',
	'patient.added-to-sequence',
	'patient.medical-record-updated',
	'prescription.issued',
	'write-to-record.succeeded',
	'write-to-record.failed',
];

function nextId(store) {
	return String(store.nextId++);
}

/** Creates what the event refers to; returns { object, id }. */
function recordFor(store, event) {
	if (event.startsWith('appointment.')) {
		const id = nextId(store);
		// An hour from now, so that a reminder "24 hours before" is due at once.
		const start = new Date(Math.ceil((Date.now() + 3_600_000) / 300_000) * 300_000)
			.toISOString()
			.replace('.000Z', 'Z');
		const status = event === 'appointment.cancelled' ? 'cancelled' : 'confirmed';
		store.appointments.set(id, {
			id,
			patient_id: '20001',
			practitioner_id: '401',
			location_id: '301',
			appointment_type_id: '501',
			start_time: start,
			duration: 10,
			status,
			reason: 'Demo booking',
		});
		return { object: 'Appointment', id };
	}
	if (event === 'form-submission.created') {
		const id = nextId(store);
		const now = new Date().toISOString();
		store.formResponses.set(id, {
			id: Number(id),
			form_id: 701,
			client_id: 20001,
			appointment_id: null,
			invoice_id: null,
			practice_group_id: Number(store.practiceGroup.id),
			created_at: now,
			updated_at: now,
			hidden: false,
			emis_file_record_at: null,
			short_link_id: null,
			admin_id: null,
			write_to_record_error: null,
		});
		return { object: 'FormSubmission', id };
	}
	if (event === 'prescription.issued') return { object: 'Prescription', id: nextId(store) };
	if (event.startsWith('write-to-record.')) return { object: 'Message', id: nextId(store) };
	return { object: 'Patient', id: '20001' };
}

/**
 * Delivers `event` to every webhook registered for it; resolves to what each answered. Signed
 * as the trigger verifies: HMAC-SHA256 of "<timestamp>.<body>", hex, timestamp in seconds.
 */
async function deliverEvent(fake, event) {
	if (!EVENTS.includes(event))
		throw new Error(`unknown event ${event}; one of: ${EVENTS.join(', ')}`);
	const hooks = [...fake.store.webhooks.values()].filter((hook) => hook.event_type === event);
	const { object, id } = recordFor(fake.store, event);
	const body = JSON.stringify({ object, id, practice_group_id: fake.practiceGroupId, event });
	const deliveries = [];
	for (const hook of hooks) {
		const timestamp = String(Math.floor(Date.now() / 1000));
		const headers = { 'content-type': 'application/json', 'x-herohealth-timestamp': timestamp };
		if (hook.signing_key) {
			headers['x-herohealth-signature'] = crypto
				.createHmac('sha256', hook.signing_key)
				.update(`${timestamp}.${body}`)
				.digest('hex');
		}
		try {
			const response = await fetch(hook.url, { method: 'POST', headers, body });
			deliveries.push({ url: hook.url, status: response.status });
		} catch (error) {
			deliveries.push({ url: hook.url, error: error.message });
		}
	}
	return { event, object, id, deliveries };
}

/** The demo's page: a button per event, each delivering it now. */
function demoPage(fake) {
	const registered = (event) =>
		[...fake.store.webhooks.values()].filter((hook) => hook.event_type === event).length;
	const rows = EVENTS.map(
		(event) =>
			`<tr><td><button onclick="send('${event}')">${event}</button></td><td>${registered(event)} webhook(s) registered</td></tr>`,
	).join('\n');
	return `<!doctype html><html><head><meta charset="utf-8"><title>Fake Hero: send an event</title>
<style>body{font-family:sans-serif;margin:2em}td{padding:.3em 1em}button{font-size:1em}</style></head>
<body><h1>Fake Hero: send an event</h1>
<p>Each button creates the record the event is about and posts the event, signed, to every webhook registered for it (activate a workflow with a Hero Health Trigger first). Reload to update the counts.</p>
<table>${rows}</table><pre id="out"></pre>
<script>async function send(event){const r=await fetch('/_demo/events/'+event,{method:'POST'});document.getElementById('out').textContent=JSON.stringify(await r.json(),null,2);}</script>
</body></html>`;
}

module.exports = { EVENTS, deliverEvent, demoPage };
