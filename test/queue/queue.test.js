'use strict';
// n8n's queue mode, for real: PostgreSQL, Redis, main, two workers and two webhook processors
// (scripts/queue/cluster.js), the packed package in their shared user folder, the fake Hero.
// Run with `npm run test:queue`; writes docs/queue.md under HERO_WRITE_DOCS=1, otherwise checks
// that its scenarios and figures' shape still match.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const { Cluster, waitFor } = require('../../scripts/queue/cluster');
const e2e = require('../../scripts/e2e/n8n');
const { createFakeHero } = require('../fake-hero/server');
const { writingDocs } = require('../harness/files');

const WORKFLOW_ID = 'HeroQueueSmsFlow';
const BULK_ID = 'HeroQueueBulkSms';
const EVENT = 'appointment.confirmed';
const DOC = path.join(e2e.ROOT, 'docs', 'queue.md');
const HERO = { heroHealthApi: { id: e2e.CREDENTIAL_ID, name: 'Hero Health account' } };

let fake;
let cluster;
const figures = {};

/** Confirmed booking → one SMS to the patient, through the Hero Health node. */
const smsWorkflow = {
	name: 'Queue: SMS for each confirmed booking',
	nodes: [
		{ id: 'q1', name: 'Appointment Confirmed', type: 'n8n-nodes-herohealth.heroHealthTrigger', typeVersion: 1, position: [0, 0], webhookId: '0b7e5f2a-9c41-4d7e-8a11-00000000a0a1', parameters: { events: [EVENT], options: { fetchFullRecord: true } }, credentials: HERO },
		{
			id: 'q2',
			name: 'Send SMS',
			type: 'n8n-nodes-herohealth.heroHealth',
			typeVersion: 3,
			position: [240, 0],
			parameters: { resource: 'message', operation: 'send', patientId: { __rl: true, mode: 'id', value: '={{ $json.record.patient_id }}' }, channel: 'sms', message: '=Booking {{ $json.id }} is confirmed.' },
			credentials: HERO,
		},
	],
	connections: { 'Appointment Confirmed': { main: [[{ node: 'Send SMS', type: 'main', index: 0 }]] } },
	settings: { executionOrder: 'v1' },
};

/** One event → every patient on the practice list gets an SMS (a bulk send, on one worker). */
const bulkWorkflow = {
	name: 'Queue: bulk SMS on a form submission',
	nodes: [
		{ id: 'b1', name: 'Form Submitted', type: 'n8n-nodes-herohealth.heroHealthTrigger', typeVersion: 1, position: [0, 0], webhookId: '0b7e5f2a-9c41-4d7e-8a11-00000000b0b1', parameters: { events: ['form-submission.created'] }, credentials: HERO },
		{ id: 'b2', name: 'All Patients', type: 'n8n-nodes-herohealth.heroHealth', typeVersion: 3, position: [240, 0], parameters: { resource: 'patient', operation: 'list', returnAll: true }, credentials: HERO, executeOnce: true },
		{
			id: 'b3',
			name: 'Bulk SMS',
			type: 'n8n-nodes-herohealth.heroHealth',
			typeVersion: 3,
			position: [480, 0],
			parameters: { resource: 'message', operation: 'send', patientId: { __rl: true, mode: 'id', value: '={{ $json.id }}' }, channel: 'sms', message: '=Flu clinic invitation {{ $json.id }}', requestOptions: { concurrency: 2 } },
			credentials: HERO,
		},
	],
	connections: { 'Form Submitted': { main: [[{ node: 'All Patients', type: 'main', index: 0 }]] }, 'All Patients': { main: [[{ node: 'Bulk SMS', type: 'main', index: 0 }]] } },
	settings: { executionOrder: 'v1' },
};

async function importWorkflow(workflow, id) {
	const file = path.join(cluster.userFolder, `${id}.json`);
	fs.writeFileSync(file, JSON.stringify(workflow));
	await cluster.main.importWorkflow(file, id);
}

const hooksFor = (event) => [...fake.store.webhooks.values()].filter((hook) => hook.event_type === event);

