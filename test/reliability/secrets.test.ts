import { createHmac } from 'crypto';

import { byId, logLines, observed, runHero } from '../harness/engine';
import { useFakeHero } from '../harness/fakeHero';
import { engineLogLines } from '../harness/logs';
import { findSecrets, secretsOf } from '../harness/secrets';
import { triggerWorkflow } from '../harness/trigger';
import { HeroHealth } from '../../nodes/HeroHealth/HeroHealth.node';
import { HeroHealthTrigger } from '../../nodes/HeroHealthTrigger/HeroHealthTrigger.node';

const fake = useFakeHero();

describe('secret hygiene', () => {
	it('errors, outputs and logs of failing and succeeding runs hold neither the API key nor signing keys', async () => {
		fake.inject({ operationId: 'getPatientById', status: 401 });
		await runHero({ resource: 'patient', operation: 'get', patientId: byId('20001') }, { fake });
		await runHero(
			{ resource: 'patient', operation: 'get', patientId: byId('1') },
			{ fake, continueOnFail: true },
		);
		fake.inject({ operationId: 'sendMessage', reset: 'after' });
		await runHero(
			{
				resource: 'message',
				operation: 'send',
				patientId: byId('20001'),
				channel: 'sms',
				message: 'x',
			},
			{ fake },
		);
		await runHero(
			{
				resource: 'webhook',
				operation: 'create',
				eventType: 'appointment.confirmed',
				url: 'https://example.com/h',
				additionalFields: { signingKey: 'whsec-user-chosen-key' },
			},
			{ fake },
		);
		await runHero({ resource: 'webhook', operation: 'list', returnAll: true }, { fake });
		const trigger = triggerWorkflow(fake, { events: ['appointment.cancelled'] });
		await trigger.activate();
		const key = [...fake.store.webhooks.values()].find(
			(h: { event_type: string }) => h.event_type === 'appointment.cancelled',
		).signing_key;
		const body = JSON.stringify({
			object: 'Appointment',
			id: '1',
			practice_group_id: fake.practiceGroupId,
			event: 'appointment.cancelled',
		});
		const ts = String(Math.floor(Date.now() / 1000));
		await trigger.deliver(body, {
			'X-Herohealth-Timestamp': ts,
			'X-Herohealth-Signature': createHmac('sha256', key).update(`${ts}.${body}`).digest('hex'),
		});
		await trigger.deliver(body, {
			'X-Herohealth-Timestamp': ts,
			'X-Herohealth-Signature': 'forged',
		});
		await trigger.deactivate();

		const secrets = secretsOf(fake);
		expect(secrets.length).toBeGreaterThanOrEqual(3);
		// The scan reads real material: outputs, errors and log lines were recorded.
		expect(observed.length).toBeGreaterThan(5);
		expect(engineLogLines().length + logLines.length).toBeGreaterThan(0);
		expect(findSecrets(secrets)).toEqual([]);
	});

	it('the scan does find a secret that leaks', () => {
		observed.push({ leaked: `key is ${fake.apiKey}` });
		expect(findSecrets([fake.apiKey])).toEqual([
			`${fake.apiKey.slice(0, 4)}… in node output or error`,
		]);
		observed.pop();
	});

	it('node and credential descriptions carry no secrets or example keys', () => {
		const descriptions = JSON.stringify([
			new HeroHealth().description,
			new HeroHealthTrigger().description,
		]);
		expect(descriptions).not.toContain(fake.apiKey);
		expect(descriptions).not.toMatch(/sk_live|whsec_[A-Za-z0-9]{10}/);
	});
});

