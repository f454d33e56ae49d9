'use strict';
// What becomes of a message over time, as the fake Hero models it. Hero publishes only part of
// its status values (a single message's example is "delivered"; batches and their recipients show
// CREATED, QUEUED, SENT, ERROR, SUCCESS); the rest here is the fake's own, stated in the README.
//
// Each patient has a fixed fate, from their ID, so tests can count on it:
//   ID ending 0: the NHS App cannot reach them (not registered): failed; their SMS fails if the ID
//                ends 00 too (a dead number).
//   ending 1-5:  they read NHS App messages 30 minutes after they arrive.
//   ending 6-9:  NHS App messages arrive and are never read.
// Every message is queued for 1 minute after it is sent (or its Send At), then sent, then
// delivered (or failed) 1 minute later. advanceClock(ms) moves time on for the messages already
// sent: they look `ms` older (their times shift back), as if that long had passed; messages sent
// afterwards start from then; scaleTime(n) makes each real second from now count n (a Wait of
// seconds in an end-to-end run stands for hours). Date.now() stays the clock, so the node and the
// fake agree.

const MINUTE = 60_000;
const QUEUED_FOR = MINUTE;
const DELIVERED_AFTER = 2 * MINUTE;
const READ_AFTER = 30 * MINUTE;

/**
 * How far the fake's clock is ahead of the real one now: every advance, plus the extra time each
 * real second counted while time was scaled. Records keep this as `clockAt` when they are made.
 */
function clockShift(store) {
	const scaled = (Date.now() - (store.scaledSince || 0)) * ((store.timeScale || 1) - 1);
	return (store.clockOffsetMs || 0) + (store.scaledMs || 0) + (store.timeScale > 1 ? scaled : 0);
}

/** Scales time from now on: what was counted under the old scale is kept. */
function scaleTime(store, factor) {
	const shift = clockShift(store);
	store.scaledMs = shift - (store.clockOffsetMs || 0);
	store.timeScale = factor;
	store.scaledSince = Date.now();
}

/** When the record's clock started, as Hero shows it now: shifted back by the fake time since. */
function startOf(store, record, time) {
	const elapsed = Date.now() - Date.parse(time) + (clockShift(store) - (record.clockAt || 0));
	return Date.now() - elapsed;
}

/** A record's time as Hero shows it now: shifted back by the advances since. */
function shifted(store, record, time) {
	return time ? new Date(startOf(store, record, time)).toISOString() : time;
}

function fate(patientId, channel) {
	const n = Number(String(patientId).replace(/\D/g, '').slice(-2) || 0);
	if (channel === 'nhs_app') {
		if (n % 10 === 0) return 'failed';
		return n % 10 <= 5 ? 'reads' : 'ignores';
	}
	if (channel === 'sms' && n % 100 === 0) return 'failed';
	return 'reads';
}

/** The message's state now, with the times Hero would show for it. */
function messageState(store, message) {
	const start = startOf(store, message, message.scheduled_at || message.created_at);
	const elapsed = Date.now() - start;
	const at = (ms) => new Date(start + ms).toISOString();
	const channel = message.message_type;
	const view = {
		status: 'scheduled',
		created_at: shifted(store, message, message.created_at),
		sent_at: null,
		delivered_at: null,
		read_at: null,
	};
	if (elapsed < 0) return view;
	if (elapsed < QUEUED_FOR) return { ...view, status: 'queued' };
	view.sent_at = at(QUEUED_FOR);
	if (elapsed < DELIVERED_AFTER) return { ...view, status: 'sent' };
	const destiny = fate(message.patient.id, channel);
	if (destiny === 'failed')
		return {
			...view,
			status: 'failed',
			failure_reason:
				channel === 'nhs_app' ? 'Patient is not registered for the NHS App' : 'Undeliverable',
		};
	view.delivered_at = at(DELIVERED_AFTER);
	if (destiny === 'reads' && channel !== 'sms' && elapsed >= DELIVERED_AFTER + READ_AFTER)
		return { ...view, status: 'read', read_at: at(DELIVERED_AFTER + READ_AFTER) };
	return { ...view, status: 'delivered' };
}

/** A batch recipient's status as Hero's batch pages show them: QUEUED, SENT, SUCCESS, ERROR. */
function recipientStatus(store, recipient) {
	if (!recipient.message_id) return recipient.status;
	const message = store.messages.get(recipient.message_id);
	const { status } = messageState(store, message);
	if (status === 'queued' || status === 'scheduled') return 'QUEUED';
	if (status === 'sent') return 'SENT';
	return status === 'failed' ? 'ERROR' : 'SUCCESS';
}

/** A batch after sending: QUEUED while any message waits, then COMPLETED. */
function batchStatus(store, batch) {
	if (batch.status !== 'QUEUED' && batch.status !== 'COMPLETED') return batch.status;
	const waiting = batch.recipients.some(
		(r) => r.message_id && recipientStatus(store, r) === 'QUEUED',
	);
	return waiting ? 'QUEUED' : 'COMPLETED';
}

module.exports = {
	messageState,
	recipientStatus,
	batchStatus,
	shifted,
	fate,
	clockShift,
	scaleTime,
};