/** A delivery as Hero signs it: HMAC-SHA256 of "<timestamp>.<body>", hex. */
function signedDelivery(event, id, { key = hooksFor(event)[0].signing_key, timestamp = Math.floor(Date.now() / 1000), tamper = false } = {}) {
	const body = JSON.stringify({ object: 'Appointment', id, practice_group_id: fake.practiceGroupId, event });
	const signature = crypto.createHmac('sha256', key).update(`${timestamp}.${body}`).digest('hex');
	return { body: tamper ? body.replace(`"id":"${id}"`, `"id":"${id}9"`) : body, headers: { 'content-type': 'application/json', 'x-herohealth-timestamp': String(timestamp), 'x-herohealth-signature': signature } };
}

/** Posts a delivery to one webhook processor, at the path Hero was given. */
async function post(processor, delivery) {
	const hook = new URL(hooksFor(EVENT)[0].url);
	const response = await fetch(`${processor.url}${hook.pathname}`, { method: 'POST', headers: delivery.headers, body: delivery.body });
	return { status: response.status, text: await response.text() };
}

function newAppointment(i) {
	const id = String(700000 + i);
	fake.store.appointments.set(id, { id, patient_id: String(20001 + (i % 240)), practitioner_id: '401', location_id: '301', appointment_type_id: '501', start_time: '2026-12-01T09:00:00Z', duration: 10, status: 'confirmed' });
	return id;
}

/** SMS the fake Hero processed (a request answered 429 was not), as { body: { message_string } }. */
const smsFor = (marker) =>
	[...fake.store.messages.values()].filter((message) => marker.test(message.content)).map((message) => ({ body: { message_string: message.content } }));

/** Executions of a workflow by status, as n8n recorded them in PostgreSQL. */
function executionsByStatus(workflowId) {
	const rows = cluster.sql(`select status, count(*) from execution_entity where "workflowId" = '${workflowId}' group by status`);
	return Object.fromEntries(rows.map(([status, count]) => [status, Number(count)]));
}

async function successfulExecutions(workflowId) {
	return executionsByStatus(workflowId).success ?? 0;
}

async function inParallel(tasks, width) {
	const results = [];
	let next = 0;
	await Promise.all(
		Array.from({ length: width }, async () => {
			while (next < tasks.length) {
				const index = next++;
				results[index] = await tasks[index]();
			}
		}),
	);
	return results;
}

before(async () => {
	fake = await createFakeHero().start();
	cluster = new Cluster({ workers: 2, webhooks: 2 });
	await cluster.start(fake);
	await importWorkflow(smsWorkflow, WORKFLOW_ID);
	await importWorkflow(bulkWorkflow, BULK_ID);
}, { timeout: 1_800_000 });

after(async () => {
	if (cluster) await cluster.stop();
	if (fake) await fake.close();
});

test('a. lifecycle: one Hero webhook per event, none duplicated by restarts, removed on deactivation', async () => {
	await cluster.main.activate(cluster.owner.cookie, WORKFLOW_ID);
	await waitFor(() => hooksFor(EVENT).length === 1, 'the webhook to be registered');
	const registered = hooksFor(EVENT)[0];
	assert.equal(new URL(registered.url).port, String(cluster.webhooks[0].port), 'registered at the webhook processors');

	await cluster.main.stop();
	for (const worker of [...cluster.workers]) await cluster.restart(worker);
	await cluster.startMain();
	cluster.owner = await cluster.main.setUpOwner();
	await new Promise((resolve) => setTimeout(resolve, 3000));
	assert.equal(hooksFor(EVENT).length, 1, 'no duplicate after restarting main and workers');
	assert.equal(hooksFor(EVENT)[0].id, registered.id);

	await cluster.main.rest(cluster.owner.cookie, 'POST', `/workflows/${WORKFLOW_ID}/deactivate`);
	await waitFor(() => hooksFor(EVENT).length === 0, 'the webhook to be removed');
	await cluster.main.activate(cluster.owner.cookie, WORKFLOW_ID);
	await waitFor(() => hooksFor(EVENT).length === 1, 'the webhook to be registered again');
	figures.lifecycle = { afterActivation: 1, afterRestart: 1, afterDeactivation: 0 };
});

