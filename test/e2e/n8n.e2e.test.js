'use strict';
// End to end: the packed package inside a real n8n 2.x, talking to the fake Hero over loopback.
// Run with `npm run test:e2e` (node's test runner). The first run provisions n8n (minutes).
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('crypto');
const fs = require('fs');
const http = require('http');
const path = require('path');

const e2e = require('../../dev/n8n');
const { createFakeHero } = require('../../dev/fake-hero/server');

const EXAMPLES = path.join(e2e.ROOT, 'examples');
const IDS = { invite: 'HeroExampleInvit', crm: 'HeroExampleCrmRw', reminder: 'HeroExampleRemnd' };
const CRM_WEBHOOK = '5d2b8e8f-0002-4b64-8e4b-0000000000aa';

let fake;
let n8n;
let owner;

const hooksFor = (url) => [...fake.store.webhooks.values()].filter((hook) => hook.url === url);

const { waitFor } = e2e;

before(
	async () => {
		const bins = e2e.provision();
		const userFolder = e2e.tempUserFolder();
		const tarball = e2e.buildAndPack(path.join(userFolder, 'pack'));
		e2e.installPackage(userFolder, tarball);
		fake = await createFakeHero({ demo: true }).start();
		n8n = new e2e.N8n({ userFolder, ...bins });
		await n8n.importCredential(fake.url, fake);
		await n8n.importWorkflow(
			path.join(EXAMPLES, 'register-patients-and-send-booking-links.json'),
			IDS.invite,
		);
		await n8n.importWorkflow(path.join(EXAMPLES, 'new-booking-to-crm-row.json'), IDS.crm);
		await n8n.importWorkflow(path.join(EXAMPLES, 'appointment-reminder.json'), IDS.reminder);
	},
	{ timeout: 1_800_000 },
);

after(async () => {
	if (n8n) await n8n.stop();
	if (n8n && process.env.N8N_E2E_LOG_FILE)
		fs.writeFileSync(process.env.N8N_E2E_LOG_FILE, n8n.logs || '');
	if (fake) await fake.close();
});

