// The practice sign-off controls on the real engine: quiet hours (Send Window) and the
// contactability guard, by node version.
import type { IDataObject } from 'n8n-workflow';

import { byId, runHero } from '../../../harness/engine';
import { at } from '../../../harness/clock';
import { useFakeHero } from '../../../harness/fakeHero';

const fake = useFakeHero();

const send = (extra: IDataObject = {}): IDataObject => ({
	resource: 'message',
	operation: 'send',
	patientId: byId('20001'),
	channel: 'sms',
	message: 'Your flu clinic invitation',
	...extra,
});

/** Send Batch under the window alone; the recipients' check is tested on a real batch below. */
const windowedBatch = {
	resource: 'message',
	operation: 'sendBatch',
	batchMessageId: byId('9001'),
	sendWindow: 'refuse',
	contactabilityCheck: 'off',
};

describe('Send Window (quiet hours)', () => {
	it.each([
		// [case, Send At given, Hero receives send_at]
		[
			'spring forward: Saturday 21:00 GMT goes to Sunday 08:00 BST',
			'2027-03-27T21:00:00Z',
			'2027-03-28T07:00:00Z',
		],
		[
			'fall back: Saturday 21:30 BST goes to Sunday 08:00 GMT',
			'2026-10-24T20:30:00Z',
			'2026-10-25T08:00:00Z',
		],
		[
			'inside the window, on the day the clocks go forward',
			'2027-03-28T07:00:00Z',
			'2027-03-28T07:00:00Z',
		],
		[
			'inside the window, on the day the clocks go back',
			'2026-10-25T19:59:00Z',
			'2026-10-25T19:59:00Z',
		],
	])('Schedule for When It Opens: a Send At %s', async (_case, sendAt, received) => {
		// The clock is set before every case: each Send At is in its future.
		const run = await at('2026-10-01T12:00:00Z', () =>
			runHero(send({ sendWindow: 'schedule', additionalFields: { sendAt } }), { fake }),
		);
		expect(run.error).toBeUndefined();
		expect(fake.requestsFor('sendMessage')[0].body.send_at).toBe(received);
	});

	it('Refuse Outside It: a Send At at night fails before sending, naming the next opening, on the error output too', async () => {
		const run = await at('2026-10-01T12:00:00Z', () =>
			runHero(
				send({ sendWindow: 'refuse', additionalFields: { sendAt: '2026-10-24T20:30:00Z' } }),
				{ fake, continueOnFail: true },
			),
		);
		expect(run.json[0]).toEqual({
			error:
				'[item 0] Send Window: Send At 2026-10-24T20:30:00Z is outside Mon-Sun 08:00-20:00 (UK time); it next opens at 2026-10-25T08:00:00Z',
			description: expect.stringContaining('Wait node'),
			next_window_opens_at: '2026-10-25T08:00:00Z',
		});
		expect(fake.requestsFor('sendMessage')).toEqual([]);
	});

	it.each([
		['Off', 'off'],
		['Refuse Outside It', 'refuse'],
	])(
		'a Send At in the past is refused with the Send Window %s: Hero would send it at once',
		async (_label, sendWindow) => {
			const run = await at('2026-12-02T02:00:00Z', () =>
				runHero(send({ sendWindow, additionalFields: { sendAt: '2026-12-01T10:00:00Z' } }), {
					fake,
				}),
			);
			expect(run.error?.message).toBe(
				'[item 0] Send At: 2026-12-01T10:00:00Z is in the past, so nothing was sent (Hero would send it at once, at whatever hour it is)',
			);
			expect(fake.requestsFor('sendMessage')).toEqual([]);
		},
	);

	it('under Schedule, a Send At in the past moves to the window: the next opening at night, now inside it', async () => {
		await at('2026-12-02T02:00:00Z', () =>
			runHero(
				send({ sendWindow: 'schedule', additionalFields: { sendAt: '2026-12-01T10:00:00Z' } }),
				{ fake },
			),
		);
		expect(fake.requestsFor('sendMessage')[0].body.send_at).toBe('2026-12-02T08:00:00Z');
		await at('2026-12-02T12:00:00Z', () =>
			runHero(
				send({ sendWindow: 'schedule', additionalFields: { sendAt: '2026-12-01T10:00:00Z' } }),
				{ fake },
			),
		);
		expect(fake.requestsFor('sendMessage')[1].body).not.toHaveProperty('send_at');
	});

	it('without a Send At, now is checked: at 02:00 UK the message is scheduled for 08:00 through Send At', async () => {
		await at('2026-12-02T02:00:00Z', async () => {
			const run = await runHero(send({ sendWindow: 'schedule' }), { fake });
			expect(run.error).toBeUndefined();
		});
		expect(fake.requestsFor('sendMessage')[0].body.send_at).toBe('2026-12-02T08:00:00Z');
	});

	it('without a Send At, inside the window it is sent at once, with no Send At', async () => {
		await at('2026-12-02T12:00:00Z', async () => {
			await runHero(send({ sendWindow: 'schedule' }), { fake });
		});
		expect(fake.requestsFor('sendMessage')[0].body).not.toHaveProperty('send_at');
	});

	it.each([
		[
			'spring forward: Saturday 27 March 2027, 21:00 GMT',
			'2027-03-27T21:00:00Z',
			'2027-03-28T07:00:00Z',
		],
		[
			'fall back: Saturday 24 October 2026, 21:30 BST',
			'2026-10-24T20:30:00Z',
			'2026-10-25T08:00:00Z',
		],
	])(
		'Refuse Outside It across the clock changes, %s: Send a Message and Send Batch name the same next opening',
		async (_case, now, opens) => {
			const [message, batched] = await at(now, async () => [
				await runHero(send({ sendWindow: 'refuse' }), { fake, continueOnFail: true }),
				await runHero(windowedBatch, { fake, continueOnFail: true }),
			]);
			expect(message.json[0].next_window_opens_at).toBe(opens);
			expect(batched.json[0].next_window_opens_at).toBe(opens);
			expect(fake.requestsFor('sendMessage')).toEqual([]);
			expect(fake.requestsFor('sendBatchMessage')).toEqual([]);
		},
	);

	it.each([
		['spring forward', '2027-03-28T07:30:00Z'],
		['fall back', '2026-10-25T12:00:00Z'],
	])('inside the window on the day of the %s, both send at once', async (_case, now) => {
		await at(now, async () => {
			await runHero(send({ sendWindow: 'schedule' }), { fake });
			await runHero(windowedBatch, { fake });
		});
		expect(fake.requestsFor('sendMessage')[0].body).not.toHaveProperty('send_at');
		expect(fake.requestsFor('sendBatchMessage')).toHaveLength(1);
	});

	it('Send Batch, which Hero cannot schedule, is refused outside the window and sent inside it', async () => {
		const night = await at(
			'2026-12-02T02:00:00Z',
			async () => await runHero(windowedBatch, { fake, continueOnFail: true }),
		);
		expect(night.json[0]).toMatchObject({ next_window_opens_at: '2026-12-02T08:00:00Z' });
		expect(fake.requestsFor('sendBatchMessage')).toEqual([]);
		await at('2026-12-02T12:00:00Z', async () => await runHero(windowedBatch, { fake }));
		expect(fake.requestsFor('sendBatchMessage')).toHaveLength(1);
	});

	it('a Send Window Hours that does not read stops the run naming the field, before anything is sent', async () => {
		const run = await runHero(send({ sendWindow: 'schedule', sendWindowHours: '8 till 8' }), {
			fake,
			items: [{}, {}],
		});
		expect(run.error?.message).toMatch(
			/^\[item 0\] Send Window Hours: does not read as days and hours/,
		);
		expect(fake.requests).toEqual([]);
	});

	it('new nodes (version 4) schedule by default; saved workflows (version 3) keep sending as before', async () => {
		const night = { additionalFields: { sendAt: '2026-12-02T02:00:00Z' } };
		await at('2026-12-01T12:00:00Z', async () => {
			await runHero(send(night), { fake, typeVersion: 3 });
			await runHero(send(night), { fake, typeVersion: 4 });
		});
		const [v3, v4] = fake.requestsFor('sendMessage');
		expect(v3.body.send_at).toBe('2026-12-02T02:00:00Z');
		expect(v4.body.send_at).toBe('2026-12-02T08:00:00Z');
	});

	it('Dry Run shows the Send At the window would set, and sends nothing', async () => {
		const run = await runHero(
			send({ dryRun: true, additionalFields: { sendAt: '2027-03-27T21:00:00Z' } }),
			{ fake },
		);
		expect(run.json[0]).toMatchObject({ dry_run: true, body: { send_at: '2027-03-28T07:00:00Z' } });
		expect(fake.requests.filter((r) => r.method !== 'GET')).toEqual([]);
	});
});