test('b. 200 signed deliveries over both webhook processors: 200 executions on both workers, 200 SMS, none twice; 20 bad ones refused', async () => {
	const before = cluster.finishedByWorker();
	const ids = Array.from({ length: 200 }, (_, i) => newAppointment(i));
	const started = Date.now();
	const answers = await inParallel(ids.map((id, i) => () => post(cluster.webhooks[i % 2], signedDelivery(EVENT, id))), 20);
	assert.deepEqual([...new Set(answers.map((answer) => answer.status))], [200], JSON.stringify(answers.find((a) => a.status !== 200)));
	await waitFor(() => smsFor(/^Booking 7\d{5} is confirmed\.$/).length >= 200, '200 SMS', 300_000);
	const seconds = (Date.now() - started) / 1000;
	await new Promise((resolve) => setTimeout(resolve, 2000));
	const sms = smsFor(/^Booking 7\d{5} is confirmed\.$/).map((request) => request.body.message_string);
	assert.equal(sms.length, 200);
	assert.equal(new Set(sms).size, 200, 'no booking texted twice');
	await waitFor(async () => (await successfulExecutions(WORKFLOW_ID)) >= 200, '200 executions recorded');
	assert.equal(await successfulExecutions(WORKFLOW_ID), 200);
	const after = cluster.finishedByWorker();
	const perWorker = Object.fromEntries(Object.keys(after).map((name) => [name, after[name] - (before[name] ?? 0)]));
	assert.ok(Object.values(perWorker).every((count) => count > 0), `both workers ran executions: ${JSON.stringify(perWorker)}`);

	// Forged (wrong key), stale (an hour old) and tampered (body changed after signing).
	const bad = [
		...Array.from({ length: 7 }, (_, i) => signedDelivery(EVENT, newAppointment(300 + i), { key: 'f'.repeat(64) })),
		...Array.from({ length: 7 }, (_, i) => signedDelivery(EVENT, newAppointment(310 + i), { timestamp: Math.floor(Date.now() / 1000) - 3600 })),
		...Array.from({ length: 6 }, (_, i) => signedDelivery(EVENT, newAppointment(320 + i), { tamper: true })),
	];
	const refused = await Promise.all(bad.map((delivery, i) => post(cluster.webhooks[i % 2], delivery)));
	assert.deepEqual(refused.map((answer) => answer.status), bad.map(() => 401));
	await new Promise((resolve) => setTimeout(resolve, 3000));
	assert.equal(smsFor(/^Booking 7\d{5} is confirmed\.$/).length, 200);
	assert.equal(await successfulExecutions(WORKFLOW_ID), 200);
	figures.throughput = { deliveries: 200, executions: 200, sms: sms.length, duplicates: sms.length - new Set(sms).size, perWorker, seconds: Math.round(seconds), refused: refused.length, executionsFromRefused: 0 };
});

// Not yet true: each webhook process remembers only what it accepted itself. Reported (todo),
// so the figures show the gap; see docs/queue.md.
test('c. a delivery accepted by one webhook processor and replayed to the other is refused', { todo: 'replay memory is per process (docs/queue.md)' }, async () => {
	const id = newAppointment(400);
	const delivery = signedDelivery(EVENT, id);
	const first = await post(cluster.webhooks[0], delivery);
	assert.equal(first.status, 200);
	await waitFor(() => smsFor(new RegExp(`^Booking ${id} is confirmed`)).length === 1, 'the first SMS');
	const sameProcess = await post(cluster.webhooks[0], delivery);
	figures.replay = { firstProcessor: first.status, sameProcessorAgain: sameProcess.status };
	const replay = await post(cluster.webhooks[1], delivery);
	figures.replay.otherProcessor = replay.status;
	await new Promise((resolve) => setTimeout(resolve, 3000));
	figures.replay.sms = smsFor(new RegExp(`^Booking ${id} is confirmed`)).length;
	assert.equal(sameProcess.status, 401, 'the same processor refuses it');
	assert.equal(replay.status, 401);
	assert.match(replay.text, /already received/);
	assert.equal(figures.replay.sms, 1, 'the patient got one SMS');
});