describe('a server that repeats the API key, in every form, on every path', () => {
	// A key with characters that encode differently in a URL and in base64.
	const KEY = 'sk_test/Hero+Key=7f3a9c&more%2Fsecret';
	const echo = useFakeHero({ apiKey: KEY });
	const base64 = (text: string) => Buffer.from(text).toString('base64');
	/** Every form a server could repeat the key in: whole, URL-encoded, base64 inside a longer text, in halves. */
	const forms = [
		KEY,
		encodeURIComponent(KEY),
		base64(KEY).slice(0, -4),
		base64(`x${KEY}`).slice(4, -4),
		base64(`xy${KEY}`).slice(4, -4),
		KEY.slice(0, Math.ceil(KEY.length / 2)),
		KEY.slice(Math.floor(KEY.length / 2)),
	];
	const echoBody = (status: number) => ({
		error: true,
		statusCode: status,
		message: [
			{ path: ['x-api-key'], expected: `the key ${KEY}` },
			{ path: ['url'], expected: `?key=${encodeURIComponent(KEY)}` },
			{ path: ['auth'], expected: `Basic ${base64(`user:${KEY}`)}` },
			{ path: ['first'], expected: forms[5] },
			{ path: ['second'], expected: forms[6] },
		],
	});
	const leaks = () => {
		const haystack = [
			JSON.stringify(observed, (_key, value) =>
				value instanceof Error
					? {
							message: value.message,
							description: (value as { description?: unknown }).description,
						}
					: value,
			),
			logLines.join('\n'),
			engineLogLines().join('\n'),
		].join('\n');
		return forms.filter((form) => haystack.includes(form)).map((form) => `${form.slice(0, 6)}…`);
	};
	const getPatient = {
		resource: 'patient',
		operation: 'get',
		patientId: byId('20001'),
		requestOptions: { maxAttempts: 1 },
	};
	const send = {
		resource: 'message',
		operation: 'send',
		patientId: byId('20001'),
		channel: 'sms',
		message: 'Your results are ready',
		requestOptions: { maxAttempts: 1 },
	};

	beforeEach(() => {
		observed.length = 0;
	});

	it.each([400, 401, 403, 404, 409, 422, 429, 500, 502, 503])(
		'HTTP %i: the error, its description and the Continue On Fail item hold no form of the key',
		async (status) => {
			for (const continueOnFail of [false, true]) {
				for (const parameters of [getPatient, send]) {
					echo.inject({
						operationId: parameters === send ? 'sendMessage' : 'getPatientById',
						status,
						body: echoBody(status),
					});
					const run = await runHero(parameters, { fake: echo, continueOnFail });
					if (continueOnFail) expect(run.json[0].error).toBeDefined();
					else expect(run.error).toBeDefined();
					observed.push(run.error ?? run.json);
				}
			}
			expect(observed.length).toBeGreaterThanOrEqual(4);
			expect(leaks()).toEqual([]);
		},
	);

	it('a network failure, a redirect to an address holding the key and a text answer echoing it hold none either', async () => {
		echo.inject({ operationId: 'getPatientById', reset: 'before' });
		observed.push((await runHero(getPatient, { fake: echo, continueOnFail: true })).json);
		echo.inject({
			operationId: 'getPatientById',
			status: 302,
			headers: { location: `https://other.example/?k=${encodeURIComponent(KEY)}` },
		});
		observed.push((await runHero(getPatient, { fake: echo })).error);
		echo.inject({
			operationId: 'sendMessage',
			status: 200,
			raw: `OK, sent with ${KEY}`,
			contentType: 'text/plain',
		});
		const text = await runHero(send, { fake: echo });
		expect(text.json[0].message).toContain('[hidden]');
		observed.push(text.json);
		echo.inject({
			operationId: 'getPatientById',
			status: 200,
			body: { id: '20001', note: `key ${base64(`user:${KEY}`)}` },
		});
		const json = await runHero({ ...getPatient, output: 'raw' }, { fake: echo });
		expect(json.json[0].note).toContain('[hidden]');
		observed.push(json.json);
		expect(leaks()).toEqual([]);
	});

	it("the trigger's record_error holds no form of the key or of its signing keys", async () => {
		const trigger = triggerWorkflow(echo, {
			events: ['patient.medical-record-updated'],
			options: { fetchFullRecord: true },
		});
		await trigger.activate();
		const signingKey = [...echo.store.webhooks.values()][0].signing_key as string;
		echo.inject({
			operationId: 'getPatientById',
			status: 500,
			body: {
				error: true,
				statusCode: 500,
				message: [{ path: ['k'], expected: `${KEY} ${signingKey}` }],
			},
		});
		const body = JSON.stringify({
			object: 'Patient',
			id: '20001',
			practice_group_id: echo.practiceGroupId,
			event: 'patient.medical-record-updated',
		});
		const ts = String(Math.floor(Date.now() / 1000));
		const delivery = await trigger.deliver(body, {
			'X-Herohealth-Timestamp': ts,
			'X-Herohealth-Signature': createHmac('sha256', signingKey)
				.update(`${ts}.${body}`)
				.digest('hex'),
		});
		await trigger.deactivate();
		expect(delivery.items[0].record_error).toBe('Hero could not handle the request (HTTP 500)');
		observed.push(delivery.items);
		expect(leaks()).toEqual([]);
		expect(JSON.stringify(delivery.items)).not.toContain(signingKey);
	});

	it('the check finds a leak: each form, left in an output, is caught', () => {
		for (const form of forms) {
			observed.push({ leaked: `…${form}…` });
			expect(leaks()).toContain(`${form.slice(0, 6)}…`);
			observed.pop();
		}
	});
});
