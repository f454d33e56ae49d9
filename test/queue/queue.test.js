'use strict';
// n8n's queue mode, for real: PostgreSQL, Redis, main, two workers and two webhook processors
// (dev/cluster.js), the packed package in their shared user folder, the fake Hero.
// Run with `npm run test:queue`; writes docs/queue.md under HERO_WRITE_DOCS=1, otherwise checks
// that its scenarios and figures' shape still match.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const { Cluster, waitFor } = require('../../dev/cluster');
const e2e = require('../../dev/n8n');
const { createFakeHero } = require('../../dev/fake-hero/server');
const { writingDocs } = require('../harness/files');
const {
	HERO,
	executionsByStatus: byStatus,
	importWorkflow: importInto,
	sendSmsNode,
} = require('./workflows');

const WORKFLOW_ID = 'HeroQueueSmsFlow';
const BULK_ID = 'HeroQueueBulkSms';
const EVENT = 'appointment.confirmed';
/** Hero's rate limit during scenario e: 240 SMS take 24 s; the worker is killed after 40. */
const KILL_RATE = 10;
const DOC = path.join(e2e.ROOT, 'docs', 'queue.md');

let fake;
let cluster;
const figures = {};
/** Scenario b's deliveries, replayed in scenario c. */
let accepted = [];

/** Confirmed booking → one SMS to the patient, through the Hero Health node. */
const smsWorkflow = {
	name: 'Queue: SMS for each confirmed booking',
	nodes: [
		{
			id: 'q1',
			name: 'Appointment Confirmed',
			type: 'n8n-nodes-herohealth.heroHealthTrigger',
			typeVersion: 1,
			position: [0, 0],
			webhookId: '0b7e5f2a-9c41-4d7e-8a11-00000000a0a1',
			parameters: { events: [EVENT], options: { fetchFullRecord: true } },
			credentials: HERO,
		},
		sendSmsNode({
			id: 'q2',
			position: [240, 0],
			patientId: '={{ $json.record.patient_id }}',
			message: '=Booking {{ $json.id }} is confirmed.',
		}),
	],
	connections: {
		'Appointment Confirmed': { main: [[{ node: 'Send SMS', type: 'main', index: 0 }]] },
	},
	settings: { executionOrder: 'v1' },
};

/** One event → every patient on the practice list gets an SMS (a bulk send, on one worker). */
const bulkWorkflow = {
	name: 'Queue: bulk SMS on a form submission',
	nodes: [
		{
			id: 'b1',
			name: 'Form Submitted',
			type: 'n8n-nodes-herohealth.heroHealthTrigger',
			typeVersion: 1,
			position: [0, 0],
			webhookId: '0b7e5f2a-9c41-4d7e-8a11-00000000b0b1',
			parameters: { events: ['form-submission.created'] },
			credentials: HERO,
		},
		{
			id: 'b2',
			name: 'All Patients',
			type: 'n8n-nodes-herohealth.heroHealth',
			typeVersion: 3,
			position: [240, 0],
			parameters: { resource: 'patient', operation: 'list', returnAll: true },
			credentials: HERO,
			executeOnce: true,
		},
		sendSmsNode({
			id: 'b3',
			name: 'Bulk SMS',
			position: [480, 0],
			patientId: '={{ $json.id }}',
			message: '=Flu clinic invitation {{ $json.id }}',
			concurrency: 2,
		}),
	],
	connections: {
		'Form Submitted': { main: [[{ node: 'All Patients', type: 'main', index: 0 }]] },
		'All Patients': { main: [[{ node: 'Bulk SMS', type: 'main', index: 0 }]] },
	},
	settings: { executionOrder: 'v1' },
};

const importWorkflow = (workflow, id) => importInto(cluster, workflow, id);

const hooksFor = (event) =>
	[...fake.store.webhooks.values()].filter((hook) => hook.event_type === event);

/** A delivery as Hero signs it: HMAC-SHA256 of "<timestamp>.<body>", hex. */
function signedDelivery(
	event,
	id,
	{
		key = hooksFor(event)[0].signing_key,
		timestamp = Math.floor(Date.now() / 1000),
		tamper = false,
	} = {},
) {
	const body = JSON.stringify({
		object: 'Appointment',
		id,
		practice_group_id: fake.practiceGroupId,
		event,
	});
	const signature = crypto.createHmac('sha256', key).update(`${timestamp}.${body}`).digest('hex');
	return {
		body: tamper ? body.replace(`"id":"${id}"`, `"id":"${id}9"`) : body,
		headers: {
			'content-type': 'application/json',
			'x-herohealth-timestamp': String(timestamp),
			'x-herohealth-signature': signature,
		},
	};
}

/** Posts a delivery to one webhook processor, at the path Hero was given. */
async function post(processor, delivery) {
	const hook = new URL(hooksFor(EVENT)[0].url);
	const response = await fetch(`${processor.url}${hook.pathname}`, {
		method: 'POST',
		headers: delivery.headers,
		body: delivery.body,
	});
	return { status: response.status, text: await response.text() };
}

function newAppointment(i) {
	const id = String(700000 + i);
	fake.store.appointments.set(id, {
		id,
		patient_id: String(20001 + (i % 240)),
		practitioner_id: '401',
		location_id: '301',
		appointment_type_id: '501',
		start_time: '2026-12-01T09:00:00Z',
		duration: 10,
		status: 'confirmed',
	});
	return id;
}