describe('Contactability Check', () => {
	const daytime = { sendWindow: 'off' };
	const reads = () => fake.requestsFor('getPatientById').length;
	afterEach(() => {
		for (const patient of fake.store.patients.values()) {
			patient.deceased_at = null;
			patient.restricted = false;
		}
	});

	it('a patient recorded as deceased is refused, naming the item and the reason, not the patient', async () => {
		fake.store.patients.get('20001').deceased_at = '2026-11-01T00:00:00Z';
		const run = await runHero(send(daytime), { fake, continueOnFail: true });
		expect(run.json[0].error).toBe(
			"[item 0] Contactability Check: Hero's record shows the patient as deceased, so nothing was sent",
		);
		expect(JSON.stringify(run.json)).not.toContain(fake.store.patients.get('20001').last_name);
		expect(fake.requestsFor('sendMessage')).toEqual([]);
	});

	it('a restricted record is refused by default, and sent to only when the option allows it', async () => {
		fake.store.patients.get('20001').restricted = true;
		const refused = await runHero(send(daytime), { fake, continueOnFail: true });
		expect(refused.json[0].error).toContain('restricted, so nothing was sent');
		const allowed = await runHero(send({ ...daytime, contactabilityCheck: 'allowRestricted' }), {
			fake,
		});
		expect(allowed.error).toBeUndefined();
		expect(fake.requestsFor('sendMessage')).toHaveLength(1);
	});

	it.each([
		[404, 'could not be read (HTTP 404)'],
		[403, 'could not be read (HTTP 403)'],
	])('a record that cannot be read (%i) fails closed', async (status, why) => {
		fake.inject({ operationId: 'getPatientById', status });
		const run = await runHero(send(daytime), { fake, continueOnFail: true });
		expect(run.json[0].error).toContain(why);
		expect(fake.requestsFor('sendMessage')).toEqual([]);
	});

	it('each patient is read once per run: 30 messages to 10 patients make 10 reads', async () => {
		const items = Array.from({ length: 30 }, (_, i) => ({ patient: String(20001 + (i % 10)) }));
		const run = await runHero(send({ ...daytime, patientId: byId('={{ $json.patient }}') }), {
			fake,
			items,
		});
		expect(run.error).toBeUndefined();
		expect(reads()).toBe(10);
		expect(fake.requestsFor('sendMessage')).toHaveLength(30);
	});

	it('one deceased patient among many: the others are sent, that one refused (Continue On Fail)', async () => {
		fake.store.patients.get('20003').deceased_at = '2026-11-01T00:00:00Z';
		const items = ['20001', '20002', '20003', '20004'].map((patient) => ({ patient }));
		const run = await runHero(send({ ...daytime, patientId: byId('={{ $json.patient }}') }), {
			fake,
			items,
			continueOnFail: true,
		});
		expect(run.json.map((item) => (item.error ? 'refused' : 'sent'))).toEqual([
			'sent',
			'sent',
			'refused',
			'sent',
		]);
		expect(fake.requestsFor('sendMessage').map((r) => String(r.body.patient_id))).toEqual([
			'20001',
			'20002',
			'20004',
		]);
	});

	it('saved workflows (version 3) do not read the patient; new nodes (version 4) do', async () => {
		await runHero(send(daytime), { fake, typeVersion: 3 });
		expect(reads()).toBe(0);
		await runHero(send(daytime), { fake, typeVersion: 4 });
		expect(reads()).toBe(1);
	});

	it('the read acts for the practice the message acts for', async () => {
		await runHero(send({ ...daytime, requestOptions: { practiceGroupId: '4243' } }), { fake });
		expect(fake.requestsFor('getPatientById').map((r) => r.headers['x-practice-group-id'])).toEqual(
			['4243'],
		);
	});
});