test('the example workflows import, and the action one runs in n8n execute', async () => {
	const { stdout } = await n8n.cli(['list:workflow'], { env: { N8N_LOG_LEVEL: 'info' } });
	for (const id of Object.values(IDS)) assert.match(stdout, new RegExp(id));

	const run = await n8n.execute(IDS.invite);
	assert.equal(run.error, undefined);
	const [registered, needsCheck] = run.output('Registered?');
	assert.equal(registered.length, 2);
	assert.equal(needsCheck.length, 1);
	const [texts] = run.output('Text the Link');
	assert.equal(texts.length, 2);
	for (const text of texts)
		assert.match(text.content, /book your annual review: https:\/\/hero\.example\/b\/\d+$/);
	const [identity] = run.output('Needs Identity Check');
	assert.equal(identity[0].status, 'needs identity check');
	assert.match(identity[0].login_url, /^https:\/\/patient\.hero\.example\/verify\//);
	const sends = fake
		.requestsFor('sendMessage')
		.map((r) => r.body.recipient_contact_detail)
		.sort();
	assert.deepEqual(sends, ['+447700900101', '+447700900102']);
	assert.deepEqual(fake.violations, []);
});

test('the recall example, with Dry Run on, previews every invitation and sends nothing', async () => {
	const id = 'HeroExampleRecll';
	await n8n.importWorkflow(path.join(EXAMPLES, 'recall-campaign-dry-run.json'), id);
	const sendsBefore = fake.requestsFor('sendMessage').length;
	const run = await n8n.execute(id);
	assert.equal(run.error, undefined);
	const [previews] = run.output('Send Recall Invitation');
	assert.equal(previews.length, 3);
	for (const preview of previews) {
		assert.equal(preview.dry_run, true);
		assert.equal(preview.method, 'POST');
		assert.equal(preview.path, '/v1/messages/send');
		assert.match(String(preview.body.patient_id), /^2000[123]$/);
		assert.equal(preview.practice_group_id, fake.practiceGroupId);
		assert.ok(!JSON.stringify(preview).includes(fake.apiKey));
	}
	assert.equal(fake.requestsFor('sendMessage').length, sendsBefore, 'nothing was sent');
});

test('the flu clinic example previews its batch, then sends it once; run again, it sends nobody twice', async () => {
	const id = 'HeroExampleFluCl';
	await n8n.importWorkflow(path.join(EXAMPLES, 'flu-clinic-invitations.json'), id);
	const batchRequests = () =>
		['createBatchMessage', 'sendBatchMessage'].map((op) => fake.requestsFor(op).length);
	const [createdBefore, sentBefore] = batchRequests();
	const run = await n8n.execute(id);
	assert.equal(run.error, undefined);
	const [previews] = run.output('Preview Invitations');
	assert.equal(previews.length, 4);
	for (const preview of previews) {
		assert.equal(preview.dry_run, true);
		assert.equal(preview.batch_name, 'flu-clinic-2026-saturday 1/1');
	}
	const [sent] = run.output('Send Invitations');
	assert.deepEqual(
		sent.map((item) => [item.batch_status, item.sent_by_this_run, item.recipient_status]),
		Array(4).fill(['QUEUED', true, 'ENRICHED']),
	);
	assert.deepEqual(batchRequests(), [createdBefore + 1, sentBefore + 1]);

	const again = await n8n.execute(id);
	assert.equal(again.error, undefined);
	const [resent] = again.output('Send Invitations');
	assert.deepEqual(
		resent.map((item) => item.sent_by_this_run),
		[false, false, false, false],
	);
	assert.deepEqual(
		batchRequests(),
		[createdBefore + 1, sentBefore + 1],
		'nothing new created or sent',
	);
	assert.deepEqual(fake.violations, []);
});

test('the NHS App first cascade, run twice: the unreached get an SMS once, the second run sends nothing new', async () => {
	const id = 'HeroExampleCscad';
	// The Wait stands for 3 hours: 4 seconds here, with the fake Hero counting each second as an hour.
	await n8n.importWorkflow(path.join(EXAMPLES, 'nhs-app-first-sms-for-the-rest.json'), id, {
		waitSeconds: 4,
	});
	const batchRequests = () =>
		['createBatchMessage', 'sendBatchMessage'].map((op) => fake.requestsFor(op).length);
	const [createdBefore, sentBefore] = batchRequests();
	fake.scaleTime(3600);
	try {
		const run = await n8n.execute(id);
		assert.equal(run.error, undefined);
		const [invited] = run.output('Invite by NHS App');
		assert.equal(invited.length, 10);
		const [notReached] = run.output('Not Reached');
		assert.deepEqual(
			notReached.map((item) => [item.outcome.state, item.outcome.reached]),
			[...Array(4).fill(['delivered', false]), ['failed', false]],
		);
		const [texted] = run.output('Text the Rest');
		assert.deepEqual(
			texted.map((item) => item.sent_by_this_run),
			[true, true, true, true, true],
		);
		assert.deepEqual(batchRequests(), [createdBefore + 2, sentBefore + 2]);
		const sms = fake.requestsFor('createBatchMessage').at(-1).body;
		assert.equal(sms.channel, 'SMS');
		assert.deepEqual(
			sms.recipients.map((r) => r.nhs_number),
			['9990000069', '9990000077', '9990000085', '9990000093', '9990000107'],
		);

		const again = await n8n.execute(id);
		assert.equal(again.error, undefined);
		const [retexted] = again.output('Text the Rest');
		assert.equal(retexted.length, 5);
		assert.ok(retexted.every((item) => item.sent_by_this_run === false));
		assert.deepEqual(
			batchRequests(),
			[createdBefore + 2, sentBefore + 2],
			'nothing new created or sent',
		);
	} finally {
		fake.scaleTime(1);
	}
	assert.deepEqual(fake.violations, []);
});

test("the credential works as a predefined credential in n8n's HTTP Request node", async () => {
	const file = path.join(n8n.userFolder, 'http-request.json');
	fs.writeFileSync(
		file,
		JSON.stringify({
			name: 'HTTP Request with the Hero Health credential',
			nodes: [
				{
					parameters: {},
					id: 'a1',
					name: 'Start',
					type: 'n8n-nodes-base.manualTrigger',
					typeVersion: 1,
					position: [0, 0],
				},
				{
					parameters: {
						url: `${fake.url}/v1/me/capabilities`,
						authentication: 'predefinedCredentialType',
						nodeCredentialType: 'heroHealthApi',
						options: {},
					},
					id: 'a2',
					name: 'HTTP Request',
					type: 'n8n-nodes-base.httpRequest',
					typeVersion: 4.2,
					position: [220, 0],
					credentials: { heroHealthApi: { id: e2e.CREDENTIAL_ID, name: 'Hero Health account' } },
				},
			],
			connections: { Start: { main: [[{ node: 'HTTP Request', type: 'main', index: 0 }]] } },
			settings: { executionOrder: 'v1' },
		}),
	);
	await n8n.importWorkflow(file, 'HeroHttpRequest1');
	const run = await n8n.execute('HeroHttpRequest1');
	assert.equal(run.error, undefined);
	assert.deepEqual(run.output('HTTP Request')[0][0].capabilities, fake.store.capabilities);
	const [request] = fake.requestsFor('getCapabilities');
	assert.equal(request.headers['x-api-key'], fake.apiKey);
	assert.equal(request.headers['x-practice-group-id'], fake.practiceGroupId);
});

test('the trigger registers its webhook, runs once for a signed event, refuses a forged one, and cleans up', async () => {
	await n8n.start();
	owner = await n8n.setUpOwner();
	const url = `${n8n.url}/webhook/${CRM_WEBHOOK}/webhook`;

	await n8n.activate(owner.cookie, IDS.crm);
	await waitFor(() => hooksFor(url).length > 0, 'the Hero webhook to be registered');
	await new Promise((resolve) => setTimeout(resolve, 1000));
	const hooks = hooksFor(url);
	assert.equal(hooks.length, 1, `one Hero webhook for ${url}`);
	assert.equal(hooks[0].event_type, 'appointment.confirmed');
	assert.match(hooks[0].signing_key, /^[0-9a-f]{64}$/);

	fake.store.appointments.set('4321', {
		id: '4321',
		patient_id: '20003',
		practitioner_id: '401',
		location_id: '301',
		appointment_type_id: '501',
		start_time: '2026-12-01T09:30:00Z',
		status: 'confirmed',
	});
	const body = JSON.stringify({
		object: 'Appointment',
		id: '4321',
		practice_group_id: fake.practiceGroupId,
		event: 'appointment.confirmed',
	});
	const timestamp = String(Math.floor(Date.now() / 1000));
	const signature = crypto
		.createHmac('sha256', hooks[0].signing_key)
		.update(`${timestamp}.${body}`)
		.digest('hex');
	const post = (sig) =>
		fetch(url, {
			method: 'POST',
			headers: {
				'content-type': 'application/json',
				'x-herohealth-timestamp': timestamp,
				'x-herohealth-signature': sig,
			},
			body,
		});

	const good = await post(signature);
	assert.equal(good.status, 200);
	const forged = await post('0'.repeat(64));
	assert.equal(forged.status, 401);

	const finished = async () =>
		(await n8n.executions(owner.cookie, IDS.crm)).filter(
			(e) => e.status === 'success' || e.status === 'error',
		);
	await waitFor(async () => (await finished()).length > 0, 'the execution to finish');
	// A moment more, so that a second execution (a replay let through) would show too.
	await new Promise((resolve) => setTimeout(resolve, 1000));
	const executions = await n8n.executions(owner.cookie, IDS.crm);
	assert.equal(executions.length, 1, 'exactly one execution: the signed event');
	assert.equal(executions[0].status, 'success');
	const execution = await n8n.rest(owner.cookie, 'GET', `/executions/${executions[0].id}`);
	assert.match(JSON.stringify(execution.data), /starts_uk_time/);
	assert.match(JSON.stringify(execution.data), /01\/12\/2026 09:30/);

	await n8n.rest(owner.cookie, 'POST', `/workflows/${IDS.crm}/deactivate`, {});
	await waitFor(() => hooksFor(url).length === 0, 'the Hero webhook to be removed');
	await new Promise((resolve) => setTimeout(resolve, 1000));
	assert.equal(hooksFor(url).length, 0, 'no Hero webhook left after deactivation');
	assert.deepEqual(fake.violations, []);
});

test('the reminder workflow activates and deactivates cleanly', async () => {
	await n8n.activate(owner.cookie, IDS.reminder);
	const url = `${n8n.url}/webhook/6e3c9f90-0003-4c75-9f5c-0000000000bb/webhook`;
	await waitFor(() => hooksFor(url).length === 1, 'the reminder webhook to be registered');
	await n8n.rest(owner.cookie, 'POST', `/workflows/${IDS.reminder}/deactivate`, {});
	await waitFor(() => hooksFor(url).length === 0, 'the reminder webhook to be removed');
});

/** An execution's data as n8n's REST API sends it (flatted: objects and strings by index). */
function unflatten(text) {
	const table = JSON.parse(text);
	const done = new Map();
	const at = (i) => {
		const value = table[i];
		if (typeof value !== 'object' || value === null) return value;
		if (done.has(i)) return done.get(i);
		const out = Array.isArray(value) ? [] : {};
		done.set(i, out);
		for (const [key, x] of Object.entries(value))
			out[key] = typeof x === 'string' ? at(Number(x)) : x;
		return out;
	};
	return at(0);
}

test('the outcomes trigger polls on activation, emits each batch event once across reactivations, and nothing skipped', async () => {
	const id = 'HeroOutcomesPoll';
	const workflow = {
		name: 'Hero Health: outcomes trigger (e2e)',
		nodes: [
			{
				parameters: {
					pollTimes: { item: [{ mode: 'everyHour' }] },
					events: ['batchCompleted', 'recipientsFailed', 'recipientsNotReached'],
				},
				id: '5d2b8e8f-0009-4b64-8e4b-000000000001',
				name: 'Outcomes',
				type: 'n8n-nodes-herohealth.heroHealthOutcomesTrigger',
				typeVersion: 1,
				position: [0, 0],
				credentials: { heroHealthApi: { id: e2e.CREDENTIAL_ID, name: 'Hero Health account' } },
			},
			{
				parameters: {},
				id: '5d2b8e8f-0009-4b64-8e4b-000000000002',
				name: 'Received',
				type: 'n8n-nodes-base.noOp',
				typeVersion: 1,
				position: [220, 0],
			},
		],
		connections: { Outcomes: { main: [[{ node: 'Received', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
	const file = path.join(n8n.userFolder, 'outcomes-trigger.json');
	fs.writeFileSync(file, JSON.stringify(workflow));
	await n8n.importWorkflow(file, id);
	fs.rmSync(file);

	const completed = () =>
		[...fake.store.batchMessages.values()].filter((b) => ['QUEUED', 'COMPLETED'].includes(b.status))
			.length;
	const events = async () => {
		const all = [];
		for (const execution of await n8n.executions(owner.cookie, id)) {
			const full = await n8n.rest(owner.cookie, 'GET', `/executions/${execution.id}`);
			const { runData } = unflatten(full.data).resultData;
			all.push(...runData.Outcomes[0].data.main[0].map((item) => item.json));
		}
		return all;
	};
	const finished = async () =>
		(await n8n.executions(owner.cookie, id)).filter((e) => e.status === 'success');
	const reactivate = async () => {
		await n8n.rest(owner.cookie, 'POST', `/workflows/${id}/deactivate`, {});
		await n8n.activate(owner.cookie, id);
	};

	/** A batch by NHS App to two patients (one the NHS App cannot reach), sent, then 4 hours on. */
	const sendBatch = async (name) => {
		const created = await fake.call('POST', '/v1/batch_message', {
			name,
			channel: 'NHS_APP',
			content: 'Your review is due. Please book it with the surgery.',
			recipients: [
				{ nhs_number: '9990000069', dob: '1956-07-16' },
				{ nhs_number: '9990000107', dob: '1960-02-10' },
			],
		});
		await waitFor(
			async () => (await fake.call('GET', `/v1/batch_message/${created.id}`)).status === 'ENRICHED',
			'the batch to be enriched',
		);
		await fake.call('PATCH', `/v1/batch_message/${created.id}/send`);
		fake.advanceClock(4 * 3_600_000);
		return created;
	};

	// Whatever earlier tests sent, at least this batch is there to see.
	await sendBatch('outcomes-trigger-e2e-1');
	await n8n.activate(owner.cookie, id);
	await waitFor(async () => (await finished()).length === 1, 'the first poll to run the workflow');
	const first = await n8n.executions(owner.cookie, id);
	assert.equal(first.length, 1);

	// Reactivated (as after a restart), it polls again from the cursor it saved: nothing new.
	await reactivate();
	await new Promise((resolve) => setTimeout(resolve, 3000));
	assert.equal((await n8n.executions(owner.cookie, id)).length, 1, 'nothing emitted twice');

	// A batch sent now is seen once it completes, and only it.
	const created = await sendBatch('outcomes-trigger-e2e-2');
	await reactivate();
	await waitFor(async () => (await finished()).length === 2, 'the new batch to run the workflow');
	await reactivate();
	await new Promise((resolve) => setTimeout(resolve, 3000));
	assert.equal((await n8n.executions(owner.cookie, id)).length, 2);

	const emitted = await events();
	const keys = emitted.map((event) => event.event_id);
	assert.equal(new Set(keys).size, keys.length, 'no event twice');
	assert.equal(keys.filter((key) => key.startsWith('completed:')).length, completed());
	const fresh = emitted.filter((event) => event.batch.id === String(created.id));
	assert.deepEqual(fresh.map((event) => event.event).sort(), [
		'batchCompleted',
		'recipientsFailed',
		'recipientsNotReached',
		'recipientsNotReached',
	]);
	await n8n.rest(owner.cookie, 'POST', `/workflows/${id}/deactivate`, {});
	assert.deepEqual(fake.violations, []);
});

/**
 * What the credential test says per HTTP status. n8n 1.x's tester ignores a credential's rules
 * and answers in its own words (README, "Publishing and verification").
 */
const MESSAGES = () =>
	n8n.major === 1
		? {
				401: /^Authorization failed - please check your credentials$/,
				403: /^Forbidden - perhaps check your credentials\?$/,
				404: /^The resource you are requesting could not be found$/,
				unreachable: /^The service refused the connection - perhaps it is offline$/,
			}
		: {
				401: /^Hero refused the API Key: check it was copied whole/,
				403: /^Hero accepted the API Key but not for this Practice Group ID/,
				404: /^The Base URL answered, but has no Hero API at \/v1\/me: check the Environment/,
				unreachable: /^ECONNREFUSED$/,
			};

test('the credential test passes with the right key, and says which field to check when it fails', async () => {
	const credential = (apiKey) => ({
		credentials: {
			id: e2e.CREDENTIAL_ID,
			name: 'Hero Health account',
			type: 'heroHealthApi',
			data: {
				apiKey,
				practiceGroupId: fake.practiceGroupId,
				environment: 'custom',
				baseUrl: fake.url,
			},
		},
	});
	const ok = await n8n.rest(owner.cookie, 'POST', '/credentials/test', credential(fake.apiKey));
	assert.equal(ok.status, 'OK', JSON.stringify(ok));
	const wrongKey = 'revoked-key-for-e2e';
	const refused = await n8n.rest(owner.cookie, 'POST', '/credentials/test', credential(wrongKey));
	assert.equal(refused.status, 'Error', JSON.stringify(refused));
	assert.match(refused.message, MESSAGES()[401]);
	assert.doesNotMatch(JSON.stringify(refused), new RegExp(wrongKey));
	const me = fake.requestsFor('getPracticeGroupById');
	assert.ok(me.length >= 2, 'the test request reached Hero as GET /v1/me');
	assert.ok(me.every((r) => r.headers['x-practice-group-id'] === fake.practiceGroupId));
	const otherGroup = await n8n.rest(owner.cookie, 'POST', '/credentials/test', {
		credentials: {
			...credential(fake.apiKey).credentials,
			data: { ...credential(fake.apiKey).credentials.data, practiceGroupId: '9999' },
		},
	});
	assert.match(otherGroup.message, MESSAGES()[403]);
	const badUrl = await n8n.rest(owner.cookie, 'POST', '/credentials/test', {
		credentials: {
			...credential(fake.apiKey).credentials,
			data: {
				...credential(fake.apiKey).credentials.data,
				baseUrl: 'http://user:secret@127.0.0.1:9',
			},
		},
	});
	assert.equal(badUrl.status, 'Error');
	assert.match(badUrl.message, /must not contain a user name or password/);
	assert.doesNotMatch(JSON.stringify(badUrl), /secret/);

	// A Base URL where some other web server answers: its 404 names the Base URL.
	const notHero = http.createServer((req, res) => res.writeHead(404).end('<html>not here</html>'));
	await new Promise((resolve) => notHero.listen(0, '127.0.0.1', resolve));
	try {
		const wrong = await n8n.rest(owner.cookie, 'POST', '/credentials/test', {
			credentials: {
				...credential(fake.apiKey).credentials,
				data: {
					...credential(fake.apiKey).credentials.data,
					baseUrl: `http://127.0.0.1:${notHero.address().port}`,
				},
			},
		});
		assert.equal(wrong.status, 'Error');
		assert.match(wrong.message, MESSAGES()[404]);
	} finally {
		notHero.close();
	}
	// Nothing listening: n8n reports the network code alone, which the credential's notice explains.
	const unreachable = await n8n.rest(owner.cookie, 'POST', '/credentials/test', {
		credentials: {
			...credential(fake.apiKey).credentials,
			data: {
				...credential(fake.apiKey).credentials.data,
				baseUrl: `http://127.0.0.1:${await e2e.freePort()}`,
			},
		},
	});
	assert.equal(unreachable.status, 'Error');
	assert.match(unreachable.message, MESSAGES().unreachable);
	const types = await (
		await fetch(`${n8n.url}/types/credentials.json`, { headers: { cookie: owner.cookie } })
	).json();
	const notice = types
		.find((type) => type.name === 'heroHealthApi')
		?.properties.find((property) => property.type === 'notice');
	assert.match(
		notice?.displayName ?? '',
		/ECONNREFUSED, ENOTFOUND or ETIMEDOUT, n8n could not reach the API at all/,
	);
});

test("the demo's event button runs both trigger examples green, the reminder sending its SMS", async () => {
	const finished = async (id) =>
		(await n8n.executions(owner.cookie, id)).filter(
			(e) => e.status === 'success' || e.status === 'error',
		);
	const before = {
		crm: (await finished(IDS.crm)).length,
		reminder: (await finished(IDS.reminder)).length,
	};
	for (const id of [IDS.crm, IDS.reminder]) await n8n.activate(owner.cookie, id);
	await waitFor(
		() =>
			[...fake.store.webhooks.values()].filter((h) => h.event_type === 'appointment.confirmed')
				.length === 2,
		'both webhooks to be registered',
	);

	// What the demo page's button and `npm run demo:event` do.
	const response = await fetch(`${fake.url}/_demo/events/appointment.confirmed`, {
		method: 'POST',
	});
	const sent = await response.json();
	assert.equal(sent.deliveries.length, 2);
	assert.deepEqual(
		sent.deliveries.map((d) => d.status),
		[200, 200],
	);

	await waitFor(
		async () =>
			(await finished(IDS.crm)).length > before.crm &&
			(await finished(IDS.reminder)).length > before.reminder,
		'both executions to finish',
	);
	const crm = (await finished(IDS.crm)).slice(0, (await finished(IDS.crm)).length - before.crm);
	const reminder = (await finished(IDS.reminder)).slice(
		0,
		(await finished(IDS.reminder)).length - before.reminder,
	);
	assert.deepEqual(
		[...crm, ...reminder].map((e) => e.status),
		['success', 'success'],
	);
	const sms = fake
		.requestsFor('sendMessage')
		.filter((r) => /^Reminder: you have an appointment on /.test(r.body.message_string));
	assert.equal(sms.length, 1);
	assert.equal(sms[0].body.patient_id, '20001');

	const page = await (await fetch(`${fake.url}/_demo`)).text();
	assert.match(page, /appointment\.confirmed<\/button><\/td><td>2 webhook\(s\) registered/);
	for (const id of [IDS.crm, IDS.reminder])
		await n8n.rest(owner.cookie, 'POST', `/workflows/${id}/deactivate`, {});
	await waitFor(() => fake.store.webhooks.size === 0, 'the webhooks to be removed');
	assert.deepEqual(fake.violations, []);
});

test("the editor offers one Custom API Call: the node's own, with its retries and pacing", async () => {
	const response = await fetch(`${n8n.url}/types/nodes.json`, {
		headers: { cookie: owner.cookie },
	});
	assert.equal(response.status, 200);
	const types = (await response.json()).filter(
		(type) => type.name === 'n8n-nodes-herohealth.heroHealth',
	);
	assert.ok(types.length >= 1);
	for (const type of types) {
		const resources = type.properties.find((p) => p.name === 'resource').options.map((o) => o.name);
		assert.equal(
			resources.filter((name) => name === 'Custom API Call').length,
			1,
			JSON.stringify(resources),
		);
		for (const operation of type.properties.filter((p) => p.name === 'operation')) {
			assert.ok(
				!operation.options.some((o) => o.value === '__CUSTOM_API_CALL__'),
				'no injected entry in an Operation list',
			);
		}
	}
});

test("a file read by n8n's Read/Write Files from Disk becomes an attachment link, through n8n's filesystem binary data", async () => {
	const dir = fs.mkdtempSync(path.join(n8n.userFolder, 'files-'));
	const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n');
	fs.writeFileSync(path.join(dir, 'letter.pdf'), pdf);
	const id = 'HeroE2eAttachFil';
	const workflow = {
		name: 'Attach a letter (e2e)',
		nodes: [
			{
				id: 'a1',
				name: 'Start',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: 'a2',
				name: 'Read Letter',
				type: 'n8n-nodes-base.readWriteFile',
				typeVersion: 1,
				position: [200, 0],
				parameters: { operation: 'read', fileSelector: path.join(dir, 'letter.pdf'), options: {} },
			},
			{
				id: 'a3',
				name: 'Attachment Link',
				type: 'n8n-nodes-herohealth.heroHealth',
				typeVersion: 4,
				position: [400, 0],
				parameters: {
					resource: 'link',
					operation: 'createAttachmentLink',
					inputBinaryField: 'data',
					additionalFields: { patientId: '20001' },
				},
				credentials: { heroHealthApi: { id: e2e.CREDENTIAL_ID, name: 'Hero Health account' } },
			},
		],
		connections: {
			Start: { main: [[{ node: 'Read Letter', type: 'main', index: 0 }]] },
			'Read Letter': { main: [[{ node: 'Attachment Link', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
	const file = path.join(n8n.userFolder, 'attach.json');
	fs.writeFileSync(file, JSON.stringify(workflow));
	await n8n.importWorkflow(file, id);
	const saved = { ...n8n.env };
	// Binary data on disk, as queue mode keeps it; files readable only from this folder.
	Object.assign(n8n.env, {
		N8N_DEFAULT_BINARY_DATA_MODE: 'filesystem',
		N8N_RESTRICT_FILE_ACCESS_TO: dir,
	});
	let run;
	try {
		run = await n8n.execute(id);
	} finally {
		n8n.env = saved;
	}
	assert.equal(run.error, undefined);
	const [links] = run.output('Attachment Link');
	assert.equal(links.length, 1);
	assert.match(links[0].attachment_uuid, /^[0-9a-f-]{36}$/);
	const [sent] = fake.requestsFor('createAttachmentLink').slice(-1);
	assert.deepEqual(Buffer.from(sent.body.file_data, 'base64'), pdf);
	assert.equal(sent.body.file_name, 'letter.pdf');
	assert.equal(sent.body.patient_id, '20001');
	// The file went through n8n's filesystem store: its bytes are on disk under the user folder.
	const onDisk = fs
		.readdirSync(path.join(n8n.userFolder, '.n8n'), { recursive: true, withFileTypes: true })
		.filter((entry) => entry.isFile() && !entry.name.endsWith('.sqlite'))
		.map((entry) => path.join(entry.parentPath ?? entry.path, entry.name))
		.filter((file) => fs.statSync(file).size === pdf.length)
		.filter((file) => fs.readFileSync(file).equals(pdf));
	assert.ok(onDisk.length > 0, 'n8n kept the file in its filesystem binary store');
});