/** SMS the fake Hero processed (a request answered 429 was not), as { body: { message_string } }. */
const smsFor = (marker) =>
	[...fake.store.messages.values()]
		.filter((message) => marker.test(message.content))
		.map((message) => ({ body: { message_string: message.content } }));

const executionsByStatus = (workflowId) => byStatus(cluster, workflowId);

async function successfulExecutions(workflowId) {
	return executionsByStatus(workflowId).success ?? 0;
}

/** Waits until `count()` has not changed for `times` looks `everyMs` apart. */
async function untilSteady(count, everyMs, times) {
	let last = -1;
	for (let steady = 0; steady < times; ) {
		await new Promise((resolve) => setTimeout(resolve, everyMs));
		const now = count();
		steady = now === last ? steady + 1 : 0;
		last = now;
	}
}

/** An execution's error and last node, as n8n's REST API gives them (its run data is flatted). */
async function outcome(executionId) {
	const execution = await cluster.main.rest(
		cluster.owner.cookie,
		'GET',
		`/executions/${executionId}`,
	);
	const data =
		typeof execution.data === 'string' ? require('flatted').parse(execution.data) : execution.data;
	const result = (data && data.resultData) || {};
	return {
		status: execution.status,
		error: result.error ? result.error.message : undefined,
		lastNode: result.lastNodeExecuted,
		nodesRun: Object.keys(result.runData || {}),
	};
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

before(
	async () => {
		fake = await createFakeHero().start();
		cluster = new Cluster({ workers: 2, webhooks: 2 });
		await cluster.start(fake);
		await importWorkflow(smsWorkflow, WORKFLOW_ID);
		await importWorkflow(bulkWorkflow, BULK_ID);
	},
	{ timeout: 1_800_000 },
);

after(async () => {
	if (cluster) await cluster.stop();
	if (fake) await fake.close();
});

test('a. lifecycle: one Hero webhook per event, none duplicated by restarts, removed on deactivation', async () => {
	await cluster.main.activate(cluster.owner.cookie, WORKFLOW_ID);
	await waitFor(() => hooksFor(EVENT).length === 1, 'the webhook to be registered');
	const registered = hooksFor(EVENT)[0];
	assert.equal(
		new URL(registered.url).origin,
		cluster.balancer.url,
		'registered at the load balancer in front of the webhook processors',
	);

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
	accepted = ids.map((id, i) => ({ id, processor: i % 2, delivery: signedDelivery(EVENT, id) }));
	const answers = await inParallel(
		accepted.map(
			({ processor, delivery }) =>
				() =>
					post(cluster.webhooks[processor], delivery),
		),
		20,
	);
	assert.deepEqual(
		[...new Set(answers.map((answer) => answer.status))],
		[200],
		JSON.stringify(answers.find((a) => a.status !== 200)),
	);
	await waitFor(() => smsFor(/^Booking 7\d{5} is confirmed\.$/).length >= 200, '200 SMS', 300_000);
	const seconds = (Date.now() - started) / 1000;
	e2e.log(
		`200 deliveries ran in ${seconds.toFixed(1)} s (${(200 / seconds).toFixed(1)} executions/s)`,
	);
	await new Promise((resolve) => setTimeout(resolve, 2000));
	const sms = smsFor(/^Booking 7\d{5} is confirmed\.$/).map(
		(request) => request.body.message_string,
	);
	assert.equal(sms.length, 200);
	assert.equal(new Set(sms).size, 200, 'no booking texted twice');
	await waitFor(
		async () => (await successfulExecutions(WORKFLOW_ID)) >= 200,
		'200 executions recorded',
	);
	assert.equal(await successfulExecutions(WORKFLOW_ID), 200);
	const after = cluster.finishedByWorker();
	const perWorker = Object.fromEntries(
		Object.keys(after).map((name) => [name, after[name] - (before[name] ?? 0)]),
	);
	assert.ok(
		Object.values(perWorker).every((count) => count > 0),
		`both workers ran executions: ${JSON.stringify(perWorker)}`,
	);

	// Forged (wrong key), stale (an hour old) and tampered (body changed after signing).
	const bad = [
		...Array.from({ length: 7 }, (_, i) =>
			signedDelivery(EVENT, newAppointment(300 + i), { key: 'f'.repeat(64) }),
		),
		...Array.from({ length: 7 }, (_, i) =>
			signedDelivery(EVENT, newAppointment(310 + i), {
				timestamp: Math.floor(Date.now() / 1000) - 3600,
			}),
		),
		...Array.from({ length: 6 }, (_, i) =>
			signedDelivery(EVENT, newAppointment(320 + i), { tamper: true }),
		),
	];
	const refused = await Promise.all(
		bad.map((delivery, i) => post(cluster.webhooks[i % 2], delivery)),
	);
	assert.deepEqual(
		refused.map((answer) => answer.status),
		bad.map(() => 401),
	);
	await new Promise((resolve) => setTimeout(resolve, 3000));
	assert.equal(smsFor(/^Booking 7\d{5} is confirmed\.$/).length, 200);
	assert.equal(await successfulExecutions(WORKFLOW_ID), 200);
	figures.throughput = {
		deliveries: 200,
		executions: 200,
		sms: sms.length,
		duplicates: sms.length - new Set(sms).size,
		perWorker,
		seconds: Math.round(seconds),
		refused: refused.length,
		executionsFromRefused: 0,
	};
});

test('c. a delivery accepted by one webhook processor and replayed to the other is refused', async () => {
	const id = newAppointment(400);
	const delivery = signedDelivery(EVENT, id);
	const sms = () => smsFor(new RegExp(`^Booking ${id} is confirmed`)).length;
	const first = await post(cluster.webhooks[0], delivery);
	assert.equal(first.status, 200);
	await waitFor(() => sms() === 1, 'the first SMS');
	const sameProcessor = await post(cluster.webhooks[0], delivery);
	assert.equal(sameProcessor.status, 401, 'the processor that accepted it refuses it');
	assert.match(sameProcessor.text, /already received/);
	const executionsBefore = executionsByStatus(WORKFLOW_ID).success ?? 0;
	const otherProcessor = await post(cluster.webhooks[1], delivery);
	// The other processor cannot see what the first accepted: it answers 200, and the trigger's
	// step on the worker stops the execution before anything else runs.
	await waitFor(
		() => (executionsByStatus(WORKFLOW_ID).success ?? 0) > executionsBefore,
		'the replay execution to finish',
	);
	await new Promise((resolve) => setTimeout(resolve, 2000));
	assert.equal(sms(), 1, 'the patient got one SMS');

	// All of scenario b's 200 deliveries again, each to the processor that did not accept it, 20 at a time.
	const bookings = /^Booking 7\d{5} is confirmed\.$/;
	const smsBefore = smsFor(bookings).length;
	const before = executionsByStatus(WORKFLOW_ID).success ?? 0;
	const answers = await inParallel(
		accepted.map(
			({ processor, delivery: copy }) =>
				() =>
					post(cluster.webhooks[1 - processor], copy),
		),
		20,
	);
	const answered = answers.filter((answer) => answer.status === 200).length;
	await waitFor(
		() => (executionsByStatus(WORKFLOW_ID).success ?? 0) >= before + answered,
		'the replay executions to finish',
		300_000,
	);
	await new Promise((resolve) => setTimeout(resolve, 3000));
	const resent = smsFor(bookings).length - smsBefore;
	figures.replay = {
		firstProcessor: first.status,
		sameProcessorAgain: sameProcessor.status,
		otherProcessor: otherProcessor.status,
		sms: sms(),
		bulkReplays: accepted.length,
		bulkAnswered: answered,
		bulkResent: resent,
	};
	assert.equal(
		resent,
		0,
		`${resent} of ${accepted.length} replayed deliveries texted a patient again`,
	);
	assert.equal(figures.replay.sms, 1);
});

test('h. through the load balancer, the same delivery posted twice at the same moment runs once: 30 pairs, 30 SMS', async () => {
	// Production's topology: Hero posts to WEBHOOK_URL, nginx in front of both webhook processors,
	// routing by the delivery's signed timestamp, so both copies meet the same processor.
	const hook = new URL(hooksFor(EVENT)[0].url);
	assert.equal(hook.origin, cluster.balancer.url, 'Hero was given the load balancer');
	const pairs = 30;
	const ids = Array.from({ length: pairs }, (_, i) => newAppointment(800 + i));
	const marker = new RegExp(`^Booking (${ids.join('|')}) is confirmed`);
	const before = executionsByStatus(WORKFLOW_ID).success ?? 0;
	const answers = [];
	for (const id of ids) {
		const delivery = signedDelivery(EVENT, id);
		answers.push(
			...(await Promise.all([post(cluster.balancer, delivery), post(cluster.balancer, delivery)])),
		);
	}
	const accepted = answers.filter((answer) => answer.status === 200).length;
	await waitFor(() => smsFor(marker).length >= pairs, `${pairs} SMS`, 180_000);
	await waitFor(
		() => (executionsByStatus(WORKFLOW_ID).success ?? 0) >= before + accepted,
		'the executions to finish',
		180_000,
	);
	await new Promise((resolve) => setTimeout(resolve, 3000));
	const texts = smsFor(marker).map((sms) => sms.body.message_string);
	figures.balanced = {
		pairs,
		accepted,
		refused: answers.filter((answer) => answer.status === 401).length,
		sms: texts.length,
		twice: texts.length - new Set(texts).size,
	};
	assert.equal(figures.balanced.twice, 0, 'no patient texted twice');
	assert.equal(figures.balanced.sms, pairs, 'one SMS a delivery');
	assert.equal(
		accepted,
		pairs,
		'one copy of each accepted, the other refused by the same processor',
	);
});

test('c2. a replay after 10,000 other deliveries in the window is still stopped on the other processor', async () => {
	const id = newAppointment(401);
	const delivery = signedDelivery(EVENT, id);
	const sms = () => smsFor(new RegExp(`^Booking ${id} is confirmed`)).length;
	assert.equal((await post(cluster.webhooks[0], delivery)).status, 200);
	await waitFor(() => sms() === 1, 'the first SMS');
	// 10,001 other deliveries accepted after it, written into n8n's store as the workers' own
	// records would be (md5 in base64, appended): running 10,000 executions here would take an hour.
	const where = `"workflowId" = '${WORKFLOW_ID}' AND context LIKE 'n:%'`;
	// Earlier scenarios' executions still finishing would write the store back without them.
	const inFlight = () => {
		const byStatus = executionsByStatus(WORKFLOW_ID);
		return (byStatus.running ?? 0) + (byStatus.new ?? 0);
	};
	await waitFor(() => inFlight() === 0, 'earlier executions to finish', 120_000);
	await untilSteady(
		() => cluster.sql(`SELECT value FROM processed_data WHERE ${where}`)[0][0].length,
		500,
		3,
	);
	const [[value]] = cluster.sql(`SELECT value FROM processed_data WHERE ${where}`);
	const stored = JSON.parse(value);
	const others = Array.from({ length: 10_001 }, (_, i) =>
		crypto.createHash('md5').update(`other-delivery-${i}`).digest('base64'),
	);
	const filled = { ...stored, data: [...stored.data, ...others] };
	cluster.sqlFromStdin(
		`UPDATE processed_data SET value = '${JSON.stringify(filled)}' WHERE ${where};`,
	);
	const [[written]] = cluster.sql(`SELECT value FROM processed_data WHERE ${where}`);
	assert.equal(JSON.parse(written).data.length, filled.data.length, 'the store holds the others');
	const executionsBefore = executionsByStatus(WORKFLOW_ID).success ?? 0;
	const replay = await post(cluster.webhooks[1], delivery);
	assert.equal(replay.status, 200, 'the other processor cannot know it');
	await waitFor(
		() => (executionsByStatus(WORKFLOW_ID).success ?? 0) > executionsBefore,
		'the replay execution to finish',
	);
	await new Promise((resolve) => setTimeout(resolve, 2000));
	const [[after]] = cluster.sql(`SELECT value FROM processed_data WHERE ${where}`);
	figures.replayAfterMany = {
		others: others.length,
		storeEntries: JSON.parse(after).data.length,
		otherProcessor: replay.status,
		sms: sms(),
	};
	assert.equal(sms(), 1, 'the patient got one SMS');
	assert.ok(figures.replayAfterMany.storeEntries > others.length, 'the others were still held');
});

test('e. a worker killed in the middle of a bulk send: what n8n does, and what was sent twice', async () => {
	await cluster.main.activate(cluster.owner.cookie, BULK_ID);
	await waitFor(() => hooksFor('form-submission.created').length === 1, 'the bulk webhook');
	const marker = /^Flu clinic invitation \d+$/;
	const patients = fake.store.patients.size;
	const before = cluster.finishedByWorker();
	const startedBefore = Object.fromEntries(
		cluster.workers.map((worker) => [
			worker.name,
			(worker.logs.match(/Worker started execution/g) || []).length,
		]),
	);
	const hook = hooksFor('form-submission.created')[0];
	const timestamp = Math.floor(Date.now() / 1000);
	const body = JSON.stringify({
		object: 'FormSubmission',
		id: '9001',
		practice_group_id: fake.practiceGroupId,
		event: 'form-submission.created',
	});
	const signature = crypto
		.createHmac('sha256', hook.signing_key)
		.update(`${timestamp}.${body}`)
		.digest('hex');
	// Hero's rate limit keeps the send going for many seconds, so the kill lands mid-send even
	// on a slow machine.
	fake.limitRate(KILL_RATE, 5);
	const response = await fetch(`${cluster.webhooks[0].url}${new URL(hook.url).pathname}`, {
		method: 'POST',
		headers: {
			'content-type': 'application/json',
			'x-herohealth-timestamp': String(timestamp),
			'x-herohealth-signature': signature,
		},
		body,
	});
	assert.equal(response.status, 200);
	await waitFor(() => smsFor(marker).length >= 40, 'the bulk send to be under way', 120_000);
	const victim = cluster.workers.find(
		(worker) =>
			(worker.logs.match(/Worker started execution/g) || []).length > startedBefore[worker.name],
	);
	assert.ok(victim, 'a worker started the bulk execution');
	await cluster.stopProcess(victim, 'SIGKILL');
	const sentBeforeKill = smsFor(marker).length;
	// n8n takes up a stalled job again once its lock expires; wait until sending stops.
	await untilSteady(() => smsFor(marker).length, 5000, 4);
	fake.limitRate(0);
	// n8n 2.41 checks again for 30 s (a grace window) before it records a stalled job as failed.
	await waitFor(
		() => !(executionsByStatus(BULK_ID).running > 0),
		'n8n to record the killed execution',
		180_000,
	).catch(() => undefined);
	const sent = smsFor(marker).map((request) => request.body.message_string);
	const byStatus = executionsByStatus(BULK_ID);
	const statuses = Object.entries(byStatus).map(([status, count]) => `${count} ${status}`);
	const duplicates = sent.length - new Set(sent).size;

	// Retry it as the editor's Retry button does (n8n's REST API), then count what went twice.
	const [[killedId] = []] = cluster.sql(
		`select id from execution_entity where "workflowId" = '${BULK_ID}' and status in ('error', 'crashed') order by id desc limit 1`,
	);
	let retry = {};
	if (killedId) {
		try {
			const answer = await cluster.main.rest(
				cluster.owner.cookie,
				'POST',
				`/executions/${killedId}/retry`,
				{ loadWorkflow: false },
			);
			retry = { started: true, id: answer && answer.id };
		} catch (error) {
			retry = { started: false, answer: error.message.slice(0, 300) };
		}
		if (retry.started) await untilSteady(() => smsFor(marker).length, 3000, 3);
	}
	if (retry.id) Object.assign(retry, await outcome(retry.id));
	const killed = killedId ? await outcome(killedId) : {};
	const afterRetry = smsFor(marker).map((request) => request.body.message_string);
	retry.sentInAll = afterRetry.length;
	retry.distinct = new Set(afterRetry).size;
	retry.sentTwice = afterRetry.length - new Set(afterRetry).size;
	retry.statuses = Object.entries(executionsByStatus(BULK_ID)).map(
		([status, count]) => `${count} ${status}`,
	);
	figures.killed = {
		patients,
		sentBeforeKill,
		sentInAll: sent.length,
		distinct: new Set(sent).size,
		duplicates,
		statuses,
		finishedAfter: cluster.finishedByWorker(),
		before,
		killedId,
		killed,
		retry,
	};
	process.stderr.write(`[queue] scenario e: ${JSON.stringify(figures.killed)}\n`);
	assert.ok(sentBeforeKill >= 40);
	// The README's advice rests on these: nothing went twice, after the kill or on Retry.
	assert.equal(duplicates, 0, 'no SMS sent twice after the kill');
	assert.ok(retry.started, `the retry was started: ${retry.answer ?? ''}`);
	assert.equal(retry.sentTwice, 0, 'no SMS sent twice by the retry');
	await cluster.main.rest(cluster.owner.cookie, 'POST', `/workflows/${BULK_ID}/deactivate`);
});

test('g. Send to Many: a worker killed between creating a batch and sending it, then the execution retried, texts each patient once', async () => {
	// Hero holds the batch in enrichment: the worker is killed while the node waits, after the create.
	fake.enrichBatches({ hold: true });
	const id = 'HeroQueueFluMany';
	const workflow = JSON.parse(
		fs.readFileSync(path.join(e2e.ROOT, 'examples', 'flu-clinic-invitations.json'), 'utf8'),
	);
	// The list straight into the real send (no preview), under its own campaign.
	workflow.nodes = workflow.nodes.filter((node) => node.name !== 'Preview Invitations');
	const send = workflow.nodes.find((node) => node.name === 'Send Invitations');
	Object.assign(send.parameters, {
		nhsNumber: '={{ $json.nhsNumber }}',
		dateOfBirth: '={{ $json.dateOfBirth }}',
		additionalFields: { campaignKey: 'queue-kill-test' },
	});
	delete send.onError;
	workflow.connections = {
		Start: { main: [[{ node: 'Flu Clinic List', type: 'main', index: 0 }]] },
		'Flu Clinic List': { main: [[{ node: 'Send Invitations', type: 'main', index: 0 }]] },
	};
	await importWorkflow(workflow, id);
	const batchTexts = () =>
		[...fake.store.messages.values()].filter((m) => m.batch_message_id).map((m) => m.patient.id);
	const textsBefore = batchTexts().length;
	const startedBefore = Object.fromEntries(
		cluster.workers.map((w) => [w.name, (w.logs.match(/Worker started execution/g) || []).length]),
	);
	const started = await cluster.main.rest(cluster.owner.cookie, 'POST', `/workflows/${id}/run`, {
		triggerToStartFrom: { name: 'Start' },
	});
	await waitFor(
		() => fake.requestsFor('createBatchMessage').length > 0,
		'the batch created',
		120_000,
	);
	const victim = cluster.workers.find(
		(w) => (w.logs.match(/Worker started execution/g) || []).length > startedBefore[w.name],
	);
	assert.ok(victim, 'a worker ran the execution');
	await cluster.stopProcess(victim, 'SIGKILL');
	assert.equal(fake.requestsFor('sendBatchMessage').length, 0, 'killed before the send');
	// The killed worker comes back, so two workers take what is queued, as in production; Hero
	// finishes enriching.
	await cluster.restart(victim);
	fake.enrichBatches({});
	await waitFor(
		() =>
			!['running', 'new'].includes(
				cluster.sql(
					`select status from execution_entity where id = '${started.executionId}'`,
				)[0]?.[0],
			),
		'n8n to record the killed execution',
		240_000,
	);
	const firstStatus = cluster.sql(
		`select status from execution_entity where id = '${started.executionId}'`,
	)[0][0];
	let retry = { status: 'not needed' };
	const succeeded = () =>
		cluster.sql(
			`select id from execution_entity where "workflowId" = '${id}' and status = 'success'`,
		).length > 0;
	if (firstStatus !== 'success') {
		// As the editor's Retry button does; where n8n will not retry (a manual execution killed
		// before its first node finished), the workflow is run again, as a user would.
		try {
			await cluster.main.rest(
				cluster.owner.cookie,
				'POST',
				`/executions/${started.executionId}/retry`,
				{ loadWorkflow: false },
			);
			retry = { status: 'retried' };
		} catch (error) {
			retry = {
				status: `n8n refused the retry (${/"message":"([^"]+)"/.exec(error.message)?.[1] ?? error.message.slice(0, 120)}), so the workflow was run again`,
			};
			await cluster.main.rest(cluster.owner.cookie, 'POST', `/workflows/${id}/run`, {
				triggerToStartFrom: { name: 'Start' },
			});
		}
		await waitFor(succeeded, 'the second run to finish', 240_000);
	}
	await new Promise((resolve) => setTimeout(resolve, 2000));
	const texted = batchTexts().slice(textsBefore);
	figures.sendToManyKilled = {
		created: fake.requestsFor('createBatchMessage').length,
		sent: fake.requestsFor('sendBatchMessage').length,
		texts: texted.length,
		patients: new Set(texted).size,
		firstStatus,
		retry: retry.status,
	};
	assert.equal(fake.requestsFor('createBatchMessage').length, 1, 'the batch was created once');
	assert.equal(fake.requestsFor('sendBatchMessage').length, 1, 'and sent once');
	assert.equal(texted.length, 4, 'four patients texted');
	assert.equal(new Set(texted).size, 4, 'none twice');
});

test('i. the outcomes trigger polls on main, its execution runs on a worker, and a restart of main emits nothing twice', async () => {
	const id = 'HeroQueueOutcome';
	const workflow = JSON.parse(
		fs.readFileSync(
			path.join(e2e.ROOT, 'examples', 'unreached-patients-for-follow-up.json'),
			'utf8',
		),
	);
	await importWorkflow(workflow, id);
	// A recall by NHS App to five patients the fake Hero's NHS App does not reach (IDs ending 6-0).
	const batch = await fake.call('POST', '/v1/batch_message', {
		name: 'queue-outcomes',
		channel: 'NHS_APP',
		content: 'Your review is due. Please book it with the surgery.',
		recipients: [20006, 20007, 20008, 20009, 20010].map((patient) => {
			const { nhs_number, dob } = fake.store.patients.get(String(patient));
			return { nhs_number, dob };
		}),
	});
	await waitFor(
		async () => (await fake.call('GET', `/v1/batch_message/${batch.id}`)).status === 'ENRICHED',
		'the batch to be enriched',
	);
	await fake.call('PATCH', `/v1/batch_message/${batch.id}/send`);
	fake.advanceClock(4 * 3_600_000);

	await cluster.main.activate(cluster.owner.cookie, id);
	await waitFor(async () => (await successfulExecutions(id)) === 1, 'the poll to run the workflow');
	const [[executionId]] = cluster.sql(
		`select id from execution_entity where "workflowId" = '${id}'`,
	);
	await waitFor(() => ranOnWorker(executionId), 'a worker to finish the execution');
	const execution = await cluster.main.rest(
		cluster.owner.cookie,
		'GET',
		`/executions/${executionId}`,
	);
	const runData = require('flatted').parse(execution.data).resultData.runData;
	const events = runData['Not Reached'][0].data.main[0].map((item) => item.json);
	const ours = events.filter((event) => event.batch.id === String(batch.id));

	// Main restarts: it activates the workflow again and polls from the cursor it saved.
	await cluster.main.stop();
	await cluster.startMain();
	cluster.owner = await cluster.main.setUpOwner();
	// Activation polls at once (a restart may wait for the next Poll Time): off and on again.
	await cluster.main.rest(cluster.owner.cookie, 'POST', `/workflows/${id}/deactivate`);
	await cluster.main.activate(cluster.owner.cookie, id);
	await untilSteady(
		() => Object.values(executionsByStatus(id)).reduce((a, b) => a + b, 0),
		1000,
		5,
	);
	const afterRestart = Object.values(executionsByStatus(id)).reduce((a, b) => a + b, 0);
	await cluster.main.rest(cluster.owner.cookie, 'POST', `/workflows/${id}/deactivate`);
	figures.outcomesTrigger = { events: ours.length, onWorker: true, afterRestart };
	assert.equal(ours.length, 5, 'each of the five not reached, once');
	assert.equal(new Set(events.map((event) => event.event_id)).size, events.length);
	assert.equal(afterRestart, 1, 'no second execution after the restart');
});

/** The table `npm run bench:queue` wrote in docs/benchmarks.md. */
function queueBenchmark() {
	const file = path.join(e2e.ROOT, 'docs', 'benchmarks.md');
	const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
	const section = text.slice(text.indexOf('\n## Queue mode'));
	const rows = section.split('\n').filter((line) => line.startsWith('|'));
	return text.includes('\n## Queue mode')
		? rows
		: ['(not measured yet: run `npm run bench:queue`)'];
}

/** What retrying the killed execution (the editor's Retry button, through n8n's REST API) did. */
/** Executions whose job a worker finished, by the worker's log. */
const ranOnWorker = (executionId) =>
	cluster.workers.some((worker) =>
		new RegExp(`Worker finished execution ${executionId}\\b`).test(worker.logs),
	);

test('f. manual executions run on workers (OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS, n8n 3.0): an example, and the trigger listening for a test event', async () => {
	// A manual run of the recall example, as the editor's Execute Workflow button starts it.
	const recall = 'HeroQueueRecall1';
	await cluster.main.importWorkflow(
		path.join(e2e.ROOT, 'examples', 'recall-campaign-dry-run.json'),
		recall,
	);
	const sendsBefore = fake.requestsFor('sendMessage').length;
	const started = await cluster.main.rest(
		cluster.owner.cookie,
		'POST',
		`/workflows/${recall}/run`,
		{
			triggerToStartFrom: { name: 'Start' },
		},
	);
	assert.ok(started.executionId, JSON.stringify(started));
	await waitFor(
		() => (executionsByStatus(recall).success ?? 0) + (executionsByStatus(recall).error ?? 0) > 0,
		'the manual run to finish',
		120_000,
	);
	const manual = await outcome(started.executionId);
	assert.equal(manual.status, 'success', JSON.stringify(manual));
	assert.ok(manual.nodesRun.includes('Send Recall Invitation'));
	assert.ok(ranOnWorker(started.executionId), 'a worker ran the manual execution');
	assert.equal(fake.requestsFor('sendMessage').length, sendsBefore, 'Dry Run sent nothing');

	// Listen for a test event: the trigger registers a test webhook with Hero, one delivery runs
	// the workflow (on a worker), then n8n removes the test webhook again.
	const listen = 'HeroQueueListen1';
	const workflow = JSON.parse(JSON.stringify(smsWorkflow));
	workflow.name = 'Queue: listen for a test event';
	workflow.nodes[0].webhookId = '0b7e5f2a-9c41-4d7e-8a11-00000000f0f1';
	await importWorkflow(workflow, listen);
	const waiting = await cluster.main.rest(
		cluster.owner.cookie,
		'POST',
		`/workflows/${listen}/run`,
		{
			triggerToStartFrom: { name: 'Appointment Confirmed' },
		},
	);
	assert.equal(waiting.waitingForWebhook, true, JSON.stringify(waiting));
	const testHooks = () =>
		hooksFor(EVENT).filter((hook) => new URL(hook.url).pathname.startsWith('/webhook-test/'));
	await waitFor(() => testHooks().length === 1, 'the test webhook registered with Hero');
	const [hook] = testHooks();
	const id = newAppointment(500);
	const delivery = signedDelivery(EVENT, id, { key: hook.signing_key });
	// Test webhooks are served by main (a load balancer routes /webhook-test/ there).
	const answer = await fetch(`${cluster.main.url}${new URL(hook.url).pathname}`, {
		method: 'POST',
		headers: delivery.headers,
		body: delivery.body,
	});
	assert.equal(answer.status, 200, await answer.text());
	await waitFor(
		() => smsFor(new RegExp(`^Booking ${id} is confirmed`)).length === 1,
		'the test event to send its SMS',
		120_000,
	);
	await waitFor(() => (executionsByStatus(listen).success ?? 0) === 1, 'the test execution');
	const [[executionId, mode]] = cluster.sql(
		`select id, mode from execution_entity where "workflowId" = '${listen}'`,
	);
	assert.equal(mode, 'manual');
	assert.ok(ranOnWorker(executionId), 'a worker ran the test event');
	await waitFor(() => testHooks().length === 0, 'the test webhook removed from Hero');
	figures.offloaded = {
		recall: manual.status,
		recallOnWorker: ranOnWorker(started.executionId),
		testEvent: answer.status,
		testEventOnWorker: ranOnWorker(executionId),
		testHooksLeft: testHooks().length,
	};
});

function retryText(k) {
	const r = k.retry;
	if (!k.killedId) return 'n8n recorded no failed execution to retry.';
	const killed = `The killed execution's error in n8n: "${k.killed.error ?? 'none'}"; nodes with run data: ${k.killed.nodesRun.join(', ') || 'none'}.`;
	const call = `Retried through n8n's REST API (\`POST /rest/executions/<id>/retry\`, what the editor's Retry button calls)`;
	if (!r.started) return `${killed} ${call}: n8n refused (${r.answer}).`;
	const more = r.sentInAll - k.sentInAll;
	return [
		killed,
		`${call}: the retry's status ${r.status}${r.error ? ` ("${r.error}")` : ''}, nodes run: ${r.nodesRun.join(', ') || 'none'}; ${more} more SMS, ${r.sentTwice} patients texted twice.`,
		r.sentTwice > 0
			? `The retry ran the failed node again with all its input items, and n8n kept no record of which of them the killed worker had sent, so those ${r.sentTwice} went again.`
			: more > 0
				? 'The retry sent the rest and nothing twice.'
				: 'So a retry sends nothing, twice or otherwise: the patients not reached before the kill stay unsent until someone acts.',
		'The node cannot know what a killed process sent: before sending again, check in Hero what was sent (README, "Running at scale").',
	].join(' ');
}

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
		`- ${cluster.versions.nginx.replace(/^nginx version: /, '')} in front of the webhook processors (\`hash $http_x_herohealth_timestamp consistent\`,`,
		'  as in `docker/nginx-webhooks.conf`); Hero webhooks are registered at its URL (`WEBHOOK_URL`). Scenarios',
		'  b and c post to each processor directly, as a load balancer that does not route by delivery would.',
		'',
		'## Scenarios',
		'',
		'**a. Lifecycle.** Activating the trigger workflow registered exactly one Hero webhook for its',
		'event; stopping and restarting main and both workers left exactly one (the same one);',
		'deactivating removed it.',
		'',
		`**b. Throughput, exactly once.** ${t.deliveries} correctly signed deliveries, alternating between the two`,
		`webhook processors, 20 at a time: ${t.executions} successful executions, ${t.sms} SMS processed by the fake Hero,`,
		`${t.duplicates} duplicates. Executions per worker: ${Object.entries(t.perWorker)
			.map(([name, count]) => `${name} ${count}`)
			.join(', ')}.`,
		`${t.refused} forged, stale or tampered deliveries: all answered 401, ${t.executionsFromRefused} executions.`,
		'',
		`**c. Replays across processes.** A delivery accepted by webhook processor 1 (${figures.replay.firstProcessor}) and sent again`,
		`to processor 1 was refused there (${figures.replay.sameProcessorAgain}, "already received"). Sent to processor 2, which cannot see what`,
		`processor 1 accepted, it was answered ${figures.replay.otherProcessor} and its execution stopped at the trigger on the worker: the`,
		`patient got ${figures.replay.sms} SMS. Then all ${figures.replay.bulkReplays} deliveries of scenario b were sent again, each to the processor that had`,
		`not accepted it, 20 at a time: ${figures.replay.bulkAnswered} answered 200, ${figures.replay.bulkResent} SMS sent again.`,
		`Then a new delivery accepted by processor 1 was followed by ${figures.replayAfterMany.others.toLocaleString('en-GB')} other deliveries recorded in n8n's store`,
		`(written into \`processed_data\` as the workers' records would be; the store then held ${figures.replayAfterMany.storeEntries.toLocaleString('en-GB')} entries, under its`,
		`bound of 50,000 per trigger), and replayed to processor 2: answered ${figures.replayAfterMany.otherProcessor}, stopped at the trigger, ${figures.replayAfterMany.sms} SMS in all.`,
		'How: the trigger gives each verified delivery a `delivery_id` (a hash of its signature). Its',
		"step in the execution (on the worker) records that ID in n8n's deduplication store, the",
		'`processed_data` table the Remove Duplicates node uses, and passes the delivery on only the',
		"first time. n8n reads a node's whole list there and writes it back on every call, so two",
		"workers recording at once can each write a list without the other's entry; each worker",
		'therefore records one delivery at a time and writes again, with each record and once more',
		'half a second to a second after its last, the IDs it accepted within the window, which mends',
		'what another worker wrote over.',
		`Workflow static data cannot do this on n8n ${cluster.versions.n8n}: a change the trigger makes to it while`,
		'answering a webhook is never saved (n8n builds a second workflow over the same static data',
		'before saving it, which clears its changed flag), so the database never had the record.',
		'Limits (n8n gives nodes no atomic check-and-record): two copies of one delivery reaching two',
		'workers within the same few milliseconds can both run, and an entry another worker wrote over',
		'is missing until the worker that accepted it writes again (about a second at most); the',
		'signed timestamp bounds any replay to the Replay Window.',
		'',
		`**h. One delivery, one run, through the load balancer.** ${figures.balanced.pairs} signed deliveries, each posted twice to the load`,
		`balancer at the same moment: ${figures.balanced.accepted} copies answered 200 and ${figures.balanced.refused} refused (401, "already received": both copies`,
		`met the same processor), ${figures.balanced.sms} SMS, ${figures.balanced.twice} sent twice. Posted straight to two processors at once, copies`,
		"can both run (scenario c's limits); the load balancer is what closes that.",
		'',
		'**d. One rate budget per Hero key.** Within a process, every execution using the same',
		'credential (base URL, practice group, key) shares one pacer (unit-tested in',
		'`test/nodes/shared/transport/pacer.test.ts`). Processes do not share it: each worker',
		"learns Hero's limit from its own 429s and backs off on its own. Measured by",
		'`npm run bench:queue` (four workflows of 500 SMS each, started at once across two workers,',
		'against a fake Hero allowing 100 requests/s for the key); from `docs/benchmarks.md`:',
		'',
		...queueBenchmark(),
		'',
		`**e. A worker killed** (SIGKILL) in the middle of a bulk send of ${k.patients} SMS (one execution,`,
		`Concurrency 2, Hero limiting to ${KILL_RATE} requests/s; lock duration 10 s): ${k.sentBeforeKill} had been sent when the worker died. With the other`,
		`worker up and sending stopped: ${k.sentInAll} SMS in all, ${k.distinct} distinct, ${k.duplicates} sent twice; the execution's status in`,
		`n8n: ${k.statuses.join(', ') || 'none recorded'}.`,
		k.duplicates > 0
			? 'n8n ran the execution again from its start on the other worker, so the messages sent before the kill went again.'
			: 'n8n did not run the execution again by itself: what was sent before the kill stayed sent, the rest was not sent, and nothing was sent twice.',
		'',
		retryText(k),
		'',
		"**f. Manual executions on workers (n8n 3.0's behaviour).** Every process runs with",
		'`OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS=true`, the only behaviour of n8n 3.0 in queue mode. A manual',
		`run of the recall example (Dry Run) started as the editor starts it: ${figures.offloaded.recall}, run by a worker: ${figures.offloaded.recallOnWorker ? 'yes' : 'no'}.`,
		'The trigger listening for a test event registered a test webhook with Hero; one signed delivery to',
		`main's test URL was answered ${figures.offloaded.testEvent} and its execution ran on a worker: ${figures.offloaded.testEventOnWorker ? 'yes' : 'no'}; test webhooks left at Hero`,
		`afterwards: ${figures.offloaded.testHooksLeft}.`,
		'',
		`**g. Send to Many, a worker killed between create and send.** Hero held the batch in enrichment;`,
		`the worker running a manual Send to Many to 4 patients was killed (SIGKILL) after the batch was created, then restarted.`,
		`The killed execution ended ${figures.sendToManyKilled.firstStatus}; then: ${figures.sendToManyKilled.retry}.`,
		`Batches created ${figures.sendToManyKilled.created}, sent ${figures.sendToManyKilled.sent}; ${figures.sendToManyKilled.texts} texts to ${figures.sendToManyKilled.patients} patients:`,
		'the second run found the batch by its name and sent it once.',
		'',
		`**i. The outcomes trigger (polling).** Activated, the Hero Health Outcomes Trigger polled on main; the`,
		`execution it started ran on a worker, with ${figures.outcomesTrigger.events} Recipients Not Reached events for a 5-patient NHS App batch`,
		`4 hours old. Main was then restarted and the workflow deactivated and activated again (activation polls at`,
		`once), reading the cursor from the workflow's static data in PostgreSQL; executions afterwards:`,
		`${figures.outcomesTrigger.afterRestart} (nothing emitted twice).`,
		'',
	].join('\n');
}

test('docs/queue.md reports the scenarios', () => {
	const doc = renderDoc();
	if (writingDocs()) fs.writeFileSync(DOC, doc);
	const committed = fs.existsSync(DOC) ? fs.readFileSync(DOC, 'utf8') : '';
	const headings = (text) =>
		text
			.split('\n')
			.filter((line) => /^(#|\*\*[a-i]\.)/.test(line))
			.map((line) => line.replace(/\*\*([a-i]\.[^*]*)\*\*.*/, '$1'));
	assert.deepEqual(
		headings(committed),
		headings(doc),
		'docs/queue.md is out of date: HERO_WRITE_DOCS=1 npm run test:queue',
	);
});