describe('one boundary: whichever way a request reaches an endpoint that messages a patient', () => {
	const custom = (method: string, path: string, body?: IDataObject): IDataObject => ({
		resource: 'customApiCall',
		operation: 'call',
		method,
		path,
		...(body ? { options: { body: JSON.stringify(body) } } : {}),
	});
	const sms = { patient_id: '20001', message_type: 'sms', message_string: 'Your review is due' };

	afterEach(() => {
		fake.store.patients.get('20001').deceased_at = null;
	});

	it.each([
		['the node', false],
		["an AI agent's tool", true],
	])(
		'as %s, a Custom API Call to Send a Message at 02:00 is scheduled for the window, as Send a Message is',
		async (_as, asTool) => {
			await at('2026-12-02T02:00:00Z', () =>
				runHero(custom('POST', '/v1/messages/send', sms), { fake, asTool }),
			);
			expect(fake.requestsFor('sendMessage')[0].body.send_at).toBe('2026-12-02T08:00:00Z');
		},
	);

	it('a Custom API Call to Send a Message for a patient who has died is refused; nothing is sent', async () => {
		fake.store.patients.get('20001').deceased_at = '2026-11-01T00:00:00Z';
		const run = await runHero(custom('POST', '/v1/messages/send', sms), { fake });
		expect(run.error?.message).toBe(
			"[item 0] Contactability Check: Hero's record shows the patient as deceased, so nothing was sent",
		);
		expect(fake.received('sendMessage')).toBe(0);
	});

	it('a Custom API Call to Send a Batch Message at night is refused: Hero cannot schedule it', async () => {
		const run = await at('2026-12-02T02:00:00Z', () =>
			runHero(custom('PATCH', '/v1/batch_message/7001/send'), { fake }),
		);
		expect(run.error?.message).toMatch(
			/^\[item 0\] Send Window: now is outside Mon-Sun 08:00-20:00 \(UK time\); it next opens at 2026-12-02T08:00:00Z/,
		);
		expect(fake.requests).toEqual([]);
	});

	it('Extra Body Fields cannot slip a Send At past the window: the final body is what is checked', async () => {
		await at('2026-12-02T12:00:00Z', () =>
			runHero(
				send({
					sendWindow: 'refuse',
					additionalFields: { extraBodyFields: '{"send_at": "2026-12-03T02:00:00Z"}' },
				}),
				{ fake, continueOnFail: true },
			),
		);
		expect(fake.received('sendMessage')).toBe(0);
	});

	it('an endpoint that messages nobody meets no window; saved workflows (version 3) keep their Custom API Call as before', async () => {
		await at('2026-12-02T02:00:00Z', async () => {
			const me = await runHero(custom('GET', '/v1/me'), { fake });
			expect(me.error).toBeUndefined();
			const saved = await runHero(custom('POST', '/v1/messages/send', sms), {
				fake,
				typeVersion: 3,
			});
			expect(saved.error).toBeUndefined();
		});
		expect(fake.requestsFor('sendMessage')[0].body).not.toHaveProperty('send_at');
		expect(fake.received('getPatient')).toBe(0);
	});
});