test('e. a worker killed in the middle of a bulk send: what n8n does, and what was sent twice', async () => {
	await cluster.main.activate(cluster.owner.cookie, BULK_ID);
	await waitFor(() => hooksFor('form-submission.created').length === 1, 'the bulk webhook');
	const marker = /^Flu clinic invitation \d+$/;
	const patients = fake.store.patients.size;
	const before = cluster.finishedByWorker();
	const startedBefore = Object.fromEntries(cluster.workers.map((worker) => [worker.name, (worker.logs.match(/Worker started execution/g) || []).length]));
	const hook = hooksFor('form-submission.created')[0];
	const timestamp = Math.floor(Date.now() / 1000);
	const body = JSON.stringify({ object: 'FormSubmission', id: '9001', practice_group_id: fake.practiceGroupId, event: 'form-submission.created' });
	const signature = crypto.createHmac('sha256', hook.signing_key).update(`${timestamp}.${body}`).digest('hex');
	// Hero's rate limit (20 requests/s here) keeps the send going for several seconds.
	fake.limitRate(20, 5);
	const response = await fetch(`${cluster.webhooks[0].url}${new URL(hook.url).pathname}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-herohealth-timestamp': String(timestamp), 'x-herohealth-signature': signature }, body });
	assert.equal(response.status, 200);
	await waitFor(() => smsFor(marker).length >= 40, 'the bulk send to be under way', 120_000);
	const victim = cluster.workers.find((worker) => (worker.logs.match(/Worker started execution/g) || []).length > startedBefore[worker.name]);
	assert.ok(victim, 'a worker started the bulk execution');
	await cluster.stopProcess(victim, 'SIGKILL');
	const sentBeforeKill = smsFor(marker).length;
	// n8n takes up a stalled job again once its lock expires; wait until sending stops.
	let last = -1;
	for (let quiet = 0; quiet < 4; ) {
		await new Promise((resolve) => setTimeout(resolve, 5000));
		const now = smsFor(marker).length;
		quiet = now === last ? quiet + 1 : 0;
		last = now;
	}
	fake.limitRate(0);
	const sent = smsFor(marker).map((request) => request.body.message_string);
	const byStatus = executionsByStatus(BULK_ID);
	const statuses = Object.entries(byStatus).map(([status, count]) => `${count} ${status}`);
	const duplicates = sent.length - new Set(sent).size;
	figures.killed = {
		patients,
		sentBeforeKill,
		sentInAll: sent.length,
		distinct: new Set(sent).size,
		duplicates,
		statuses,
		finishedAfter: cluster.finishedByWorker(),
		before,
	};
	// What this proves is the report; the test only checks it was taken.
	assert.ok(sentBeforeKill >= 40);
	await cluster.main.rest(cluster.owner.cookie, 'POST', `/workflows/${BULK_ID}/deactivate`);
});

function renderDoc() {
	const t = figures.throughput;
	const k = figures.killed;
	return [
		'# n8n queue mode',
		'',
		'Generated by `npm run test:queue` (`test/queue/queue.test.js`) with `HERO_WRITE_DOCS=1`; figures from',
		'the last such run. The suite starts everything it uses on free loopback ports and stops it after.',
		'',
		'## Topology',
		'',
		`- n8n ${cluster.versions.n8n}: one main (\`n8n start\`, \`EXECUTIONS_MODE=queue\`, \`N8N_DISABLE_PRODUCTION_MAIN_PROCESS=true\`),`,
		'  two workers (`n8n worker --concurrency=10`) and two webhook processors (`n8n webhook`).',
		`- ${cluster.versions.postgres}; ${cluster.versions.redis}.`,
		'- One user folder for every process, with the packed package installed in `.n8n/nodes` as the',
		'  Community Nodes screen does; one `N8N_ENCRYPTION_KEY`.',
		'- Hero webhooks are registered at the first webhook processor\'s URL (`WEBHOOK_URL`); the suite',
		'  sends deliveries to both processors, as a load balancer would.',
		'',
		'## Scenarios',
		'',
		'**a. Lifecycle.** Activating the trigger workflow registered exactly one Hero webhook for its',
		'event; stopping and restarting main and both workers left exactly one (the same one);',
		'deactivating removed it.',
		'',
		`**b. Throughput, exactly once.** ${t.deliveries} correctly signed deliveries, alternating between the two`,
		`webhook processors, 20 at a time: ${t.executions} successful executions, ${t.sms} SMS processed by the fake Hero,`,
		`${t.duplicates} duplicates. Executions per worker: ${Object.entries(t.perWorker).map(([name, count]) => `${name} ${count}`).join(', ')}.`,
		`${t.refused} forged, stale or tampered deliveries: all answered 401, ${t.executionsFromRefused} executions.`,
		'',
		`**c. Replays across processes: not yet safe.** A delivery accepted by webhook processor 1 (${figures.replay.firstProcessor}) was`,
		`refused when sent again to processor 1 (${figures.replay.sameProcessorAgain}), but accepted by processor 2 (${figures.replay.otherProcessor}): the patient`,
		`got ${figures.replay.sms} SMS. The trigger's replay memory is per process. Keeping it in the workflow's static data was`,
		'tried and does not work in n8n 2.40.7: a change the trigger makes to static data while answering a',
		'webhook in a webhook process is never saved (the database showed no record after an accepted',
		'delivery). The signed timestamp still limits a replay to the Replay Window (300 s by default).',
		'Until this is fixed, route each Hero webhook to one webhook processor (sticky by path at the',
		'load balancer), or lower the Replay Window. This scenario runs as a `todo` test, so the suite',
		'reports it without failing.',
		'',
		'**d. One rate budget per Hero key.** Within a process, every execution using the same',
		'credential (base URL, practice group, key) shares one pacer (unit-tested in',
		'`test/nodes/HeroHealth/transport/pacer.test.ts`). Processes do not share it: each worker',
		'learns Hero\'s limit from its own 429s and converges on its own. The benchmark this issue asks',
		'for (`npm run bench:queue`) is not built yet.',
		'',
		`**e. A worker killed** (SIGKILL) in the middle of a bulk send of ${k.patients} SMS (one execution,`,
		`Concurrency 2, Hero limiting to 20 requests/s; lock duration 10 s): ${k.sentBeforeKill} had been sent when the worker died. With the other`,
		`worker up and sending stopped: ${k.sentInAll} SMS in all, ${k.distinct} distinct, ${k.duplicates} sent twice; the execution's status in`,
		`n8n: ${k.statuses.join(', ') || 'none recorded'}.`,
		k.duplicates > 0
			? 'n8n re-ran the execution from its start on the other worker, so the messages sent before the kill went again. The node cannot know what a dead process sent; see the README ("Running at scale").'
			: 'n8n did not run the execution again: what was sent before the kill stayed sent, the rest was not sent, and nothing was sent twice. Retrying it from n8n (not exercised here) runs the failed node again with all its input items, which would text the patients already texted; the README says to check in Hero first.',
		'',
	].join('\n');
}

test('docs/queue.md reports the scenarios', () => {
	const doc = renderDoc();
	if (writingDocs()) fs.writeFileSync(DOC, doc);
	const committed = fs.existsSync(DOC) ? fs.readFileSync(DOC, 'utf8') : '';
	const headings = (text) => text.split('\n').filter((line) => /^(#|\*\*[a-e]\.)/.test(line)).map((line) => line.replace(/\*\*([a-e]\.[^*]*)\*\*.*/, '$1'));
	assert.deepEqual(headings(committed), headings(doc), 'docs/queue.md is out of date: HERO_WRITE_DOCS=1 npm run test:queue');
});