describe('Contactability Check on a batch', () => {
	const patientsOf = () => [...(fake.store.patients.values() as Iterable<IDataObject>)].slice(0, 2);

	afterEach(() => {
		for (const patient of patientsOf()) patient.deceased_at = null;
	});

	it('Send Batch reads every matched recipient first; one who has died stops the whole send, since Hero cannot leave them out', async () => {
		const [first, second] = patientsOf();
		const created = await runHero(
			{
				resource: 'message',
				operation: 'createBatch',
				name: 'Recall',
				batchChannel: 'SMS',
				content: 'Your review is due',
				recipients: JSON.stringify(
					[first, second].map((p) => ({ nhs_number: p.nhs_number, dob: p.dob })),
				),
			},
			{ fake },
		);
		const id = String(created.json[0].id);
		second.deceased_at = '2026-11-01T00:00:00Z';
		const sendBatch = {
			resource: 'message',
			operation: 'sendBatch',
			batchMessageId: byId(id),
			sendWindow: 'off',
		};
		const refused = await runHero(sendBatch, { fake });
		expect(refused.error?.message).toBe(
			"[item 0] Contactability Check: 1 of the batch's 2 recipients were refused (deceased, restricted, or not checkable), and Hero cannot send a batch to only some of its recipients, so nothing was sent",
		);
		expect(fake.received('sendBatchMessage')).toBe(0);
		second.deceased_at = null;
		const sent = await runHero(sendBatch, { fake });
		expect(sent.error).toBeUndefined();
		expect(fake.received('sendBatchMessage')).toBe(1);
	});
});
